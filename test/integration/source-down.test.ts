/**
 * One source down is not an outage: the library runs on its own PostgreSQL server here, which the
 * test really stops. Students still come back; their loans are null with SOURCE_UNAVAILABLE.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../src/db/embedded-postgres';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let libraryServer: EmbeddedCluster;
let libraryDir: string;
let libraryPort: number;
let t: TestHub;

async function startLibraryServer(): Promise<EmbeddedCluster> {
  return startEmbeddedCluster({ dataDir: libraryDir, port: libraryPort, fast: true });
}

beforeAll(async () => {
  libraryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'campus-graph-library-'));
  fs.chmodSync(libraryDir, 0o755);
  libraryPort = 25000 + Math.floor(Math.random() * 800);
  libraryServer = await startLibraryServer();
  await libraryServer.ensureDatabases(['library']);
  const libraryUrl = libraryServer.urlFor('library');
  t = await startTestHub({
    // The library database lives on its own server; the hub owns it (migrates and seeds it).
    configure: (config) => ({ ...config, databases: { ...config.databases, library: { url: libraryUrl, external: false } } }),
  });
});

afterAll(async () => {
  await t?.close();
  await libraryServer?.stop();
  fs.rmSync(libraryDir, { recursive: true, force: true });
});

const QUERY = `{
  students(first: 10, where: { status: STUDYING }) {
    nodes { studentNumber fullName loans(first: 5) { totalCount } }
  }
}`;

describe('a source that is down', () => {
  it('answers normally while the library is up', async () => {
    const result = await t.execute(QUERY);
    expect(result.errors).toBeUndefined();
    expect(result.data.students.nodes).toHaveLength(10);
    expect(result.data.students.nodes.every((s: any) => s.loans !== null)).toBe(true);
  });

  it('keeps the students, nulls their loans and names the library when it stops', async () => {
    await libraryServer.stop();
    const result = await t.execute(QUERY);
    expect(result.data.students.nodes).toHaveLength(10);
    for (const student of result.data.students.nodes) {
      expect(student.studentNumber).toMatch(/\S/);
      expect(student.loans).toBeNull();
    }
    expect(result.errors!.length).toBeGreaterThan(0);
    for (const error of result.errors!) {
      expect(error.extensions?.code).toBe('SOURCE_UNAVAILABLE');
      expect(error.extensions?.source).toBe('library');
      expect(error.message).toMatch(/library/);
      expect(error.path?.at(-1)).toBe('loans');
    }
  });

  it('shows the library as down in /readyz', async () => {
    const response = await fetch(t.url.replace(/\/graphql$/, '/readyz'));
    expect(response.status).toBe(200);
    const body: any = await response.json();
    expect(body.status).toBe('degraded');
    expect(body.databases.library.state).toBe('down');
    expect(body.databases.avn.state).toBe('up');
  });

  it('recovers when the library comes back', async () => {
    libraryServer = await startLibraryServer();
    const result = await t.execute(QUERY);
    expect(result.errors).toBeUndefined();
    expect(result.data.students.nodes.every((s: any) => s.loans !== null)).toBe(true);
  });
});
