/**
 * Pages of records, read by keyset: the cursor holds the last row's sort values, encrypted
 * (cursor.ts), so a page costs the same at row 20 and at row 20,000. The shapes are the Relay
 * connection's (src/graphql/connection.ts declares them as GraphQL types); sources return them.
 */
import { ErrorCode, HubError } from '../common/errors';
import { Params, and } from './sql';
import { encodeCursor } from './cursor';

/** Where a page sits in the whole list. */
export interface PageInfoShape {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface EdgeShape<N> {
  cursor: string;
  node: N;
}

export interface ConnectionShape<N> {
  edges: EdgeShape<N>[];
  nodes: N[];
  pageInfo: PageInfoShape;
  /** Resolved only when asked for (graphql-js calls function properties). */
  totalCount: number | (() => Promise<number>);
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
class EdgesPageInfo implements PageInfoShape {
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
export function pageInfoOf(edges: readonly { cursor: string }[], hasNextPage: boolean, hasPreviousPage: boolean): PageInfoShape {
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
