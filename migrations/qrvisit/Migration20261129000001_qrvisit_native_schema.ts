import { Migration } from '@mikro-orm/migrations';

/**
 * QR-visit's native tables. It knows lessons only by AVN's journal lesson id and students only by
 * their student-book number (zachetka), as the real QR-visit service does: no foreign keys cross
 * databases.
 */
export class Migration20261129000001QrvisitNativeSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table lesson_session (
  id bigserial primary key,
  avn_lesson_id int not null,
  teacher_tabel text not null,
  group_name text not null,
  opened_at timestamptz not null,
  closed_at timestamptz,
  secret text not null,
  rotate_seconds int not null default 10,
  geo_lat double precision,
  geo_lon double precision,
  geo_radius_m int
);
create index on lesson_session (avn_lesson_id);
create table scan (
  id bigserial primary key,
  session_id bigint not null references lesson_session,
  student_book text not null,
  scanned_at timestamptz not null,
  result text not null check (result in ('accepted','expired_token','forged_token','session_closed','not_registered','duplicate','out_of_range')),
  device text,
  lat double precision,
  lon double precision
);
create index on scan (session_id);
create index on scan (student_book);
`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists scan, lesson_session cascade;');
  }
}
