/**
 * Query safety over real HTTP and WebSocket: depth and cost limits and the page maximum refuse an
 * oversized operation before any SQL runs; the rate limit answers 429 with Retry-After; the
 * introspection and GraphiQL switches; CSRF prevention.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema, getIntrospectionQuery, parse, type OperationDefinitionNode } from 'graphql';
import { DATABASE_NAMES } from '../../src/config';
import { Role } from '../../src/auth/viewer';
import { measureOperation, STANDARD_INTROSPECTION_DEPTH, DEFAULT_LIMITS } from '../../src/server/safety/operation-limits';
import { GroupPageDocument } from '../generated/graphql';
import { startTestHub, type GraphQLResponse, type TestHub } from '../helpers/test-hub';
import { overSocket } from '../helpers/socket-operation';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.close();
});

/** The committed schema (schema.test.ts keeps it equal to the code's). */
const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8'));

const NO_STATEMENTS = Object.fromEntries(DATABASE_NAMES.map((name) => [name, 0]));

/**
 * POSTs JSON and returns status, headers and body (t.execute hides the status). The limits under
 * test here are those of callers with credentials: it sends the test hub's administrator token
 * unless `headers` says otherwise (anonymous: `{ authorization: '' }`).
 */
async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const authorization = headers.authorization ?? (url === t.url ? t.authorization : null);
  headers = { ...headers };
  delete headers.authorization;
  if (authorization) headers.authorization = authorization;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse };
}

/**
 * `groups → students → group → students → …`: a valid query whose depth grows by three per round
 * (group, students, nodes); `leaf` ends it.
 */
function deepQuery(rounds: number, leaf = 'name'): string {
  let inner = leaf;
  for (let i = 0; i < rounds; i++) inner = `group { students(first: 1) { nodes { ${inner} } } }`;
  return `{ groups(first: 1) { nodes { name students(first: 1) { nodes { ${inner} } } } } }`;
}


describe('depth limit (MAX_QUERY_DEPTH, 12 by default)', () => {
  it('refuses a query deeper than the limit before any SQL runs, saying limit and depth', async () => {
    // 3 (groups, nodes, students) + 1 (nodes) + 3 × 3 rounds + 1 (programme) + 1 (code) = 15
    const { status, body } = await post(t.url, { query: deepQuery(3, 'programme { code }') });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: 12, measured: 15 });
    expect(body.errors![0].message).toMatch(/15 levels deep; the limit is 12/);
    expect(t.stats()).toEqual(NO_STATEMENTS);
  });

  it('runs a query exactly at the limit', async () => {
    // 4 + 3 × 2 rounds + group (11) + name (12)
    const query = deepQuery(2, 'group { name }');
    const document = parse(query);
    expect(measureOperation(schema, document, document.definitions[0] as OperationDefinitionNode, {}, DEFAULT_LIMITS)!.depth).toBe(12);
    const data = await t.data(query);
    const top = data.groups.nodes[0];
    const names = (await t.rows('avn', 'select name from gruppa')).map((r) => r.name);
    expect(names).toContain(top.name);
    // Student → group → students → … comes back to the same group.
    const deepest = top.students.nodes[0].group.students.nodes[0].group.students.nodes[0].group.name;
    expect(deepest).toBe(top.name);
  });

  it('counts depth through fragments and inline fragments', async () => {
    const query = `query { groups(first: 1) { nodes { ...G } } }
      fragment G on Group { students(first: 1) { nodes { ... on Student { group { ...G2 } } } } }
      fragment G2 on Group { students(first: 1) { nodes { group { students(first: 1) { nodes { group { programme { faculty { name } } } } } } } } }`;
    const { status, body } = await post(t.url, { query });
    expect(status).toBe(400);
    expect(body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', measured: 14 });
    expect(t.stats()).toEqual(NO_STATEMENTS);
  });

  it('lets the standard GraphiQL introspection query through, at no cost', async () => {
    expect(STANDARD_INTROSPECTION_DEPTH).toBeGreaterThan(12);
    const { status, body } = await post(t.url, { query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true }) });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.__schema.types.length).toBeGreaterThan(100);
  });

  it('refuses introspection nested deeper than the standard query (ofType / fields chains)', async () => {
    let typeRef = 'name';
    for (let i = 0; i < 20; i++) typeRef = `name ofType { ${typeRef} }`;
    const ofTypes = await post(t.url, { query: `{ __schema { types { fields { type { ${typeRef} } } } } }` });
    expect(ofTypes.status).toBe(400);
    expect(ofTypes.body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: STANDARD_INTROSPECTION_DEPTH, measured: 25 });
    expect(t.stats()).toEqual(NO_STATEMENTS);

    let cycle = 'name';
    for (let i = 0; i < 8; i++) cycle = `fields { type { ${cycle} } }`;
    // graphql-js's own MaxIntrospectionDepthRule refuses this cycle already, at validation.
    const fields = await post(t.url, { query: `{ __type(name: "Student") { ${cycle} } }` });
    expect(fields.status).toBe(400);
    expect(fields.body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(fields.body.errors![0].message).toMatch(/Maximum introspection depth exceeded/);
    expect(t.stats()).toEqual(NO_STATEMENTS);
  });
});

