/**
 * The student body with each student's history: admission, and for some a transfer between
 * groups, an academic leave (current, or ended by reinstatement into the next cohort), an
 * expulsion, or graduation in June 2026. The history (segments) drives everything later: who is
 * on which grade sheet, in which journal lesson, in the dormitory, in the library.
 * Also plants the namesake pairs (two different students with the same full name and birth date).
 */
import { CURRENT_YEAR, TODAY, day, type Day } from '../calendar';
import { femaleSurname, patronymicFor, TWIN_BROTHER_NAMES, TWIN_GENDER_NAMES, TWIN_NEAR_NAMES } from '../names';
import type { Person, PersonFactory } from '../people';
import type { Rng } from '../random';
import type { DemoSizes } from '../sizes';
import type { Group, Segment, Student, StudentEvent } from './model';
import type { Structure } from './structure';

export const GRADUATION_DAY = day(CURRENT_YEAR, 6, 30);

const FEMALE_SHARE: Record<string, number> = {
  ИМИК: 0.38, ЭМИ: 0.58, ИП: 0.5, КФФ: 0.8, ФМОВ: 0.6, РГФ: 0.82, ФСН: 0.7, ИИР: 0.5, ИЖМК: 0.72, ФФЭ: 0.3, ФБ: 0.7, ФХХТ: 0.62, ФГЭТ: 0.55,
};

export const EXPULSION_REASONS = {
  academic: 'академиялык карыз (академическая задолженность)',
  payment: 'келишимдин шарттарын аткарбагандыгы үчүн (неоплата за обучение)',
  ownWish: 'өз каалоосу боюнча (по собственному желанию)',
  transferOut: 'башка ЖОЖго которулганына байланыштуу (перевод в другой вуз)',
} as const;
const LEAVE_REASONS = ['ден соолугу боюнча (по состоянию здоровья)', 'үй-бүлөлүк жагдайлар боюнча (по семейным обстоятельствам)', 'аскер кызматына чакырылышына байланыштуу (призыв на военную службу)', 'балага кам көрүү боюнча (по уходу за ребёнком)'];

export interface NamesakePair {
  /** The two students (stud_id) who share a full name and birth date. */
  studIds: [number, number];
}

/** What kind of near name a twin has (issue 10.5). */
export type TwinKind = 'gender' | 'near_name' | 'brothers';

/**
 * A student's twin: born the same day, not a student, known to the library only (a reader
 * without PIN). Their names are near by construction; a matcher must keep them apart.
 */
export interface TwinPair {
  studId: number;
  twin: Person;
  kind: TwinKind;
}

export interface StudentBody {
  students: Student[];
  namesakes: NamesakePair[];
  twins: TwinPair[];
  /** Date of the admission order of each (faculty, intake). */
  admissionDay(facId: number, intake: number): Day;
}

