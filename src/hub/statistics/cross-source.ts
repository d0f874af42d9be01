/**
 * How a statistic groups one source's facts by another's dimensions (issue 12, item 2): the
 * dimension map is pushed down. (a) AVN computes, for the students the viewer's statistics cover
 * and the filter selects, each student's cell of the requested student dimensions — one statement
 * returning (student key, cell index) and the distinct cells' keys; (b) at the same time the
 * identity registry reads the links from student keys to the other source's record keys (one hub
 * statement), and the hub joins the two key lists in memory; (c) the other source takes the record
 * keys, cell indexes and person ids as array parameters, joins them with `unnest` and aggregates
 * per cell — and per its own dimensions, such as a dormitory building — in SQL, one statement with
 * the total. No personal data leaves a source and nothing is copied into the hub: only keys go
 * down and per-cell aggregates come back. bench/stats-cross-source.ts measures it against fetching
 * per-person rows into the hub and merging there (bench/RESULTS.md).
 *
 * Pure: the steps are given by the caller (the module wiring a statistic), so no source's names
 * appear here.
 */
import type {
  CellStatisticsRequest,
  RecordCellMap,
  StatisticsDimension,
  StatisticsTable,
  StudentCellMap,
  StudentRecordLinks,
} from '../../domain/statistics';

export interface CrossSourceSteps<M extends string> {
  /** The statistic's dimensions that are AVN student dimensions (the rest are the other source's). */
  readonly studentDimensions: ReadonlySet<StatisticsDimension>;
  /** (a) AVN: the students' cells of these dimensions. */
  studentCells(dimensions: readonly StatisticsDimension[]): Promise<StudentCellMap>;
  /** (b) The registry: the other source's record keys with their student and person. */
  recordLinks(): Promise<StudentRecordLinks>;
  /**
   * How a record is keyed in the other source: by its own key (default), or by its student's
   * number (the registrar's applicants type it in; the map then carries AVN's numbers).
   */
  readonly keyedByStudentNumber?: boolean;
  /** (c) The other source: its figures per cell and own dimension. */
  aggregate(request: CellStatisticsRequest): Promise<StatisticsTable<M>>;
}

/** (a) joined with (b): each linked record of a mapped student, with that student's cell and the record's person. */
export function recordCells(students: StudentCellMap, links: StudentRecordLinks, keyedByStudentNumber = false): RecordCellMap {
  const cellOf = new Map<number, number>();
  students.studentKeys.forEach((key, i) => cellOf.set(key, students.cellIndexes[i]));
  const base = { cells: students.cells, everyStudent: students.everyStudent };
  if (keyedByStudentNumber) {
    // Every mapped student by its number; its person from the links, else the student itself.
    const personOf = new Map<number, string>();
    links.studentKeys.forEach((key, i) => personOf.set(key, links.people[i]));
    return {
      ...base,
      localKeys: students.studentNumbers ?? [],
      cellIndexes: students.cellIndexes,
      people: students.studentKeys.map((key) => personOf.get(key) ?? `student:${key}`),
    };
  }
  const localKeys: string[] = [];
  const cellIndexes: number[] = [];
  const people: string[] = [];
  links.studentKeys.forEach((student, i) => {
    const cell = cellOf.get(student);
    if (cell === undefined) return;
    localKeys.push(links.localKeys[i]);
    cellIndexes.push(cell);
    people.push(links.people[i]);
  });
  return { ...base, localKeys, cellIndexes, people };
}

export async function crossSourceStatistics<M extends string>(dimensions: readonly StatisticsDimension[], steps: CrossSourceSteps<M>): Promise<StatisticsTable<M>> {
  const studentDimensions = dimensions.filter((d) => steps.studentDimensions.has(d));
  const own = dimensions.filter((d) => !steps.studentDimensions.has(d));
  const [students, links] = await Promise.all([steps.studentCells(studentDimensions), steps.recordLinks()]);
  const map = recordCells(students, links, steps.keyedByStudentNumber);
  const table = await steps.aggregate({ dimensions: own, studentDimensions, map });
  // No dimension at all: only the total (the source still grouped by its one cell).
  return dimensions.length ? table : { cells: [], total: table.total };
}
