import { Migration } from '@mikro-orm/migrations';

/**
 * The hub's ordered event log: every change captured in a source (`campus_graph_change`), copied
 * once by the ingesting instance. `cursor` is the one global cursor subscriptions resume from;
 * (source, source_change_id) is unique so a change can never be logged twice, whatever crashes.
 * `ingest_position` is how far each source's change table has been read, advanced in the same
 * transaction as the inserts.
 */
export class Migration20261129000005EventLog extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table event_log (
  cursor bigserial primary key,
  source text not null,
  source_change_id bigint not null,
  table_name text not null,
  op text not null check (op in ('INSERT','UPDATE','DELETE')),
  row_key text not null,
  row_data jsonb not null,
  old_data jsonb,
  changed_at timestamptz not null,
  ingested_at timestamptz not null default clock_timestamp(),
  unique (source, source_change_id)
);
create table ingest_position (
  source text primary key,
  last_change_id bigint not null default 0,
  updated_at timestamptz not null default clock_timestamp()
);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists ingest_position; drop table if exists event_log;');
  }
}
