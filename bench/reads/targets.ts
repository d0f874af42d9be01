/**
 * How the bench talks to each system: the HTTP request autocannon repeats for an operation, and a
 * single probe request that returns the answer and the SQL statements it cost, counted for real:
 *  - hub: STATEMENT_COUNTS=true makes it report its per-request counts per database in
 *    `extensions.sqlStatements` (src/server/statement-counts.ts, from the QueryStats every read uses);
 *  - PostGraphile and the floor: their pools count every statement sent; the bench reads the
 *    counter (GET /__statements) before and after one request, nothing else running.
 */
import type { BenchIds, Operation, SystemName } from './operations';

export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface Probe {
  data: unknown;
  errors: unknown[] | null;
  bytes: number;
  /** Milliseconds the request took alone (no other load). */
  ms: number;
  statements: number;
  /** Statements per database (the hub tells them apart; the peers' counters are per server). */
  byDatabase: Record<string, number> | null;
}

export interface Target {
  readonly system: SystemName;
  request(operation: Operation, ids: BenchIds): HttpRequest;
  probe(operation: Operation, ids: BenchIds): Promise<Probe>;
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

async function send(request: HttpRequest): Promise<{ body: { data?: unknown; errors?: unknown[]; extensions?: Record<string, unknown> }; bytes: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
  const text = await response.text();
  const ms = performance.now() - started;
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${request.url} answered ${response.status} with non-JSON: ${text.slice(0, 300)}`);
  }
  if (!response.ok && !body.errors) body.errors = [{ message: `HTTP ${response.status}` }];
  return { body, bytes: Buffer.byteLength(text), ms };
}

async function statementCounter(url: string): Promise<number> {
  const response = await fetch(url);
  return ((await response.json()) as { statements: number }).statements;
}

export function hubTarget(graphqlUrl: string, authorization: string): Target {
  const request = (operation: Operation, ids: BenchIds): HttpRequest => ({
    url: graphqlUrl,
    headers: { ...JSON_HEADERS, authorization },
    body: JSON.stringify(operation.hub(ids)),
  });
  return {
    system: 'hub',
    request,
    async probe(operation, ids) {
      const { body, bytes, ms } = await send(request(operation, ids));
      const byDatabase = body.extensions?.sqlStatements as Record<string, number> | undefined;
      if (!byDatabase) throw new Error('The hub sent no extensions.sqlStatements: was it started with STATEMENT_COUNTS=true?');
      const statements = Object.values(byDatabase).reduce((n, c) => n + c, 0);
      return { data: body.data, errors: body.errors ?? null, bytes, ms, statements, byDatabase };
    },
  };
}

/** PostGraphile's /graphql, and its counter at /__statements (bench/postgraphile/server.js). */
export function postGraphileTarget(graphqlUrl: string): Target {
  const counterUrl = new URL('/__statements', graphqlUrl).toString();
  const request = (operation: Operation, ids: BenchIds): HttpRequest => {
    const { query, variables } = operation.postgraphile(ids);
    return { url: graphqlUrl, headers: JSON_HEADERS, body: JSON.stringify({ query, variables }) };
  };
  return {
    system: 'postgraphile',
    request,
    async probe(operation, ids) {
      const before = await statementCounter(counterUrl);
      const { body, bytes, ms } = await send(request(operation, ids));
      const statements = (await statementCounter(counterUrl)) - before;
      return { data: body.data, errors: body.errors ?? null, bytes, ms, statements, byDatabase: { avn: statements } };
    },
  };
}

/** The floor server: POST /<operation>, counter at /__statements (bench/reads/floor-server.ts). */
export function floorTarget(baseUrl: string): Target {
  const request = (operation: Operation, ids: BenchIds): HttpRequest => ({
    url: `${baseUrl}/${operation.name}`,
    headers: JSON_HEADERS,
    body: JSON.stringify(operation.floor(ids)),
  });
  return {
    system: 'floor',
    request,
    async probe(operation, ids) {
      const before = await statementCounter(`${baseUrl}/__statements`);
      const { body, bytes, ms } = await send(request(operation, ids));
      const statements = (await statementCounter(`${baseUrl}/__statements`)) - before;
      return { data: body.data, errors: body.errors ?? null, bytes, ms, statements, byDatabase: null };
    },
  };
}
