/**
 * AVN → electronic journal: how jurnal_zanyatie / jurnal_otmetka rows become the hub's Lesson and
 * AttendanceMark, and the loaders that read them in batches.
 */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader, manyByKeyLoader } from '../../db/loaders';
import { toGlobalId } from '../../domain/global-id';
import { MarkSource, Presence } from '../../domain/attendance';
import { type AttendanceMark, type Lesson } from '../../modules/attendance/lesson.types';
import { toLessonKind } from './avn.staff';

const avn = (context: SourceContext) => context.db.avn;

export interface ZanyatieRow { zan_id: number; grp_id: number; disc_id: number; emp_id: number; data: string; para: number; vid: string; tema: string | null }
export interface OtmetkaRow { zan_id: number; stud_id: number; prisutstvie: string; ocenka: number | null; istochnik: string }

export const ZANYATIE_COLUMNS = 'z.zan_id, z.grp_id, z.disc_id, z.emp_id, z.data, z.para, z.vid, z.tema';

/** AVN's one-letter attendance codes: P prisutstvoval, N net (absent), O opozdal (late), U uvazhitelnaya prichina (excused). */
const PRISUTSTVIE: Record<string, Presence> = { P: Presence.PRESENT, N: Presence.ABSENT, O: Presence.LATE, U: Presence.EXCUSED };
const ISTOCHNIK: Record<string, MarkSource> = { ruchnoy: MarkSource.MANUAL, qr: MarkSource.QR };

export function toLesson(r: ZanyatieRow): Lesson {
  return {
    __typename: 'Lesson', id: toGlobalId('Lesson', r.zan_id), key: r.zan_id, groupKey: r.grp_id, disciplineKey: r.disc_id, teacherKey: r.emp_id,
    date: r.data, period: r.para, kind: toLessonKind(r.vid), topic: r.tema || null,
  };
}

export function toAttendanceMark(r: OtmetkaRow): AttendanceMark {
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