export function buildStudents(rng: Rng, structure: Structure, sizes: DemoSizes, people: PersonFactory): StudentBody {
  const { groups, specs, faculties } = structure;
  const counts = allocate(rng.fork('allocate'), groups, structure, sizes.students);
  const admissionDay = (facId: number, intake: number) => day(intake, 8, 18 + (facId % 7));
  const zachetkaSeq = new Map<string, number>();
  const students: Student[] = [];

  groups.forEach((group, gi) => {
    const spec = specs[group.specId - 1];
    const fac = faculties[group.facId - 1];
    const r = rng.fork('group', group.id);
    const members: Person[] = [];
    for (let k = 0; k < counts[gi]; k++) {
      const magistr = spec.uroven === 'magistr';
      const older = !magistr && r.chance(0.05);
      const birthFrom = magistr ? day(group.intake - 28, 1, 1) : older ? day(group.intake - 26, 1, 1) : day(group.intake - 19, 9, 1);
      const birthTo = magistr ? day(group.intake - 21, 8, 31) : older ? day(group.intake - 20, 8, 31) : day(group.intake - 17, 8, 31);
      members.push(
        people.create({
          sex: r.chance(FEMALE_SHARE[fac.short] ?? 0.56) ? 'J' : 'M',
          birthFrom,
          birthTo,
          foreign: r.chance(0.03),
          bishkekShare: 0.42,
          russianShare: group.yazyk === 'ru' ? 0.22 : 0.05,
        }),
      );
    }
    // AVN lists a group alphabetically: ids follow the admission list
    members.sort((a, b) => (a.fam + ' ' + a.imya < b.fam + ' ' + b.imya ? -1 : a.fam + ' ' + a.imya > b.fam + ' ' + b.imya ? 1 : 0));
    for (const person of members) {
      const key = `${group.intake}|${fac.kod}`;
      const seq = (zachetkaSeq.get(key) ?? 0) + 1;
      zachetkaSeq.set(key, seq);
      const admitted = admissionDay(fac.id, group.intake);
      const chronic = r.chance(0.06);
      const student: Student = {
        id: students.length + 1,
        person,
        zachetka: `${String(group.intake).slice(2)}${fac.kod}${String(seq).padStart(4, '0')}`,
        grpId: group.id,
        facId: fac.id,
        forma: person.citizenship !== 'KG' || r.chance(spec.uroven === 'magistr' ? 0.75 : 0.55) ? 'K' : 'B',
        status: 1,
        admitted,
        segments: [{ grpId: group.id, from: admitted, to: null }],
        events: [{ kind: 'admit', date: admitted, fromGrp: null, toGrp: group.id }],
        ability: r.score(chronic ? 66 : 78, 9, 38, 99),
        presence: chronic ? r.real(0.35, 0.65) : r.chance(0.08) ? r.real(0.7, 0.85) : r.real(0.88, 0.98),
        late: r.real(0.02, 0.07),
        excused: r.real(0.01, 0.04),
        debtor: false,
      };
      decideFate(r, student, group, structure);
      student.debtor = student.forma === 'K' && student.status === 1 && r.chance(0.11);
      students.push(student);
    }
  });

  ensureEveryKindOfHistory(rng.fork('ensure'), students, structure);
  ensureForeignStudent(rng.fork('foreign'), students);
  const namesakes = plantNamesakes(rng.fork('namesakes'), students, sizes.namesakePairs, people);
  const twins = plantTwins(rng.fork('twins'), students, sizes.twinPairs, people, new Set(namesakes.flatMap((n) => n.studIds)));
  return { students, namesakes, twins, admissionDay };
}

/** Students per group: proportional to a weight (first years larger, masters smaller), at least 6. */
function allocate(rng: Rng, groups: Group[], structure: Structure, total: number): number[] {
  const weights = groups.map(
    (g) => (g.graduated ? 0.88 : g.kurs === 1 ? 1.12 : 1 - g.kurs * 0.02) * (structure.specs[g.specId - 1].uroven === 'magistr' ? 0.55 : 1) * rng.real(0.85, 1.15),
  );
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (w / sum) * total);
  const counts = raw.map((x) => Math.max(6, Math.floor(x)));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k][1]]++;
  return counts;
}

function decideFate(r: Rng, s: Student, group: Group, structure: Structure): void {
  const x = r.next();
  if (group.graduated) {
    if (x < 0.07) expel(r, s, group);
    else {
      s.status = 4;
      s.segments[0].to = GRADUATION_DAY;
      s.events.push({ kind: 'graduate', date: GRADUATION_DAY, fromGrp: group.id, toGrp: null });
    }
    return;
  }
  if (x < (group.kurs === 1 ? 0.03 : 0.05)) expel(r, s, group);
  else if (x < 0.075) academicLeave(r, s, group);
  else if (x < 0.085) reinstated(r, s, group, structure); // stays an ordinary student when no younger cohort exists
  else if (x < 0.1) transfer(r, s, group, structure);
}

function expel(r: Rng, s: Student, group: Group): void {
  const latest = group.graduated ? GRADUATION_DAY - 20 : TODAY - 3;
  // first-year students can leave within weeks; everyone else after a first session
  const earliest = Math.min(latest - 7, Math.max(s.admitted + (group.kurs === 1 ? 40 : 100), day(2024, 9, 1)));
  const windows: Array<[Day, Day, keyof typeof EXPULSION_REASONS | 'any']> = [];
  for (let y = 2024; y <= CURRENT_YEAR; y++) {
    windows.push([day(y, 2, 5), day(y, 2, 25), 'academic'], [day(y, 7, 1), day(y, 7, 15), 'academic'], [day(y, 10, 1), day(y, 11, 20), 'any']);
  }
  const open = windows.filter(([from, to]) => from >= earliest && to <= latest);
  const [from, to, kind] = open.length ? r.pick(open) : [earliest, latest, 'any' as const];
  const date = Math.min(latest, r.int(from, to));
  let reason: keyof typeof EXPULSION_REASONS =
    kind === 'academic' ? 'academic' : r.weighted(['payment', 'ownWish', 'transferOut', 'academic'] as const, [35, 35, 15, 15]);
  if (reason === 'payment' && s.forma !== 'K') reason = 'ownWish';
  if (reason === 'academic') s.ability = Math.min(s.ability, r.int(42, 52));
  s.status = 3;
  s.segments[s.segments.length - 1].to = date;
  s.events.push({ kind: 'expel', date, fromGrp: group.id, toGrp: null, reason: EXPULSION_REASONS[reason] });
}

