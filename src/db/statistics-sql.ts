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
  type DistributionEntry,
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
    `count(distinct ${g.people})::int as _people`,
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
  const toCell = (row: Record<string, unknown>, withKey: boolean): StatisticsCell<M> => {
    const key: StatisticsKey = {};
    if (withKey) {
      dimensions.forEach((d, i) => {
        const raw = row[`_d${i}`] ?? null;
        const read = dimensionsSql[d]?.read;
        (key as Record<string, unknown>)[KEY_FIELD[d]] = raw === null ? null : read ? read(raw) : raw;
      });
    }
    const measures = {} as Record<M, number | null>;
    for (const name of measureNames) measures[name] = numberOrNull(row[name]);
    return { key, people: Number(row._people ?? 0), measures, ...(distribution ? { distribution: distribution(row) } : {}) };
  };
  const totalRow = rows.find((r) => r._total === true);
  const cells = dimensions.length ? rows.filter((r) => r._total !== true).map((r) => toCell(r, true)) : [];
  const total = totalRow ? toCell(totalRow, false) : emptyCell(measureNames);
  return { cells, total };
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
