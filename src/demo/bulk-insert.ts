/**
 * Writes generated tables fast with plain `pg`: one statement per batch of rows,
 * `insert into t (a, b) select * from unnest($1::int[], $2::text[])`, each column sent as one
 * array literal that this module encodes itself (faster than pg's generic array serialiser and
 * exact about NULLs). The next batch is encoded while the server still works on the previous one.
 */
import type { ColumnType, WritableTable } from './table';

/** Anything with pg's `query`: a Pool, a PoolClient or a Client. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

const PG_TYPE: Record<ColumnType, string> = {
  int: 'int4',
  smallint: 'int2',
  bigint: 'int8',
  text: 'text',
  date: 'date',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
  numeric: 'numeric',
  bool: 'bool',
  float8: 'float8',
};

/** Encodes values[from, to) as a PostgreSQL array literal. */
export function encodeArray(values: readonly unknown[], type: ColumnType, from: number, to: number): string {
  const parts = new Array<string>(to - from);
  const numeric = type === 'int' || type === 'smallint' || type === 'bigint' || type === 'numeric' || type === 'float8';
  for (let i = from; i < to; i++) {
    const v = values[i];
    let out: string;
    if (v === null || v === undefined) out = 'NULL';
    else if (type === 'bool') out = v ? 't' : 'f';
    else if (numeric) {
      if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
      out = String(v);
    } else {
      const s = String(v);
      out = '"' + (s.includes('\\') || s.includes('"') ? s.replace(/[\\"]/g, '\\$&') : s) + '"';
    }
    parts[i - from] = out;
  }
  return '{' + parts.join(',') + '}';
}

function insertSql(table: WritableTable): string {
  const cols = table.columns.map((c) => `"${c}"`).join(', ');
  const arrays = table.types.map((t, i) => `$${i + 1}::${PG_TYPE[t]}[]`).join(', ');
  return `insert into "${table.name}" (${cols}) select * from unnest(${arrays})`;
}

/** Rows per statement: about 100k values, so that wide tables send smaller batches. */
export function batchRowsFor(table: WritableTable): number {
  return Math.max(1000, Math.min(20000, Math.floor(120_000 / table.columns.length)));
}

/**
 * Inserts all rows of `table`, calling `onBatch(rowsWrittenSoFar)` after each batch.
 * Two statements are in flight at most: on one connection they run one after the other, but the
 * second is encoded while the first executes.
 */
export async function insertTable(db: Queryable, table: WritableTable, onBatch?: (written: number) => void): Promise<void> {
  const sql = insertSql(table);
  const size = table.size;
  const step = batchRowsFor(table);
  let written = 0;
  let pending: Promise<unknown> | null = null;
  let pendingRows = 0;
  for (let from = 0; from < size; from += step) {
    const to = Math.min(size, from + step);
    const params = table.data.map((column, i) => encodeArray(column, table.types[i], from, to));
    const next = db.query(sql, params);
    next.catch(() => undefined); // observed below; avoids an unhandled rejection while the previous batch is awaited
    if (pending) {
      await pending;
      written += pendingRows;
      onBatch?.(written);
    }
    pending = next;
    pendingRows = to - from;
  }
  if (pending) {
    await pending;
    written += pendingRows;
    onBatch?.(written);
  }
}
