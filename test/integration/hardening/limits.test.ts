/**
 * Issue 9, A2–A4, B8 and D13: one request, one string or one frame cannot starve a source or the
 * hub; errors stay clear without handing out the schema. Over real HTTP and WebSocket, against
 * the real PostgreSQL of a test hub.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { getNamedType, isInputObjectType, isObjectType, parse, type GraphQLInputType } from 'graphql';
import { Role } from '../../../src/auth/viewer';
import { DATABASE_NAMES } from '../../../src/config';
import { buildHubSchema } from '../../../src/modules/schema';
import { DEFAULT_LIMITS, validateOperationLimits } from '../../../src/server/safety/operation-limits';
import { CheckedDocuments } from '../../../src/server/safety/checked-documents';
import { startTestHub, type GraphQLResponse, type TestHub } from '../../helpers/test-hub';
import { overSocket } from '../../helpers/socket-operation';

const NO_STATEMENTS = Object.fromEntries(DATABASE_NAMES.map((name) => [name, 0]));

async function post(url: string, body: unknown, authorization?: string | null) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  const response = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}


const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.close();
});

describe('9.A2 one request cannot exhaust a source', () => {
  it('refuses 4,500 aliases of `faculties` before parsing, anonymous or not: no context, no statement', async () => {
    const before = t.hub.server.lastContext();
    // 4,500 aliases are a body over 100 KB, too large for an anonymous caller (413, unread), and a
    // text over 100,000 characters for an account: refused before the lexer reads a token.
    const anonymous = await post(t.url, { query: aliases(4500, 'faculties { id }') });
    expect(anonymous.status).toBe(413);
    expect(anonymous.body.errors![0].extensions).toMatchObject({ code: 'REQUEST_TOO_LARGE', limit: 100_000 });
    const shorter = await post(t.url, { query: aliases(1500, 'faculties { id }') });
    expect(shorter.body.errors![0].extensions).toMatchObject({ code: 'REQUEST_TOO_LARGE', limitName: 'characters', limit: 20_000 });
    const withKey = await post(t.url, { query: aliases(4500, 'faculties { id }') }, t.authorization);
    expect(withKey.body.errors![0].extensions).toMatchObject({ code: 'REQUEST_TOO_LARGE', limitName: 'characters', limit: 100_000 });
    // 500 fit in the text: the lexer stops at the first alias over the limit.
    const fewer = await post(t.url, { query: aliases(500, 'faculties { id }') });
    expect(fewer.body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limitName: 'aliases', limit: 10 });
    const admin = await post(t.url, { query: aliases(500, 'faculties { id }') }, t.authorization);
    expect(admin.body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limitName: 'aliases', limit: 30 });
    expect(t.hub.server.lastContext()).toBe(before);
  });

  it('counts tokens before parsing: a long document is refused after the first tokens over the limit', async () => {
    const long = `{ faculties { ${'id '.repeat(5000)} } }`;
    const refused = await post(t.url, { query: long }, t.authorization);
    expect(refused.body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limitName: 'tokens', limit: 3000 });
    const anonymous = await post(t.url, { query: `{ faculties { ${'id '.repeat(1000)} } }` });
    expect(anonymous.body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limitName: 'tokens', limit: 1000 });
  });

  it('counts root fields and each alias as the statements they cause, in cost and in the statement limit', async () => {
    const schema = await buildHubSchema();
    const one = validateOperationLimits(schema, parse(aliases(1, 'faculties { id }')), {}, { ...DEFAULT_LIMITS, maxCost: 0 });
    const twenty = validateOperationLimits(schema, parse(aliases(20, 'faculties { id }')), {}, { ...DEFAULT_LIMITS, maxCost: 0 });
    // A list without a page size counts 10 items; the statement costs 10 more, once per alias.
    expect(one[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', measured: 10 + 10 });
    expect(twenty[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', measured: 20 * (10 + 10) });

    const tooMany = await post(t.url, { query: aliases(21, 'faculties { id }') }, t.authorization);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limitName: 'rootFields', limit: 20, measured: 21 });
    expect(t.stats()).toEqual(NO_STATEMENTS);
  });

  it('holds a request to its statements: estimated before it runs, counted while it runs', async () => {
    const tight = await startTestHub({ env: { ANONYMOUS_MAX_STATEMENTS: '2' } });
    try {
      // Relations count too: each occurrence of a field that fetches data is a statement.
      const three = await post(tight.url, { query: '{ faculties { chairs { id } programmes { id } } }' });
      expect(three.status).toBe(400);
      expect(three.body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limitName: 'statements', limit: 2, measured: 3 });
      // One `nodes` field estimated as one statement reads four types: the budget stops it at two.
      const data = await tight.data('{ faculties { id chairs { id } programmes { id } } disciplines(first: 1) { nodes { id } } }');
      const ids = [data.faculties[0].id, data.faculties[0].chairs[0].id, data.faculties.find((f: any) => f.programmes.length).programmes[0].id, data.disciplines.nodes[0].id];
      const answer = await tight.anonymous.execute('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
      const codes = (answer.errors ?? []).map((e) => e.extensions?.code);
      expect(codes.length).toBeGreaterThan(0);
      expect(new Set(codes)).toEqual(new Set(['STATEMENT_BUDGET_EXCEEDED']));
      expect(answer.data!.nodes.filter((n: unknown) => n !== null).length).toBeLessThanOrEqual(2);
      expect(tight.stats().avn).toBeLessThanOrEqual(2);
    } finally {
      await tight.close();
    }
  });

  it("keeps each caller to its share of a source's pool: anonymous requests stuck on a lock cannot starve a dean, nor mark the source down", async () => {
    const hub = await startTestHub({
      env: { SOURCE_POOL_SIZE: '4', SOURCE_SLOTS_PER_CALLER: '2', ANONYMOUS_SOURCE_SLOTS: '1', SOURCE_QUEUE_TIMEOUT_MS: '6000' },
    });
    const [{ fak_id: faculty }] = await hub.rows('avn', 'select fak_id from fakultet order by fak_id limit 1');
    const dean = await hub.as({ role: Role.DEAN, facultyKey: faculty });
    const locker = await hub.sql('avn').connect();
    try {
      // Every statement on `fakultet` now waits: each anonymous request holds its connection until the lock goes.
      await locker.query('begin');
      await locker.query('lock table fakultet in access exclusive mode');
      const addresses = Array.from({ length: 12 }, (_, i) => `127.0.0.${10 + i}`);
      const attack = addresses.map((address) => postFromAddress(address, hub.url, { query: '{ faculties { id } }' }));
      await new Promise((r) => setTimeout(r, 300));
      const waiting = await hub.rows(
        'avn',
        `select count(*)::int as n from pg_stat_activity where application_name = 'campus-graph:avn' and wait_event_type = 'Lock'`,
      );
      expect(waiting[0].n).toBe(1); // all anonymous callers together: one connection

      // Answered while the lock still holds every anonymous request: a starved dean would wait for the queue timeout and fail.
      const students = await dean.execute('{ students(first: 5) { totalCount nodes { id } } }');
      expect(students.errors).toBeUndefined();
      expect(students.data.students.nodes.length).toBeGreaterThan(0);
      const ready = (await (await fetch(hub.url.replace(/graphql$/, 'readyz'))).json()) as { status: string };
      expect(ready.status).toBe('ready');

      await locker.query('commit');
      const answers = await Promise.all(attack);
      // The lock is gone: the queue drains; nothing was reported as an outage.
      for (const answer of answers) {
        const codes = (answer.body.errors ?? []).map((e: any) => e.extensions?.code);
        expect(codes).not.toContain('SOURCE_UNAVAILABLE');
      }
      expect(answers.filter((a) => a.body.data?.faculties?.length).length).toBeGreaterThan(0);
    } finally {
      await locker.query('rollback').catch(() => undefined);
      locker.release();
      await hub.close();
    }
  });

  it('gives anonymous callers stricter limits than callers with credentials', async () => {
    // Depth 9: within 12 for an account, over 8 for an anonymous caller.
    const deep = '{ programmes(first: 1) { nodes { faculty { chairs { faculty { chairs { faculty { chairs { name } } } } } } } } }';
    expect((await post(t.url, { query: deep }, t.authorization)).status).toBe(200);
    const anonymous = await post(t.url, { query: deep });
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: 8, measured: 9 });
    const costly = '{ programmes(first: 100) { nodes { groups { students(first: 10) { nodes { id } } } } } }';
    expect((await post(t.url, { query: costly })).body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 5000 });
  });
});

describe('9.A3 every text argument has a documented maximum, checked before any SQL', () => {
  it('documents a maximum length on every String and ID argument and input field of the schema', async () => {
    const schema = await buildHubSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      const check = (coordinate: string, input: { type: GraphQLInputType; description?: string | null }) => {
        const named = getNamedType(input.type).name;
        if ((named === 'String' || named === 'ID') && !/At most \d+ characters\./.test(input.description ?? '')) missing.push(coordinate);
      };
      if (isObjectType(type)) for (const field of Object.values(type.getFields())) for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg);
      if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field);
    }
    expect(missing).toEqual([]);
  });

  it('refuses a 900 KB name search at once, from the document or from variables, with no statement', async () => {
    const text = 'a'.repeat(900_000);
    // In the document, 900 KB is a document too large to read; 201 characters, a text over its maximum.
    const inline = await post(t.url, { query: `{ students(where: { nameContains: "${text}" }) { totalCount } }` }, t.authorization);
    expect(inline.status).toBe(400);
    expect(inline.body.errors![0].extensions).toMatchObject({ code: 'REQUEST_TOO_LARGE', limitName: 'characters' });
    const over = await post(t.url, { query: `{ students(where: { nameContains: "${text.slice(0, 201)}" }) { totalCount } }` }, t.authorization);
    expect(over.status).toBe(400);
    expect(over.body.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'Query.students(where).nameContains', maxLength: 200 });
    expect(t.stats()).toEqual(NO_STATEMENTS);
    const variables = await post(t.url, { query: 'query($w: StudentWhere) { students(where: $w) { totalCount } }', variables: { w: { nameContains: text } } }, t.authorization);
    expect(variables.body.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', maxLength: 200 });
    expect(t.stats()).toEqual(NO_STATEMENTS);
  });

  it('serves name searches from a trigram index, with the same answer as SQL', async () => {
    const [{ fam }] = await t.rows<{ fam: string }>('avn', 'select fam from students order by stud_id limit 1');
    const word = fam.slice(0, 4);
    const data = await t.data('query($w: String) { students(where: { nameContains: $w }) { totalCount } }', { w: word });
    const [{ n }] = await t.rows('avn', `select count(*)::int as n from students where fam ilike $1 or imya ilike $1 or otch ilike $1`, [`%${word}%`]);
    expect(data.students.totalCount).toBe(n);
    const client = await t.sql('avn').connect();
    try {
      await client.query('set enable_seqscan = off');
      const plan = (await client.query(`explain select stud_id from students s where s.fam ilike $1 or s.imya ilike $1 or s.otch ilike $1`, [`%${word}%`])).rows
        .map((r: Record<string, string>) => Object.values(r)[0])
        .join('\n');
      expect(plan).toMatch(/campus_graph_trgm_students/);
    } finally {
      client.release();
    }
    for (const [database, index] of [['avn', 'sotrudnik'], ['avn', 'abiturient'], ['library', 'borrowers'], ['library', 'biblio'], ['registrar', 'issued_documents'], ['registrar', 'document_flow']] as const) {
      const rows = await t.rows(database, `select indexname from pg_indexes where tablename = $1 and indexname = $2`, [index, `campus_graph_trgm_${index}`]);
      expect(rows, `${database}.${index}`).toHaveLength(1);
    }
  });
});

describe('9.A4 frames and bodies over the size limit', () => {
  it('answers an HTTP body over 1 MB (100 KB anonymous) with 413 (not a reset), and keeps serving', async () => {
    const body = JSON.stringify({ query: `{ faculties { id } } # ${'x'.repeat(2_000_000)}` });
    const response = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: t.authorization! }, body });
    expect(response.status).toBe(413);
    expect(((await response.json()) as GraphQLResponse).errors![0].extensions).toMatchObject({ code: 'REQUEST_TOO_LARGE', limit: 1_000_000 });
    const anonymous = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body.slice(0, 500_000) });
    expect(anonymous.status).toBe(413);
    expect(((await anonymous.json()) as GraphQLResponse).errors![0].extensions).toMatchObject({ code: 'REQUEST_TOO_LARGE', limit: 100_000 });
    expect((await post(t.url, { query: '{ faculties { id } }' })).status).toBe(200);
  });

  it('closes a WebSocket that sends a frame over 1 MB (1009) at once, and the hub keeps serving', async () => {
    const socket = new WebSocket(t.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await new Promise((resolve) => socket.once('message', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ faculties { id } } # ${'x'.repeat(27_000_000)}` } }));
    expect(await closed).toBe(1009);
    const answer = await post(t.url, { query: '{ faculties { id } }' });
    expect(answer.status).toBe(200);
  });

  it('applies the pre-parse limits to WebSocket operations too', async () => {
    const refused = await overSocket(t.url, { query: aliases(500, 'faculties { id }') });
    expect(refused.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limitName: 'aliases', limit: 10 });
  });

  it('keeps checked WebSocket documents within a byte budget, and never keeps a large one', () => {
    const cache = new CheckedDocuments();
    const checked = { document: parse('{ faculties { id } }'), errors: [] };
    cache.set(`{ faculties { id } } # ${'x'.repeat(900_000)}`, checked);
    expect(cache.size.entries).toBe(0);
    for (let i = 0; i < 2000; i++) cache.set(`{ faculties { id } } # ${i} ${'x'.repeat(10_000)}`, checked);
    expect(cache.size.chars).toBeLessThanOrEqual(500_000);
    expect(cache.size.entries).toBeLessThanOrEqual(500);
    expect(cache.get(`{ faculties { id } } # 1999 ${'x'.repeat(10_000)}`)).toBe(checked);
  });
});

describe('9.B8 with introspection off, errors suggest no names', () => {
  let closed: TestHub;
  beforeAll(async () => {
    closed = await startTestHub({ env: { INTROSPECTION: 'false', GRAPHIQL: 'false' } });
  });
  afterAll(async () => {
    await closed?.close();
  });

  const typo = '{ students(first: 1) { nodes { pn } } }';
  const inputTypo = { query: 'query($w: StudentWhere) { students(where: $w) { totalCount } }', variables: { w: { pn: '12345678901234' } } };
  const enumTypo = '{ students(where: { status: STUDYNG }) { totalCount } }';

  it('suggests field names while introspection is on (the default hub)', async () => {
    expect((await post(t.url, { query: typo }, t.authorization)).body.errors![0].message).toMatch(/Did you mean "pin"\?/);
  });

  it('over HTTP: no "Did you mean" for fields, input fields or enum values', async () => {
    for (const body of [{ query: typo }, inputTypo, { query: enumTypo }]) {
      const answer = await post(closed.url, body, closed.authorization);
      expect(answer.body.errors!.length).toBeGreaterThan(0);
      for (const error of answer.body.errors!) expect(error.message).not.toMatch(/Did you mean|"pin"|STUDYING/);
    }
  });

  it('over WebSocket: no "Did you mean" either', async () => {
    for (const payload of [{ query: typo }, inputTypo, { query: enumTypo }]) {
      const answer = await overSocket(closed.url, payload, closed.authorization);
      expect(answer.errors.length).toBeGreaterThan(0);
      for (const error of answer.errors) expect(String(error.message)).not.toMatch(/Did you mean|"pin"|STUDYING/);
    }
  });
});

describe('9.D13 malformed values are clear errors, never 500', () => {
  it('refuses NUL characters in arguments, variables and mutation inputs, over HTTP and WebSocket', async () => {
    const search = await post(t.url, { query: 'query($w: String) { students(where: { nameContains: $w }) { totalCount } }', variables: { w: 'Аса\u0000нов' } }, t.authorization);
    expect(search.status).toBe(400);
    expect(search.body.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED' });
    const login = await post(t.url, { query: 'mutation($l: String!) { login(login: $l, password: "x") { accessToken } }', variables: { l: 'ad\u0000min' } });
    expect(login.body.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED' });
    const nul = await overSocket(t.url, { query: 'query($w: String) { students(where: { nameContains: $w }) { totalCount } }', variables: { w: '\u0000' } }, t.authorization);
    expect(nul.errors[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('turns a value the database refuses (a number out of its range) into VALIDATION_FAILED', async () => {
    const answer = await t.execute('{ students(where: { intakeYear: 2147483647 }) { totalCount } }');
    expect(answer.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(answer.errors![0].message).not.toMatch(/integer|out of range|make_date/i);
  });
});

/** POSTs from a given loopback address, to look like another anonymous client. */
async function postFromAddress(localAddress: string, url: string, body: unknown): Promise<{ status: number; body: any }> {
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}
