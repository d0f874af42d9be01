/**
 * Library readers as the library typed them: about 60% of students and 40% of staff, plus
 * external readers. 70% carry their PIN as a Koha extended attribute; of the rest about half were
 * typed in Latin letters in some transliteration (the surname and the given name sometimes in
 * different ones), and about 1% have a wrong or missing birth date. A few people registered twice
 * (a lost card), and one student of each namesake pair is a reader without PIN: the ambiguous case
 * a matcher must not resolve by name and birth date alone.
 */
import { CURRENT_YEAR, TODAY, day, iso, parts, type Day } from '../calendar';
import type { GroundTruthBuilder } from '../ground-truth';
import { transliterate, randomTranslitStyle } from '../names';
import { formatPhone, type Person, type PersonFactory } from '../people';
import type { Rng } from '../random';
import type { DemoSizes } from '../sizes';
import type { AvnWorld } from '../avn';
import type { LibraryTables } from './tables';

export interface Borrower {
  id: number;
  person: Person;
  category: 'ST' | 'MS' | 'PT' | 'EMP' | 'EXT';
  branch: string;
  enrolled: Day;
  expiry: Day;
  /** Last day the library would lend to this reader (expelled, graduated, left). */
  activeUntil: Day;
  /** Lending intensity 0.2–1. */
  activity: number;
  studentId: number | null;
  hasPin: boolean;
  latin: boolean;
  debarred: Day | null;
}

export interface LibraryCases {
  /** One student of each namesake pair is this borrower (no PIN, Cyrillic name). */
  namesakeBorrowers: Array<{ borrowernumber: number; studId: number; otherStudId: number }>;
  latinBorrowers: number[];
  noPinBorrowers: number[];
  wrongBirthDate: number[];
  duplicateBorrowers: Array<[number, number]>;
}

export const BRANCHES: Array<readonly [string, string]> = [
  ['MAIN', 'Борбордук китепкана (Центральная библиотека)'],
  ['NAT', 'Табигый илимдер окуу залы (Читальный зал естественных наук)'],
  ['HUM', 'Гуманитардык илимдер окуу залы (Читальный зал гуманитарных наук)'],
  ['FL', 'Чет тилдер адабияты бөлүмү (Отдел литературы на иностранных языках)'],
  ['LAW', 'Укук адабияттары окуу залы (Читальный зал юридической литературы)'],
];
export const CATEGORIES: Array<readonly [string, string]> = [
  ['ST', 'Студент'],
  ['MS', 'Магистрант'],
  ['PT', 'Профессордук-окутуучулук курам (ППС)'],
  ['EMP', 'Кызматкер (Сотрудник)'],
  ['EXT', 'Сырткы окурман (Внешний читатель)'],
];
const BRANCH_OF_FACULTY: Record<string, string> = { ИМИК: 'NAT', ФФЭ: 'NAT', ФБ: 'NAT', ФХХТ: 'NAT', ФГЭТ: 'NAT', ИП: 'LAW', РГФ: 'FL', ФМОВ: 'FL' };

