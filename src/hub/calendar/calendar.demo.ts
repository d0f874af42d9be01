/**
 * The demo university's academic calendar: periods and grade-entry windows of the academic years
 * the demo generator fills (2024-2025 … 2026-2027), written once into an empty hub calendar when
 * AVN is the embedded demo source (never for an external AVN: its calendar is the administrators').
 *
 * Dates follow the generator's reference date (2026-11-27, src/demo/calendar.ts): in the current
 * autumn term module 1 is closed, module 2 is open and the final is not open yet. Grade entry is
 * checked against the business clock (src/common/business-time.ts), which the embedded demo pins to
 * that date, so the windows are written as they are. Only when the demo runs on another business
 * date (BUSINESS_DATE=clock or another date) are the current term's windows stretched around the
 * first start: module 2 then opens at most a week before it and closes at least 30 days after it,
 * module 1 ends before it and the final opens after it. The windows are ordinary rows;
 * administrators change them like any other.
 */
import type pg from 'pg';
import { CURRENT_YEAR, HOLIDAYS, academicYear, iso, termPeriod, type Term } from '../../demo/calendar';
import { logger } from '../../common/logger';
import type { Databases } from '../../db/databases';
import type { ControlCode, PeriodKindCode } from './calendar.entities';

const DAY_MS = 86_400_000;
/** The first academic year of the demo's grade sheets. */
const FIRST_YEAR = CURRENT_YEAR - 2;

/** Midnight of a date in Bishkek (+06), as an instant. */
const bishkek = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day) - 6 * 3600_000);

interface WindowSpec { term: Term; control: ControlCode; opensAt: Date; closesAt: Date }

/** The usual grade-entry windows of the academic year starting in `y`. */
function windowsOfYear(y: number): WindowSpec[] {
  return [
    { term: 'autumn', control: 'module_1', opensAt: bishkek(y, 10, 20), closesAt: bishkek(y, 11, 8) },
    { term: 'autumn', control: 'module_2', opensAt: bishkek(y, 11, 20), closesAt: bishkek(y, 12, 12) },
    { term: 'autumn', control: 'final', opensAt: bishkek(y + 1, 1, 11), closesAt: bishkek(y + 1, 2, 1) },
    { term: 'spring', control: 'module_1', opensAt: bishkek(y + 1, 3, 25), closesAt: bishkek(y + 1, 4, 12) },
    { term: 'spring', control: 'module_2', opensAt: bishkek(y + 1, 5, 20), closesAt: bishkek(y + 1, 6, 8) },
    { term: 'spring', control: 'final', opensAt: bishkek(y + 1, 6, 11), closesAt: bishkek(y + 1, 7, 1) },
  ];
}

/** Keeps the current term's story (module 1 closed, module 2 open, final upcoming) true at `now`. */
export function alignToClock(windows: WindowSpec[], now: Date): WindowSpec[] {
  const get = (control: ControlCode) => windows.find((w) => w.term === 'autumn' && w.control === control)!;
  const m1 = get('module_1');
  const m2 = get('module_2');
  const final = get('final');
  if (m2.opensAt <= now && now < m2.closesAt) return windows;
  const at = (ms: number) => new Date(ms);
  m2.opensAt = at(Math.min(+m2.opensAt, +now - 7 * DAY_MS));
  m2.closesAt = at(Math.max(+m2.closesAt, +now + 30 * DAY_MS));
  if (m1.closesAt > at(+m2.opensAt - 5 * DAY_MS)) {
    m1.closesAt = at(+m2.opensAt - 5 * DAY_MS);
    m1.opensAt = at(+m1.closesAt - 18 * DAY_MS);
  }
  if (final.opensAt < m2.closesAt) {
    final.opensAt = at(+m2.closesAt + DAY_MS);
    final.closesAt = at(+final.opensAt + 21 * DAY_MS);
  }
  return windows;
}

interface PeriodSpec { term: Term; kind: PeriodKindCode; name: string; startsOn: string; endsOn: string }

function periodsOfYear(y: number): PeriodSpec[] {
  const autumn = termPeriod(y, 'autumn');
  const spring = termPeriod(y, 'spring');
  const periods: PeriodSpec[] = [
    { term: 'autumn', kind: 'classes', name: 'Autumn term classes', startsOn: iso(autumn.start), endsOn: iso(autumn.end) },
    { term: 'autumn', kind: 'exam_session', name: 'Winter examination session', startsOn: iso(autumn.end + 1), endsOn: iso(autumn.sessionEnd) },
    { term: 'autumn', kind: 'holidays', name: 'Winter holidays', startsOn: iso(autumn.sessionEnd + 1), endsOn: iso(spring.start - 1) },
    { term: 'spring', kind: 'classes', name: 'Spring term classes', startsOn: iso(spring.start), endsOn: iso(spring.end) },
    { term: 'spring', kind: 'exam_session', name: 'Summer examination session', startsOn: iso(spring.end + 1), endsOn: iso(spring.sessionEnd) },
    { term: 'spring', kind: 'holidays', name: 'Summer holidays', startsOn: iso(spring.sessionEnd + 1), endsOn: `${y + 1}-08-31` },
  ];
  if (y === CURRENT_YEAR) {
    for (const d of [...HOLIDAYS].sort((a, b) => a - b)) {
      periods.push({ term: 'autumn', kind: 'holidays', name: 'Days of History and Remembrance of Ancestors', startsOn: iso(d), endsOn: iso(d) });
    }
  }
  return periods;
}

/**
 * Seeds the demo calendar into an empty hub calendar when AVN is the embedded demo source; `now`
 * is the business instant of the first start.
 * Returns the number of windows written (0 when nothing was done).
 */
export async function seedDemoCalendar(databases: Databases, now: Date): Promise<number> {
  const avnHandle = databases.handles.avn;
  if (avnHandle.external || !avnHandle.orm) return 0;
  const hub: pg.Pool = databases.handles.hub.reader.pool;
  const { rows: [{ any }] } = await hub.query<{ any: boolean }>(
    'select exists (select 1 from grade_window) or exists (select 1 from academic_period) as any',
  );
  if (any) return 0;
  const { rows: faculties } = await avnHandle.reader.pool.query<{ fak_id: number }>('select fak_id from fakultet order by fak_id');
  if (faculties.length === 0) return 0;

  const periods: unknown[][] = [];
  const windows: unknown[][] = [];
  for (let y = FIRST_YEAR; y <= CURRENT_YEAR; y++) {
    const year = academicYear(y);
    for (const p of periodsOfYear(y)) periods.push([year, p.term, p.kind, p.name, p.startsOn, p.endsOn]);
    const specs = y === CURRENT_YEAR ? alignToClock(windowsOfYear(y), now) : windowsOfYear(y);
    for (const { fak_id } of faculties) {
      for (const w of specs) windows.push([fak_id, year, w.term, w.control, w.opensAt, w.closesAt]);
    }
  }
  const client = await hub.connect();
  try {
    await client.query('begin');
    await client.query(
      `insert into academic_period (academic_year, term, kind, name, starts_on, ends_on)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[])`,
      columns(periods, 6),
    );
    await client.query(
      `insert into grade_window (faculty_key, academic_year, term, control, opens_at, closes_at)
       select * from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[])`,
      columns(windows, 6),
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  logger.info('Demo academic calendar written', { periods: periods.length, gradeWindows: windows.length });
  return windows.length;
}

/** Rows → one array per column (for unnest). */
function columns(rows: unknown[][], width: number): unknown[][] {
  return Array.from({ length: width }, (_, i) => rows.map((r) => r[i]));
}
