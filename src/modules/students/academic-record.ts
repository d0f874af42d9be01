/**
 * A student's academic record from grade-sheet rows and the grading scale: grade points per row,
 * which attempt counts, and the semester and cumulative GPA.
 *
 * GPA = Σ(credits × grade points) / Σ credits over the rows that count: a row counts when it has a
 * total and is the latest attempt with a total for its curriculum item in its academic year and
 * semester (a re-sit replaces the regular result; a re-sit sheet without a result yet does not).
 * Grade points come from the scale (data, not code): each row arrives with its band (avn.grades.ts).
 *
 * The arithmetic is exact (src/common/decimal.ts): credits and points are summed as whole units,
 * and the GPA is the exact quotient rounded half up to two decimals, as PostgreSQL's
 * round(numeric, 2) and a transcript do (94.95 / 30 = 3.165 is 3.17). Binary floating point gave
 * 3.16 for such a quotient: 0.01 low in about one semester GPA of 150.
 */
import { fromUnits, roundedQuotient, toUnits } from '../../common/decimal';
import type { SheetResult } from '../../domain/students';
import type { GradeRecord, SemesterRecord } from './study-card.types';

export interface AcademicRecord {
  semesters: SemesterRecord[];
  /** Cumulative GPA over every counted row; null without any. */
  gpa: number | null;
  credits: number;
  earnedCredits: number;
}

/**
 * Decimal places of credits and grade points in the sums: AVN keeps credits with one and points
 * with two; one more each leaves room for a source that keeps more, and a value with even more
 * decimals is an error (toUnits), never a rounded figure. With these, a student's sums stay far
 * below 2^53 (credits below 1,000 and points below 10 per row give 10^10 units per row).
 */
const CREDIT_PLACES = 3;
const POINT_PLACES = 3;

/** Sums in whole units: credits in 10^-CREDIT_PLACES, credits × points in 10^-(CREDIT_PLACES + POINT_PLACES). */
interface Totals {
  weighted: number;
  credits: number;
  earned: number;
}

/** GPA as transcripts print it: Σ(credits × points) / Σ credits, rounded half up to two decimals. */
function gpaOf(t: Totals): number | null {
  // weighted / (credits × 10^POINT_PLACES) is the quotient in grade points.
  return t.credits > 0 ? roundedQuotient(t.weighted, t.credits * 10 ** POINT_PLACES, 2) : null;
}

/**
 * The row as the schema shows it: the sheet's letter (else the band's), the band's points. Built
 * field by field rather than by spreading the row: a group page makes hundreds of these, and one
 * object of a fixed shape is the cheapest to make and to read.
 */
function gradeRecord(r: SheetResult, countsTowardGpa: boolean): GradeRecord {
  return {
    key: r.key,
    sheetKey: r.sheetKey,
    planItemKey: r.planItemKey,
    disciplineKey: r.disciplineKey,
    academicYear: r.academicYear,
    semester: r.semester,
    disciplineCode: r.disciplineCode,
    disciplineName: r.disciplineName,
    disciplineNameRu: r.disciplineNameRu,
    credits: r.credits,
    controlForm: r.controlForm,
    module1: r.module1,
    module2: r.module2,
    final: r.final,
    total: r.total,
    letter: r.letter ?? r.band?.letter ?? null,
    gradePoints: r.band?.points ?? null,
    sheetKind: r.sheetKind,
    sheetStatus: r.sheetStatus,
    countsTowardGpa,
  };
}

export function buildAcademicRecord(results: readonly SheetResult[]): AcademicRecord {
  // The counted attempt per curriculum item and semester: the latest with a total.
  const counted = new Map<string, SheetResult>();
  for (const r of results) {
    if (r.total == null) continue;
    const key = `${r.academicYear}|${r.semester}|${r.planItemKey}`;
    const current = counted.get(key);
    if (!current || r.openedOn > current.openedOn || (r.openedOn === current.openedOn && r.sheetKey > current.sheetKey)) counted.set(key, r);
  }
  const countedKeys = new Set([...counted.values()].map((r) => r.key));

  const semesters = new Map<string, { record: SemesterRecord; totals: Totals }>();
  const all: Totals = { weighted: 0, credits: 0, earned: 0 };
  for (const r of results) {
    const band = r.band;
    const countsTowardGpa = countedKeys.has(r.key) && band !== null;
    const grade = gradeRecord(r, countsTowardGpa);

    const semesterKey = `${r.academicYear}|${r.semester}`;
    let semester = semesters.get(semesterKey);
    if (!semester) {
      semester = {
        record: { academicYear: r.academicYear, semester: r.semester, gpa: null, credits: 0, earnedCredits: 0, grades: [] },
        totals: { weighted: 0, credits: 0, earned: 0 },
      };
      semesters.set(semesterKey, semester);
    }
    semester.record.grades.push(grade);
    if (countsTowardGpa) {
      const credits = toUnits(r.credits, CREDIT_PLACES);
      const points = toUnits(band!.points, POINT_PLACES);
      for (const t of [semester.totals, all]) {
        t.weighted += credits * points;
        t.credits += credits;
        if (points > 0) t.earned += credits;
      }
    }
  }

  const list = [...semesters.values()]
    .map(({ record, totals }) => ({
      ...record,
      gpa: gpaOf(totals),
      credits: fromUnits(totals.credits, CREDIT_PLACES),
      earnedCredits: fromUnits(totals.earned, CREDIT_PLACES),
    }))
    .sort((a, b) => (a.academicYear === b.academicYear ? a.semester - b.semester : a.academicYear < b.academicYear ? -1 : 1));
  return { semesters: list, gpa: gpaOf(all), credits: fromUnits(all.credits, CREDIT_PLACES), earnedCredits: fromUnits(all.earned, CREDIT_PLACES) };
}
