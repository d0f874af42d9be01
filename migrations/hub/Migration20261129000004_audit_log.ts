import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail: every mutation and every read of personal data (who, when, the purpose of the
 * key, the operation, the objects touched, old and new values, the people read). Append-only:
 * a trigger refuses UPDATE, DELETE and TRUNCATE, so not even SQL run with the hub's own
 * credentials can edit or remove an entry (only dropping the table, a schema change, can).
 */
export class Migration20261129000004AuditLog extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default clock_timestamp(),
  request_id text not null,
  actor_kind text not null check (actor_kind in ('anonymous','account','apiKey')),
  actor_id text,
  actor_label text not null,
  actor_role text,
  purpose text,
  action text not null check (action in ('mutation','personal_read')),
  operation text not null,
  objects jsonb not null default '[]',
  changes jsonb not null default '[]',
  fields text[] not null default '{}',
  person_ids bigint[] not null default '{}'
);
create index audit_log_at_idx on audit_log (at desc, id desc);
create index audit_log_actor_idx on audit_log (actor_id, at desc);
create index audit_log_objects_idx on audit_log using gin (objects jsonb_path_ops);
create index audit_log_changes_idx on audit_log using gin (changes jsonb_path_ops);
create index audit_log_persons_idx on audit_log using gin (person_ids);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % is refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_no_change before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();
`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists audit_log cascade; drop function if exists audit_log_append_only();');
  }
}
