/**
 * The demo university's academic calendar: periods and grade-entry windows of the academic years
 * the demo generator fills (2024-2025 … 2026-2027), in the hub's terms. The composition root
 * (src/prepare-data.ts) writes it once into an empty hub calendar when AVN is the embedded demo
 * source (never for an external AVN: its calendar is the administrators').
 *
 * Dates follow the generator's reference date (2026-11-27, ./calendar.ts): in the current autumn
 * term module 1 is closed, module 2 is open and the final is not open yet. Grade entry is checked
 * against the business clock (src/common/business-time.ts), which the embedded demo pins to that
 * date, so the windows are written as they are. Only when the demo runs on another business date
 * (BUSINESS_DATE=clock or another date) are the current term's windows stretched around the first
 * start: module 2 then opens at most a week before it and closes at least 30 days after it, module 1
 * ends before it and the final opens after it. The windows are ordinary rows; administrators change
 * them like any other.
 */
import { AcademicTerm } from '../domain/curriculum';
import { AcademicPeriodKind, GradeControl, type NewAcademicPeriod, type NewGradeWindow } from '../domain/grading';
import { CURRENT_YEAR, HOLIDAYS, academicYear, iso, termPeriod } from './calendar';

const DAY_MS = 86_400_000;
/** The first academic year of the demo's grade sheets. */
const FIRST_YEAR = CURRENT_YEAR - 2;

/** Midnight of a date in Bishkek (+06), as an instant. */
const bishkek = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day) - 6 * 3600_000);

interface WindowSpec { term: AcademicTerm; control: GradeControl; opensAt: Date; closesAt: Date }

const { AUTUMN, SPRING } = AcademicTerm;
const { MODULE_1, MODULE_2, FINAL } = GradeControl;

/** The usual grade-entry windows of the academic year starting in `y`. */
function windowsOfYear(y: number): WindowSpec[] {
  return [
    { term: AUTUMN, control: MODULE_1, opensAt: bishkek(y, 10, 20), closesAt: bishkek(y, 11, 8) },
    { term: AUTUMN, control: MODULE_2, opensAt: bishkek(y, 11, 20), closesAt: bishkek(y, 12, 12) },
    { term: AUTUMN, control: FINAL, opensAt: bishkek(y + 1, 1, 11), closesAt: bishkek(y + 1, 2, 1) },
    { term: SPRING, control: MODULE_1, opensAt: bishkek(y + 1, 3, 25), closesAt: bishkek(y + 1, 4, 12) },
    { term: SPRING, control: MODULE_2, opensAt: bishkek(y + 1, 5, 20), closesAt: bishkek(y + 1, 6, 8) },
    { term: SPRING, control: FINAL, opensAt: bishkek(y + 1, 6, 11), closesAt: bishkek(y + 1, 7, 1) },
  ];
}

/** Keeps the current term's story (module 1 closed, module 2 open, final upcoming) true at `now`. */
export function alignToClock(windows: WindowSpec[], now: Date): WindowSpec[] {
  const get = (control: GradeControl) => windows.find((w) => w.term === AUTUMN && w.control === control)!;
  const m1 = get(MODULE_1);
  const m2 = get(MODULE_2);
  const final = get(FINAL);
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

function periodsOfYear(y: number): NewAcademicPeriod[] {
  const year = academicYear(y);
  const autumn = termPeriod(y, 'autumn');
  const spring = termPeriod(y, 'spring');
  const period = (term: AcademicTerm, kind: AcademicPeriodKind, name: string, startsOn: string, endsOn: string): NewAcademicPeriod =>
    ({ academicYear: year, term, kind, name, startsOn, endsOn });
  const { CLASSES, EXAM_SESSION, HOLIDAYS: BREAK } = AcademicPeriodKind;
  const periods = [
    period(AUTUMN, CLASSES, 'Autumn term classes', iso(autumn.start), iso(autumn.end)),
    period(AUTUMN, EXAM_SESSION, 'Winter examination session', iso(autumn.end + 1), iso(autumn.sessionEnd)),
    period(AUTUMN, BREAK, 'Winter holidays', iso(autumn.sessionEnd + 1), iso(spring.start - 1)),
    period(SPRING, CLASSES, 'Spring term classes', iso(spring.start), iso(spring.end)),
    period(SPRING, EXAM_SESSION, 'Summer examination session', iso(spring.end + 1), iso(spring.sessionEnd)),
    period(SPRING, BREAK, 'Summer holidays', iso(spring.sessionEnd + 1), `${y + 1}-08-31`),
  ];
  if (y === CURRENT_YEAR) {
    for (const d of [...HOLIDAYS].sort((a, b) => a - b)) {
      periods.push(period(AUTUMN, BREAK, 'Days of History and Remembrance of Ancestors', iso(d), iso(d)));
    }
  }
  return periods;
}

/**
 * The demo calendar: every year's periods, and each faculty's windows of every year; `now` is the
 * business instant of the first start (the current term's windows are aligned to it).
 */
export function demoAcademicCalendar(facultyKeys: readonly number[], now: Date): { periods: NewAcademicPeriod[]; windows: NewGradeWindow[] } {
  const periods: NewAcademicPeriod[] = [];
  const windows: NewGradeWindow[] = [];
  for (let y = FIRST_YEAR; y <= CURRENT_YEAR; y++) {
    periods.push(...periodsOfYear(y));
    const specs = y === CURRENT_YEAR ? alignToClock(windowsOfYear(y), now) : windowsOfYear(y);
    for (const facultyKey of facultyKeys) {
      for (const w of specs) windows.push({ facultyKey, academicYear: academicYear(y), ...w });
    }
  }
  return { periods, windows };
}
