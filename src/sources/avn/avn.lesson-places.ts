/**
 * AVN → live attendance: a journal lesson together with the faculty of its group, in one
 * statement per batch (lesson → group → programme → faculty would be three round trips in a row
 * for every new lesson an attendance event names).
 */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader } from '../../db/loaders';
import type { LessonRecord } from '../../domain/attendance';
import { toLesson, ZANYATIE_COLUMNS, type ZanyatieRow } from './avn.journal';

export interface LessonPlace {
  lesson: LessonRecord;
  /** The faculty of the lesson's group (through its programme); null when the chain is broken. */
  facultyKey: number | null;
}

export const lessonPlaceById = (c: SourceContext) =>
  byKeyLoader<number, ZanyatieRow & { fak_id: number | null }, LessonPlace>(c, 'avn.lessonPlaceById', (context) => context.db.avn,
    `select ${ZANYATIE_COLUMNS}, sp.fak_id, z.zan_id as _key
       from jurnal_zanyatie z
       left join gruppa g on g.grp_id = z.grp_id
       left join specialnost sp on sp.spec_id = g.spec_id
      where z.zan_id = any($1::int[])`,
    (r) => ({ lesson: toLesson(r), facultyKey: r.fak_id ?? null }));
