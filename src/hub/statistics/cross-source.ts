/**
 * How a statistic groups one source's facts by another's dimensions (issue 12, item 2): the
 * dimension map is pushed down. (a) AVN computes, for the students the viewer's statistics cover
 * and the filter selects, each student's cell of the requested student dimensions — one statement
 * returning (student key, cell index) and the distinct cells' keys; (b) the identity registry maps
 * the student keys to the other source's record keys (one hub statement); (c) the other source
 * takes the keys and cell indexes as array parameters, joins them with `unnest` and aggregates per
 * cell — and per its own dimensions, such as a dormitory building — in SQL, one statement with
 * the total. No personal data leaves a source and nothing is copied into the hub: only keys go
 * down and per-cell aggregates come back. bench/stats-cross-source.ts measures it against fetching
 * per-person rows into the hub and merging there (bench/RESULTS.md).
 *
 * Pure: the steps are given by the caller (the module wiring a statistic), so no source's names
 * appear here.
 */
import type { CellStatisticsRequest, RecordCellMap, StatisticsDimension, StatisticsTable, StudentCellMap } from '../../domain/statistics';

export interface CrossSourceSteps<M extends string> {
  /** The statistic's dimensions that are AVN student dimensions (the rest are the other source's). */
  readonly studentDimensions: ReadonlySet<StatisticsDimension>;
  /** (a) AVN: the students' cells of these dimensions. */
  studentCells(dimensions: readonly StatisticsDimension[]): Promise<StudentCellMap>;
  /** (b) The registry: the other source's record keys of those students. */
  recordCells(students: StudentCellMap): Promise<RecordCellMap>;
  /** (c) The other source: its figures per cell and own dimension. */
  aggregate(request: CellStatisticsRequest): Promise<StatisticsTable<M>>;
}

export async function crossSourceStatistics<M extends string>(dimensions: readonly StatisticsDimension[], steps: CrossSourceSteps<M>): Promise<StatisticsTable<M>> {
  const studentDimensions = dimensions.filter((d) => steps.studentDimensions.has(d));
  const own = dimensions.filter((d) => !steps.studentDimensions.has(d));
  const students = await steps.studentCells(studentDimensions);
  const map = await steps.recordCells(students);
  const table = await steps.aggregate({ dimensions: own, studentDimensions, map });
  // No dimension at all: only the total (the source still grouped by its one cell).
  return dimensions.length ? table : { cells: [], total: table.total };
}
