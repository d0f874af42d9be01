/**
 * A student's academic record from grade-sheet rows and the grading scale: grade points per row,
 * which attempt counts, and the semester and cumulative GPA.
 *
 * GPA = Σ(credits × grade points) / Σ credits over the rows that count: a row counts when it has a
 * total and is the latest attempt with a total for its curriculum item in its academic year and
 * semester (a re-sit replaces the regular result; a re-sit sheet without a result yet does not).
 * Grade points come from the scale (data, not code): each row arrives with its band (avn.grades.ts).
 */
import type { SheetResult } from '../../sources/avn/avn.grades';
import type { GradeRecord, SemesterRecord } from './study-card.types';

export interface AcademicRecord {
  semesters: SemesterRecord[];
  /** Cumulative GPA over every counted row; null without any. */
  gpa: number | null;
  credits: number;
  earnedCredits: number;
}

interface Totals {
  weighted: number;
  credits: number;
  earned: number;
}

/** GPA as transcripts print it: rounded to two decimals. */
function gpaOf(t: Totals): number | null {
  return t.credits > 0 ? Math.round((t.weighted / t.credits) * 100) / 100 : null;
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
      for (const t of [semester.totals, all]) {
        t.weighted += r.credits * band!.points;
        t.credits += r.credits;
        if (band!.points > 0) t.earned += r.credits;
      }
    }
  }

  const list = [...semesters.values()]
    .map(({ record, totals }) => ({ ...record, gpa: gpaOf(totals), credits: totals.credits, earnedCredits: totals.earned }))
    .sort((a, b) => (a.academicYear === b.academicYear ? a.semester - b.semester : a.academicYear < b.academicYear ? -1 : 1));
  return { semesters: list, gpa: gpaOf(all), credits: all.credits, earnedCredits: all.earned };
}
