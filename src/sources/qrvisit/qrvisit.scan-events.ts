/**
 * QR-visit → live attendance: what the hub needs to know about a captured scan that the change
 * feed does not carry. The feed copies only id, session, student book, time and result (never the
 * device or coordinates), so the scan's journal lesson and whether the hub itself wrote the scan
 * are read here, one statement per batch of scans.
 */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader } from '../../db/loaders';

/**
 * The `device` the hub's own check-in writes on a scan (qrvisit.checkin.ts). Such a scan also
 * writes a journal mark, which is the event subscribers receive; the scan itself is not.
 */
export const HUB_DEVICE = 'campus-graph';

export interface ScanOrigin {
  /** AVN jurnal_zanyatie.zan_id of the scan's session. */
  lessonKey: number;
  /** True when the hub's own check-in wrote the scan. */
  byHub: boolean;
}

/** Per scan id: its session's journal lesson and whether the hub wrote it (null: the scan is gone). */
export const scanOriginById = (c: SourceContext) =>
  byKeyLoader<number, { avn_lesson_id: number; by_hub: boolean }, ScanOrigin>(c, 'qrvisit.scanOriginById', (context) => context.db.qrvisit,
    `select s.id as _key, ls.avn_lesson_id, coalesce(s.device = '${HUB_DEVICE}', false) as by_hub
       from scan s join lesson_session ls on ls.id = s.session_id
      where s.id = any($1::bigint[])`,
    (r) => ({ lessonKey: r.avn_lesson_id, byHub: r.by_hub }));
