/**
 * Reads of the academic calendar (plain rows, one statement per batch): periods of a year, windows
 * by id, lists of windows by the hub's filter, and the windows that govern grade sheets (by
 * faculty, academic year and term). Everything comes back as the domain's records.
 */
import DataLoader from 'dataloader';
import { businessNow, type BoundReader, type SourceContext } from '../../db/read-context';
import { byKeyLoader } from '../../db/loaders';
import { loadList } from '../../db/list-loaders';
import type { ConnectionShape, Page, SortColumn } from '../../db/pages';
import {
  GradeWindowState, type AcademicPeriodRecord, type GradeControl, type GradeWindowFilter, type GradeWindowRecord,
  type GradeWindowSort, type SheetTerm,
} from '../../domain/grading';
import {
  CONTROL_CODE, PERIOD_COLUMNS, TERM_CODE, WINDOW_COLUMNS, toAcademicPeriod, toGradeWindow, type AcademicPeriodRow, type GradeWindowRow,
} from './calendar.mapper';

const hub = (context: SourceContext) => context.db.hub;

export const periodById = (c: SourceContext) =>
  byKeyLoader(c, 'hub.periodById', hub, `select ${PERIOD_COLUMNS}, p.id as _key from academic_period p where p.id = any($1::int[])`, toAcademicPeriod);

export const gradeWindowById = (c: SourceContext) =>
  byKeyLoader(c, 'hub.gradeWindowById', hub, `select ${WINDOW_COLUMNS}, w.id as _key from grade_window w where w.id = any($1::int[])`, (r: GradeWindowRow) => toGradeWindow(r, businessNow(c)));

export async function periodsOfYear(reader: BoundReader, academicYear: string): Promise<AcademicPeriodRecord[]> {
  const rows = await reader.query<AcademicPeriodRow>(
    `select ${PERIOD_COLUMNS} from academic_period p where p.academic_year = $1 order by p.starts_on, p.ends_on, p.id`,
    [academicYear],
  );
  return rows.map(toAcademicPeriod);
}

const WINDOW_SORT: Record<GradeWindowSort, { sql: string; key: string }> = {
  opensAt: { sql: 'w.opens_at', key: 'opens_at' },
  closesAt: { sql: 'w.closes_at', key: 'closes_at' },
};

/** One page of grade-entry windows; each state (filter and rows) is judged at one business instant. */
export function listGradeWindows(
  c: SourceContext, request: { filter: GradeWindowFilter; sort: GradeWindowSort; desc: boolean; page: Page },
): Promise<ConnectionShape<GradeWindowRecord>> {
  const { filter, desc } = request;
  const now = businessNow(c);
  const sort: SortColumn[] = [{ ...WINDOW_SORT[request.sort], desc }, { sql: 'w.id', key: 'id', desc }];
  return loadList<GradeWindowRow & Record<string, unknown>, GradeWindowRecord>(
    hub(c),
    {
      from: 'grade_window w',
      columns: WINDOW_COLUMNS,
      filters: (p) => [
        filter.facultyKey !== null && `(w.faculty_key is null or w.faculty_key = ${p.add(filter.facultyKey)})`,
        filter.academicYear != null && `w.academic_year = ${p.add(filter.academicYear)}`,
        ...filter.terms.map((term) => `w.term = ${p.add(TERM_CODE[term])}`),
        filter.control && `w.control = ${p.add(CONTROL_CODE[filter.control])}`,
        filter.openAt && `w.opens_at <= ${p.add(filter.openAt)} and ${p.add(filter.openAt)} < w.closes_at`,
        filter.state === GradeWindowState.UPCOMING && `w.opens_at > ${p.add(now)}`,
        filter.state === GradeWindowState.OPEN && `w.opens_at <= ${p.add(now)} and ${p.add(now)} < w.closes_at`,
        filter.state === GradeWindowState.CLOSED && `w.closes_at <= ${p.add(now)}`,
      ],
      sort,
    },
    request.page,
    (row) => toGradeWindow(row, now),
  );
}

const sheetTermKey = (k: SheetTerm) => `${k.facultyKey}|${k.academicYear}|${TERM_CODE[k.term]}`;

/**
 * The windows governing the sheets of each (faculty, year, term): the faculty's own windows and
 * those for every faculty, by control then opening time. One statement per batch.
 */
export const windowsForSheetTerm = (c: SourceContext) =>
  c.loader('hub.windowsForSheetTerm', () =>
    new DataLoader<SheetTerm, GradeWindowRecord[], string>(
      async (keys) => {
        const rows = await hub(c).query<GradeWindowRow & { _key: string }>(
          `select ${WINDOW_COLUMNS}, k.fak || '|' || k.yr || '|' || k.term as _key
             from unnest($1::int[], $2::text[], $3::text[]) as k(fak, yr, term)
             join grade_window w on (w.faculty_key is null or w.faculty_key = k.fak) and w.academic_year = k.yr and w.term = k.term
            order by w.control, w.opens_at, w.id`,
          [keys.map((k) => k.facultyKey), keys.map((k) => k.academicYear), keys.map((k) => TERM_CODE[k.term])],
        );
        const now = businessNow(c);
        const byKey = new Map<string, GradeWindowRecord[]>();
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
 * check before any score is written (one statement). States are judged at `now`, the instant the
 * rules check against.
 */
export async function windowsOfControls(reader: BoundReader, key: SheetTerm, controls: GradeControl[], now: Date): Promise<GradeWindowRecord[]> {
  const rows = await reader.query<GradeWindowRow>(
    `select ${WINDOW_COLUMNS} from grade_window w
      where (w.faculty_key is null or w.faculty_key = $1) and w.academic_year = $2 and w.term = $3 and w.control = any($4::text[])
      order by w.opens_at, w.id`,
    [key.facultyKey, key.academicYear, TERM_CODE[key.term], controls.map((control) => CONTROL_CODE[control])],
  );
  return rows.map((row) => toGradeWindow(row, now));
}
