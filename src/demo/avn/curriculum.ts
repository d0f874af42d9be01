/**
 * Curricula (AVN 11): one study plan per programme and intake year, 6–8 disciplines a semester
 * worth 30 credits, general education in the first two years, coursework, practice and the final
 * thesis at the end. A programme keeps one template and each intake year varies it slightly,
 * as real plans drift from year to year.
 */
import { CURRENT_YEAR, day } from '../calendar';
import type { Rng } from '../random';
import { GEN_ED, GEN_ED_PLAN, MASTER_COURSES, PROGRAMME_COURSES, type GenEdKey } from './catalog';
import type { Chair, Discipline, Faculty, FormaKontrolya, Group, Plan, PlanItem, Spec } from './model';
import type { Structure } from './structure';

type SlotKind = 'gen' | 'lang' | 'pe' | 'core' | 'intro' | 'coursework' | 'practice' | 'thesis';

interface Slot {
  kind: SlotKind;
  kafId: number;
  ky: string;
  ru: string;
}

export interface Curriculum {
  disciplines: Discipline[];
  plans: Plan[];
  items: PlanItem[];
  /** plan id → plan */
  planById: Map<number, Plan>;
  itemById: Map<number, PlanItem>;
}

class DisciplineRegistry {
  readonly list: Discipline[] = [];
  private readonly byKey = new Map<string, number>();

  id(kafId: number, ky: string, ru: string): number {
    const key = `${kafId}|${ru}`;
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.list.length + 1;
      const initials = ky.split(/[\s-]+/).filter((w) => w.length > 2).map((w) => w[0].toUpperCase()).join('').slice(0, 3) || ky.slice(0, 2).toUpperCase();
      this.list.push({ id, kafId, kod: `${initials} ${1000 + id}`, nameKy: ky, nameRu: ru });
      this.byKey.set(key, id);
    }
    return id;
  }
}

const part = (name: string, n: number): string => (n > 0 ? `${name} ${n}` : name);

export function buildCurriculum(rng: Rng, structure: Structure): Curriculum {
  const registry = new DisciplineRegistry();
  const genEdChair = new Map<GenEdKey, number>();
  for (const chair of structure.chairs) if (chair.genEd && !genEdChair.has(chair.genEd)) genEdChair.set(chair.genEd, chair.id);

  const plans: Plan[] = [];
  const items: PlanItem[] = [];
  const cohortPlan = new Map<string, number>();
  for (const spec of structure.specs) {
    const faculty = structure.faculties[spec.facId - 1];
    const template = specTemplate(rng.fork('template', spec.id), spec, faculty, structure.chairs, genEdChair);
    for (let intake = CURRENT_YEAR - spec.srok; intake <= CURRENT_YEAR; intake++) {
      const r = rng.fork('plan', spec.id, intake);
      const plan: Plan = {
        id: plans.length + 1,
        specId: spec.id,
        intake,
        name: `${spec.shifr} «${spec.nameKy}» — ${intake}-жылы кабыл алынгандар үчүн окуу планы`,
        approved: day(intake, 6, r.int(5, 28)),
        bySemester: new Map(),
      };
      plans.push(plan);
      cohortPlan.set(`${spec.id}|${intake}`, plan.id);
      const taken = new Set(template.flat().map((slot) => baseName(slot.ru)));
      template.forEach((slots, index) => {
        const semestr = index + 1;
        const varied = spec.uroven === 'magistr' ? slots : varySlots(r, slots, faculty, structure.chairs, taken);
        const credits = splitCredits(r, varied);
        const list: PlanItem[] = varied.map((slot, k) => {
          const item = planItem(r, items.length + 1 + k, plan.id, registry.id(slot.kafId, slot.ky, slot.ru), semestr, credits[k], slot, faculty);
          return item;
        });
        items.push(...list);
        plan.bySemester.set(semestr, list);
      });
    }
  }
  for (const group of structure.groups) group.planId = cohortPlan.get(`${group.specId}|${group.intake}`)!;
  return {
    disciplines: registry.list,
    plans,
    items,
    planById: new Map(plans.map((p) => [p.id, p])),
    itemById: new Map(items.map((i) => [i.id, i])),
  };
}

