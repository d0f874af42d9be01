/**
 * The SQL of the hub's change-capture objects in a source database (used by the five
 * `*_change_feed` integration migrations). Everything is prefixed `campus_graph_` so that, on an
 * external source, the hub's additions are easy to tell apart from the source's own objects.
 *
 * Each captured table gets an AFTER ROW trigger calling `campus_graph_capture(key column, kept
 * columns…)`: the row goes into `campus_graph_change` (only the kept columns — personal data such
 * as PINs, passports, phones, addresses or QR secrets never enters the feed) and a NOTIFY wakes
 * the ingestor. The NOTIFY is only a wake-up: the hub reads the table by position.
 */

export interface CapturedTable {
  table: string;
  /** The primary-key column, copied as text into `row_key`. */
  key: string;
  /** Columns copied into `row_data`; omitted = the whole row (tables without personal data). */
  keep?: string[];
  /** `insert or update or delete` (default) or a narrower event list such as `update of status`. */
  events?: string;
  /** Optional WHEN condition of the trigger (e.g. only a real change of the status). */
  when?: string;
}

/** The change table, the capture function and its NOTIFY, created once per source. */
export const CAPTURE_OBJECTS_SQL = `
create table campus_graph_change (
  id bigserial primary key,
  table_name text not null,
  op text not null check (op in ('INSERT','UPDATE','DELETE')),
  row_key text not null,
  row_data jsonb not null,
  old_data jsonb,
  changed_at timestamptz not null default clock_timestamp(),
  txid bigint not null default txid_current()
);
comment on table campus_graph_change is 'Campus Graph hub: captured changes (read by the hub by position; safe to trim below the hub''s ingest position)';

create function campus_graph_capture() returns trigger language plpgsql
set search_path from current as $$
declare
  new_row jsonb;
  old_row jsonb;
  kept text[];
  change_id bigint;
begin
  if tg_op <> 'INSERT' then old_row := to_jsonb(old); end if;
  if tg_op <> 'DELETE' then new_row := to_jsonb(new); end if;
  if tg_nargs > 1 then
    kept := tg_argv[1:tg_nargs - 1];
    select coalesce(jsonb_object_agg(key, value), '{}') into new_row from jsonb_each(new_row) where key = any(kept);
    select coalesce(jsonb_object_agg(key, value), '{}') into old_row from jsonb_each(old_row) where key = any(kept);
  end if;
  insert into campus_graph_change (table_name, op, row_key, row_data, old_data)
  values (
    tg_table_name,
    tg_op,
    coalesce(new_row, old_row) ->> tg_argv[0],
    coalesce(new_row, old_row),
    case when tg_op = 'UPDATE' then old_row end
  )
  returning id into change_id;
  perform pg_notify('campus_graph_change', change_id::text);
  return null;
end
$$;
`;

/** The AFTER trigger of one captured table. */
export function captureTriggerSql(t: CapturedTable): string {
  const args = [t.key, ...(t.keep ?? [])].map((c) => `'${c}'`).join(', ');
  const when = t.when ? `\n  when (${t.when})` : '';
  return `create trigger campus_graph_capture_${t.table} after ${t.events ?? 'insert or update or delete'} on ${t.table}
  for each row${when} execute function campus_graph_capture(${args});`;
}

/** All the SQL of one source's change feed. */
export function changeFeedSql(tables: CapturedTable[]): string[] {
  return [CAPTURE_OBJECTS_SQL, ...tables.map(captureTriggerSql)];
}

/** Undoes {@link changeFeedSql}. */
export function dropChangeFeedSql(tables: CapturedTable[]): string[] {
  return [
    ...tables.map((t) => `drop trigger if exists campus_graph_capture_${t.table} on ${t.table};`),
    'drop function if exists campus_graph_capture();',
    'drop table if exists campus_graph_change;',
  ];
}
