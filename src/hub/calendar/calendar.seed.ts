/**
 * A first academic calendar written into an empty hub calendar in one transaction (the demo's,
 * wired by src/prepare-data.ts): periods and grade-entry windows given in the hub's terms.
 */
import type pg from 'pg';
import type { BoundReader } from '../../db/read-context';
import type { NewAcademicPeriod, NewGradeWindow } from '../../domain/grading';
import { CONTROL_CODE, PERIOD_KIND_CODE, TERM_CODE } from './calendar.mapper';

/** True when the calendar holds neither a period nor a window (a first calendar may be written). */
export async function calendarIsEmpty(hub: BoundReader): Promise<boolean> {
  const [{ any }] = await hub.query<{ any: boolean }>('select exists (select 1 from grade_window) or exists (select 1 from academic_period) as any');
  return !any;
}

/** Writes the periods and windows, all or nothing. */
export async function writeCalendar(hub: pg.Pool, calendar: { periods: NewAcademicPeriod[]; windows: NewGradeWindow[] }): Promise<void> {
  const { periods, windows } = calendar;
  const client = await hub.connect();
  try {
    await client.query('begin');
    await client.query(
      `insert into academic_period (academic_year, term, kind, name, starts_on, ends_on)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[])`,
      [
        periods.map((p) => p.academicYear), periods.map((p) => TERM_CODE[p.term]), periods.map((p) => PERIOD_KIND_CODE[p.kind]),
        periods.map((p) => p.name), periods.map((p) => p.startsOn), periods.map((p) => p.endsOn),
      ],
    );
    await client.query(
      `insert into grade_window (faculty_key, academic_year, term, control, opens_at, closes_at)
       select * from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[])`,
      [
        windows.map((w) => w.facultyKey), windows.map((w) => w.academicYear), windows.map((w) => TERM_CODE[w.term]),
        windows.map((w) => CONTROL_CODE[w.control]), windows.map((w) => w.opensAt), windows.map((w) => w.closesAt),
      ],
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