/** The programme's semesters, each a list of slots (before credits are given out). */
function specTemplate(rng: Rng, spec: Spec, faculty: Faculty, chairs: Chair[], genEdChair: Map<GenEdKey, number>): Slot[][] {
  const semesters = spec.srok * 2;
  const own = spec.kafId;
  const field = chairs[own - 1];
  const fixed: Slot[][] = Array.from({ length: semesters }, () => []);
  const counts = Array.from({ length: semesters }, (_, i) => (i === semesters - 1 ? rng.int(3, 4) : rng.int(6, 8)));

  if (spec.uroven === 'magistr') {
    fixed[0].push(slot('gen', own, PROGRAMME_COURSES.methodology), slot('lang', genEdChair.get('english') ?? own, PROGRAMME_COURSES.profLanguage));
    fixed[1].push(slot('gen', genEdChair.get('philosophy') ?? own, PROGRAMME_COURSES.pedagogyHe));
    fixed[2].push(slot('practice', own, PROGRAMME_COURSES.researchPractice));
    fixed[3].push(slot('practice', own, PROGRAMME_COURSES.teachingPractice), slot('thesis', own, PROGRAMME_COURSES.dissertation));
  } else {
    for (const [sem, subjects] of Object.entries(GEN_ED_PLAN)) {
      for (const [key, n] of subjects) {
        if (key === 'informatics' && faculty.entry.short === 'ИМИК') continue; // IT programmes have their own
        const kind: SlotKind = key === 'pe' ? 'pe' : key === 'english' || key === 'kyrgyz' || key === 'russian' ? 'lang' : 'gen';
        fixed[Number(sem) - 1].push({ kind, kafId: genEdChair.get(key) ?? own, ky: part(GEN_ED[key].ky, n), ru: part(GEN_ED[key].ru, n) });
      }
    }
    fixed[0].push(slot('intro', own, PROGRAMME_COURSES.intro));
    fixed[4].push({ kind: 'coursework', kafId: own, ky: `${PROGRAMME_COURSES.coursework.ky} 1`, ru: `${PROGRAMME_COURSES.coursework.ru} 1` });
    fixed[5].push({ kind: 'coursework', kafId: own, ky: `${PROGRAMME_COURSES.coursework.ky} 2`, ru: `${PROGRAMME_COURSES.coursework.ru} 2` });
    fixed[semesters - 2].push(slot('practice', own, PROGRAMME_COURSES.practice));
    fixed[semesters - 1].push(slot('thesis', own, PROGRAMME_COURSES.thesis));
  }

  const coreNeeded = counts.reduce((sum, n, i) => sum + Math.max(0, n - fixed[i].length), 0);
  const queue = coreQueue(rng, spec, faculty, field, coreNeeded);
  let q = 0;
  return fixed.map((slots, i) => {
    const out = slots.slice();
    while (out.length < counts[i] && q < queue.length) out.push(queue[q++]);
    return out;
  });
}

function slot(kind: SlotKind, kafId: number, names: { ky: string; ru: string }): Slot {
  return { kind, kafId, ky: names.ky, ru: names.ru };
}

/**
 * Core disciplines in teaching order: all first parts, then second parts, then third, so that
 * "Математикалык анализ 2" always comes after "Математикалык анализ 1".
 */
function coreQueue(rng: Rng, spec: Spec, faculty: Faculty, field: Chair, needed: number): Slot[] {
  const chairIds = faculty.chairIds;
  const ownerOf = (index: number) => chairIds[index % chairIds.length];
  type Base = { ky: string; ru: string; kafId: number };
  const bases: Base[] = [];
  if (spec.uroven === 'magistr') {
    for (const [ky, ru] of MASTER_COURSES) bases.push({ ky: ky.replace('{f}', field.fieldKy), ru: ru.replace('{f}', field.fieldRu), kafId: field.id });
    faculty.entry.disciplines.forEach(([ky, ru], i) => bases.push({ ky: `${ky} (тереңдетилген курс)`, ru: `${ru} (углублённый курс)`, kafId: ownerOf(i) }));
  } else {
    const pool = faculty.entry.disciplines.map(([ky, ru], i) => ({ ky, ru, kafId: ownerOf(i) }));
    // the programme's own chair's disciplines first, then the faculty's
    bases.push(...rng.shuffle(pool.filter((b) => b.kafId === field.id)), ...rng.shuffle(pool.filter((b) => b.kafId !== field.id)));
  }
  const partsOf = bases.map(() => 0);
  let total = 0;
  for (let round = 0; round < 3 && total < needed; round++) {
    for (let i = 0; i < bases.length && total < needed; i++) {
      if (round === 0 || rng.chance(0.7)) {
        partsOf[i]++;
        total++;
      }
    }
  }
  const queue: Slot[] = [];
  for (let p = 1; p <= 3; p++) {
    const layer: Slot[] = [];
    bases.forEach((b, i) => {
      if (partsOf[i] >= p) layer.push({ kind: 'core', kafId: b.kafId, ky: partsOf[i] > 1 ? part(b.ky, p) : b.ky, ru: partsOf[i] > 1 ? part(b.ru, p) : b.ru });
    });
    queue.push(...rng.shuffle(layer));
  }
  // electives fill whatever the faculty's list could not
  for (let n = 1; queue.length < needed; n++) {
    queue.push({ kind: 'core', kafId: field.id, ky: `Тандоо курсу ${n}`, ru: `Дисциплина по выбору ${n}` });
  }
  return queue;
}

