/**
 * One grouped statistic in one statement: the requested dimensions' cells and their total, from a
 * single scan (`group by grouping sets ((dimensions…), ())`), capped at MAX_STATISTICS_CELLS in
 * SQL so a too fine grouping is refused before it is built in memory. Sources describe their
 * dimensions as SQL expressions over their own tables (native names stay in the source) and read
 * the rows back into cells with `readStatisticsRows`.
 */
import { ErrorCode, HubError } from '../common/errors';
import {
  KEY_FIELD,
  MAX_STATISTICS_CELLS,
  NO_STUDENT_CELL,
  type CellStatisticsRequest,
  type DistributionEntry,
  type RecordCellMap,
  type StatisticsCell,
  type StatisticsDimension,
  type StatisticsKey,
  type StatisticsTable,
} from '../domain/statistics';

/** How a source computes one dimension: an SQL expression, and how its value reads into the hub's key. */
export interface DimensionSql {
  readonly sql: string;
  readonly read?: (value: unknown) => unknown;
}

/** A statistic's dimensions as one source computes them; a dimension it lacks is refused. */
export type DimensionsSql = { readonly [D in StatisticsDimension]?: DimensionSql };

export interface GroupedStatement {
  /** The statistic's dimensions (the GraphQL enum's subset) with their SQL. */
  readonly dimensionsSql: DimensionsSql;
  readonly dimensions: readonly StatisticsDimension[];
  /** `expr as name` items computing the measures (names are the hub's measure names, quoted where needed). */
  readonly measures: readonly string[];
  /** The distinct people a cell counts. */
  readonly people: string;
  /**
   * Every row of `from` is a different person (the students table by its key, one row per
   * student): people are `count(*)`, so no `count(distinct …)` sorts the rows and the grouping
   * sets can be hashed (studentStatistics at scale 10: bench:stats).
   */
  readonly peopleAreRows?: boolean;
  /** `from … where …` (joins and conditions over the source's tables), after any `with`. */
  readonly from: string;
  /** A `with …` clause before the select, or ''. */
  readonly with?: string;
}

/** The select of a grouped statistic: the cells first capped, the total row first (`_total`). */
export function groupedStatisticsSql(g: GroupedStatement): string {
  const dims = g.dimensions.map((d, i) => {
    const spec = g.dimensionsSql[d];
    if (!spec) throw new HubError(ErrorCode.VALIDATION_FAILED, `This statistic cannot be grouped by ${d}.`, { field: 'groupBy' });
    return { alias: `_d${i}`, sql: spec.sql };
  });
  const select = [
    ...dims.map((d) => `${d.sql} as ${d.alias}`),
    g.peopleAreRows ? 'count(*)::int as _people' : `count(distinct ${g.people})::int as _people`,
    ...g.measures,
    dims.length ? `grouping(${dims.map((d) => d.sql).join(', ')}) > 0 as _total` : 'true as _total',
  ];
  const groupBy = dims.length ? `group by grouping sets ((${dims.map((d) => d.sql).join(', ')}), ())` : '';
  return `${g.with ?? ''}
    select ${select.join(',\n      ')}
    ${g.from}
    ${groupBy}
    order by _total desc
    limit ${MAX_STATISTICS_CELLS + 2}`;
}

/** The rows of `groupedStatisticsSql` as cells and a total; `measure` reads each measure column. */
export function readStatisticsRows<M extends string>(
  rows: readonly Record<string, unknown>[],
  dimensions: readonly StatisticsDimension[],
  dimensionsSql: DimensionsSql,
  measureNames: readonly M[],
  distribution?: (row: Record<string, unknown>) => DistributionEntry[],
): StatisticsTable<M> {
  if (rows.length > MAX_STATISTICS_CELLS + 1) {
    throw new HubError(ErrorCode.STATISTICS_TOO_DETAILED, `This grouping has more than ${MAX_STATISTICS_CELLS} groups; group by fewer dimensions or filter.`, {
      maxGroups: MAX_STATISTICS_CELLS,
    });
  }
  const toCell = (row: Record<string, unknown>, withKey: boolean): StatisticsCell<M> => ({
    ...rowCell(row, withKey ? dimensions : [], dimensionsSql, measureNames),
    ...(distribution ? { distribution: distribution(row) } : {}),
  });
  const totalRow = rows.find((r) => r._total === true);
  const cells = dimensions.length ? rows.filter((r) => r._total !== true).map((r) => toCell(r, true)) : [];
  const total = totalRow ? toCell(totalRow, false) : emptyCell(measureNames);
  return { cells, total };
}

