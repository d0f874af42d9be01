/**
 * Starts one PostgreSQL for the whole test run — the server named by TEST_PG_URL, or else an
 * embedded cluster in a temporary folder — and seeds the demo university once into template
 * databases. Each test file then clones the templates (CREATE DATABASE … TEMPLATE), which takes
 * well under a second, and may change its copy freely.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { DATABASE_NAMES } from '../src/config';
import { setLogLevel } from '../src/common/logger';
import { startEmbeddedCluster, type EmbeddedCluster } from '../src/db/embedded-postgres';
import { openDatabases } from '../src/db/databases';
import { prepareData } from '../src/prepare-data';
import { startAccess } from '../src/auth/credentials/access';
import { testConfig } from './helpers/test-config';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a maintenance database on the test server (tests create their own databases). */
    pgAdminUrl: string;
    /** Prefix of the seeded template databases: `${templatePrefix}_${name}`. */
    templatePrefix: string;
  }
}

let cluster: EmbeddedCluster | null = null;
let dataDir: string | null = null;
let adminUrl = '';
let templatePrefix = '';

/** Global setup has no timeout of its own in vitest: a hang here would eat CI's whole budget. */
const SETUP_LIMIT_MS = 10 * 60_000;

export async function setup(project: TestProject): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Test setup (PostgreSQL + demo seed) took longer than ${SETUP_LIMIT_MS / 60_000} minutes`)), SETUP_LIMIT_MS);
  });
  try {
    await Promise.race([prepare(project), limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function prepare(project: TestProject): Promise<void> {
  setLogLevel('warn');
  const given = process.env.TEST_PG_URL;
  if (given) {
    adminUrl = given;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'campus-graph-test-'));
    fs.chmodSync(dataDir, 0o755);
    // Below 32768: ports in the ephemeral range (32768–60999) can be held by any outgoing connection.
    const port = 21000 + Math.floor(Math.random() * 4000);
    cluster = await startEmbeddedCluster({ dataDir, port, fast: true });
    adminUrl = cluster.urlFor('postgres');
  }
  templatePrefix = `cgtmpl_${process.pid}`;
  await createDatabases(adminUrl, DATABASE_NAMES.map((name) => `${templatePrefix}_${name}`));
  const config = testConfig(adminUrl, templatePrefix);
  const databases = await openDatabases(config);
  try {
    await prepareData(config, databases);
    // Accounts (the first administrator, the demo accounts) go into the template too: scrypt is
    // deliberately slow, and every test file would otherwise pay for them again.
    const access = await startAccess(config, databases.handles.hub.reader.pool, databases.handles.avn.reader.pool);
    await access.stop();
  } finally {
    await databases.close();
  }
  project.provide('pgAdminUrl', adminUrl);
  project.provide('templatePrefix', templatePrefix);
}

export async function teardown(): Promise<void> {
  if (cluster) {
    await cluster.stop();
  } else if (adminUrl) {
    // On a shared server, leave nothing behind.
    await dropDatabasesLike(adminUrl, 'cgtmpl_%').catch(() => undefined);
    await dropDatabasesLike(adminUrl, 'cgt_%').catch(() => undefined);
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

export async function createDatabases(url: string, names: string[], template?: (name: string) => string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const name of names) {
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.query(`create database "${name}"${template ? ` template "${template(name)}"` : ''}`);
    }
  } finally {
    await client.end();
  }
}

async function dropDatabasesLike(url: string, pattern: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [pattern]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await client.end();
  }
}
