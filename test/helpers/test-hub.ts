/**
 * A real hub for a test file: its own copy of the seeded demo databases on the test PostgreSQL,
 * a real HTTP server on a free port, and helpers to query it over HTTP.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { expect, inject } from 'vitest';
import { DATABASE_NAMES, SOURCE_NAMES, type Config, type DatabaseName } from '../../src/config';
import { startHub, type RunningHub } from '../../src/app';
import { copyPrefixOf, createDatabases } from '../global-setup';
import { testConfig, urlOf } from './test-config';
import type { Domain, Role } from '../../src/auth/viewer';
import type { PersonalDataKind } from '../../src/domain/access';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** What GraphQL Code Generator's client preset emits in string mode (TypedDocumentString). */
export interface TypedDocument<TResult, TVariables> {
  toString(): string;
  __apiType?: (variables: TVariables) => TResult;
}

/** Sends operations over HTTP as one viewer. */
export interface Executor {
  /** The `Authorization` header this executor sends (null: anonymous). */
  readonly authorization: string | null;
  /**
   * Sends one operation over HTTP (POST, JSON) and returns the parsed response. A typed document
   * from test/generated (codegen) types the result and the variables.
   */
  execute<TResult, TVariables>(document: TypedDocument<TResult, TVariables>, variables: TVariables): Promise<GraphQLResponse<TResult>>;
  execute<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Runs an operation that must succeed: asserts the response has no `errors` and returns its `data`. */
  data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/**
 * A viewer for `t.as(…)`: an account of that role (default) or, with `apiKey: true` or a
 * `purpose`, a partner key. Limits and scopes as in src/auth/roles.ts.
 */
export interface ViewerSpec {
  role: Role;
  apiKey?: boolean;
  purpose?: string;
  facultyKey?: number;
  chairKey?: number;
  employeeKey?: number;
  studentKey?: number;
  personKey?: number;
  read?: Domain[];
  write?: Domain[];
  personal?: PersonalDataKind[];
  expiresAt?: Date;
}

/** The default executor of a test hub acts as the first administrator (ADMIN). */
export interface TestHub extends Executor {
  readonly hub: RunningHub;
  readonly config: Config;
  /** http://127.0.0.1:<port>/graphql */
  readonly url: string;
  /** An executor acting as a new account or partner key described by `spec` (real login / real key). */
  as(spec: ViewerSpec): Promise<Executor & { accountId: string | null; keyId: string | null }>;
  /** An executor that sends no credentials. */
  readonly anonymous: Executor;
  /** Statements the last HTTP request sent, per database. */
  stats(): Record<DatabaseName, number>;
  /** A pg pool on one of this hub's databases, for assertions in SQL. */
  sql(database: DatabaseName): pg.Pool;
  /** Runs SQL on one of this hub's databases and returns the rows. */
  rows<T = any>(database: DatabaseName, sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Resolves once everything the sources captured so far has been ingested into the event log,
   * this hub has published all of it, and its subscribers have had a moment to receive it: what
   * a test's "nothing more arrives" assertion waits for, instead of a fixed sleep. Throws after
   * `timeoutMs` (a source down, a transaction holding a gap open…).
   */
  settled(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTestHub(options: { env?: Record<string, string>; configure?: (config: Config) => Config | Promise<Config> } = {}): Promise<TestHub> {
  const adminUrl = inject('pgAdminUrl');
  const templatePrefix = inject('templatePrefix');
  const prefix = `${copyPrefixOf(templatePrefix)}_${randomBytes(4).toString('hex')}`;
  await createDatabases(
    adminUrl,
    DATABASE_NAMES.map((name) => `${prefix}_${name}`),
    (name) => name.replace(prefix, templatePrefix),
  );
  let config = testConfig(adminUrl, prefix, options.env);
  if (options.configure) config = await options.configure(config);
  const hub = await startHub(config, { keepStatements: true });
  const pools = new Map<DatabaseName, pg.Pool>();
  const admin = await hub.runtime.access.accounts.login(config.adminLogin, config.adminPassword);
  const adminExecutor = executorFor(hub.server.url, `Bearer ${admin.accessToken}`);

  function sql(database: DatabaseName): pg.Pool {
    let pool = pools.get(database);
    if (!pool) {
      pool = new pg.Pool({ connectionString: urlOf(adminUrl, `${prefix}_${database}`), max: 2 });
      pools.set(database, pool);
    }
    return pool;
  }

  let viewers = 0;
  return {
    hub,
    config,
    url: hub.server.url,
    ...adminExecutor,
    anonymous: executorFor(hub.server.url, null),
    async as(spec) {
      const accounts = hub.runtime.access.accounts;
      const n = ++viewers;
      if (spec.apiKey || spec.purpose) {
        const { id, key } = await accounts.issueApiKey(
          {
            name: `test ${spec.role.toLowerCase()} key ${n}`,
            role: spec.role,
            purpose: spec.purpose ?? `tests of the ${spec.role.toLowerCase()} role`,
            read: spec.read ?? null,
            write: spec.write ?? null,
            personal: spec.personal ?? null,
            facultyKey: spec.facultyKey ?? null,
            expiresAt: spec.expiresAt ?? null,
          },
          null,
        );
        return { ...executorFor(hub.server.url, `ApiKey ${key}`), accountId: null, keyId: id };
      }
      const login = `test-${spec.role.toLowerCase()}-${n}-${randomBytes(3).toString('hex')}`;
      const password = `pw-${randomBytes(8).toString('hex')}`;
      const accountId = await accounts.register({
        login, password, role: spec.role, facultyKey: spec.facultyKey, chairKey: spec.chairKey,
        employeeKey: spec.employeeKey, studentKey: spec.studentKey, personKey: spec.personKey,
      });
      const { accessToken } = await accounts.login(login, password);
      return { ...executorFor(hub.server.url, `Bearer ${accessToken}`), accountId, keyId: null };
    },
    stats() {
      const counts = {} as Record<DatabaseName, number>;
      const stats = hub.server.lastContext()?.stats;
      for (const name of DATABASE_NAMES) counts[name] = stats?.count(name) ?? 0;
      return counts;
    },
    sql,
    async rows(database: DatabaseName, text: string, params: unknown[] = []) {
      return (await sql(database).query(text, params)).rows;
    },
    async settled(timeoutMs = 10_000) {
      await waitUntilSettled(hub, sql, timeoutMs);
    },
    async close() {
      for (const pool of pools.values()) await pool.end();
      await hub.stop();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        for (const name of DATABASE_NAMES) await client.query(`drop database if exists "${prefix}_${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** How often `settled()` looks again (ms). */
const SETTLED_POLL_MS = 20;
/**
 * What `settled()` waits after the log is published: each subscription resolves a published event
 * asynchronously (the rows it names, the guard's checks) before it writes its frame, and nothing
 * says when every stream of the hub is idle. A socket round trip would not cover that work, so a
 * short, bounded wait does; the events it covers were already handed to the streams.
 */
const DELIVERY_MS = 100;

async function waitUntilSettled(hub: RunningHub, sql: (database: DatabaseName) => pg.Pool, timeoutMs: number): Promise<void> {
  const feed = hub.runtime.changeFeed;
  if (!feed) throw new Error('settled(): this hub runs no change feed');
  // What the sources hold now; a change written later is not this call's to wait for.
  const captured = new Map<string, number>();
  for (const source of SOURCE_NAMES) {
    const { rows } = await sql(source).query<{ id: string }>('select coalesce(max(id), 0)::text as id from campus_graph_change');
    captured.set(source, Number(rows[0].id));
  }
  const until = Date.now() + timeoutMs;
  for (;;) {
    // Read the sources now rather than at the feed's next poll.
    feed.wake();
    const positions = await sql('hub').query<{ source: string; last: string }>('select source, last_change_id::text as last from ingest_position');
    const ingested = new Map(positions.rows.map((r) => [r.source, Number(r.last)]));
    const behind = [...captured].filter(([source, id]) => (ingested.get(source) ?? 0) < id);
    // Read after the positions: once they are caught up, the log's end includes every captured change.
    const { rows } = await sql('hub').query<{ cursor: string }>('select coalesce(max(cursor), 0)::text as cursor from event_log');
    const logged = Number(rows[0].cursor);
    const published = feed.lastPublishedCursor();
    if (behind.length === 0 && published >= logged) break;
    if (Date.now() > until) {
      const waiting = behind.map(([source, id]) => `${source} ingested up to ${ingested.get(source) ?? 0} of ${id}`);
      if (published < logged) waiting.push(`published up to cursor ${published} of ${logged}`);
      throw new Error(`the hub did not settle within ${timeoutMs} ms: ${waiting.join('; ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLED_POLL_MS));
  }
  await new Promise((resolve) => setTimeout(resolve, DELIVERY_MS));
}

function executorFor(url: string, authorization: string | null): Executor {
  async function execute(query: string | TypedDocument<unknown, unknown>, variables?: unknown): Promise<GraphQLResponse> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    if (authorization) headers.authorization = authorization;
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query: query.toString(), variables }) });
    return (await response.json()) as GraphQLResponse;
  }
  return {
    authorization,
    execute,
    async data(query: string, variables?: Record<string, unknown>) {
      const result = await execute(query, variables);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return result.data;
    },
  } as Executor;
}

/** A connection as a query selects it for paging: its nodes and where the page ends. */
export interface PagedConnection<TNode = any> {
  nodes: TNode[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Follows `endCursor` until the last page and returns every node in order. `query` takes an
 * `$after: String` variable; `select` picks the connection out of each answer's data.
 */
export async function allPages<TNode = any>(
  t: Executor,
  query: string,
  variables: Record<string, unknown>,
  select: (data: any) => PagedConnection<TNode>,
): Promise<TNode[]> {
  const nodes: TNode[] = [];
  const seen = new Set<string | null>();
  let after: string | null = null;
  for (;;) {
    const connection = select(await t.data(query, { ...variables, after }));
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) return nodes;
    after = connection.pageInfo.endCursor;
    if (seen.has(after)) throw new Error(`paging did not end: cursor ${after} came back`);
    seen.add(after);
  }
}