/** One row of a grouped statement as a cell: the dimensions' values (`_d0…`) read into the key, `_people`, the measures. */
function rowCell<M extends string>(
  row: Record<string, unknown>,
  dimensions: readonly StatisticsDimension[],
  dimensionsSql: DimensionsSql,
  measureNames: readonly M[],
): StatisticsCell<M> {
  const key: StatisticsKey = {};
  dimensions.forEach((d, i) => {
    const raw = row[`_d${i}`] ?? null;
    const read = dimensionsSql[d]?.read;
    (key as Record<string, unknown>)[KEY_FIELD[d]] = raw === null ? null : read ? read(raw) : raw;
  });
  const measures = {} as Record<M, number | null>;
  for (const name of measureNames) measures[name] = numberOrNull(row[name]);
  return { key, people: Number(row._people ?? 0), measures };
}

/** A cell of no rows (a filter that matches nothing): no people, measures null. */
export function emptyCell<M extends string>(measureNames: readonly M[]): StatisticsCell<M> {
  const measures = {} as Record<M, number | null>;
  for (const name of measureNames) measures[name] = null;
  return { key: {}, people: 0, measures };
}

function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * Step (c) of a cross-source statistic (src/hub/statistics/cross-source.ts), in the other source:
 * the registry's map of its record keys to cells arrives as three array parameters, joined as
 * `_map(local_key, cell, person)` through `unnest`, and the source groups its own rows by cell (and
 * by its own dimensions) in one statement, the total from the same scan. Only keys come in and
 * only per-cell aggregates go out.
 */
export interface CellStatement {
  /** The source's own dimensions (with their SQL), grouped within each cell. */
  readonly dimensionsSql: DimensionsSql;
  readonly dimensions: readonly StatisticsDimension[];
  readonly measures: readonly string[];
  /** The distinct people a cell counts; `_map.person` is the registry's, null for a record of no student. */
  readonly people: string;
  /** `from … where …`, joining `mapJoin(…)` once. */
  readonly from: string;
  /** More common table expressions after `_map` (`, name as (…)`), or ''. */
  readonly with?: string;
  /**
   * Whether the statistic has student dimensions, so rows are grouped by the map's cell. Without
   * any, every record (a student's or not) falls in the one cell of its own dimensions — grouping by
   * the map's cell there would split a building's residents into "students" and "no student" rows
   * with the same key.
   */
  readonly byStudentCell: boolean;
}

/** The map as parameters: `_map(local_key, cell, person)` for `cellStatisticsSql`'s `with`. */
export function mapCte(map: RecordCellMap, keyType: 'int' | 'text', add: (value: unknown) => string): string {
  const keys = keyType === 'int' ? map.localKeys.map(Number) : map.localKeys;
  return `_map as (select * from unnest(${add(keys)}::${keyType}[], ${add(map.cellIndexes)}::int[], ${add(map.people)}::text[]) as _map(local_key, cell, person))`;
}

/**
 * How a source's records meet the map: only mapped records, or — when the map holds every student —
 * all records, those of no student in the cell NO_STUDENT_CELL.
 */
export function mapJoin(map: RecordCellMap, keyColumn: string): string {
  return `${map.everyStudent ? 'left join' : 'join'} _map on _map.local_key = ${keyColumn}`;
}

/** The select of step (c): `_cell`, the own dimensions `_d0…`, `_people`, the measures, `_total`. */
export function cellStatisticsSql(g: CellStatement & { mapCte: string }): string {
  const cell = g.byStudentCell ? `coalesce(_map.cell, ${NO_STUDENT_CELL})` : '0::int';
  const dims = g.dimensions.map((d, i) => {
    const spec = g.dimensionsSql[d];
    if (!spec) throw new HubError(ErrorCode.VALIDATION_FAILED, `This statistic cannot be grouped by ${d}.`, { field: 'groupBy' });
    return { alias: `_d${i}`, sql: spec.sql };
  });
  const keys = [cell, ...dims.map((d) => d.sql)];
  const select = [
    `${cell} as _cell`,
    ...dims.map((d) => `${d.sql} as ${d.alias}`),
    `count(distinct ${g.people})::int as _people`,
    ...g.measures,
    `grouping(${keys.join(', ')}) > 0 as _total`,
  ];
  return `with ${g.mapCte}${g.with ?? ''}
    select ${select.join(',\n      ')}
    ${g.from}
    group by grouping sets ((${keys.join(', ')}), ())
    order by _total desc
    limit ${MAX_STATISTICS_CELLS + 2}`;
}

