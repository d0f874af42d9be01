/**
 * AVN → domain events: what a captured change of an AVN table means in the hub's terms. The
 * capture keeps only some columns (migrations/avn): of `prikaz` the status and faculty, of
 * `students` the status and group, of `jurnal_otmetka` the whole mark. Also the one read a
 * signing needs at the moment it happens: the students the order names.
 */
import type { SourceContext } from '../../db/read-context';
import type { ChangeSelection, CapturedChange, JournalMarkWritten, OrderChanged, StudentStatusChanged } from '../../domain/events';
import { OrderChange } from '../../domain/live';
import { toAttendanceMark, type OtmetkaRow } from './avn.journal';
import { STATUS_BY_ID } from './avn.students';

const isChangeOf = (change: CapturedChange, table: string) => change.source === 'avn' && change.table === table;

/** Student orders: created, signed, cancelled. */
export const ORDER_CHANGES: ChangeSelection = { sources: ['avn'], tables: ['prikaz'] };
/** prikaz.status codes a change moves an order to (proekt, the draft, is only ever a creation). */
const CHANGE_BY_STATUS: Record<string, OrderChange> = { podpisan: OrderChange.SIGNED, otmenen: OrderChange.CANCELLED };

export function orderChangeOf(change: CapturedChange): OrderChanged | null {
  if (!isChangeOf(change, 'prikaz') || change.op === 'DELETE') return null;
  const status = String(change.data.status);
  const kind = change.op === 'INSERT' ? OrderChange.CREATED : change.old && change.old.status !== status ? CHANGE_BY_STATUS[status] : undefined;
  if (!kind) return null;
  return {
    cursor: change.cursor, orderKey: Number(change.key), change: kind, at: change.changedAt,
    facultyKey: change.data.fak_id == null ? null : Number(change.data.fak_id),
  };
}

/** Students' study status (the capture keeps only the status and group columns of `students`). */
export const STUDENT_STATUS_CHANGES: ChangeSelection = { sources: ['avn'], tables: ['students'] };

export function studentStatusChangeOf(change: CapturedChange): StudentStatusChanged | null {
  if (!isChangeOf(change, 'students') || change.op !== 'UPDATE' || !change.old || change.old.status_id === change.data.status_id) return null;
  return {
    cursor: change.cursor,
    studentKey: Number(change.key),
    groupKey: Number(change.data.grp_id),
    status: STATUS_BY_ID[Number(change.data.status_id)],
    previousStatus: STATUS_BY_ID[Number(change.old.status_id)] ?? null,
    at: change.changedAt,
  };
}

/** Journal attendance marks (teachers' entries and the hub's QR check-ins). */
export const JOURNAL_MARK_CHANGES: ChangeSelection = { sources: ['avn'], tables: ['jurnal_otmetka'] };

export function journalMarkOf(change: CapturedChange): JournalMarkWritten | null {
  if (!isChangeOf(change, 'jurnal_otmetka') || change.op === 'DELETE') return null;
  const row = change.data as unknown as OtmetkaRow;
  // The feed holds JSON: keys and the grade come back as numbers only after this.
  const mark = toAttendanceMark({ ...row, zan_id: Number(row.zan_id), stud_id: Number(row.stud_id), ocenka: row.ocenka == null ? null : Number(row.ocenka) });
  return {
    cursor: change.cursor, lessonKey: mark.lessonKey, studentKey: mark.studentKey,
    presence: mark.presence, mark: mark.mark, source: mark.source, at: change.changedAt,
  };
}

/**
 * The students an order names, by key, read now (not through a request loader: a long-lived
 * subscription must see the order as it is at each event).
 */
export async function studentsNamedByOrder(c: SourceContext, orderKey: number): Promise<number[]> {
  const rows = await c.db.avn.query<{ stud_id: number }>('select ps.stud_id from prikaz_student ps where ps.prikaz_id = $1 order by ps.stud_id', [orderKey]);
  return rows.map((r) => Number(r.stud_id));
}