/** "Базы данных 2" → "Базы данных": a course and its parts share a base name. */
function baseName(name: string): string {
  return name.replace(/ \d+$/, '');
}

/**
 * An intake year's variation of the template: now and then a single (unnumbered) core course is
 * swapped for another of the faculty's courses that the plan does not have in any form.
 */
function varySlots(rng: Rng, slots: Slot[], faculty: Faculty, chairs: Chair[], taken: Set<string>): Slot[] {
  return slots.map((s) => {
    if (s.kind !== 'core' || baseName(s.ru) !== s.ru || !rng.chance(0.05)) return s;
    const i = rng.int(0, faculty.entry.disciplines.length - 1);
    const [ky, ru] = faculty.entry.disciplines[i];
    if (taken.has(ru)) return s;
    taken.add(ru);
    return { kind: 'core' as const, kafId: chairs[faculty.chairIds[i % faculty.chairIds.length] - 1].id, ky, ru };
  });
}

const CREDIT_WEIGHT: Record<SlotKind, number> = { pe: 0.45, lang: 0.8, gen: 0.75, core: 1, intro: 0.6, coursework: 0.6, practice: 1.6, thesis: 2.6 };

/** Integer credits summing to 30 (largest remainder), at least 2 each. */
function splitCredits(rng: Rng, slots: Slot[]): number[] {
  const weights = slots.map((s) => CREDIT_WEIGHT[s.kind] * (s.kind === 'core' ? rng.real(0.85, 1.2) : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (w / sum) * 30);
  const credits = raw.map((x) => Math.max(2, Math.floor(x)));
  let left = 30 - credits.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) credits[order[k][1]]++;
  for (let k = 0; left < 0; k = (k + 1) % credits.length) {
    const i = credits.length - 1 - k;
    if (credits[i] > 2) {
      credits[i]--;
      left++;
    }
  }
  return credits;
}

const MAXIMA: Record<FormaKontrolya, [number, number, number]> = {
  ekzamen: [30, 30, 40],
  zachet: [40, 40, 20],
  dif_zachet: [35, 35, 30],
  kursovaya: [30, 30, 40],
};

function planItem(rng: Rng, id: number, planId: number, discId: number, semestr: number, kredity: number, slot: Slot, faculty: Faculty): PlanItem {
  const total = kredity * 30;
  const even = (x: number) => Math.round(x / 2) * 2;
  let lek = 0;
  let prak = 0;
  let lab = 0;
  let forma: FormaKontrolya;
  switch (slot.kind) {
    case 'pe':
      prak = kredity * 16;
      forma = 'zachet';
      break;
    case 'practice':
      forma = 'dif_zachet';
      break;
    case 'thesis':
      forma = 'ekzamen';
      break;
    case 'coursework':
      prak = 8;
      forma = 'kursovaya';
      break;
    case 'lang':
      prak = even(total * 0.4);
      forma = rng.weighted(['ekzamen', 'zachet', 'dif_zachet'] as const, [5, 3, 2]);
      break;
    default: {
      const contact = even(total * 0.4);
      lek = even(contact * 0.45);
      lab = faculty.entry.lab && slot.kind === 'core' && rng.chance(0.5) ? even(contact * 0.2) : 0;
      prak = contact - lek - lab;
      forma = slot.kind === 'core' ? rng.weighted(['ekzamen', 'zachet', 'dif_zachet'] as const, [65, 20, 15]) : rng.weighted(['ekzamen', 'zachet', 'dif_zachet'] as const, [5, 4, 1]);
    }
  }
  const [maxM1, maxM2, maxItog] = MAXIMA[forma];
  return { id, planId, discId, semestr, kredity, lek, prak, lab, srs: total - lek - prak - lab, forma, maxM1, maxM2, maxItog };
}

/** The plan items a group studies in a semester (empty past the programme's end). */
export function groupItems(curriculum: Curriculum, group: Group, semestr: number): PlanItem[] {
  return curriculum.planById.get(group.planId)?.bySemester.get(semestr) ?? [];
}
