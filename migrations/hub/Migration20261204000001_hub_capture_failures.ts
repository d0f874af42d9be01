import { Migration } from '@mikro-orm/migrations';

/**
 * The hub's record of the sources' capture failures: each row a change a source made that its
 * capture could not record (the source's write went through; its `campus_graph_capture_failure`
 * row, copied once by the ingesting instance). Never row data — only which table, operation and
 * key, when and why. (source, source_failure_id) is unique, and the highest id per source is how
 * far that source's failures have been read. /readyz counts them per source.
 */
export class Migration20261204000001HubCaptureFailures extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table capture_failure (
  id bigserial primary key,
  source text not null,
  source_failure_id bigint not null,
  failed_at timestamptz not null,
  table_name text not null,
  op text not null,
  row_key text,
  sqlstate text not null,
  message text not null,
  constraint_name text,
  column_name text,
  reported_at timestamptz not null default clock_timestamp(),
  unique (source, source_failure_id)
);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists capture_failure;');
  }
}
