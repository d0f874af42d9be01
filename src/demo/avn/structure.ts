/**
 * The shape of the university: faculties, chairs, programmes (specialnost) and study groups.
 * Counts come from sizes.ts; names from the catalogue. Groups exist for every cohort that was
 * studying on 2025-09-01 or later (the earliest grade sheets are of 2024-2025, and the cohort that
 * graduated in June 2026 is the "last year's graduates").
 */
import { CURRENT_YEAR } from '../calendar';
import type { Rng } from '../random';
import type { DemoSizes } from '../sizes';
import { FACULTIES } from './catalog';
import type { Chair, Faculty, Group, Spec, Uroven } from './model';

export interface Structure {
  faculties: Faculty[];
  chairs: Chair[];
  specs: Spec[];
  groups: Group[];
}

const POPULAR = /Экономика|Юриспруденция|Международные отношения|Прикладная математика|Журналистика|Английская филология|Программная инженерия|Финансы|Менеджмент|Психология|Информационные системы/;

export function buildStructure(rng: Rng, sizes: DemoSizes): Structure {
  const faculties = buildFaculties(sizes.faculties);
  const chairs = buildChairs(faculties, sizes.chairs);
  const specs = buildSpecs(rng.fork('specs'), faculties, chairs, sizes.specialities);
  const groups = buildGroups(rng.fork('groups'), specs, sizes.groups);
  return { faculties, chairs, specs, groups };
}

function buildFaculties(count: number): Faculty[] {
  return FACULTIES.slice(0, count).map((entry, i) => ({
    id: i + 1,
    kod: String(i + 1).padStart(2, '0'),
    short: entry.short,
    nameKy: entry.ky,
    nameRu: entry.ru,
    isInstitute: entry.institute,
    entry,
    chairIds: [],
    dekanEmpId: null,
  }));
}

/** At least two chairs per faculty; the rest shared in proportion to the catalogue (D'Hondt). */
function buildChairs(faculties: Faculty[], total: number): Chair[] {
  const quota = faculties.map(() => 2);
  for (let left = total - 2 * faculties.length; left > 0; left--) {
    let best = 0;
    for (let i = 1; i < faculties.length; i++) {
      if (faculties[i].entry.chairs.length / (quota[i] + 1) > faculties[best].entry.chairs.length / (quota[best] + 1)) best = i;
    }
    quota[best]++;
  }
  const chairs: Chair[] = [];
  faculties.forEach((faculty, fi) => {
    const entries = faculty.entry.chairs;
    for (let k = 0; k < quota[fi]; k++) {
      const entry = entries[k % entries.length];
      const round = Math.floor(k / entries.length) + 1;
      const suffixRu = round > 1 ? ` №${round}` : '';
      const chair: Chair = {
        id: chairs.length + 1,
        facId: faculty.id,
        nameKy: `${entry.fieldKy} кафедрасы${suffixRu}`,
        nameRu: entry.ru + suffixRu,
        fieldKy: entry.fieldKy + (round > 1 ? ` (${round}-профиль)` : ''),
        fieldRu: entry.fieldRu + (round > 1 ? ` (профиль ${round})` : ''),
        genEd: round === 1 ? entry.genEd : undefined,
        specialist: entry.specialist ?? false,
        zavEmpId: null,
      };
      chairs.push(chair);
      faculty.chairIds.push(chair.id);
    }
  });
  return chairs;
}

/** Chairs interleaved across faculties, so that a prefix of the list covers every faculty. */
function interleaved(faculties: Faculty[], chairs: Chair[]): Chair[] {
  const out: Chair[] = [];
  const longest = Math.max(...faculties.map((f) => f.chairIds.length));
  for (let k = 0; k < longest; k++) {
    for (const f of faculties) if (k < f.chairIds.length) out.push(chairs[f.chairIds[k] - 1]);
  }
  return out;
}