function academicLeave(r: Rng, s: Student, group: Group): void {
  const spring = s.admitted < day(CURRENT_YEAR, 1, 1) && r.chance(0.4);
  const start = spring ? day(CURRENT_YEAR, 2, r.int(1, 14)) : r.int(day(CURRENT_YEAR, 9, 3), TODAY - 7);
  s.status = 2;
  s.segments[0].to = start;
  s.events.push({ kind: 'leave', date: start, fromGrp: group.id, toGrp: null, reason: r.pick(LEAVE_REASONS) });
}

/** Had a leave in 2025, came back in September 2026 into the next (younger) cohort's group. */
function reinstated(r: Rng, s: Student, group: Group, structure: Structure): boolean {
  const younger = structure.groups.filter((g) => g.specId === group.specId && g.intake === group.intake + 1 && !g.graduated);
  const leaveStart = r.chance(0.5) ? day(2025, 2, r.int(1, 14)) : day(2025, 9, r.int(1, 20));
  if (!younger.length || leaveStart < s.admitted + 120) return false;
  const target = r.pick(younger);
  const back = day(CURRENT_YEAR, 8, r.int(25, 31));
  s.segments = [
    { grpId: group.id, from: s.admitted, to: leaveStart },
    { grpId: target.id, from: back, to: null },
  ];
  s.events.push(
    { kind: 'leave', date: leaveStart, fromGrp: group.id, toGrp: null, reason: r.pick(LEAVE_REASONS) },
    { kind: 'reinstate', date: back, fromGrp: group.id, toGrp: target.id },
  );
  s.grpId = target.id;
  return true;
}

/** Moved to a parallel group of the same cohort (or a sister programme of the faculty). */
function transfer(r: Rng, s: Student, group: Group, structure: Structure): boolean {
  const spec = structure.specs[group.specId - 1];
  const sameSpec = structure.groups.filter((g) => g.id !== group.id && g.specId === group.specId && g.intake === group.intake);
  const sameFaculty = structure.groups.filter(
    (g) => g.facId === group.facId && g.intake === group.intake && !g.graduated && g.id !== group.id && structure.specs[g.specId - 1].uroven === spec.uroven,
  );
  // across faculties too (same intake and level): a small university may have nothing closer
  const anywhere = structure.groups.filter(
    (g) => g.intake === group.intake && !g.graduated && g.id !== group.id && structure.specs[g.specId - 1].uroven === spec.uroven,
  );
  const options = sameSpec.length ? sameSpec : sameFaculty.length ? sameFaculty : anywhere;
  if (!options.length) return false;
  const target = r.pick(options);
  const date = group.intake < CURRENT_YEAR && r.chance(0.3) ? day(CURRENT_YEAR, 1, r.int(26, 31)) : day(CURRENT_YEAR, 8, r.int(26, 31));
  if (date <= s.admitted) return false;
  s.segments = [
    { grpId: group.id, from: s.admitted, to: date },
    { grpId: target.id, from: date, to: null },
  ];
  s.events.push({ kind: 'transfer', date, fromGrp: group.id, toGrp: target.id, reason: 'студенттин арызы боюнча (по заявлению студента)' });
  s.grpId = target.id;
  return true;
}

/** A small university still has at least one transfer, academic leave, reinstatement and expulsion. */
function ensureEveryKindOfHistory(rng: Rng, students: Student[], structure: Structure): void {
  const apply: Array<[StudentEvent['kind'], (r: Rng, s: Student, g: Group, st: Structure) => boolean | void]> = [
    ['transfer', transfer],
    ['leave', academicLeave],
    ['reinstate', reinstated],
    ['expel', expel],
  ];
  for (const [kind, fate] of apply) {
    if (students.some((s) => s.events.some((e) => e.kind === kind))) continue;
    const plain = students.filter((s) => s.status === 1 && s.events.length === 1 && !structure.groups[s.grpId - 1].graduated);
    for (const s of rng.sample(plain, 50)) {
      const group = structure.groups[s.grpId - 1];
      fate(rng, s, group, structure);
      if (s.events.length > 1) {
        s.debtor = s.debtor && s.status === 1;
        break;
      }
    }
  }
}

