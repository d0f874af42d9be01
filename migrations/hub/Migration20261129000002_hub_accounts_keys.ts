import { Migration } from '@mikro-orm/migrations';

/**
 * Accounts (regulation 5.6: users registered with a login and password), their refresh tokens,
 * and partner units' API keys. Only hashes of passwords, refresh tokens and keys are stored.
 * `changed_at` moves on every change so every hub instance's access registry sees it within
 * seconds (revocation closes open subscriptions).
 */
export class Migration20261129000002HubAccountsKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table account (
  id bigserial primary key,
  login text not null unique,
  password_hash text not null,
  role text not null,
  person_id bigint references person,
  employee_key int,
  student_key int,
  faculty_key int,
  chair_key int,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  password_changed_at timestamptz not null default now(),
  changed_at timestamptz not null default now()
);
create table refresh_token (
  id bigserial primary key,
  account_id bigint not null references account,
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index on refresh_token (account_id);
create table api_key (
  id bigserial primary key,
  name text not null,
  role text not null,
  prefix text not null unique,
  key_hash text not null,
  purpose text not null,
  read_domains text[],
  write_domains text[],
  personal_fields text[],
  faculty_key int,
  expires_at timestamptz,
  revoked_at timestamptz,
  created_by bigint references account,
  created_at timestamptz not null default now(),
  changed_at timestamptz not null default now()
);
create index on account (changed_at);
create index on api_key (changed_at);
`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists api_key, refresh_token, account cascade;');
  }
}
