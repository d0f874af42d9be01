/**
 * Reads a source's `campus_graph_change` (and, the same way, its `campus_graph_capture_failure`) by position, without ever skipping a change that commits
 * late. Ids come from a sequence, so a transaction still in flight can hold a lower id than rows
 * already committed: the reader only advances over contiguous ids. A gap (an id not visible yet)
 * is passed only once every transaction that was running when the gap was first seen has ended —
 * then the missing id either became visible (and is read) or belonged to a rollback (gone for good).
 */
import type pg from 'pg';

export interface CapturedChange {
  id: number;
  table_name: string;
  op: 'INSERT' | 'UPDATE' | 'DELETE';
  row_key: string;
  row_data: Record<string, unknown>;
  old_data: Record<string, unknown> | null;
  changed_at: string;
}

/** A gap first seen at `id` while transactions below `xmax` could still commit it. */
export interface GapWatch {
  id: number;
  xmax: bigint;
}

export interface ChangeBatch<T = CapturedChange> {
  /** The rows read (changes, or failures), in id order. */
  changes: T[];
  /** The gap being waited for (keep it for the next read), or null. */
  gap: GapWatch | null;
  /** True when the read was full (more rows may follow at once). */
  full: boolean;
}

export async function readChanges(source: pg.Client, after: number, limit: number, gap: GapWatch | null): Promise<ChangeBatch> {
  return readByPosition<CapturedChange>(source, 'select id, table_name, op, row_key, row_data, old_data, changed_at from campus_graph_change', after, limit, gap);
}

/**
 * The rows of a source table with a sequence id (`select … from <table>`, no WHERE) after
 * `after`, by the same rules as the changes: only over contiguous ids, a gap passed once every
 * transaction that could still fill it has ended.
 */
export async function readByPosition<T extends { id: number }>(
  source: pg.Client,
  select: string,
  after: number,
  limit: number,
  gap: GapWatch | null,
): Promise<ChangeBatch<T>> {
  // One statement, one snapshot: the rows and the snapshot bounds agree.
  const { rows } = await source.query<{ xmin: string; xmax: string; changes: T[] }>(
    `select txid_snapshot_xmin(s)::text as xmin, txid_snapshot_xmax(s)::text as xmax,
       (select coalesce(jsonb_agg(c order by c.id), '[]')
          from (${select} where id > $1 order by id limit $2) c) as changes
     from txid_current_snapshot() s`,
    [after, limit],
  );
  const { xmin, xmax, changes } = rows[0];
  const accepted: T[] = [];
  let expected = after + 1;
  let watch = gap;
  for (const change of changes) {
    if (change.id !== expected) {
      const settled = watch !== null && watch.id === expected && BigInt(xmin) >= watch.xmax;
      if (!settled) {
        if (watch === null || watch.id !== expected) watch = { id: expected, xmax: BigInt(xmax) };
        return { changes: accepted, gap: watch, full: false };
      }
    }
    watch = null;
    accepted.push(change);
    expected = change.id + 1;
  }
  return { changes: accepted, gap: watch, full: changes.length === limit };
}
