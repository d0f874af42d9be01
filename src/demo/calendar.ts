/**
 * Dates of the demo university. Everything is relative to a fixed "today" so that the same seed
 * always gives the same data (no Date.now()). Dates are day numbers (days since 1970-01-01, UTC)
 * because the generator does a lot of date arithmetic and must never meet time-zone shifts.
 */

import { DEMO_REFERENCE_DATE } from '../config';

export type Day = number;

const MS_PER_DAY = 86_400_000;

export function day(year: number, month: number, dayOfMonth: number): Day {
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

/** "Today" of the demo: the generated world is the state of the university at this date. */
export const TODAY: Day = Date.parse(DEMO_REFERENCE_DATE) / MS_PER_DAY;
/** Start year of the current academic year (2026-2027). */
export const CURRENT_YEAR = 2026;
/** Bishkek's offset: timestamps are written with it so their meaning does not depend on the server. */
export const TZ = '+06';

// Formatting dates is hot (millions of rows): each day is formatted once and remembered.
const isoCache = new Map<number, string>();
const partsCache = new Map<number, { year: number; month: number; day: number }>();

export function iso(d: Day): string {
  let text = isoCache.get(d);
  if (text === undefined) {
    text = new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(d, text);
  }
  return text;
}

export function parts(d: Day): { year: number; month: number; day: number } {
  let p = partsCache.get(d);
  if (p === undefined) {
    const date = new Date(d * MS_PER_DAY);
    p = Object.freeze({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
    partsCache.set(d, p);
  }
  return p;
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(d: Day): number {
  return (((d + 3) % 7) + 7) % 7;
}

/** The first of the month containing `d`. */
export function monthStart(d: Day): Day {
  const p = parts(d);
  return day(p.year, p.month, 1);
}

export function addMonths(d: Day, months: number): Day {
  const p = parts(d);
  const total = p.year * 12 + (p.month - 1) + months;
  return day(Math.floor(total / 12), (total % 12) + 1, Math.min(p.day, 28));
}

/** `YYYY-MM-DD HH:MM:SS+06` for a day and (possibly fractional) minutes after midnight, Bishkek time. */
export function timestamp(d: Day, minutes: number, withZone = true): string {
  const total = Math.max(0, Math.min(24 * 3600 - 1, Math.round(minutes * 60)));
  const hh = String(Math.floor(total / 3600)).padStart(2, '0');
  const mm = String(Math.floor(total / 60) % 60).padStart(2, '0');
  const ss = String(total % 60).padStart(2, '0');
  return `${iso(d)} ${hh}:${mm}:${ss}${withZone ? TZ : ''}`;
}

/** "2026-2027" for the academic year starting in `year`. */
export function academicYear(startYear: number): string {
  return `${startYear}-${startYear + 1}`;
}

export type Term = 'autumn' | 'spring';

/** The teaching period of a term of the academic year starting in `startYear`. */
export function termPeriod(startYear: number, term: Term): { start: Day; mid: Day; end: Day; sessionEnd: Day } {
  return term === 'autumn'
    ? { start: day(startYear, 9, 1), mid: day(startYear, 11, 1), end: day(startYear + 1, 1, 10), sessionEnd: day(startYear + 1, 1, 25) }
    : { start: day(startYear + 1, 2, 1), mid: day(startYear + 1, 4, 1), end: day(startYear + 1, 6, 10), sessionEnd: day(startYear + 1, 6, 28) };
}

/** Public holidays of the current term that fall on weekdays (no lessons): Nov 7–8, history and memory days. */
export const HOLIDAYS: ReadonlySet<Day> = new Set([day(2026, 11, 7), day(2026, 11, 8)]);

