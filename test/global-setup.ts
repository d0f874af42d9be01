/**
 * Starts one PostgreSQL for the whole test run: the server named by TEST_PG_URL (any database on
 * it; the tests create their own databases), or else an embedded cluster in a temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedCluster, type EmbeddedCluster } from '../src/db/embedded-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a maintenance database on the test server (tests create their own databases). */
    pgAdminUrl: string;
  }
}

let cluster: EmbeddedCluster | null = null;
let dataDir: string | null = null;

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.TEST_PG_URL;
  if (given) {
    project.provide('pgAdminUrl', given);
    return;
  }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'campus-graph-test-'));
  fs.chmodSync(dataDir, 0o755);
  const port = 55000 + Math.floor(Math.random() * 4000);
  cluster = await startEmbeddedCluster({ dataDir, port, fast: true });
  project.provide('pgAdminUrl', cluster.urlFor('postgres'));
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
