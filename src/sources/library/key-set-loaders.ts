/**
 * Loaders for parents that another source knows under several keys, or under none: a student is
 * 0..n borrower records in the library (through the identity registry), 0..n residents in the
 * dormitory, and "its student number OR its PIN" at the registrar.
 *
 * They always send their statement, even for a parent with no key at all: a source that is down
 * then fails the field (null + SOURCE_UNAVAILABLE) for every parent alike, instead of answering
 * "nothing" for some of them from the registry alone.
 *
 * Generic; they belong next to `nestedListLoader` in graphql/connection.ts (a file this module may
 * not touch), which is why they live here for now.
 */
import DataLoader from 'dataloader';
import { Params, and } from '../../db/sql';
import type { BoundReader, HubContext } from '../../graphql/context';
import { keyset, toConnection, type ConnectionShape, type ListQuery, type Page } from '../../graphql/connection';

/**
 * `tupleListLoader`: a nested connection whose parent is matched by more than one value. The core's
 * `nestedListLoader` ties rows to the parent through one column; here the parent is a tuple
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
  const unnest = (params: Params, keys: readonly TupleKey<K>[]) => {
    const arrays = [
      `${params.add(keys.map((k) => k.key))}::${query.parentKeyType}`,
      ...query.partTypes.map((type, i) => `${params.add(keys.map((k) => k.parts[i] ?? null))}::${type}`),
    ];
    return `unnest(${arrays.join(', ')}) as _p(${['_parent', ...partNames].join(', ')})`;
  };

  let countLoader: DataLoader<TupleKey<K>, number, string> | null = null;
  const counts = () =>
    (countLoader ??= new DataLoader<TupleKey<K>, number, string>(
      async (keys) => {
        const params = new Params();
        const source = unnest(params, keys);
        const sql = `select _p._parent, (select count(*)::int from ${query.from}
          where ${and([query.match, ...query.filters(params)])}) as n from ${source}`;
        const rows = await reader.query<{ _parent: K; n: number }>(sql, params.values);
        const byKey = new Map(rows.map((r) => [String(r._parent), r.n]));
        return keys.map((k) => byKey.get(String(k.key)) ?? 0);
      },
      { cacheKeyFn: (k) => String(k.key) },
    ));

  return new DataLoader<TupleKey<K>, ConnectionShape<N>, string>(
    async (keys) => {
      const grouped = new Map<string, R[]>();
      if (page.limit > 0) {
        const params = new Params();
        const source = unnest(params, keys);
        const filters = query.filters(params);
        const { orderBy, condition } = keyset(query.sort, page.after, params);
        const sql = `select _p._parent, _l.* from ${source}
          cross join lateral (select ${query.columns} from ${query.from}
            where ${and([query.match, ...filters, condition])}
            order by ${orderBy} limit ${params.add(page.limit + 1)}) _l`;
        for (const row of await reader.query<R & { _parent: K }>(sql, params.values)) {
          const key = String(row._parent);
          let list = grouped.get(key);
          if (!list) grouped.set(key, (list = []));
          list.push(row);
        }
      }
      return keys.map((k) => toConnection(grouped.get(String(k.key)) ?? [], page, query.sort, map, () => counts().load(k)));
    },
    { cacheKeyFn: (k) => String(k.key) },
  );
}

/** A parent and the integer keys it has in the source (possibly none). */
export interface KeySet {
  key: number;
  keys: number[];
}

/** FROM item of a key-set statement: `_p._parent` is the parent key, `_p.keys` its keys comma-joined. */
export const KEY_SET_PARENTS = 'unnest($1::int[], $2::text[]) as _p(_parent, keys)';

/** Condition: `column` is one of the parent's keys. */
export const inKeySet = (column: string) => `${column} = any(string_to_array(_p.keys, ',')::int[])`;

/** The comma-joined form of a key set, as a tuple part (`_p.p1`) of `tupleListLoader`. */
export const joinKeys = (keys: number[]) => keys.join(',');

/**
 * All rows for each parent's key set, one statement per batch. `sql` reads from `KEY_SET_PARENTS`
 * (`$1`, `$2`), matches with `inKeySet(...)` and returns `_parent`. `name` must differ per parent
 * kind (student keys and person keys are different numbers).
 */
export function keySetLoader<R extends object, V>(
  context: HubContext,
  name: string,
  db: (context: HubContext) => BoundReader,
  sql: string,
  map: (row: R) => V,
): DataLoader<KeySet, V[], number> {
  return context.loader(name, () =>
    new DataLoader<KeySet, V[], number>(
      async (parents) => {
        const rows = await db(context).query<R & { _parent: number }>(sql, [parents.map((p) => p.key), parents.map((p) => joinKeys(p.keys))]);
        const byParent = new Map<number, V[]>();
        for (const row of rows) {
          let list = byParent.get(row._parent);
          if (!list) byParent.set(row._parent, (list = []));
          list.push(map(row));
        }
        return parents.map((p) => byParent.get(p.key) ?? []);
      },
      { cacheKeyFn: (p) => p.key },
    ),
  );
}