/** A small university still has a foreign student (no PIN). */
function ensureForeignStudent(rng: Rng, students: Student[]): void {
  if (students.some((s) => s.person.pin === null)) return;
  const s = rng.pick(students);
  Object.assign(s.person, { pin: null, citizenship: 'KZ', passport: `N${rng.digits(8)}`, address: 'г. Алматы, Казахстан', fromRegion: true });
  s.forma = 'K';
}

/**
 * Deliberate namesakes: the second student of each pair is renamed to the first one's full name,
 * sex and birth date (with a PIN of their own). A matcher must keep them apart.
 */
function plantNamesakes(rng: Rng, students: Student[], pairs: number, people: PersonFactory): NamesakePair[] {
  const pool = students.filter((s) => s.status === 1 && s.person.pin !== null);
  const used = new Set<number>();
  const out: NamesakePair[] = [];
  for (let attempt = 0; out.length < pairs && attempt < pairs * 50; attempt++) {
    const a = rng.pick(pool);
    const b = rng.pick(pool);
    if (a === b || used.has(a.id) || used.has(b.id) || a.grpId === b.grpId) continue;
    used.add(a.id);
    used.add(b.id);
    const p = b.person;
    p.fam = a.person.fam;
    p.imya = a.person.imya;
    p.otch = a.person.otch;
    p.pol = a.person.pol;
    p.birth = a.person.birth;
    p.ethnicity = a.person.ethnicity;
    p.pin = people.pinFor(p.pol, p.birth);
    if (p.email) p.email = people.personalEmail(p);
    out.push({ studIds: [a.id, b.id] });
  }
  return out;
}

/**
 * Twins (issue 10.5): for some students a twin born the same day, with the same father, whose
 * name is near the student's — a sister whose names differ by gender endings only (Асанов Нурлан
 * Бакытович / Асанова Нурлана Бакытовна), a sister with a distinct given name one letter apart
 * (Асель / Айсель), or a brother with another given name. The student is renamed to the pair's
 * first name (before any table is written); the twin is a reader of the library only, without PIN
 * on the card (library/twins.ts). The kinds take turns, so every kind exists at any scale.
 */
function plantTwins(rng: Rng, students: Student[], pairs: number, people: PersonFactory, taken: ReadonlySet<number>): TwinPair[] {
  const kinds: TwinKind[] = ['gender', 'near_name', 'brothers'];
  const used = new Set<number>(taken);
  const out: TwinPair[] = [];
  for (let i = 0; i < pairs; i++) {
    const kind = kinds[i % kinds.length];
    const sex = kind === 'near_name' ? 'J' : 'M';
    // Russian-style surnames (Асанов / Асанова) and a patronymic: the cases where the names come nearest.
    const pool = students.filter(
      (s) => s.status === 1 && s.person.pin !== null && !used.has(s.id) && s.person.pol === sex && /(ов|ев|ин)а?$/.test(s.person.fam) && s.person.otch !== null,
    );
    if (!pool.length) continue;
    const student = rng.pick(pool);
    used.add(student.id);
    const [own, other] = rng.pick(kind === 'gender' ? TWIN_GENDER_NAMES : kind === 'near_name' ? TWIN_NEAR_NAMES : TWIN_BROTHER_NAMES);
    const p = student.person;
    p.imya = own;
    if (p.email) p.email = people.personalEmail(p);
    const twinSex = kind === 'brothers' ? 'M' : 'J';
    const twin: Person = {
      ...p,
      key: `${p.key}-twin`,
      fam: kind === 'gender' ? femaleSurname(p.fam) : p.fam,
      imya: other,
      otch: patronymicFor(p.otch, twinSex),
      pol: twinSex,
      pin: people.pinFor(twinSex, p.birth),
      email: null,
    };
    out.push({ studId: student.id, twin, kind });
  }
  return out;
}

/** The group a student studies in on day `d`, or null (not yet admitted, on leave, gone). */
export function groupOn(student: Student, d: Day): number | null {
  for (const seg of student.segments) if (seg.from <= d && (seg.to === null || d < seg.to)) return seg.grpId;
  return null;
}

/** For each group, the segments of students studying in it (to find who sits in a lesson). */
export function membersByGroup(students: Student[]): Map<number, Array<{ student: Student; seg: Segment }>> {
  const map = new Map<number, Array<{ student: Student; seg: Segment }>>();
  for (const student of students) {
    for (const seg of student.segments) {
      let list = map.get(seg.grpId);
      if (!list) map.set(seg.grpId, (list = []));
      list.push({ student, seg });
    }
  }
  return map;
}
