/**
 * Lists read in one statement per level: a root list (one statement for the page, one for the
 * count when asked for) and nested lists under many parents (LATERAL over the batch of parent
 * keys), so a page of groups with a page of students each costs two statements, not 21.
 */
import DataLoader from 'dataloader';
import { Params, and } from './sql';
import { groupBy } from './loaders';
import type { BoundReader } from './read-context';
import { keyset, toConnection, type ConnectionShape, type Page, type SortColumn } from './pages';

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