function buildSpecs(rng: Rng, faculties: Faculty[], chairs: Chair[], total: number): Spec[] {
  const order = interleaved(faculties, chairs);
  const C = chairs.length;
  const nSpecialist = Math.min(C, Math.round(total * 0.06));
  const nMagistr = Math.min(C, Math.round(total * 0.37));
  const nBakalavr = Math.min(C, Math.max(1, total - nMagistr - nSpecialist));
  const specialistChairs = [...order.filter((c) => c.specialist), ...order.filter((c) => !c.specialist)].slice(0, nSpecialist);

  const plan: Array<[Chair, Uroven]> = [
    ...order.slice(0, nBakalavr).map((c) => [c, 'bakalavr'] as [Chair, Uroven]),
    ...order.slice(0, nMagistr).map((c) => [c, 'magistr'] as [Chair, Uroven]),
    ...specialistChairs.map((c) => [c, 'specialist'] as [Chair, Uroven]),
  ];
  const usedAbbrev = new Set<string>();
  const localIndex = new Map<number, number>();
  return plan.map(([chair, uroven], i) => {
    const fac = faculties[chair.facId - 1];
    const local = (localIndex.get(fac.id) ?? 0) + 1;
    localIndex.set(fac.id, local);
    const prefix = uroven === 'bakalavr' ? '5' : uroven === 'magistr' ? '7' : '6';
    const levelRu = uroven === 'bakalavr' ? '' : uroven === 'magistr' ? ' (магистратура)' : ' (специалитет)';
    const levelKy = uroven === 'bakalavr' ? '' : uroven === 'magistr' ? ' (магистратура)' : ' (адистик)';
    return {
      id: i + 1,
      facId: chair.facId,
      kafId: chair.id,
      shifr: `${prefix}${fac.kod}${String(local).padStart(2, '0')}0`,
      nameKy: chair.fieldKy + levelKy,
      nameRu: chair.fieldRu + levelRu,
      uroven,
      srok: uroven === 'bakalavr' ? 4 : uroven === 'magistr' ? 2 : 5,
      abbrev: uniqueAbbrev(chair.fieldRu, uroven, usedAbbrev),
      demand: Math.round((POPULAR.test(chair.fieldRu) ? 1.8 : 1) * rng.real(0.6, 1.6) * (uroven === 'magistr' ? 0.35 : 1) * 100) / 100,
    };
  });
}

function uniqueAbbrev(field: string, uroven: Uroven, used: Set<string>): string {
  const words = field.replace(/[()]/g, ' ').split(/[\s-]+/).filter((w) => w.length >= 3);
  let base = words.length === 1 ? words[0].slice(0, 3).toUpperCase() : words.map((w) => w[0].toUpperCase()).join('').slice(0, 4);
  if (uroven === 'magistr') base += 'м';
  if (uroven === 'specialist') base += 'с';
  let abbrev = base;
  for (let n = 2; used.has(abbrev); n++) abbrev = `${base}${n}`;
  used.add(abbrev);
  return abbrev;
}

interface Cohort {
  spec: Spec;
  intake: number;
  graduated: boolean;
  weight: number;
  groups: number;
}

/** One group per cohort at least; extra parallel groups go to the most demanded cohorts (D'Hondt). */
function buildGroups(rng: Rng, specs: Spec[], total: number): Group[] {
  const cohorts: Cohort[] = [];
  for (const spec of specs) {
    for (let intake = CURRENT_YEAR - spec.srok; intake <= CURRENT_YEAR; intake++) {
      const graduated = intake + spec.srok === CURRENT_YEAR;
      // first-year cohorts are the largest; the graduated cohort the smallest
      const yearFactor = graduated ? 0.8 : 1 + (intake - (CURRENT_YEAR - spec.srok)) * 0.05;
      cohorts.push({ spec, intake, graduated, weight: spec.demand * yearFactor * rng.real(0.8, 1.2), groups: 1 });
    }
  }
  for (let extra = total - cohorts.length; extra > 0; extra--) {
    let best = cohorts[0];
    for (const c of cohorts) if (c.weight / (c.groups + 1) > best.weight / (best.groups + 1)) best = c;
    best.groups++;
  }
  const groups: Group[] = [];
  for (const cohort of cohorts) {
    const { spec, intake } = cohort;
    for (let n = 1; n <= cohort.groups; n++) {
      const yazyk = n === 1 ? 'ky' : n === 2 ? 'ru' : rng.weighted(['ky', 'ru', 'en'] as const, [5, 4, 1]);
      groups.push({
        id: groups.length + 1,
        specId: spec.id,
        facId: spec.facId,
        name: `${spec.abbrev}-${n}-${String(intake).slice(2)}`,
        intake,
        kurs: cohort.graduated ? spec.srok : CURRENT_YEAR - intake + 1,
        graduated: cohort.graduated,
        yazyk: cohort.groups === 1 ? rng.weighted(['ky', 'ru'] as const, [6, 4]) : yazyk,
        curatorEmpId: null,
        planId: 0,
      });
    }
  }
  return groups;
}
