import { Migration } from '@mikro-orm/migrations';

/**
 * The hub's own database. The identity registry links each source's local key to one global
 * person; it keeps no personal data beyond what matching needs (a keyed digest of the PIN and a
 * normalised name key with the birth date).
 */
export class Migration20261129000001HubIdentityRegistry extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table person (
  id bigserial primary key,
  pin_digest text unique,
  name_key text not null,
  birth_date date,
  created_at timestamptz not null default now()
);
create index on person (name_key, birth_date);
create table identity_link (
  id bigserial primary key,
  person_id bigint not null references person,
  source text not null,
  local_key text not null,
  method text not null check (method in ('anchor','pin','student_number','name_birth_date','manual')),
  confidence real not null,
  linked_at timestamptz not null default now(),
  unique (source, local_key)
);
create index on identity_link (person_id);
create table identity_review (
  id bigserial primary key,
  source text not null,
  local_key text not null,
  reason text not null check (reason in ('ambiguous','conflict','no_match')),
  candidate_person_ids bigint[] not null default '{}',
  detail text not null,
  status text not null default 'open' check (status in ('open','resolved','dismissed')),
  created_at timestamptz not null default now(),
  unique (source, local_key)
);
create table hub_meta (
  key text primary key,
  value text not null,
  updated_at timestamptz not null default now()
);
`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists hub_meta, identity_review, identity_link, person cascade;');
  }
}
