/**
 * The current semester's teaching: the load (AVN 6, nagruzka) of each teacher for each group's
 * disciplines, a weekly timetable, and the electronic journal: one lesson per discipline per week
 * from September 1 up to the reference date, with an attendance mark for every student who was in
 * the group that day. Teachers who use QR-visit get their lessons flagged; the marks of students
 * who scanned are recorded with istochnik = 'qr' (qrvisit.seed.ts builds the matching scans).
 */
import { CURRENT_YEAR, HOLIDAYS, TODAY, day, weekday, type Day } from '../calendar';
import type { Rng } from '../random';
import type { RowSink } from '../table';
import type { Curriculum } from './curriculum';
import { groupItems } from './curriculum';
import type { Employee, PlanItem, Student } from './model';
import type { Staff } from './staff';
import type { Structure } from './structure';
import { membersByGroup } from './students';

export const SEMESTER_START = day(CURRENT_YEAR, 9, 1);
/** QR-visit went live in the second week of the semester. */
export const QR_LIVE_FROM = day(CURRENT_YEAR, 9, 8);

export interface Load {
  id: number;
  empId: number;
  discId: number;
  grpId: number;
  semestr: number;
  vid: 'lek' | 'prak' | 'lab';
  chasy: number;
}

export interface Lesson {
  id: number;
  grpId: number;
  discId: number;
  itemId: number;
  empId: number;
  date: Day;
  para: number;
  vid: 'lek' | 'prak' | 'lab';
  tema: string;
  /** Attendance taken with QR-visit. */
  qr: boolean;
  /** Range of this lesson's rows in the marks table. */
  markFrom: number;
  markTo: number;
}

/** The jurnal_otmetka row: the marks sink receives these values in this order. */
export interface MarkRow {
  otm_id: number;
  zan_id: number;
  stud_id: number;
  prisutstvie: 'P' | 'N' | 'O' | 'U';
  ocenka: number | null;
  istochnik: 'ruchnoy' | 'qr';
}

export interface Teaching {
  loads: Load[];
  lessons: Lesson[];
  /** `${grpId}|${itemId}` → the teacher who gives the lectures (or the only teacher). */
  mainTeacher: Map<string, number>;
  /** Current semester number of each studying group. */
  currentSemester: Map<number, number>;
}

export function buildTeaching(rng: Rng, structure: Structure, curriculum: Curriculum, staff: Staff, students: Student[], marks: RowSink): Teaching {
  const hours = new Map<number, number>();
  const picker = new TeacherPicker(rng.fork('pick'), structure, staff, hours);
  const loads: Load[] = [];
  const mainTeacher = new Map<string, number>();
  const practiceTeacher = new Map<string, number>();
  const currentSemester = new Map<number, number>();
  const lectureStream = new Map<string, number>();

  for (const group of structure.groups) {
    if (group.graduated) continue;
    const semestr = 2 * (CURRENT_YEAR - group.intake) + 1;
    currentSemester.set(group.id, semestr);
    for (const item of groupItems(curriculum, group, semestr)) {
      const kafId = curriculum.disciplines[item.discId - 1].kafId;
      const streamKey = `${item.discId}|${group.specId}|${group.intake}`;
      let lecturer = lectureStream.get(streamKey);
      if (lecturer === undefined) {
        lecturer = picker.pick(kafId, true);
        lectureStream.set(streamKey, lecturer);
      }
      const practice = item.lek > 0 && rng.chance(0.6) ? picker.pick(kafId, false) : lecturer;
      const key = `${group.id}|${item.id}`;
      mainTeacher.set(key, lecturer);
      practiceTeacher.set(key, practice);
      const add = (empId: number, vid: Load['vid'], chasy: number) => {
        if (chasy <= 0) return;
        loads.push({ id: loads.length + 1, empId, discId: item.discId, grpId: group.id, semestr, vid, chasy });
        hours.set(empId, (hours.get(empId) ?? 0) + chasy);
      };
      add(lecturer, 'lek', item.lek);
      add(practice, 'prak', item.prak);
      add(practice, 'lab', item.lab);
    }
  }

  const lessons = schedule(rng.fork('timetable'), structure, curriculum, currentSemester, mainTeacher, practiceTeacher, staff.employees);
  fillMarks(rng.fork('marks'), lessons, students, marks);
  return { loads, lessons, mainTeacher, currentSemester };
}

/** Chooses teachers of a chair, keeping their hours even; lectures go to senior ranks. */
class TeacherPicker {
  constructor(
    private readonly rng: Rng,
    private readonly structure: Structure,
    private readonly staff: Staff,
    private readonly hours: Map<number, number>,
  ) {}