/** The rows of `cellStatisticsSql` as cells: each cell's student key from the map, its own dimensions from the row. */
export function readCellStatisticsRows<M extends string>(
  rows: readonly Record<string, unknown>[],
  request: CellStatisticsRequest,
  dimensionsSql: DimensionsSql,
  measureNames: readonly M[],
): StatisticsTable<M> {
  if (rows.length > MAX_STATISTICS_CELLS + 1) readStatisticsRows(rows, request.dimensions, dimensionsSql, measureNames); // refuses
  const noStudent: StatisticsKey = {};
  for (const d of request.studentDimensions) (noStudent as Record<string, unknown>)[KEY_FIELD[d]] = null;
  const totalRow = rows.find((r) => r._total === true);
  const cells = rows
    .filter((r) => r._total !== true)
    .map((row) => {
      const cell = rowCell(row, request.dimensions, dimensionsSql, measureNames);
      const index = Number(row._cell);
      const studentKey = request.studentDimensions.length === 0 ? {} : index === NO_STUDENT_CELL ? noStudent : request.map.cells[index];
      return { ...cell, key: { ...studentKey, ...cell.key } };
    });
  const table: StatisticsTable<M> = { cells, total: totalRow ? rowCell(totalRow, [], dimensionsSql, measureNames) : emptyCell(measureNames) };
  return table;
}

/**
 * A grouped statistic counted person by person (issue 12, bench:stats): the facts are first summed
 * per cell and person (`partials`, hashed), then per cell (`measures` over those sums, with
 * `count(*)` as the distinct people), so no `count(distinct …)` sorts the facts. Same rows as
 * `groupedStatisticsSql` (`_d<i>`, `_people`, the measures, `_total`), the total always present.
 */
export interface PerPersonStatement {
  readonly dimensionsSql: DimensionsSql;
  readonly dimensions: readonly StatisticsDimension[];
  /** The person a fact is about (an expression over `from`). */
  readonly person: string;
  /** `sum(…)`/`count(…) as name` per cell and person: additive, so the cell's figure is their sum. */
  readonly partials: readonly string[];
  /** `expr as name` over the partials' columns (e.g. `coalesce(sum(n), 0)::int as "graded"`): the measures of a cell and of the total. */
  readonly measures: readonly string[];
  /** `from … where …` of the facts, after `with`. */
  readonly from: string;
  /** A `with …` clause before, or ''. */
  readonly with?: string;
}

export function perPersonStatisticsSql(g: PerPersonStatement): string {
  const dims = g.dimensions.map((d, i) => {
    const spec = g.dimensionsSql[d];
    if (!spec) throw new HubError(ErrorCode.VALIDATION_FAILED, `This statistic cannot be grouped by ${d}.`, { field: 'groupBy' });
    return { alias: `_d${i}`, sql: spec.sql };
  });
  const dimList = dims.map((d) => d.sql).join(', ');
  const perPerson = `_p as materialized (
    select ${[...dims.map((d) => `${d.sql} as ${d.alias}`), `${g.person} as _person`, dims.length ? `grouping(${dimList}) as _g` : '1 as _g', ...g.partials].join(',\n      ')}
    ${g.from}
    group by ${dims.length ? `grouping sets ((${dimList}, ${g.person}), (${g.person}))` : g.person}
  )`;
  const withClause = g.with?.trim() ? `${g.with.trim()},\n  ${perPerson}` : `with ${perPerson}`;
  const aliases = dims.map((d) => d.alias);
  const cells = dims.length
    ? `select ${[...aliases, 'count(*)::int as _people', ...g.measures, 'false as _total'].join(', ')}
         from _p where _g = 0 group by ${aliases.join(', ')}
       union all\n`
    : '';
  return `${withClause}
    select * from (
      ${cells}select ${[...aliases.map((a) => `null as ${a}`), 'count(*)::int as _people', ...g.measures, 'true as _total'].join(', ')}
         from _p where _g > 0
    ) _cells
    order by _total desc
    limit ${MAX_STATISTICS_CELLS + 2}`;
}
