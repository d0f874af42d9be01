/**
 * AVN → electronic journal: how jurnal_zanyatie / jurnal_otmetka rows become the hub's Lesson and
 * AttendanceMark, the lists of lessons (by the hub's filters, within the viewer's reach) and the
 * loaders that read them in batches.
 */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader, manyByKeyLoader } from '../../db/loaders';
import type { SortColumn } from '../../db/pages';
import type { Params } from '../../db/sql';
import { toGlobalId } from '../../domain/global-id';
import type { Reach } from '../../domain/reach';
import { MarkSource, Presence, type AttendanceMarkRecord, type LessonFilter, type LessonRecord, type LessonSort } from '../../domain/attendance';
import { VID_CODE, toLessonKind } from './avn.staff';
import { facultyGroupsSql, teachingScope } from './avn.scopes';
import { teachingLists } from './avn.teaching-lists';

const avn = (context: SourceContext) => context.db.avn;

export interface ZanyatieRow { zan_id: number; grp_id: number; disc_id: number; emp_id: number; data: string; para: number; vid: string; tema: string | null }
export interface OtmetkaRow { zan_id: number; stud_id: number; prisutstvie: string; ocenka: number | null; istochnik: string }

export const ZANYATIE_COLUMNS = 'z.zan_id, z.grp_id, z.disc_id, z.emp_id, z.data, z.para, z.vid, z.tema';

/** AVN's one-letter attendance codes: P prisutstvoval, N net (absent), O opozdal (late), U uvazhitelnaya prichina (excused). */
const PRISUTSTVIE: Record<string, Presence> = { P: Presence.PRESENT, N: Presence.ABSENT, O: Presence.LATE, U: Presence.EXCUSED };
const ISTOCHNIK: Record<string, MarkSource> = { ruchnoy: MarkSource.MANUAL, qr: MarkSource.QR };

export function toLesson(r: ZanyatieRow): LessonRecord {
  return {
    __typename: 'Lesson', id: toGlobalId('Lesson', r.zan_id), key: r.zan_id, groupKey: r.grp_id, disciplineKey: r.disc_id, teacherKey: r.emp_id,
    date: r.data, period: r.para, kind: toLessonKind(r.vid), topic: r.tema || null,
  };
}

export function toAttendanceMark(r: OtmetkaRow): AttendanceMarkRecord {
  return { lessonKey: r.zan_id, studentKey: r.stud_id, presence: PRISUTSTVIE[r.prisutstvie.trim()], mark: r.ocenka, source: ISTOCHNIK[r.istochnik] };
}

export const lessonById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.lessonById', avn, `select ${ZANYATIE_COLUMNS}, z.zan_id as _key from jurnal_zanyatie z where z.zan_id = any($1::int[])`, toLesson);

/** The attendance marks of each lesson, by student name. */
export const marksByLesson = (c: SourceContext) =>
  manyByKeyLoader(c, 'avn.marksByLesson', avn,
    `select o.zan_id, o.stud_id, o.prisutstvie, o.ocenka, o.istochnik, o.zan_id as _key
       from jurnal_otmetka o join students s on s.stud_id = o.stud_id
      where o.zan_id = any($1::int[])
      order by o.zan_id, s.fam, s.imya, s.stud_id`,
    toAttendanceMark);

/** By date and period, ties broken by lesson so keyset cursors are exact. */
const lessonSort = ({ desc }: LessonSort): SortColumn[] => [
  { sql: 'z.data', key: 'data', desc },
  { sql: 'z.para', key: 'para', desc },
  { sql: 'z.zan_id', key: 'zan_id', desc },
];

/** The filter's conditions, and the viewer's row limit: a faculty's groups, a chair's teachers, a teacher's own, a student's group. */
function lessonConditions(filter: LessonFilter, reach: Reach, p: Params): (string | false | null | undefined)[] {
  return [
    filter.groupKey != null && `z.grp_id = ${p.add(filter.groupKey)}`,
    filter.teacherKey != null && `z.emp_id = ${p.add(filter.teacherKey)}`,
    filter.facultyKey != null && `z.grp_id in (${facultyGroupsSql(p.add(filter.facultyKey))})`,
    filter.disciplineKey != null && `z.disc_id = ${p.add(filter.disciplineKey)}`,
    filter.dateFrom && `z.data >= ${p.add(filter.dateFrom)}::date`,
    filter.dateTo && `z.data <= ${p.add(filter.dateTo)}::date`,
    filter.kind && `z.vid = ${p.add(VID_CODE[filter.kind])}`,
    teachingScope(reach, p, { group: 'z.grp_id', teacher: 'z.emp_id' }),
  ];
}

const lessonLists = teachingLists<LessonFilter, LessonSort, LessonRecord>({
  name: 'avn.lessons', from: 'jurnal_zanyatie z', columns: ZANYATIE_COLUMNS, groupColumn: 'z.grp_id', teacherColumn: 'z.emp_id',
  conditions: lessonConditions, sort: lessonSort, map: (row) => toLesson(row as unknown as ZanyatieRow),
});

/** A page of journal lessons; only those the viewer's reach covers. */
export const listLessons = lessonLists.list;

/** The lessons of many groups or many teachers, one page each, in one statement (the root list's row limit). */
export const lessonsUnder = lessonLists.under;
