/**
 * Per-request DataLoaders over the identity registry, for the GraphQL layer: one SQL statement
 * per batch, whatever the number of keys. One instance per request, shared by every module and the
 * access rules: use `identityLoaders(context)` (they cache for the request's lifetime).
 */
import DataLoader from 'dataloader';
import type { SourceContext } from '../../db/read-context';

export type IdentityQuery = (sql: string, params: unknown[]) => Promise<any[]>;

export interface LinkedRecord {
  source: string;
  localKey: string;
  method: string;
  confidence: number;
}

export interface IdentityLoaders {
  /** `${source}:${localKey}` (e.g. 'library.borrower:1042') → person id, or null when unlinked. */
  personIdByRecord: DataLoader<string, number | null>;
  /** person id → the source records linked to that person (empty when none). */
  recordsByPerson: DataLoader<number, LinkedRecord[]>;
  /**
   * `${source}:${localKey}` → every record linked to the same person (itself included), in one
   * statement: crossing from one source to another costs one hub statement per level, not two.
   */
  linkedRecordsByRecord: DataLoader<string, LinkedRecord[]>;
}

/** The request's identity-registry loaders (created on first use, cached for the request, shared by every caller). */
export function identityLoaders(context: Pick<SourceContext, 'db' | 'loader'>): IdentityLoaders {
  return context.loader('identity', () => createIdentityLoaders((sql, params) => context.db.hub.query(sql, params)));
}

/**
 * Local keys of `to` records linked to the same persons as the `from` records `localKeys` (one
 * statement): e.g. the library cards of a faculty's AVN students.
 */
export async function linkedLocalKeys(context: Pick<SourceContext, 'db'>, from: string, localKeys: Iterable<number | string>, to: string): Promise<Set<number>> {
  const keys = [...localKeys].map(String);
  if (!keys.length) return new Set();
  const rows = await context.db.hub.query<{ k: string }>(
    `select distinct l2.local_key as k from identity_link l1
       join identity_link l2 on l2.person_id = l1.person_id and l2.source = $2
      where l1.source = $3 and l1.local_key = any($1::text[])`,
    [keys, to, from],
  );
  return new Set(rows.map((r) => Number(r.k)).filter(Number.isInteger));
}

export function createIdentityLoaders(query: IdentityQuery): IdentityLoaders {
  return {
    personIdByRecord: new DataLoader<string, number | null>(async (keys) => {
      const refs = keys.map(parseRecordKey).filter((r): r is RecordRef => r !== null);
      // Two `= any` lists use the (source, local_key) unique index; the cross product they can
      // also match (another source's record with the same local key) is dropped below.
      const rows = await query(
        `select source, local_key, person_id from identity_link where source = any($1::text[]) and local_key = any($2::text[])`,
        [[...new Set(refs.map((r) => r.source))], [...new Set(refs.map((r) => r.localKey))]],
      );
      const byKey = new Map<string, number>();
      for (const row of rows) byKey.set(`${row.source}:${row.local_key}`, Number(row.person_id));
      // A malformed key fails alone (a programming error), not the whole batch.
      return keys.map((key) => (parseRecordKey(key) ? byKey.get(key) ?? null : new Error(`Not a record key (expected "source:localKey"): ${key}`)));
    }),

    recordsByPerson: new DataLoader<number, LinkedRecord[]>(async (personIds) => {
      const rows = await query(
        `select person_id, source, local_key, method, confidence from identity_link
          where person_id = any($1::bigint[]) order by person_id, source, local_key`,
        [[...new Set(personIds)]],
      );
      const byPerson = new Map<number, LinkedRecord[]>();
      for (const row of rows) {
        const personId = Number(row.person_id);
        let list = byPerson.get(personId);
        if (!list) byPerson.set(personId, (list = []));
        list.push({ source: row.source, localKey: row.local_key, method: row.method, confidence: Number(row.confidence) });
      }
      return personIds.map((id) => byPerson.get(Number(id)) ?? []);
    }),

    linkedRecordsByRecord: new DataLoader<string, LinkedRecord[]>(async (keys) => {
      const refs = keys.map(parseRecordKey).filter((r): r is RecordRef => r !== null);
      const rows = await query(
        `select l.source as from_source, l.local_key as from_key, o.source, o.local_key, o.method, o.confidence
           from identity_link l join identity_link o on o.person_id = l.person_id
          where l.source = any($1::text[]) and l.local_key = any($2::text[])
          order by o.source, o.local_key`,
        [[...new Set(refs.map((r) => r.source))], [...new Set(refs.map((r) => r.localKey))]],
      );
      const byKey = new Map<string, LinkedRecord[]>();
      for (const row of rows) {
        const key = `${row.from_source}:${row.from_key}`;
        let list = byKey.get(key);
        if (!list) byKey.set(key, (list = []));
        list.push({ source: row.source, localKey: row.local_key, method: row.method, confidence: Number(row.confidence) });
      }
      return keys.map((key) => (parseRecordKey(key) ? byKey.get(key) ?? [] : new Error(`Not a record key (expected "source:localKey"): ${key}`)));
    }),
  };
}

interface RecordRef {
  source: string;
  localKey: string;
}

/** Splits at the first ':' (source names contain none; a local key might); null when malformed. */
export function parseRecordKey(key: string): RecordRef | null {
  const at = key.indexOf(':');
  if (at <= 0 || at === key.length - 1) return null;
  return { source: key.slice(0, at), localKey: key.slice(at + 1) };
}
