import { Migration } from '@mikro-orm/migrations';

/**
 * The academic calendar (regulation 5.7) lives in the hub, not in AVN: AVN has no notion of when a
 * grade sheet may be filled in, and the hub never reshapes a source. Periods describe the year
 * (classes, exam sessions, holidays); grade windows say when teachers may enter each control
 * (module 1, module 2, final) for a faculty's sheets of one term.
 *
 * `term` is the half of the academic year: AVN numbers semesters of study from admission
 * (vedomost.semestr = 1…10), so an autumn window covers the odd semesters of study, a spring
 * window the even ones. `faculty_key` is AVN fakultet.fak_id; null means every faculty.
 */
export class Migration20261129000003AcademicCalendar extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table academic_period (
  id serial primary key,
  academic_year text not null check (academic_year ~ '^[0-9]{4}-[0-9]{4}$'),
  term text not null check (term in ('autumn','spring')),
  kind text not null check (kind in ('classes','exam_session','holidays')),
  name text not null,
  starts_on date not null,
  ends_on date not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_on >= starts_on)
);
create index on academic_period (academic_year, starts_on);
create table grade_window (
  id serial primary key,
  faculty_key int,
  academic_year text not null check (academic_year ~ '^[0-9]{4}-[0-9]{4}$'),
  term text not null check (term in ('autumn','spring')),
  control text not null check (control in ('module_1','module_2','final')),
  opens_at timestamptz not null,
  closes_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (closes_at > opens_at)
);
create index on grade_window (academic_year, term, control);
create index on grade_window (faculty_key);
`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists grade_window, academic_period cascade;');
  }
}
