/**
 * The SQL of the hub's change-capture objects in a source database. Everything is prefixed
 * `campus_graph_` so that, on an external source, the hub's additions are easy to tell apart from
 * the source's own objects.
 *
 * Each captured table gets an AFTER ROW trigger calling `campus_graph_capture(key column, kept
 * columns…)`: the row goes into `campus_graph_change` (only the kept columns — personal data such
 * as PINs, passports, phones, addresses or QR secrets never enters the feed) and a NOTIFY wakes
 * the ingestor. The NOTIFY is only a wake-up: the hub reads the table by position.
 *
 * Three generations, each used by its own migrations (a migration, once run on an external source,
 * never changes, so neither does the SQL it ran):
 * - the first (`*_change_feed`, 2026-11-29): {@link changeFeedSql}. Its function lost the key of a
 *   DELETE on tables with kept columns, and any error in it failed the source's own write;
 * - the second (`*_capture_never_fails`, 2026-12-04): {@link captureNeverFailsSql} replaces the
 *   function so that the hub's objects never make a source's write fail, and captures DELETE on
 *   every table;
 * - the third (`*_identity_capture`, 2026-12-06): {@link perOperationCaptureSql} captures the
 *   person-bearing tables (keys only) for the identity registry, one trigger per operation.
 */

export interface CapturedTable {
  table: string;
  /** The primary-key column, copied as text into `row_key`. */
  key: string;
  /** Columns copied into `row_data`; omitted = the whole row (tables without personal data). */
  keep?: string[];
  /** `insert or update or delete` (default) or a narrower event list such as `update of status`. */
  events?: string;
  /** Optional WHEN condition of the trigger (e.g. only a real change of the status); of the UPDATE trigger with `updateOf`. */
  when?: string;
  /** Set by {@link perOperationCapture}: one trigger per operation, UPDATE only of these columns. */
  updateOf?: string[];
}

/** The change table of the first generation (frozen). */
const FIRST_CHANGE_TABLE_SQL = `
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

`;

/**
 * The capture function of the first generation (frozen; the second replaces it). On a DELETE of a
 * table with kept columns it narrows the missing new row to `{}` and takes the key from that, so
 * the key is null and the source's DELETE fails; any other error fails the source's write too.
 */
const FIRST_CAPTURE_FUNCTION_SQL = `create function campus_graph_capture() returns trigger language plpgsql
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

/** The change table, the capture function and its NOTIFY, created once per source (first generation, frozen). */
export const CAPTURE_OBJECTS_SQL = FIRST_CHANGE_TABLE_SQL + FIRST_CAPTURE_FUNCTION_SQL;

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

// ---------------------------------------------------------------------------------------------
// Second generation: the hub's objects never make a source's write fail.
// ---------------------------------------------------------------------------------------------

export type CapturedOp = 'INSERT' | 'UPDATE' | 'DELETE';

/**
 * The operations captured on a table now: those of its trigger's event list, and DELETE on every
 * table since the second generation (a deleted row is an event in the log).
 */
export function capturedOps(t: CapturedTable): CapturedOp[] {
  const events = (t.events ?? 'insert or update or delete').toLowerCase();
  const ops: CapturedOp[] = [];
  if (/\binsert\b/.test(events)) ops.push('INSERT');
  if (/\bupdate\b/.test(events)) ops.push('UPDATE');
  ops.push('DELETE');
  return ops;
}

/** Whether the table's first-generation trigger left DELETE out (the second adds its own trigger). */
const lacksDeleteTrigger = (t: CapturedTable) => !/\bdelete\b/i.test(t.events ?? 'insert or update or delete');

/**
 * Where a source's capture writes what it could not capture, for the hub to report: when, which
 * table and operation, the row's key when it was known, the SQLSTATE and the message with every
 * quoted part and long number masked, plus the constraint or column PostgreSQL named. Never the
 * row's data: it may hold personal data.
 */
const FAILURE_TABLE_SQL = `
create table campus_graph_capture_failure (
  id bigserial primary key,
  failed_at timestamptz not null default clock_timestamp(),
  table_name text not null,
  op text not null,
  row_key text,
  sqlstate text not null,
  message text not null,
  constraint_name text,
  column_name text
);
comment on table campus_graph_capture_failure is 'Campus Graph hub: changes its capture could not record (the source''s write succeeded); read and reported by the hub, trimmed once reported';
`;

/**
 * The capture function of the second generation. Everything it does runs in one exception block:
 * when anything fails (the change table refuses the row, a key is missing, a privilege is gone…)
 * the block's subtransaction is rolled back, the source's statement goes on, and the failure is
 * written to `campus_graph_capture_failure` — and when even that fails, only a WARNING is raised.
 *
 * - The key is taken from the whole row, before it is narrowed to the kept columns: a DELETE has
 *   no new row, and a key column need not be among the kept ones.
 * - SECURITY DEFINER (owned by the role that ran the hub's migrations): a source application's
 *   role needs no privilege on the hub's tables, so a partner's own roles cannot break capture —
 *   nor, with EXECUTE revoked from PUBLIC, attach the function to tables of their own. It can only
 *   be called as a trigger. Its `search_path` is pinned to pg_catalog, the schema of the hub's
 *   tables and pg_temp LAST: otherwise a writer's temporary table named `campus_graph_change`
 *   would come first and run the writer's own triggers with the migrating role's rights.
 * - The NOTIFY is only a wake-up (the hub also polls), skipped while the notification queue is
 *   half full: a listener that stopped reading must never make the source's COMMIT fail.
 */
const CAPTURE_FUNCTION_SQL = `
create or replace function campus_graph_capture() returns trigger language plpgsql
security definer as $$
declare
  new_row jsonb;
  old_row jsonb;
  kept text[];
  captured_key text;
  change_id bigint;
  failed_state text;
  failed_message text;
  failed_constraint text;
  failed_column text;
