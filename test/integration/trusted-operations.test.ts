/**
 * Trusted-operations mode (TRUSTED_OPERATIONS=schema/trusted-operations.json): only the
 * registered operations run, sent by id as Apollo's persisted-query extension or as `documentId`,
 * over HTTP (POST and GET) and WebSocket; free text and unknown ids get OPERATION_NOT_TRUSTED.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { buildSchema } from 'graphql';
import { ConfigError, loadConfig } from '../../src/config';
import { MANIFEST_FILE, manifestText } from '../../src/server/safety/operations-manifest';
import { operationId, TrustedOperations, type TrustedManifest } from '../../src/server/safety/trusted-operations';
import { startTestHub, type GraphQLResponse, type TestHub } from '../helpers/test-hub';

const manifest: TrustedManifest = JSON.parse(fs.readFileSync(MANIFEST_FILE, 'utf8'));
const byName = (name: string) => manifest.operations.find((o) => o.name === name)!;

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ env: { TRUSTED_OPERATIONS: MANIFEST_FILE } });
});
afterAll(async () => {
  await t?.close();
});

/** A raw POST as the test hub's administrator (the hub's own executor sends free text). */
async function post(body: unknown) {
  const response = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: t.authorization! },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

async function aStudent() {
  const [row] = await t.rows(
    'avn',
    `select s.zachetka, s.fam, s.imya, s.otch, g.name as grp from students s join gruppa g on g.grp_id = s.grp_id
      where s.otch is not null order by s.stud_id limit 1`,
  );
  return row;
}

describe('the manifest (npm run operations:manifest)', () => {
  it('is current: it holds exactly the operations of test/operations/*.graphql (run npm run operations:manifest after changing them)', () => {
    const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8'));
    expect(fs.readFileSync(MANIFEST_FILE, 'utf8')).toBe(manifestText({ schema }).text);
    expect(manifest.operations.map((o) => o.name)).toEqual(expect.arrayContaining(['GroupPage', 'StudyCard']));
  });

  it('names each operation by the sha256 of its text', () => {
    for (const operation of manifest.operations) expect(operation.id).toBe(operationId(operation.body));
  });

  it('refuses to start on a manifest whose ids do not match their text', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trusted-')), 'bad.json');
    const tampered = { ...manifest, operations: [{ ...manifest.operations[0], body: '{ faculties { id } }' }] };
    fs.writeFileSync(file, JSON.stringify(tampered));
    expect(() => TrustedOperations.load(file)).toThrow(/not the sha256 of its body/);
  });

  it('is checked by configuration: TRUSTED_OPERATIONS must name an existing file', () => {
    expect(() => loadConfig({ TRUSTED_OPERATIONS: '/nowhere/trusted.json' })).toThrow(ConfigError);
    expect(loadConfig({ TRUSTED_OPERATIONS: MANIFEST_FILE }).trustedOperations).toBe(MANIFEST_FILE);
    expect(loadConfig({}).trustedOperations).toBeNull();
  });
});

describe('a hub in trusted-operations mode', () => {
  it('runs a registered operation sent as a persisted-query hash', async () => {
    const student = await aStudent();
    const { status, body } = await post({
      variables: { studentNumber: student.zachetka },
      extensions: { persistedQuery: { version: 1, sha256Hash: byName('StudyCard').id } },
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.student.fullName).toBe(`${student.fam} ${student.imya} ${student.otch}`);
    expect(body.data.student.group.name).toBe(student.grp);
  });

  it('runs a registered operation sent as documentId', async () => {
    const { status, body } = await post({ documentId: byName('GroupPage').id, variables: { groups: 3, students: 2 } });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const names = await t.rows('avn', 'select name from gruppa order by name, grp_id limit 3');
    expect(body.data.groups.nodes.map((g: any) => g.name)).toEqual(names.map((r) => r.name));
  });

  it('runs a registered operation over GET (with the CSRF preflight header)', async () => {
    const student = await aStudent();
    const search = new URLSearchParams({
      variables: JSON.stringify({ studentNumber: student.zachetka }),
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: byName('StudyCard').id } }),
    });
    const response = await fetch(`${t.url}?${search}`, { headers: { 'apollo-require-preflight': 'true', authorization: t.authorization! } });
    expect(response.status).toBe(200);
    const body: any = await response.json();
    expect(body.data.student.fullName).toBe(`${student.fam} ${student.imya} ${student.otch}`);
  });

  it('refuses free text with OPERATION_NOT_TRUSTED (400), before anything runs', async () => {
    const before = t.hub.server.lastContext();
    for (const query of ['{ faculties { id } }', byName('GroupPage').body]) {
      const { status, body } = await post({ query, variables: { groups: 1, students: 1 } });
      expect(status).toBe(400);
      expect(body.errors![0].extensions!.code).toBe('OPERATION_NOT_TRUSTED');
      expect(body.errors![0].message).toMatch(/only registered operations/);
    }
    const get = await fetch(`${t.url}?query=${encodeURIComponent('{ faculties { id } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(400);
    expect(((await get.json()) as GraphQLResponse).errors![0].extensions!.code).toBe('OPERATION_NOT_TRUSTED');
    // No request context was made: no resolver ran and no statement was sent.
    expect(t.hub.server.lastContext()).toBe(before);
  });

  it('refuses an unknown id, in either form', async () => {
    const unknown = operationId('{ faculties { id } }');
    for (const body of [{ documentId: unknown }, { extensions: { persistedQuery: { version: 1, sha256Hash: unknown } } }]) {
      const result = await post(body);
      expect(result.status).toBe(400);
      expect(result.body.errors![0].extensions).toMatchObject({ code: 'OPERATION_NOT_TRUSTED', operationId: unknown });
    }
  });

  it('runs the registered text, not text sent along with a registered id (no APQ registration)', async () => {
    const { status, body } = await post({
      query: '{ faculties { id } }',
      documentId: byName('GroupPage').id,
      variables: { groups: 1, students: 1 },
    });
    expect(status).toBe(200);
    expect(body.data.groups.nodes).toHaveLength(1);
    expect(body.data.faculties).toBeUndefined();
  });

  it('refuses free text over WebSocket and runs a registered id there', async () => {
    const client = createClient({
      url: t.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: t.authorization },
    });
    const run = (payload: any) =>
      new Promise<GraphQLResponse>((resolve) => {
        let last: GraphQLResponse = {};
        client.subscribe(payload, {
          next: (value) => (last = value as GraphQLResponse),
          error: (e) => resolve({ errors: Array.isArray(e) ? e : [e] }),
          complete: () => resolve(last),
        });
      });
    try {
      const refused = await run({ query: 'subscription { heartbeat(intervalSeconds: 1, count: 1) { sequence } }' });
      expect(refused.errors![0].extensions!.code).toBe('OPERATION_NOT_TRUSTED');
      const student = await aStudent();
      const allowed = await run({
        query: '',
        variables: { studentNumber: student.zachetka },
        extensions: { persistedQuery: { version: 1, sha256Hash: byName('StudyCard').id } },
      });
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data.student.group.name).toBe(student.grp);
    } finally {
      await client.dispose();
    }
  });
});