describe('cost limit (MAX_QUERY_COST, 50,000 by default)', () => {
  it('refuses nested pages whose product is too large, before any SQL runs, saying limit and cost', async () => {
    // groups 100 × students 100 × loans 20 (default page): far above 50,000
    const query = '{ groups(first: 100) { nodes { students(first: 100) { nodes { loans { nodes { id } } } } } } }';
    const { status, body } = await post(t.url, { query });
    expect(status).toBe(400);
    const [error] = body.errors!;
    // objects: 1 + 100 × (1 + 1 + 100 × (1 + 1 + 20 × 1)) = 220,201; statements: groups, students, loans = 3 × 10
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 50000, measured: 220231 });
    expect(error.message).toMatch(/estimated cost of 220231; the limit is 50000/);
    expect(t.stats()).toEqual(NO_STATEMENTS);
  });

  it('reads page sizes from variables: the group page is refused at 100 × 100 and runs at 50 × 30', async () => {
    const big = await post(t.url, { query: GroupPageDocument.toString(), variables: { groups: 100, students: 100 } });
    expect(big.status).toBe(400);
    expect(big.body.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(t.stats()).toEqual(NO_STATEMENTS);

    const result = await t.execute(GroupPageDocument, { groups: 50, students: 30 });
    expect(result.errors).toBeUndefined();
    const [{ n }] = await t.rows('avn', 'select least(count(*), 50)::int as n from gruppa');
    expect(result.data!.groups!.nodes).toHaveLength(n);
  });

  it('adds up aliases: many copies of an allowed list are refused together', async () => {
    const one = 'groups(first: 100) { nodes { students(first: 20) { nodes { id } } } }';
    expect((await t.data(`{ ${one} }`)).groups.nodes.length).toBeGreaterThan(0);
    const many = Array.from({ length: 25 }, (_, i) => `g${i}: ${one}`).join(' ');
    const { status, body } = await post(t.url, { query: `{ ${many} }` });
    expect(status).toBe(400);
    // Each copy: 1 + 100 × (1 + 1 + 20 × 1) objects and two statements (groups, students) of 10.
    expect(body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', measured: 25 * (1 + 100 * 22 + 2 * 10) });
    expect(t.stats()).toEqual(NO_STATEMENTS);
  });

  it('does not let aliases copy the schema many times over', async () => {
    const copies = Array.from({ length: 11 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`).join(' ');
    const { status, body } = await post(t.url, { query: `{ ${copies} }` });
    expect(status).toBe(400);
    expect(body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 10, measured: 11 });
  });
});

describe('page size maximum (MAX_PAGE_SIZE, 100 by default)', () => {
  it('refuses a root list asking for more than the maximum, before any SQL runs', async () => {
    const { status, body } = await post(t.url, { query: '{ students(first: 101) { nodes { id } } }' });
    expect(status).toBe(400);
    expect(body.errors![0].extensions).toMatchObject({ code: 'PAGE_TOO_LARGE', max: 100, requested: 101 });
    expect(t.stats()).toEqual(NO_STATEMENTS);
  });

  it('refuses a nested list asking for more than the maximum, before any SQL runs', async () => {
    const { status, body } = await post(t.url, { query: 'query($n: Int) { groups(first: 2) { nodes { students(first: $n) { nodes { id } } } } }', variables: { n: 500 } });
    expect(status).toBe(400);
    expect(body.errors![0].extensions).toMatchObject({ code: 'PAGE_TOO_LARGE', max: 100, requested: 500 });
    expect(body.errors![0].message).toMatch(/Group\.students asks for 500/);
    expect(t.stats()).toEqual(NO_STATEMENTS);
  });

  it('returns a full page at the maximum', async () => {
    const data = await t.data('{ students(first: 100) { nodes { id } pageInfo { hasNextPage } } }');
    const [{ n }] = await t.rows('avn', 'select count(*)::int as n from students');
    expect(data.students.nodes).toHaveLength(Math.min(100, n));
    expect(data.students.pageInfo.hasNextPage).toBe(n > 100);
  });
});

describe('limits over WebSocket (graphql-ws)', () => {
  it('refuses a deep or costly operation sent over the socket', async () => {
    const deep = await overSocket(t.url, { query: deepQuery(3, 'programme { code }') });
    expect(deep.errors[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', measured: 15 });
    const costly = await overSocket(t.url, { query: '{ groups(first: 100) { nodes { students(first: 100) { nodes { loans { nodes { id } } } } } } }' });
    expect(costly.errors[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', measured: 220231 });
    const page = await overSocket(t.url, { query: '{ students(first: 1000) { nodes { id } } }' });
    expect(page.errors[0]?.extensions).toMatchObject({ code: 'PAGE_TOO_LARGE' });
  });

  it('still runs an allowed operation and a subscription', async () => {
    const ok = await overSocket(t.url, { query: '{ faculties { id } }' });
    expect(ok.errors).toEqual([]);
    const [{ n }] = await t.rows('avn', 'select count(*)::int as n from fakultet');
    expect(ok.data.faculties).toHaveLength(n);
    const ticks = await overSocket(t.url, { query: 'subscription { heartbeat(intervalSeconds: 1, count: 1) { sequence } }' });
    expect(ticks.errors).toEqual([]);
    expect(ticks.data.heartbeat.sequence).toBe(1);
  });
});

describe('rate limit (RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST)', () => {
  let limited: TestHub;
  beforeAll(async () => {
    // The same rate for callers with credentials and for anonymous ones in this hub.
    limited = await startTestHub({ env: { RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_BURST: '3', ANONYMOUS_RATE_LIMIT_PER_MINUTE: '60', ANONYMOUS_RATE_LIMIT_BURST: '3' } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('answers 429 with Retry-After and RATE_LIMITED past the burst, and lets the caller back after it', async () => {
    for (let i = 0; i < 3; i++) expect((await post(limited.url, { query: '{ faculties { id } }' })).status).toBe(200);
    const before = limited.hub.server.lastContext();
    const refused = await post(limited.url, { query: '{ faculties { id } }' });
    expect(refused.status).toBe(429);
    expect(refused.body.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', limitPerMinute: 60 });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(1); // 60 a minute: one token a second
    // Refused before Apollo: no context, no resolver, no statement.
    expect(limited.hub.server.lastContext()).toBe(before);
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 50));
    expect((await post(limited.url, { query: '{ faculties { id } }' })).status).toBe(200);
  });

  it('keeps a separate bucket per anonymous address', async () => {
    // Drain 127.0.0.1's bucket, then ask from 127.0.0.2 (the loopback network).
    for (let i = 0; i < 5; i++) await post(limited.url, { query: '{ __typename }' });
    expect((await post(limited.url, { query: '{ __typename }' })).status).toBe(429);
    const other = await postFrom('127.0.0.2', limited.url, { query: '{ __typename }' });
    expect(other.status).toBe(200);
  });

  it('keeps a bucket per API key and per account, apart from the address they come from', async () => {
    const key = await limited.as({ role: Role.LIBRARY, apiKey: true });
    const account = await limited.as({ role: Role.ADMIN });
    const codes = async (executor: typeof key, times: number) => {
      const out: string[] = [];
      for (let i = 0; i < times; i++) out.push((await executor.execute('{ __typename }')).errors?.[0]?.extensions?.code ?? 'OK');
      return out;
    };
    expect(await codes(key, 4)).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED']);
    // Same address (127.0.0.1), other callers: their own full buckets.
    expect(await codes(account, 3)).toEqual(['OK', 'OK', 'OK']);
    expect((await postFrom('127.0.0.3', limited.url, { query: '{ __typename }' })).status).toBe(200);
  });

  it('limits WebSocket operations too', async () => {
    // From an address of its own (the loopback network): a full bucket, whatever the tests above spent.
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await overSocket(limited.url, { query: '{ __typename }' }, null, { localAddress: '127.0.0.4' }));
    const codes = results.map((r) => r.errors[0]?.extensions?.code ?? 'OK');
    expect(codes[0], 'a full bucket of its own').toBe('OK');
    expect(codes.filter((c) => c === 'OK').length).toBeLessThanOrEqual(4);
    expect(codes).toContain('RATE_LIMITED');
  });
});

describe('introspection and GraphiQL switches (INTROSPECTION, GRAPHIQL; off in production)', () => {
  let closed: TestHub;
  beforeAll(async () => {
    closed = await startTestHub({ env: { INTROSPECTION: 'false', GRAPHIQL: 'false' } });
  });
  afterAll(async () => {
    await closed?.close();
  });

  it('refuses __schema and __type with a clear code when introspection is off, over HTTP and WebSocket', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Student") { name } }', getIntrospectionQuery()]) {
      const { status, body } = await post(closed.url, { query });
      expect(status).toBe(400);
      expect(body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(body.errors![0].message).toMatch(/introspection is not allowed/i);
    }
    const ws = await overSocket(closed.url, { query: '{ __schema { types { name } } }' });
    expect(ws.errors[0].message).toMatch(/introspection/i);
    // Everything else still works.
    expect((await closed.data('{ faculties { id __typename } }')).faculties.length).toBeGreaterThan(0);
  });

  it('does not serve GraphiQL to a browser when it is off', async () => {
    const response = await fetch(closed.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).not.toMatch(/html/);
    expect(await response.text()).not.toMatch(/GraphiQL/);
    const base = closed.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/graphiql/graphiql.js`)).status).toBe(404);
  });

  it('keeps both on in development (the default hub)', async () => {
    expect((await t.data('{ __type(name: "Student") { name } }')).__type.name).toBe('Student');
    const page = await fetch(t.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).toMatch(/GraphiQL/);
  });
});

describe('CSRF prevention', () => {
  it('refuses simple cross-site POSTs (form-urlencoded, text/plain, multipart) before they run', async () => {
    const before = t.hub.server.lastContext();
    const forms: [string, string][] = [
      ['application/x-www-form-urlencoded', `query=${encodeURIComponent('{ faculties { id } }')}`],
      ['text/plain', JSON.stringify({ query: '{ faculties { id } }' })],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ faculties { id } }\r\n--x--\r\n'],
    ];
    for (const [contentType, body] of forms) {
      const response = await fetch(t.url, { method: 'POST', headers: { 'content-type': contentType, origin: 'https://evil.example' }, body });
      expect(response.status, contentType).toBe(400);
      expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
    }
    expect(t.hub.server.lastContext()).toBe(before);
  });

  it('accepts the same operation as JSON', async () => {
    const { status, body } = await post(t.url, { query: '{ faculties { id } }' }, { origin: 'https://partner.example' });
    expect(status).toBe(200);
    expect(body.data.faculties.length).toBeGreaterThan(0);
  });
});

/** POSTs JSON from a given local address (the loopback range), to look like another client. */
function postFrom(localAddress: string, url: string, body: unknown): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

