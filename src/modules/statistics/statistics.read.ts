/**
 * How every statistic is answered: the arguments checked and bounded before any SQL, the viewer's
 * domain and reach checked, the table computed (by a source, or across sources), disclosure
 * control, conditions and order applied (src/hub/statistics/shape.ts), and a page of groups cut
 * with cursors bound to the request's own arguments.
 */
import { createHash } from 'node:crypto';
import { ErrorCode, HubError } from '../../common/errors';
import { encodeCursor } from '../../db/cursor';
import { MAX_STATISTICS_DIMENSIONS, type StatisticsCell, type StatisticsDimension, type StatisticsTable } from '../../domain/statistics';
import type { Reach } from '../../domain/reach';
import { viewerReach } from '../../auth/policies';
import { canRead } from '../../auth/guard/visibility';
import { minGroupSizeFor } from '../../auth/statistics-disclosure';
import type { Domain } from '../../auth/viewer';
import type { HubContext } from '../../graphql/context';
import { readPage } from '../../graphql/connection';
import { boundedListArgument } from '../../graphql/list-arguments';
import type { DisclosedCell } from '../../hub/statistics/disclosure';
import { shapeTable, type Comparison } from '../../hub/statistics/shape';
import type { CellNode } from './statistics.types';

/** Most conditions on measures and orders one request may give. */
export const MAX_CONDITIONS = 10;
export const MAX_ORDERS = 3;

/** The arguments every statistic takes (its `where` is its own). */
export interface StatisticsArgsShape {
  groupBy: readonly string[];
  having?: readonly { measure: string; comparison: Comparison; value: number }[] | null;
  orderBy?: readonly { measure: string; descending: boolean }[] | null;
  first?: number;
  after?: string;
}

export interface StatisticSpec<M extends string> {
  /** The statistic's name (cursor binding, messages). */
  name: string;
  /** The domain a viewer must read. */
  domain: Domain;
  measures: readonly M[];
  toMeasure: (value: string) => M | 'people';
}

/** The viewer's reach for a statistic, or FORBIDDEN (no domain; anonymous, a student, a limited role without its key). */
export function statisticsReach(context: HubContext, domain: Domain): Reach {
  const reach = viewerReach(context);
  if (!canRead(context.viewer, domain) || reach.kind === 'public' || reach.kind === 'none' || reach.kind === 'self') {
    throw new HubError(ErrorCode.FORBIDDEN, `Statistics of this kind need read access to ${domain.toLowerCase()} and a unit role or analyst scope.`);
  }
  return reach;
}

/** `groupBy` checked: at most MAX_STATISTICS_DIMENSIONS, each once. */
export function groupByArgument(groupBy: readonly string[]): StatisticsDimension[] {
  return boundedListArgument(groupBy, MAX_STATISTICS_DIMENSIONS, 'groupBy', ' (each dimension once)') as StatisticsDimension[];
}

export async function readStatistics<M extends string>(
  context: HubContext,
  spec: StatisticSpec<M>,
  args: StatisticsArgsShape & { where?: unknown },
  compute: (request: { dimensions: StatisticsDimension[]; reach: Reach }) => Promise<StatisticsTable<M>>,
) {
  const dimensions = groupByArgument(args.groupBy);
  const having = boundedListArgument(args.having, MAX_CONDITIONS, 'having') ?? [];
  const orderBy = boundedListArgument(args.orderBy, MAX_ORDERS, 'orderBy') ?? [];
  for (const h of having) {
    if (!Number.isFinite(h.value)) throw new HubError(ErrorCode.VALIDATION_FAILED, 'A condition\'s `value` must be a finite number.', { field: 'having' });
  }
  // The cursor is bound to everything but the page: it cannot be carried to another grouping or order.
  const { first: _first, after: _after, ...rest } = args;
  const orderKey = `statistics:${spec.name}:${createHash('sha256').update(JSON.stringify(rest)).digest('base64url')}`;
  const page = readPage(args, orderKey);
  const reach = statisticsReach(context, spec.domain);

  const table = await compute({ dimensions, reach });
  const minGroupSize = minGroupSizeFor(context.viewer, context.runtime.config.statisticsMinGroupSize);
  const shaped = shapeTable(table, {
    dimensions,
    minGroupSize,
    having: having.map((h) => ({ measure: spec.toMeasure(h.measure), comparison: h.comparison, value: h.value })),
    orderBy: orderBy.map((o) => ({ measure: spec.toMeasure(o.measure), descending: o.descending })),
  });

  const offset = page.after ? Number(page.after[0]) : 0;
  const slice = shaped.cells.slice(offset, offset + page.limit);
  const edges = slice.map((cell, i) => ({ cursor: encodeCursor(orderKey, [offset + i + 1]), node: cellNode(cell, spec.measures) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: offset + slice.length < shaped.cells.length,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: shaped.cells.length,
    total: cellNode(shaped.total, spec.measures),
    withheldCount: shaped.withheld,
    minGroupSize,
  };
}

/** A cell as GraphQL shows it: the measures, its breakdown and its head count null when withheld. */
export function cellNode<M extends string>(disclosed: DisclosedCell<StatisticsCell<M>>, measures: readonly M[]): CellNode & Record<string, unknown> {
  const { cell, suppression } = disclosed;
  const shown = suppression === null;
  const node: CellNode & Record<string, unknown> = { group: { ...cell.key }, suppressed: !shown, suppression, people: shown ? cell.people : null };
  for (const m of measures) node[m] = shown ? cell.measures[m] : null;
  node.distribution = shown ? (cell.distribution ?? null) : null;
  return node;
}
