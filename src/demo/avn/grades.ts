/**
 * Results: the grading scale (shkala), the electronic grade sheets (vedomost) of the two past
 * academic years with a row for every student studying in the group at mid-term (total = m1 + m2 +
 * itog, letter from the scale), retake sheets for those who failed, the open sheets of the current
 * semester (m1 entered, m2 and itog still empty), and the current registrations (AVN 33).
 */
import { CURRENT_YEAR, TODAY, academicYear, day, iso, termPeriod, type Day, type Term } from '../calendar';
import type { Rng } from '../random';
import type { Curriculum } from './curriculum';
import { groupItems } from './curriculum';
import type { PlanItem, Student } from './model';
import type { Staff } from './staff';
import type { Structure } from './structure';
import { membersByGroup } from './students';
import type { AvnTables } from './tables';
import type { Teaching } from './teaching';
import { SEMESTER_START } from './teaching';

/** Letter bands: [min, max, letter, grade points, Kyrgyz name]. */
export const SHKALA: ReadonlyArray<readonly [number, number, string, number, string]> = [
  [87, 100, 'A', 4.0, 'Эң жакшы'],
  [80, 86, 'B', 3.33, 'Жакшы'],
  [74, 79, 'C', 3.0, 'Жакшы'],
  [67, 73, 'D', 2.33, 'Канааттандырарлык'],
  [60, 66, 'E', 2.0, 'Канааттандырарлык'],
  [0, 59, 'F', 0, 'Канааттандырарлык эмес'],
];

export function letterFor(total: number): string {
  for (const [min, , letter] of SHKALA) if (total >= min) return letter;
  return 'F';
}

/** Module 1 was assessed by the end of October. */
export const M1_DAY = day(CURRENT_YEAR, 11, 1);
const PAST_TERMS: Array<[number, Term]> = [
  [2024, 'autumn'],
  [2024, 'spring'],
  [2025, 'autumn'],
  [2025, 'spring'],
];

