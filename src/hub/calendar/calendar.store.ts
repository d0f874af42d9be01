/**
 * Reads of the academic calendar (plain rows, one statement per batch): periods of a year, windows
 * by id, and the windows that govern grade sheets (by faculty, academic year and term).
 */
import DataLoader from 'dataloader';
import { businessNow, type BoundReader, type SourceContext } from '../../db/read-context';
import { byKeyLoader } from '../../db/loaders';
import {
  PERIOD_COLUMNS, WINDOW_COLUMNS, toAcademicPeriod, toGradeWindow, type AcademicPeriodRow, type GradeWindowRow,
} from './calendar.mapper';
import type { ControlCode, TermCode } from './calendar.entities';
import type { GradeWindow } from '../../modules/grading/calendar.types';

const hub = (context: SourceContext) => context.db.hub;

export const periodById = (c: SourceContext) =>
  byKeyLoader(c, 'hub.periodById', hub, `select ${PERIOD_COLUMNS}, p.id as _key from academic_period p where p.id = any($1::int[])`, toAcademicPeriod);

export const gradeWindowById = (c: SourceContext) =>
  byKeyLoader(c, 'hub.gradeWindowById', hub, `select ${WINDOW_COLUMNS}, w.id as _key from grade_window w where w.id = any($1::int[])`, (r: GradeWindowRow) => toGradeWindow(r, businessNow(c)));

export async function periodsOfYear(reader: BoundReader, academicYear: string) {
  const rows = await reader.query<AcademicPeriodRow>(
    `select ${PERIOD_COLUMNS} from academic_period p where p.academic_year = $1 order by p.starts_on, p.ends_on, p.id`,
    [academicYear],
  );
  return rows.map(toAcademicPeriod);
}

/** Which sheets a window list is asked for: a faculty's sheets of one academic year and term. */
export interface SheetTerm {
  facultyKey: number;
  academicYear: string;
  term: TermCode;
}
const sheetTermKey = (k: SheetTerm) => `${k.facultyKey}|${k.academicYear}|${k.term}`;

/**
 * The windows governing the sheets of each (faculty, year, term): the faculty's own windows and
 * those for every faculty, by control then opening time. One statement per batch.
 */
export const windowsForSheetTerm = (c: SourceContext) =>
  c.loader('hub.windowsForSheetTerm', () =>
    new DataLoader<SheetTerm, GradeWindow[], string>(
      async (keys) => {
        const rows = await hub(c).query<GradeWindowRow & { _key: string }>(
          `select ${WINDOW_COLUMNS}, k.fak || '|' || k.yr || '|' || k.term as _key
             from unnest($1::int[], $2::text[], $3::text[]) as k(fak, yr, term)
             join grade_window w on (w.faculty_key is null or w.faculty_key = k.fak) and w.academic_year = k.yr and w.term = k.term
            order by w.control, w.opens_at, w.id`,
          [keys.map((k) => k.facultyKey), keys.map((k) => k.academicYear), keys.map((k) => k.term)],
        );
        const now = businessNow(c);
        const byKey = new Map<string, GradeWindow[]>();
        for (const row of rows) {
          const list = byKey.get(row._key) ?? [];
          list.push(toGradeWindow(row, now));
          byKey.set(row._key, list);
        }
        return keys.map((k) => byKey.get(sheetTermKey(k)) ?? []);
      },
      { cacheKeyFn: sheetTermKey },
    ),
  );

/**
 * The windows of some controls for one faculty's sheets of a term — what the grade-entry rules
 * check before any score is written (one statement).
 */
export async function windowsOfControls(reader: BoundReader, key: SheetTerm, controls: ControlCode[]): Promise<GradeWindowRow[]> {
  return reader.query<GradeWindowRow>(
    `select ${WINDOW_COLUMNS} from grade_window w
      where (w.faculty_key is null or w.faculty_key = $1) and w.academic_year = $2 and w.term = $3 and w.control = any($4::text[])
      order by w.opens_at, w.id`,
    [key.facultyKey, key.academicYear, key.term, controls],
  );
}