begin
  begin
    if tg_op <> 'INSERT' then old_row := to_jsonb(old); end if;
    if tg_op <> 'DELETE' then new_row := to_jsonb(new); end if;
    captured_key := coalesce(new_row, old_row) ->> tg_argv[0];
    if tg_nargs > 1 then
      kept := tg_argv[1:tg_nargs - 1];
      if new_row is not null then
        select coalesce(jsonb_object_agg(key, value), '{}') into new_row from jsonb_each(new_row) where key = any(kept);
      end if;
      if old_row is not null then
        select coalesce(jsonb_object_agg(key, value), '{}') into old_row from jsonb_each(old_row) where key = any(kept);
      end if;
    end if;
    insert into campus_graph_change (table_name, op, row_key, row_data, old_data)
    values (tg_table_name, tg_op, captured_key, coalesce(new_row, old_row), case when tg_op = 'UPDATE' then old_row end)
    returning id into change_id;
    if pg_notification_queue_usage() < 0.5 then
      perform pg_notify('campus_graph_change', change_id::text);
    end if;
  exception when others then
    get stacked diagnostics failed_state = returned_sqlstate, failed_message = message_text,
      failed_constraint = constraint_name, failed_column = column_name;
    begin
      insert into campus_graph_capture_failure (table_name, op, row_key, sqlstate, message, constraint_name, column_name)
      values (
        tg_table_name, tg_op, captured_key, failed_state,
        -- Values appear quoted in PostgreSQL's messages; a PIN or a phone is a long number.
        left(regexp_replace(regexp_replace(regexp_replace(failed_message, '"[^"]*"', '"..."', 'g'), '''[^'']*''', '''...''', 'g'), '[0-9]{6,}', '...', 'g'), 300),
        nullif(failed_constraint, ''), nullif(failed_column, '')
      );
      if pg_notification_queue_usage() < 0.5 then
        perform pg_notify('campus_graph_change', 'failure');
      end if;
    exception when others then
      raise warning 'Campus Graph could not capture % on % (SQLSTATE %) nor record the failure (SQLSTATE %); the source''s change itself is kept',
        tg_op, tg_table_name, failed_state, sqlstate;
    end;
  end;
  return null;
end
$$;
revoke execute on function campus_graph_capture() from public;
do $pin$ begin
  execute format('alter function campus_graph_capture() set search_path = pg_catalog, %I, pg_temp', current_schema());