  pick(kafId: number, lecture: boolean): number {
    let pool = this.staff.teachersByChair.get(kafId) ?? [];
    if (!pool.length) {
      const facId = this.structure.chairs[kafId - 1].facId;
      pool = this.structure.faculties[facId - 1].chairIds.flatMap((id) => this.staff.teachersByChair.get(id) ?? []);
    }
    if (!pool.length) pool = [...this.staff.teachersByChair.values()].flat();
    if (lecture) {
      const senior = pool.filter((id) => ['chairHead', 'professor', 'docent', 'senior'].includes(this.staff.employees[id - 1].rank));
      if (senior.length) pool = senior;
    }
    const candidates = this.rng.sample(pool, 3);
    let best = candidates[0];
    for (const id of candidates) if ((this.hours.get(id) ?? 0) < (this.hours.get(best) ?? 0)) best = id;
    return best;
  }
}

function schedule(
  rng: Rng,
  structure: Structure,
  curriculum: Curriculum,
  currentSemester: Map<number, number>,
  mainTeacher: Map<string, number>,
  practiceTeacher: Map<string, number>,
  employees: Employee[],
): Lesson[] {
  const lessons: Lesson[] = [];
  for (const group of structure.groups) {
    const semestr = currentSemester.get(group.id);
    if (semestr === undefined) continue;
    const items = groupItems(curriculum, group, semestr).filter((i) => i.lek + i.prak + i.lab > 0);
    const firstPara = group.id % 3 === 0 ? 3 : 1; // some groups study in the second shift
    const slots: Array<[number, number]> = [];
    for (let wd = 0; wd < 6; wd++) for (let p = firstPara; p < firstPara + 4; p++) if (wd < 5 || p < firstPara + 2) slots.push([wd, p]);
    const chosen = rng.sample(slots, items.length);
    items.forEach((item, k) => {
      const [wd, para] = chosen[k];
      const key = `${group.id}|${item.id}`;
      let date = SEMESTER_START;
      while (weekday(date) !== wd) date++;
      for (let n = 1; date <= TODAY; date += 7) {
        if (HOLIDAYS.has(date)) continue;
        const vid = lessonKind(item, n);
        const empId = vid === 'lek' ? mainTeacher.get(key)! : practiceTeacher.get(key)!;
        lessons.push({
          id: 0,
          grpId: group.id,
          discId: item.discId,
          itemId: item.id,
          empId,
          date,
          para,
          vid,
          tema: n === 1 ? 'Киришүү. Курстун максаты жана мазмуну' : `${n}-тема${vid === 'prak' ? ' (практикалык сабак)' : vid === 'lab' ? ' (лабораториялык иш)' : ''}`,
          qr: employees[empId - 1].qrUser && date >= QR_LIVE_FROM && rng.chance(0.9),
          markFrom: 0,
          markTo: 0,
        });
        n++;
      }
    });
  }
  lessons.sort((a, b) => a.date - b.date || a.para - b.para || a.grpId - b.grpId);
  lessons.forEach((l, i) => (l.id = i + 1));
  return lessons;
}

/** Lectures and seminars alternate week by week; a lab every fourth week where the plan has labs. */
function lessonKind(item: PlanItem, n: number): Lesson['vid'] {
  if (item.lab > 0 && n % 4 === 0) return 'lab';
  if (item.lek > 0 && (n % 2 === 1 || item.prak === 0)) return 'lek';
  return item.prak > 0 ? 'prak' : item.lab > 0 ? 'lab' : 'lek';
}

function fillMarks(rng: Rng, lessons: Lesson[], students: Student[], marks: RowSink): void {
  const members = membersByGroup(students);
  for (const lesson of lessons) {
    lesson.markFrom = marks.size;
    for (const { student, seg } of members.get(lesson.grpId) ?? []) {
      if (seg.from > lesson.date || (seg.to !== null && lesson.date >= seg.to)) continue;
      const x = rng.next();
      const absentShare = 1 - student.presence;
      const mark: MarkRow['prisutstvie'] =
        x < student.presence * (1 - student.late) ? 'P' : x < student.presence ? 'O' : x < student.presence + absentShare * Math.min(0.6, student.excused * 8) ? 'U' : 'N';
      const present = mark === 'P' || mark === 'O';
      const ocenka = present && lesson.vid !== 'lek' && rng.chance(0.35) ? Math.max(2, Math.min(10, Math.round(student.ability / 10 + rng.normal(0, 1.2)))) : null;
      const istochnik = lesson.qr && present && rng.chance(0.9) ? 'qr' : 'ruchnoy';
      // The demo is the morning of TODAY: today's lessons are in the timetable but not marked yet, so
      // QR check-in works on them (a check-in fills only an empty cell). The draws above still happen,
      // so every other value of the seed stays what it was.
      if (lesson.date === TODAY) continue;
      marks.pushValues(marks.size + 1, lesson.id, student.id, mark, ocenka, istochnik);
    }
    lesson.markTo = marks.size;
  }
}
