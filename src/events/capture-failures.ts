/**
 * The sources' capture failures, as the hub reports them. A source's capture never makes the
 * source's own write fail: when it cannot record a change it writes what failed (table,
 * operation, key, SQLSTATE, a message with values masked — never the row's data) into the
 * source's `campus_graph_capture_failure` and NOTIFYs `failure`. The ingesting instance reads
 * those rows by position (like the changes), copies them once into the hub's `capture_failure`,
 * logs each at warn level, and trims the source's copies once reported and older than the
 * change retention. /readyz counts them per source from the hub's table, so every instance
 * reports the same figures.
 */
import type pg from 'pg';
import { SOURCE_NAMES, type SourceName } from '../config';
import { logger } from '../common/logger';
import { readByPosition, type ChangeBatch, type GapWatch } from './change-reader';
import { queryRows, type Queryable } from './event-log';

/** The NOTIFY payload a source's capture sends on the change channel after recording a failure. */
export const FAILURE_NOTIFICATION = 'failure';

/** One row of a source's `campus_graph_capture_failure`. */
export interface CaptureFailure {
  id: number;
  failed_at: string;
  table_name: string;
  op: string;
  row_key: string | null;
  sqlstate: string;
  message: string;
  constraint_name: string | null;
  column_name: string | null;
}

/** A source's failures after `after`, by position (gaps waited for, as for changes). */
export function readCaptureFailures(source: pg.Client, after: number, limit: number, gap: GapWatch | null): Promise<ChangeBatch<CaptureFailure>> {
  return readByPosition<CaptureFailure>(
    source,
    'select id, failed_at, table_name, op, row_key, sqlstate, message, constraint_name, column_name from campus_graph_capture_failure',
    after,
    limit,
    gap,
  );
}

/** How far a source's failures have been reported (the highest source id in the hub's record). */
export async function reportedFailurePosition(hub: pg.Client, source: SourceName): Promise<number> {
  const { rows } = await hub.query<{ last: string }>('select coalesce(max(source_failure_id), 0)::text as last from capture_failure where source = $1', [source]);
  return Number(rows[0].last);
}

/**
 * Copies failures into the hub's record and logs the ones recorded now (each once, whichever
 * instance or restart reads it again).
 */
export async function reportCaptureFailures(hub: pg.Client, source: SourceName, failures: CaptureFailure[]): Promise<void> {
  if (failures.length === 0) return;
  const { rows } = await hub.query<{ source_failure_id: string }>(
    `insert into capture_failure (source, source_failure_id, failed_at, table_name, op, row_key, sqlstate, message, constraint_name, column_name)
     select $1, (f->>'id')::bigint, (f->>'failed_at')::timestamptz, f->>'table_name', f->>'op', f->>'row_key', f->>'sqlstate',
            f->>'message', f->>'constraint_name', f->>'column_name'
       from jsonb_array_elements($2::jsonb) f
     on conflict (source, source_failure_id) do nothing
     returning source_failure_id::text`,
    [source, JSON.stringify(failures)],
  );
  const recorded = new Set(rows.map((r) => Number(r.source_failure_id)));
  for (const failure of failures) {
    if (!recorded.has(failure.id)) continue;
    logger.warn('Change feed: capture failed in a source (the source\'s write went through; this change is not in the event log)', {
      source,
      table: failure.table_name,
      op: failure.op,
      key: failure.row_key,
      sqlstate: failure.sqlstate,
      constraint: failure.constraint_name,
      column: failure.column_name,
      error: failure.message,
      failedAt: failure.failed_at,
    });
  }
}

/** Deletes a source's failures the hub has reported that are older than the retention; returns how many. */
export async function trimCaptureFailures(source: pg.Client, reported: number, retainMs: number, batch: number): Promise<number> {
  const { rowCount } = await source.query(
    `delete from campus_graph_capture_failure where id in (
       select id from campus_graph_capture_failure
        where id <= $1 and failed_at < clock_timestamp() - make_interval(secs => $2)
        order by id limit $3)`,
    [reported, retainMs / 1000, batch],
  );
  return rowCount ?? 0;
}

/** Per source: how many capture failures the hub has recorded, and when the latest happened (null: none). */
export type CaptureFailureSummary = Record<SourceName, { count: number; lastAt: string | null }>;

export async function captureFailureSummary(hubReader: Queryable): Promise<CaptureFailureSummary> {
  const rows = await queryRows<{ source: SourceName; count: number; last_at: Date }>(
    hubReader,
    'select source, count(*)::int as count, max(failed_at) as last_at from capture_failure group by source',
  );
  const summary = {} as CaptureFailureSummary;
  for (const name of SOURCE_NAMES) summary[name] = { count: 0, lastAt: null };
  for (const row of rows) {
    if (row.source in summary) summary[row.source] = { count: row.count, lastAt: new Date(row.last_at).toISOString() };
  }
  return summary;
}