end $pin$;
`;

/** The DELETE trigger of a table whose first-generation trigger captured no DELETE (its WHEN names NEW, which a DELETE trigger may not). */
function deleteTriggerSql(t: CapturedTable): string {
  const args = [t.key, ...(t.keep ?? [])].map((c) => `'${c}'`).join(', ');
  return `create trigger campus_graph_capture_${t.table}_delete after delete on ${t.table}
  for each row execute function campus_graph_capture(${args});`;
}

/** All the SQL of one source's second generation, over its first generation's tables. */
export function captureNeverFailsSql(tables: readonly CapturedTable[]): string[] {
  return [FAILURE_TABLE_SQL, CAPTURE_FUNCTION_SQL, ...tables.filter(lacksDeleteTrigger).map(deleteTriggerSql)];
}

/** Undoes {@link captureNeverFailsSql}: the first generation's function and triggers again. */
export function dropCaptureNeverFailsSql(tables: readonly CapturedTable[]): string[] {
  return [
    ...tables.filter(lacksDeleteTrigger).map((t) => `drop trigger if exists campus_graph_capture_${t.table}_delete on ${t.table};`),
    FIRST_CAPTURE_FUNCTION_SQL.replace('create function', 'create or replace function'),
    'grant execute on function campus_graph_capture() to public;',
    'drop table if exists campus_graph_capture_failure;',
  ];
}

// ---------------------------------------------------------------------------------------------
// Third generation (2026-12-06): the person-bearing tables, for the identity registry.
// ---------------------------------------------------------------------------------------------

/**
 * A table captured by one trigger per operation: every INSERT and DELETE, and an UPDATE only of
 * `updateOf` and only when one of those columns really changed. A trigger that fires on INSERT may
 * not compare OLD and NEW, hence three triggers (`campus_graph_capture_<table>_insert`,
 * `campus_graph_capture_<table>` for UPDATE, `campus_graph_capture_<table>_delete`).
 *
 * Used for the person-bearing tables: the identity registry must hear of a new record, a removed
 * one and a corrected PIN, name or birth date — but the feed still carries only the kept columns
 * (keys), never the PIN, the name or the birth date themselves; the hub reads the current row
 * from the source by its key.
 */
export function perOperationCapture(t: { table: string; key: string; keep: string[]; updateOf: string[] }): CapturedTable {
  return {
    table: t.table,
    key: t.key,
    keep: t.keep,
    updateOf: t.updateOf,
    events: `insert or update of ${t.updateOf.join(', ')} or delete`,
    when: t.updateOf.map((c) => `old.${c} is distinct from new.${c}`).join(' or '),
  };
}

/**
 * The SQL of {@link perOperationCapture} tables: the table's earlier capture triggers (if any)
 * are replaced by the three of this generation, so each operation is captured once.
 */
export function perOperationCaptureSql(tables: readonly CapturedTable[]): string[] {
  return tables.flatMap((t) => {
    if (!t.updateOf) throw new Error(`${t.table}: not a per-operation capture`);
    const args = [t.key, ...(t.keep ?? [])].map((c) => `'${c}'`).join(', ');
    const name = `campus_graph_capture_${t.table}`;
    return [
      `drop trigger if exists ${name} on ${t.table};`,
      `drop trigger if exists ${name}_delete on ${t.table};`,
      `create trigger ${name}_insert after insert on ${t.table}
  for each row execute function campus_graph_capture(${args});`,
      `create trigger ${name} after update of ${t.updateOf.join(', ')} on ${t.table}
  for each row when (${t.when}) execute function campus_graph_capture(${args});`,
      `create trigger ${name}_delete after delete on ${t.table}
  for each row execute function campus_graph_capture(${args});`,
    ];
  });
}

/** Undoes {@link perOperationCaptureSql}; `restore` gives the SQL of the triggers a table had before, if any. */
export function dropPerOperationCaptureSql(tables: readonly CapturedTable[], restore: (t: CapturedTable) => string[] = () => []): string[] {
  return tables.flatMap((t) => [
    `drop trigger if exists campus_graph_capture_${t.table}_insert on ${t.table};`,
    `drop trigger if exists campus_graph_capture_${t.table} on ${t.table};`,
    `drop trigger if exists campus_graph_capture_${t.table}_delete on ${t.table};`,
    ...restore(t),
  ]);
}

/** The second generation's DELETE trigger of a first-generation table (to restore it). */
export function captureDeleteTriggerSql(t: CapturedTable): string {
  return deleteTriggerSql(t);
}