export function buildBorrowers(rng: Rng, world: AvnWorld, sizes: DemoSizes, people: PersonFactory): { borrowers: Borrower[]; namesakeStudent: Map<number, number> } {
  const { structure, staff } = world;
  const namesakeIds = new Set(world.namesakes.flatMap((n) => n.studIds));
  const drafts: Array<Omit<Borrower, 'id' | 'hasPin' | 'latin' | 'debarred'>> = [];
  const branchOf = (facId: number | null) => (facId && !rng.chance(0.3) ? BRANCH_OF_FACULTY[structure.faculties[facId - 1].short] ?? 'HUM' : 'MAIN');

  for (const s of world.students) {
    if (namesakeIds.has(s.id) || !rng.chance(0.6)) continue;
    drafts.push(studentDraft(rng, world, s.id, branchOf(s.facId)));
  }
  // a small university still has an expelled student among its readers
  if (!drafts.some((d) => d.studentId !== null && world.students[d.studentId - 1].status === 3)) {
    const expelled = world.students.filter((s) => s.status === 3 && !namesakeIds.has(s.id) && s.segments[s.segments.length - 1].to! - s.admitted > 200);
    if (expelled.length) {
      const s = rng.pick(expelled);
      drafts.push({ ...studentDraft(rng, world, s.id, branchOf(s.facId)), enrolled: s.admitted + rng.int(7, 30) });
    }
  }
  // one student of each namesake pair is a reader (no PIN: see below)
  const namesakeStudent = new Map<number, number>();
  for (const pair of world.namesakes) {
    const studId = rng.pick(pair.studIds);
    namesakeStudent.set(studId, pair.studIds[0] === studId ? pair.studIds[1] : pair.studIds[0]);
    drafts.push(studentDraft(rng, world, studId, branchOf(world.students[studId - 1].facId)));
  }
  for (const e of staff.employees) {
    if (!rng.chance(e.isPps ? 0.5 : 0.25)) continue;
    const enrolled = Math.max(e.hired + rng.int(10, 300), day(2012, 1, 10) + rng.int(0, 3000));
    const activeUntil = e.left ?? TODAY + 365;
    drafts.push({
      person: e.person, category: e.isPps ? 'PT' : 'EMP', branch: branchOf(e.facId), enrolled: Math.min(enrolled, TODAY - 5),
      expiry: e.left ?? day(CURRENT_YEAR + rng.int(1, 3), 12, 31), activeUntil, activity: rng.real(0.2, 0.8), studentId: null,
    });
  }
  for (let i = 0; i < sizes.externalReaders; i++) {
    const person = people.create({ birthFrom: day(1950, 1, 1), birthTo: day(2006, 12, 31), bishkekShare: 0.85, russianShare: 0.2, foreign: rng.chance(0.02) });
    const enrolled = rng.int(day(2019, 1, 10), TODAY - 3);
    const expiry = enrolled + 365;
    drafts.push({ person, category: 'EXT', branch: rng.chance(0.7) ? 'MAIN' : rng.pick(BRANCHES)[0], enrolled, expiry, activeUntil: expiry, activity: rng.real(0.1, 0.5), studentId: null });
  }
  // re-registrations after a lost card: the old record expired the day the new one was made
  const again = rng.sample(drafts, Math.max(1, Math.round(drafts.length * 0.004)));
  for (const d of again) {
    const renewed = rng.int(Math.min(d.enrolled + 60, TODAY - 10), TODAY - 5);
    drafts.push({ ...d, enrolled: renewed });
    d.expiry = Math.min(d.expiry, renewed);
    d.activeUntil = Math.min(d.activeUntil, renewed);
  }

  drafts.sort((a, b) => a.enrolled - b.enrolled);
  const borrowers: Borrower[] = drafts.map((d, i) => ({ ...d, id: i + 1, hasPin: false, latin: false, debarred: null }));
  return { borrowers, namesakeStudent };
}

function studentDraft(rng: Rng, world: AvnWorld, studId: number, branch: string): Omit<Borrower, 'id' | 'hasPin' | 'latin' | 'debarred'> {
  const s = world.students[studId - 1];
  const group = world.structure.groups[s.segments[0].grpId - 1];
  const spec = world.structure.specs[group.specId - 1];
  const last = s.segments[s.segments.length - 1];
  const enrolled = Math.min(s.admitted + rng.int(7, 120), TODAY - 2);
  return {
    person: s.person,
    category: spec.uroven === 'magistr' ? 'MS' : 'ST',
    branch,
    enrolled,
    expiry: day(group.intake + spec.srok, 6, 30),
    activeUntil: last.to ?? TODAY + 365,
    activity: rng.chance(0.15) ? rng.real(0.7, 1) : rng.real(0.15, 0.6),
    studentId: s.id,
  };
}

