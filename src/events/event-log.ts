/**
 * The hub's ordered event log as the rest of the hub sees it: the shape of one event, the pubsub
 * topic every instance publishes new events on (in cursor order, each once), and the reads that
 * replay the log from a cursor.
 */
import type { SourceName } from '../config';
import type { CapturedChange } from '../domain/events';

/** One captured change, as ingested into `event_log` (its source one of the hub's). */
export interface LogEvent extends CapturedChange {
  source: SourceName;
}

/** Anything that runs SQL: a pg Pool or Client (`{ rows }`) or the hub's SourceDb reader (rows). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export const EVENT_COLUMNS = 'cursor::float8 as cursor, source, table_name, op, row_key, row_data, old_data, changed_at';

interface EventRow {
  cursor: number;
  source: SourceName;
  table_name: string;
  op: LogEvent['op'];
  row_key: string;
  row_data: Record<string, unknown>;
  old_data: Record<string, unknown> | null;
  changed_at: Date;
}

export function toLogEvent(row: EventRow): LogEvent {
  return {
    cursor: Number(row.cursor),
    source: row.source,
    table: row.table_name,
    op: row.op,
    key: row.row_key,
    data: row.row_data,
    old: row.old_data,
    changedAt: row.changed_at instanceof Date ? row.changed_at : new Date(row.changed_at),
  };
}

export async function queryRows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = (await db.query(sql, params)) as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * The events after `cursor` in log order, at most `limit` (a replay reads page after page until
 * it gets fewer than `limit`, then continues from the live topic, skipping cursors it has seen).
 * Optional filters narrow the read to some sources / tables.
 */
export async function readEventsAfter(
  hubReader: Queryable,
  cursor: number,
  limit: number,
  filter: { sources?: readonly string[]; tables?: readonly string[] } = {},
): Promise<LogEvent[]> {
  const rows = await queryRows<EventRow>(
    hubReader,
    `select ${EVENT_COLUMNS} from event_log
      where cursor > $1 and ($3::text[] is null or source = any($3)) and ($4::text[] is null or table_name = any($4))
      order by cursor limit $2`,
    [cursor, limit, filter.sources ?? null, filter.tables ?? null],
  );
  return rows.map(toLogEvent);
}

/** The cursor of the newest event in the log (0 when empty). */
export async function latestCursor(hubReader: Queryable): Promise<number> {
  const [row] = await queryRows<{ cursor: number }>(hubReader, 'select coalesce(max(cursor), 0)::float8 as cursor from event_log');
  return Number(row.cursor);
}
