/**
 * The academic calendar's arithmetic: the current position, for fields whose year/term arguments
 * are omitted (the academic year runs September to August, "2026-2027"; autumn is September to
 * January, spring February to August), the term of a semester of study, and the checks of
 * year and semester arguments.
 */
import { validationFailed } from '../common/errors';
import { AcademicTerm } from './curriculum';

export function academicTermOf(date: Date): { academicYear: string; term: AcademicTerm } {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const startYear = month >= 9 ? year : year - 1;
  return { academicYear: `${startYear}-${startYear + 1}`, term: month >= 9 || month === 1 ? AcademicTerm.AUTUMN : AcademicTerm.SPRING };
}

/** The academic year and term of a business date (YYYY-MM-DD): "current" is the business date's (src/common/business-time.ts). */
export function academicTermOn(date: string): { academicYear: string; term: AcademicTerm } {
  return academicTermOf(new Date(`${date}T00:00:00Z`));
}

/** "2026-2027": four digits, a hyphen, the next year. */
export function isAcademicYear(text: string): boolean {
  const match = /^(\d{4})-(\d{4})$/.exec(text);
  return !!match && Number(match[2]) === Number(match[1]) + 1;
}

export function checkAcademicYear(text: string | null | undefined): void {
  if (text != null && !isAcademicYear(text)) throw validationFailed('`academicYear` must look like "2026-2027".', 'academicYear');
}

export function checkSemester(semester: number | null | undefined): void {
  if (semester != null && (!Number.isInteger(semester) || semester < 1 || semester > 14)) {
    throw validationFailed('`semester` is a semester of study: a whole number from 1.', 'semester');
  }
}

/** The term a semester of study falls in: semesters count from admission, so odd ones are in autumn. */
export function termOfSemester(semester: number): AcademicTerm {
  return semester % 2 === 1 ? AcademicTerm.AUTUMN : AcademicTerm.SPRING;
}

/**
 * The days of a term of an academic year ("2025-2026"), as `academicTermOf` divides the year:
 * autumn from 1 September to 31 January, spring from 1 February to 31 August.
 */
export function termDays(academicYear: string, term: AcademicTerm): { from: string; to: string } {
  const start = Number(academicYear.slice(0, 4));
  return term === AcademicTerm.AUTUMN ? { from: `${start}-09-01`, to: `${start + 1}-01-31` } : { from: `${start + 1}-02-01`, to: `${start + 1}-08-31` };
}