export function buildGrades(rng: Rng, structure: Structure, curriculum: Curriculum, staff: Staff, teaching: Teaching, students: Student[], t: AvnTables): void {
  SHKALA.forEach(([min, max, bukva, ball, name], i) => t.shkala.push({ shkala_id: i + 1, min_ball: min, max_ball: max, bukva, ball, name_ky: name }));
  const members = membersByGroup(students);
  const difficulty = curriculum.disciplines.map(() => rng.normal(0, 3));
  const scoreRng = rng.fork('scores');
  const sheetRng = rng.fork('sheets');
  const pastTeacher = new Map<string, number>();
  let vedId = 0;
  let rowId = 0;

  const score = (student: Student, item: PlanItem) => {
    const target = Math.max(0, Math.min(100, Math.round(student.ability - difficulty[item.discId - 1] + scoreRng.normal(0, 6))));
    const part = (max: number) => Math.max(0, Math.min(max, Math.round(max * Math.min(1, target / 100 + scoreRng.normal(0, 0.06)))));
    const m1 = part(item.maxM1);
    const m2 = part(item.maxM2);
    const itog = Math.max(0, Math.min(item.maxItog, target - m1 - m2));
    return { m1, m2, itog };
  };

  for (const [year, term] of PAST_TERMS) {
    const period = termPeriod(year, term);
    const uchGod = academicYear(year);
    for (const group of structure.groups) {
      const semestr = 2 * (year - group.intake) + (term === 'autumn' ? 1 : 2);
      const items = semestr >= 1 ? groupItems(curriculum, group, semestr) : [];
      if (!items.length) continue;
      const inGroup = (members.get(group.id) ?? []).filter(({ seg }) => seg.from <= period.mid && (seg.to === null || period.mid < seg.to)).map((m) => m.student);
      if (!inGroup.length) continue;
      for (const item of items) {
        const key = `${item.discId}|${group.specId}|${group.intake}`;
        let empId = pastTeacher.get(key);
        if (empId === undefined) {
          const pool = staff.teachersByChair.get(curriculum.disciplines[item.discId - 1].kafId) ?? [...staff.teachersByChair.values()].flat();
          empId = sheetRng.pick(pool);
          pastTeacher.set(key, empId);
        }
        const reopened = sheetRng.chance(0.005);
        const mainId = ++vedId;
        t.vedomost.push({
          ved_id: mainId, grp_id: group.id, str_id: item.id, emp_id: empId, uch_god: uchGod, semestr, tip: 'osnovnaya',
          status: reopened ? 'pereotkryta' : 'sdana', data_otkr: iso(period.start), data_zakr: reopened ? null : iso(period.sessionEnd - sheetRng.int(0, 7)),
        });
        const failed: Array<{ student: Student; m1: number; m2: number }> = [];
        for (const student of inGroup) {
          const { m1, m2, itog } = score(student, item);
          const total = m1 + m2 + itog;
          t.vedomost_str.pushValues(++rowId, mainId, student.id, m1, m2, itog, total, letterFor(total));
          if (total < 60) failed.push({ student, m1, m2 });
        }
        if (!failed.length) continue;
        const retakeId = ++vedId;
        const opened = period.sessionEnd + sheetRng.int(3, 10);
        t.vedomost.push({
          ved_id: retakeId, grp_id: group.id, str_id: item.id, emp_id: empId, uch_god: uchGod, semestr, tip: 'peresdacha',
          status: 'sdana', data_otkr: iso(opened), data_zakr: iso(opened + sheetRng.int(5, 15)),
        });
        for (const { student, m1, m2 } of failed) {
          const expelledSoon = student.events.some((e) => e.kind === 'expel' && e.date >= period.sessionEnd && e.date < period.sessionEnd + 200);
          const passes = !expelledSoon && scoreRng.chance(0.75);
          const wanted = passes ? scoreRng.int(60, 72) : scoreRng.int(35, 59);
          const itog = Math.max(0, Math.min(item.maxItog, wanted - m1 - m2));
          const total = m1 + m2 + itog;
          t.vedomost_str.pushValues(++rowId, retakeId, student.id, m1, m2, itog, total, letterFor(total));
        }
      }
    }
  }

  // the current semester: open sheets with module 1 entered, and the registrations
  const uchGod = academicYear(CURRENT_YEAR);
  const regRng = rng.fork('registrations');
  let regId = 0;
  const regWindow = [day(CURRENT_YEAR, 8, 20), SEMESTER_START + 4] as const;
  for (const group of structure.groups) {
    const semestr = teaching.currentSemester.get(group.id);
    if (semestr === undefined) continue;
    const items = groupItems(curriculum, group, semestr);
    const groupMembers = members.get(group.id) ?? [];
    const onSheet = groupMembers.filter(({ seg }) => seg.from <= SEMESTER_START + 14 && (seg.to === null || SEMESTER_START + 14 < seg.to));
    const registered = groupMembers.filter(({ seg }) => seg.from <= SEMESTER_START + 3 && (seg.to === null || SEMESTER_START < seg.to));
    for (const item of items) {
      const sheetId = ++vedId;
      t.vedomost.push({
        ved_id: sheetId, grp_id: group.id, str_id: item.id, emp_id: teaching.mainTeacher.get(`${group.id}|${item.id}`)!, uch_god: uchGod, semestr,
        tip: 'osnovnaya', status: 'otkryta', data_otkr: iso(SEMESTER_START), data_zakr: null,
      });
      for (const { student, seg } of onSheet) {
        const m1 = seg.to === null || seg.to > M1_DAY ? score(student, item).m1 : null;
        t.vedomost_str.pushValues(++rowId, sheetId, student.id, m1, null, null, null, null);
      }
      for (const { student, seg } of registered) {
        const date: Day = Math.max(seg.from, regRng.int(regWindow[0], regWindow[1]));
        t.registraciya.pushValues(++regId, student.id, item.id, uchGod, semestr, iso(Math.min(date, TODAY)), seg.to === null ? 'zapisan' : 'otkazalsya');
      }
    }
  }
}