/** Writes borrowers and their PIN attributes with the library's own habits of typing people. */
export function writeBorrowers(
  rng: Rng,
  borrowers: Borrower[],
  namesakeStudent: Map<number, number>,
  t: LibraryTables,
  truth: GroundTruthBuilder,
): LibraryCases {
  const cases: LibraryCases = { namesakeBorrowers: [], latinBorrowers: [], noPinBorrowers: [], wrongBirthDate: [], duplicateBorrowers: [] };
  const firstRecord = new Map<string, number>();
  // at least one mistyped birth date, at any scale
  const candidates = borrowers.filter((b) => b.studentId === null || !namesakeStudent.has(b.studentId));
  const forcedWrong = candidates.length ? rng.pick(candidates).id : -1;
  let attrId = 0;
  for (const b of borrowers) {
    const p = b.person;
    const namesake = b.studentId !== null && namesakeStudent.has(b.studentId);
    b.hasPin = !namesake && p.pin !== null && rng.chance(0.7);
    b.latin = !namesake && !b.hasPin && rng.chance(0.5);
    let surname = p.fam;
    let firstname = p.imya;
    let othernames = rng.chance(0.8) ? p.otch : null;
    if (b.latin) {
      const style = randomTranslitStyle(rng);
      const firstStyle = rng.chance(0.3) ? randomTranslitStyle(rng) : style;
      surname = transliterate(p.fam, style);
      firstname = transliterate(p.imya, firstStyle);
      othernames = othernames && rng.chance(0.6) ? transliterate(othernames, style) : null;
      if (rng.chance(0.1)) {
        surname = surname.toUpperCase();
        firstname = firstname.toUpperCase();
      }
      cases.latinBorrowers.push(b.id);
    }
    let birth: string | null = iso(p.birth);
    const roll = rng.next();
    if (!namesake && roll < 0.005) birth = null;
    else if (!namesake && (roll < 0.01 || b.id === forcedWrong)) birth = wrongDate(p.birth);
    if (birth !== iso(p.birth)) cases.wrongBirthDate.push(b.id);
    if (!b.hasPin) cases.noPinBorrowers.push(b.id);
    if (namesake) cases.namesakeBorrowers.push({ borrowernumber: b.id, studId: b.studentId!, otherStudId: namesakeStudent.get(b.studentId!)! });
    const previous = firstRecord.get(p.key);
    if (previous !== undefined) cases.duplicateBorrowers.push([previous, b.id]);
    else firstRecord.set(p.key, b.id);

    t.borrowers.push({
      borrowernumber: b.id,
      cardnumber: `2000${String(b.id * 7919 % 1000000).padStart(6, '0')}${b.id % 10}`,
      surname,
      firstname,
      othernames,
      dateofbirth: birth,
      sex: rng.chance(0.9) ? (p.pol === 'J' ? 'F' : 'M') : null,
      email: rng.chance(0.5) ? p.email : null,
      phone: rng.chance(0.75) ? formatPhone(p.phone, 'local') : null,
      address: rng.chance(0.6) ? p.address : null,
      city: cityOf(p.address),
      categorycode: b.category,
      branchcode: b.branch,
      dateenrolled: iso(b.enrolled),
      dateexpiry: iso(b.expiry),
      debarred: b.debarred === null ? null : iso(b.debarred),
    });
    if (b.hasPin) t.borrower_attributes.push({ id: ++attrId, borrowernumber: b.id, code: 'PIN', attribute: p.pin! });
    truth.add('library.borrower', b.id, p.key);
  }
  return cases;
}

/** "г. Бишкек, …" → Бишкек; "Нарынская обл., с. Кочкор, …" → Кочкор; "г. Алматы, Казахстан" → Алматы. */
function cityOf(address: string): string {
  const parts = address.split(', ');
  const place = parts[0].startsWith('г. ') ? parts[0] : parts[1] ?? parts[0];
  return place.replace(/^(г|с)\. /, '');
}

/** A typo'd birth date: day and month swapped when that is a date, else the year off by one. */
function wrongDate(d: Day): string {
  const p = parts(d);
  if (p.day <= 12 && p.day !== p.month) return iso(day(p.year, p.day, p.month));
  return iso(day(p.year + 1, p.month, p.day));
}
