/**
 * The two loader shapes almost every relation needs, built on one statement per batch:
 * `byKey` (one row per key) and `manyByKey` (all rows per key).
 */
import DataLoader from 'dataloader';
import type { BoundReader, HubContext } from './context';

/**
 * One object per key. `sql` receives `$1` = the array of keys and must return a `_key` column.
 */
export function byKeyLoader<K extends string | number, R extends object, V>(
  context: HubContext,
  name: string,
  db: (context: HubContext) => BoundReader,
  sql: string,
  map: (row: R) => V,
): DataLoader<K, V | null> {
  return context.loader(name, () =>
    new DataLoader<K, V | null>(async (keys) => {
      const rows = await db(context).query<R & { _key: K }>(sql, [keys]);
      const byKey = new Map<string, V>();
      for (const row of rows) byKey.set(String(row._key), map(row));
      return keys.map((k) => byKey.get(String(k)) ?? null);
    }),
  );
}

/** All rows per key, in the statement's order. `sql` gets `$1` = keys and returns `_key`. */
export function manyByKeyLoader<K extends string | number, R extends object, V>(
  context: HubContext,
  name: string,
  db: (context: HubContext) => BoundReader,
  sql: string,
  map: (row: R) => V,
): DataLoader<K, V[]> {
  return context.loader(name, () =>
    new DataLoader<K, V[]>(async (keys) => {
      const rows = await db(context).query<R & { _key: K }>(sql, [keys]);
      const byKey = new Map<string, V[]>();
      for (const row of rows) {
        const key = String(row._key);
        let list = byKey.get(key);
        if (!list) byKey.set(key, (list = []));
        list.push(map(row));
      }
      return keys.map((k) => byKey.get(String(k)) ?? []);
    }),
  );
}
