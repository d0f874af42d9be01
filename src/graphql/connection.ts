/**
 * Relay cursor connections. Lists page by keyset (the cursor holds the last row's sort values,
 * encrypted: cursor.ts), so a page costs the same at row 20 and at row 20,000, and nested lists
 * page per parent in one statement (LATERAL over the batch of parent keys): one statement per
 * source per level.
 */
import DataLoader from 'dataloader';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { ArgsType, Field, Int, type ClassType } from 'type-graphql';
import { ErrorCode, HubError } from '../common/errors';
import { Params, and } from '../db/sql';
import { groupBy } from './by-key-loader';
import type { BoundReader } from './context';
import { decodeCursor, encodeCursor } from './cursor';
import { HubObject } from './object-type';

@HubObject('Where a page of a connection sits in the whole list.', { node: false })
export class PageInfo {
  @Field({ description: 'True when more items follow this page; pass `endCursor` as `after` to get them.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when this page was asked for with `after` (items precede it).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'How many items to return (default 20, at most the server maximum, 100 unless configured).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (an `endCursor` or edge `cursor` from a previous page).' })
  after?: string;
}

export interface EdgeShape<N> {
  cursor: string;
  node: N;
}

export interface ConnectionShape<N> {
  edges: EdgeShape<N>[];
  nodes: N[];
  pageInfo: PageInfo;
  /** Resolved only when asked for (graphql-js calls function properties). */
  totalCount: number | (() => Promise<number>);
}

/** Declares `<Name>Edge` and `<Name>Connection` object types for a node type. */
export function ConnectionType<N extends object>(nodeType: ClassType<N>, name: string, what: string): ClassType<ConnectionShape<N>> {
  @HubObject(`An edge of a ${name}Connection: one ${what} and its cursor.`, { node: false, name: `${name}Edge` })
  class Edge {
    @Field({ description: 'Opaque cursor of this edge; pass it as `after` to continue after it.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${what}.` })
    node!: N;
  }

  @HubObject(`A page of ${what} items (Relay cursor connection).`, { node: false, name: `${name}Connection` })
  class Connection {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges!: Edge[];

    @Field(() => [nodeType], { description: 'The items of this page, without cursors (shortcut for `edges { node }`).' })
    nodes!: N[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items match the filter in all (counted only when asked for).' })
    totalCount!: number;
  }
  return Connection as unknown as ClassType<ConnectionShape<N>>;
}

/**
 * Gives every connection's `totalCount` a resolver that runs the lazy count. graphql-js calls a
 * function-valued property by itself; graphql-jit (src/server/executor) reads properties as they
 * are, so the field says what it means.
 */
export function resolveLazyTotalCounts(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith('Connection')) continue;
    const field = type.getFields().totalCount;
    if (!field || field.resolve) continue;
    field.resolve = (connection: ConnectionShape<unknown>) => (typeof connection.totalCount === 'function' ? connection.totalCount() : connection.totalCount);
  }
}

/** One column of a list's order: the SQL expression, the raw row's property holding it, direction. */
export interface SortColumn {
  sql: string;
  key: string;
  desc?: boolean;
}

export interface Page {
  limit: number;
  after: unknown[] | null;
  /** Identifies list and order; a cursor from another list or order is refused. */
  orderKey: string;
}

let maxPageSize = 100;
export function setMaxPageSize(size: number): void {
  maxPageSize = size;
}

export const DEFAULT_PAGE_SIZE = 20;

/** Validates `first`/`after` against the list's order. */
export function readPage(args: PageArgs, orderKey: string): Page {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new HubError(ErrorCode.VALIDATION_FAILED, '`first` must be zero or a positive whole number.', { field: 'first' });
  }
  if (limit > maxPageSize) {
    throw new HubError(ErrorCode.PAGE_TOO_LARGE, `\`first\` may be at most ${maxPageSize}.`, { field: 'first', max: maxPageSize });
  }
  return { limit, after: args.after ? decodeCursor(args.after, orderKey) : null, orderKey };
}

/** ORDER BY and the keyset condition ("after the cursor") for a sort. */
export function keyset(sort: SortColumn[], after: unknown[] | null, params: Params): { orderBy: string; condition: string | null } {
  const orderBy = sort.map((c) => `${c.sql} ${c.desc ? 'desc' : 'asc'}`).join(', ');
  if (!after) return { orderBy, condition: null };
  // A cursor is authenticated (cursor.ts), but its values must still fit this sort's columns.
  if (after.length !== sort.length) {
    throw new HubError(ErrorCode.INVALID_CURSOR, 'This cursor does not belong to this list and order.', { field: 'after' });
  }
  const sameDirection = sort.every((c) => !!c.desc === !!sort[0].desc);
  if (sameDirection) {
    const op = sort[0].desc ? '<' : '>';
    return {
      orderBy,
      condition: `(${sort.map((c) => c.sql).join(', ')}) ${op} (${after.map((v) => params.add(v)).join(', ')})`,
    };
  }
  const branches = sort.map((column, i) => {
    const equal = sort.slice(0, i).map((c, j) => `${c.sql} = ${params.add(after[j])}`);
    return and([...equal, `${column.sql} ${column.desc ? '<' : '>'} ${params.add(after[i])}`]);
  });
  return { orderBy, condition: branches.map((b) => `(${b})`).join(' or ') };
}

/**
 * An edge whose cursor is encrypted only when a client asks for it (a page of 100 nodes selected
 * without cursors costs no encryption).
 */
class PageEdge<N> implements EdgeShape<N> {
  private encoded: string | undefined;

  constructor(
    readonly node: N,
    private readonly sortValues: unknown[],
    private readonly orderKey: string,
  ) {}

  get cursor(): string {
    return (this.encoded ??= encodeCursor(this.orderKey, this.sortValues));
  }
}

/** Page info whose start and end cursors are those of the page's first and last edges (encrypted on demand). */
class EdgesPageInfo implements PageInfo {
  constructor(
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    private readonly edges: readonly { cursor: string }[],
  ) {}

  get startCursor(): string | null {
    return this.edges[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.edges[this.edges.length - 1]?.cursor ?? null;
  }
}

/** The page info of `edges`: its cursors are theirs, never another row's. */
export function pageInfoOf(edges: readonly { cursor: string }[], hasNextPage: boolean, hasPreviousPage: boolean): PageInfo {
  return new EdgesPageInfo(hasNextPage, hasPreviousPage, edges);
}

/** Turns the rows of a page (fetched with limit + 1) into a connection. */
export function toConnection<R extends Record<string, unknown>, N>(
  rows: R[],
  page: Page,
  sort: SortColumn[],
  map: (row: R) => N,
  count: () => Promise<number>,
): ConnectionShape<N> {
  const hasNextPage = rows.length > page.limit;
  const kept = hasNextPage ? rows.slice(0, page.limit) : rows;
  const edges = kept.map((row) => new PageEdge(map(row), sort.map((c) => row[c.key]), page.orderKey));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: pageInfoOf(edges, hasNextPage, page.after !== null),
    totalCount: count,
  };
}

/**
 * SQL text of a list's FROM or select list: plain, or built with parameters when it needs a value
 * (the business date of a balance or an overdue flag travels as `$n`, never spliced in).
 */
export type SqlText = string | ((params: Params) => string);

/** The text of `sql`, adding its values to `params`. */
export const sqlText = (sql: SqlText, params: Params): string => (typeof sql === 'string' ? sql : sql(params));

/** A root list: one statement for the page, one more only if `totalCount` is asked for. */
export interface ListQuery {
  /** FROM clause with joins, e.g. `students s join gruppa g on g.grp_id = s.grp_id`. */
  from: SqlText;
  /** Select list; must include every sort column's `key`. */
  columns: SqlText;
  /** Builds the filter conditions, adding values to `params`. */
  filters: (params: Params) => (string | null | false | undefined)[];
  sort: SortColumn[];
}

export async function loadList<R extends Record<string, unknown>, N>(
  reader: BoundReader,
  query: ListQuery,
  page: Page,
  map: (row: R) => N,
): Promise<ConnectionShape<N>> {
  const params = new Params();
  const columns = sqlText(query.columns, params);
  const from = sqlText(query.from, params);
  const filters = query.filters(params);
  const { orderBy, condition } = keyset(query.sort, page.after, params);
  const sql = `select ${columns} from ${from} where ${and([...filters, condition])} order by ${orderBy} limit ${params.add(page.limit + 1)}`;
  const rows = page.limit === 0 ? [] : await reader.query<R>(sql, params.values);
  const count = async () => {
    const countParams = new Params();
    const countSql = `select count(*)::int as n from ${sqlText(query.from, countParams)} where ${and(query.filters(countParams))}`;
    const [{ n }] = await reader.query<{ n: number }>(countSql, countParams.values);
    return n;
  };
  return toConnection(rows, page, query.sort, map, memo(count));
}

/**
 * A nested list under many parents: one statement for all parents of the batch (LATERAL), and one
 * for all their counts if `totalCount` is asked for.
 */
export interface NestedListQuery extends ListQuery {
  /** Column of `from` holding the parent key, e.g. `s.grp_id`. */
  parentColumn: string;
  /** SQL array type of the parent keys, e.g. `int[]` or `text[]`. */
  parentArrayType: string;
}

export function nestedListLoader<K extends string | number, R extends Record<string, unknown>, N>(
  reader: BoundReader,
  query: NestedListQuery,
  page: Page,
  map: (row: R) => N,
): DataLoader<K, ConnectionShape<N>> {
  return lateralListLoader<K, K, R, N>(
    reader,
    query,
    {
      source: (params, keys) => `unnest(${params.add(keys)}::${query.parentArrayType}) as _p(_parent)`,
      match: `${query.parentColumn} = _p._parent`,
      countSql: (params, keys) => {
        const keysParam = params.add(keys);
        return `select ${query.parentColumn} as _parent, count(*)::int as n from ${sqlText(query.from, params)}
        where ${and([`${query.parentColumn} = any(${keysParam}::${query.parentArrayType})`, ...query.filters(params)])}
        group by ${query.parentColumn}`;
      },
      keyOf: (key) => key,
    },
    page,
    map,
  );
}

/**
 * A nested connection whose parent is matched by more than one value (a student's loans over all
 * of its borrower numbers, its requests by student number OR PIN). The parent is a tuple
 * (`_p._parent` plus `_p.p1`, `_p.p2`, …) and `match` is any condition over it. Still one
 * statement per batch of parents (LATERAL over `unnest` of parallel arrays), and one for all their
 * counts when `totalCount` is asked for.
 */
export interface TupleListQuery extends ListQuery {
  /** SQL array type of the parent key, e.g. `int[]`. */
  parentKeyType: string;
  /** SQL array types of the tuple's other parts, available as `_p.p1`, `_p.p2`, … */
  partTypes: string[];
  /** Condition tying a row of `from` to the parent, e.g. `r.student_no = _p.p1 or r.pin = _p.p2`. */
  match: string;
}

/** A parent: its key (the cache key) and the values `match` compares against. */
export interface TupleKey<K extends string | number> {
  key: K;
  parts: unknown[];
}

export function tupleListLoader<K extends string | number, R extends Record<string, unknown>, N>(
  reader: BoundReader,
  query: TupleListQuery,
  page: Page,
  map: (row: R) => N,
): DataLoader<TupleKey<K>, ConnectionShape<N>, string> {
  const partNames = query.partTypes.map((_, i) => `p${i + 1}`);
  const source = (params: Params, keys: readonly TupleKey<K>[]) => {
    const arrays = [
      `${params.add(keys.map((k) => k.key))}::${query.parentKeyType}`,
      ...query.partTypes.map((type, i) => `${params.add(keys.map((k) => k.parts[i] ?? null))}::${type}`),
    ];
    return `unnest(${arrays.join(', ')}) as _p(${['_parent', ...partNames].join(', ')})`;
  };
  return lateralListLoader<TupleKey<K>, string, R, N>(
    reader,
    query,
    {
      source,
      match: query.match,
      countSql: (params, keys) => {
        const parents = source(params, keys);
        return `select _p._parent, (select count(*)::int from ${sqlText(query.from, params)}
          where ${and([query.match, ...query.filters(params)])}) as n from ${parents}`;
      },
      keyOf: (k) => k.key,
      cacheKey: (k) => String(k.key),
    },
    page,
    map,
  );
}

/** How a batch of parents enters a nested list's statements. */
interface ParentBatch<P, C> {
  /** FROM item listing the batch's parents as `_p(_parent, …)`; adds their values to `params`. */
  source: (params: Params, parents: readonly P[]) => string;
  /** Condition tying a row of the list's `from` to its parent `_p`. */
  match: string;
  /** Statement returning `_parent` and `n`, the parent's total, for a batch of parents. */
  countSql: (params: Params, parents: readonly P[]) => string;
  /** The parent's key, as the statements return it in `_parent`. */
  keyOf: (parent: P) => string | number;
  /** The DataLoader cache key, when the parent itself cannot be one. */
  cacheKey?: (parent: P) => C;
}

function lateralListLoader<P, C, R extends Record<string, unknown>, N>(
  reader: BoundReader,
  query: ListQuery,
  parents: ParentBatch<P, C>,
  page: Page,
  map: (row: R) => N,
): DataLoader<P, ConnectionShape<N>, C> {
  const options = parents.cacheKey ? { cacheKeyFn: parents.cacheKey } : undefined;
  let countLoader: DataLoader<P, number, C> | null = null;
  const counts = () =>
    (countLoader ??= new DataLoader<P, number, C>(async (batch) => {
      const params = new Params();
      const sql = parents.countSql(params, batch);
      const rows = await reader.query<{ _parent: unknown; n: number }>(sql, params.values);
      const byKey = new Map(rows.map((r) => [String(r._parent), r.n]));
      return batch.map((p) => byKey.get(String(parents.keyOf(p))) ?? 0);
    }, options));

  return new DataLoader<P, ConnectionShape<N>, C>(async (batch) => {
    let grouped = new Map<string, R[]>();
    if (page.limit > 0) {
      const params = new Params();
      const source = parents.source(params, batch);
      const columns = sqlText(query.columns, params);
      const from = sqlText(query.from, params);
      const filters = query.filters(params);
      const { orderBy, condition } = keyset(query.sort, page.after, params);
      const sql = `select _p._parent, _l.* from ${source}
        cross join lateral (select ${columns} from ${from}
          where ${and([parents.match, ...filters, condition])}
          order by ${orderBy} limit ${params.add(page.limit + 1)}) _l`;
      grouped = groupBy(await reader.query<R & { _parent: unknown }>(sql, params.values), (row) => row._parent);
    }
    return batch.map((p) => toConnection(grouped.get(String(parents.keyOf(p))) ?? [], page, query.sort, map, () => counts().load(p)));
  }, options);
}

function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | null = null;
  return () => (result ??= fn());
}
