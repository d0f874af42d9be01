/**
 * The loader shapes almost every relation needs, built on one statement per batch:
 * `byKey` (one row per key), `manyByKey` (all rows per key, also with field arguments) and
 * `manyByParent` / `keySet` (all rows per parent, for parents that another source knows under
 * several values, or under none).
 */
import DataLoader from 'dataloader';
import { argsKey, type BoundReader, type SourceContext } from './read-context';

/** Groups items into lists by a key (compared as a string), keeping their order. */
export function groupBy<T, V = T>(items: Iterable<T>, keyOf: (item: T) => unknown, map: (item: T) => V = (item) => item as unknown as V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const item of items) {
    const key = String(keyOf(item));
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(map(item));
  }
  return groups;
}

/**
 * One object per key. `sql` receives `$1` = the array of keys (and `$2…` = `extra`, values the
 * statement needs such as the business date; the same for the whole request) and must return a
 * `_key` column.
 */
export function byKeyLoader<K extends string | number, R extends object, V>(
  context: SourceContext,
  name: string,
  db: (context: SourceContext) => BoundReader,
  sql: string,
  map: (row: R) => V,
  extra: unknown[] = [],
): DataLoader<K, V | null> {
  return context.loader(name, () =>
    new DataLoader<K, V | null>(async (keys) => {
      const rows = await db(context).query<R & { _key: K }>(sql, [keys, ...extra]);
      const byKey = new Map<string, V>();
      for (const row of rows) byKey.set(String(row._key), map(row));
      return keys.map((k) => byKey.get(String(k)) ?? null);
    }),
  );
}

/** All rows per key, in the statement's order. `sql` gets `$1` = keys (`$2…` = `extra`) and returns `_key`. */
export function manyByKeyLoader<K extends string | number, R extends object, V>(
  context: SourceContext,
  name: string,
  db: (context: SourceContext) => BoundReader,
  sql: string,
  map: (row: R) => V,
  extra: unknown[] = [],
): DataLoader<K, V[]> {
  return manyByKey(context, name, db, sql, extra, map);
}

/**
 * Like `manyByKeyLoader`, for relations with field arguments: `$1` = the keys, `$2…` = `extra`
 * (one loader, hence one statement per batch, per distinct argument set).
 */
export function manyByKeyWithArgs<K extends string | number, R extends object, V>(
  context: SourceContext,
  name: string,
  db: (context: SourceContext) => BoundReader,
  sql: string,
  extra: unknown[],
  map: (row: R) => V,
): DataLoader<K, V[]> {
  return manyByKey(context, argsKey(name, extra), db, sql, extra, map);
}

function manyByKey<K extends string | number, R extends object, V>(
  context: SourceContext,
  loaderName: string,
  db: (context: SourceContext) => BoundReader,
  sql: string,
  extra: unknown[],
  map: (row: R) => V,
): DataLoader<K, V[]> {
  return context.loader(loaderName, () =>
    new DataLoader<K, V[]>(async (keys) => {
      const rows = await db(context).query<R & { _key: K }>(sql, [keys, ...extra]);
      const byKey = groupBy(rows, (row) => row._key, map);
      return keys.map((k) => byKey.get(String(k)) ?? []);
    }),
  );
}

/**
 * All rows per parent, for parents that carry more than their key (a key set, a student number
 * and a PIN…). `params` turns a batch of parents into the statement's parameters; `sql` returns
 * `_parent` = the parent's `key`, which is also what the cache uses.
 */
export function manyByParentLoader<P extends { key: number }, R extends object, V>(
  context: SourceContext,
  name: string,
  db: (context: SourceContext) => BoundReader,
  sql: string,
  params: (parents: readonly P[]) => unknown[],
  map: (row: R) => V,
): DataLoader<P, V[], number> {
  return context.loader(name, () =>
    new DataLoader<P, V[], number>(
      async (parents) => {
        const rows = await db(context).query<R & { _parent: number }>(sql, params(parents));
        const byParent = groupBy(rows, (row) => row._parent, map);
        return parents.map((p) => byParent.get(String(p.key)) ?? []);
      },
      { cacheKeyFn: (p) => p.key },
    ),
  );
}

/*
 * Key sets: a parent that another source knows under several keys, or under none (a student is
 * 0..n borrower records in the library, through the identity registry, and 0..n residents in the
 * dormitory). The loaders always send their statement, even for a parent with no key at all: a
 * source that is down then fails the field (null + SOURCE_UNAVAILABLE) for every parent alike,
 * instead of answering "nothing" for some of them from the registry alone.
 */

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
 * (`$1`, `$2`; `$3…` = `extra`), matches with `inKeySet(...)` and returns `_parent`. `name` must
 * differ per parent kind (student keys and person keys are different numbers).
 */
export function keySetLoader<R extends object, V>(
  context: SourceContext,
  name: string,
  db: (context: SourceContext) => BoundReader,
  sql: string,
  map: (row: R) => V,
  extra: unknown[] = [],
): DataLoader<KeySet, V[], number> {
  return manyByParentLoader(
    context, name, db, sql, (parents: readonly KeySet[]) => [parents.map((p) => p.key), parents.map((p) => joinKeys(p.keys)), ...extra], map,
  );
}
