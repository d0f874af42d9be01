/**
 * The per-request context: one statement counter, one bound reader per database, and a lazily
 * filled cache of DataLoaders (created on first use, so a request pays only for the loaders its
 * query touches).
 */
import { randomUUID } from 'node:crypto';
import type { Config, DatabaseName } from '../config';
import type { Databases } from '../db/databases';
import { QueryStats } from '../db/source-db';
import type { Caller } from '../db/fair-share';
import { ANONYMOUS, type Viewer } from '../auth/viewer';
import type { Access } from '../auth/credentials/access';
import type { ChangeFeed } from '../events/ingestor';
import type { BoundReader, SourceContext, SourceRuntime } from '../db/read-context';

/** What the schema's resolvers may use of the running hub. */
export interface HubRuntime extends SourceRuntime {
  readonly config: Config;
  readonly databases: Databases;
  readonly access: Access;
  /** This instance's change feed (whether it ingests, how far it has published); absent in tools that only read. */
  readonly changeFeed?: ChangeFeed;
}

export interface HubContext extends SourceContext {
  readonly requestId: string;
  /** Who is asking (resolved from the request's token or key; anonymous without one). */
  readonly viewer: Viewer;
  /** The client's address as TRUST_PROXY lets the hub know it (src/server/client-address.ts); null outside a request. */
  readonly clientAddress: string | null;
  readonly stats: QueryStats;
  readonly runtime: HubRuntime;
}

export interface ContextOptions {
  keepStatements?: boolean;
  viewer?: Viewer;
  /** Who the statements run for: each caller gets its fair share of a source's connections (db/fair-share.ts). */
  caller?: Caller;
  /** Most statements this context may send (a request's budget; unlimited when absent). */
  maxStatements?: number;
  /** The client's address (src/server/client-address.ts), for the audit of failed logins. */
  clientAddress?: string | null;
}

export function createContext(runtime: HubRuntime, options: ContextOptions = {}): HubContext {
  const stats = new QueryStats(options.keepStatements ?? false, options.maxStatements);
  const caller = options.caller;
  const db = {} as Record<DatabaseName, BoundReader>;
  for (const [name, handle] of Object.entries(runtime.databases.handles)) {
    db[name as DatabaseName] = {
      query: (sql, params) => handle.reader.query(sql, params ?? [], stats, caller),
    };
  }
  const loaders = new Map<string, unknown>();
  return {
    requestId: randomUUID(),
    viewer: options.viewer ?? ANONYMOUS,
    clientAddress: options.clientAddress ?? null,
    stats,
    db,
    runtime,
    loader<T>(key: string, create: () => T): T {
      let existing = loaders.get(key) as T | undefined;
      if (existing === undefined) {
        existing = create();
        loaders.set(key, existing);
      }
      return existing;
    },
  };
}
