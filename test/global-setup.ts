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
import { ENTITIES } from '../src/orm-entities';
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

/** What one run's PostgreSQL and seed are; the projects that need them share one. */
interface TestDatabase {
  adminUrl: string;
  templatePrefix: string;
  cluster: EmbeddedCluster | null;
  dataDir: string | null;
}

/**
 * The `integration` and `e2e` projects both name this file, and vitest runs a project's global
 * setup for each project (each in a module graph of its own): the run's one database is kept on
 * the main process's global object, counted, and stopped with the last project to finish.
 */
const SHARED = Symbol.for('campus-graph.test-database');
interface Shared {
  users: number;
  ready: Promise<TestDatabase>;
}
const holder = globalThis as typeof globalThis & { [SHARED]?: Shared };

/** Global setup has no timeout of its own in vitest: a hang here would eat CI's whole budget. */
const SETUP_LIMIT_MS = 10 * 60_000;

export async function setup(project: TestProject): Promise<void> {
  const shared = (holder[SHARED] ??= { users: 0, ready: withinLimit(prepare()) });
  shared.users++;
  const { adminUrl, templatePrefix } = await shared.ready;
  project.provide('pgAdminUrl', adminUrl);
  project.provide('templatePrefix', templatePrefix);
}

async function withinLimit<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Test setup (PostgreSQL + demo seed) took longer than ${SETUP_LIMIT_MS / 60_000} minutes`)), SETUP_LIMIT_MS);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function prepare(): Promise<TestDatabase> {
  setLogLevel('warn');
  const given = process.env.TEST_PG_URL;
  let cluster: EmbeddedCluster | null = null;
  let dataDir: string | null = null;
  let adminUrl: string;
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
  const templatePrefix = `cgtmpl_${process.pid}`;
  await createDatabases(adminUrl, DATABASE_NAMES.map((name) => `${templatePrefix}_${name}`));
  const config = testConfig(adminUrl, templatePrefix);
  const databases = await openDatabases(config, { entities: ENTITIES });
  try {
    await prepareData(config, databases);
    // Accounts (the first administrator, the demo accounts) go into the template too: scrypt is
    // deliberately slow, and every test file would otherwise pay for them again.
    const access = await startAccess(config, databases.handles.hub.reader.pool, databases.handles.avn.reader.pool);
    await access.stop();
  } finally {
    await databases.close();
  }
  return { adminUrl, templatePrefix, cluster, dataDir };
}

export async function teardown(): Promise<void> {
  const shared = holder[SHARED];
  if (!shared || --shared.users > 0) return;
  delete holder[SHARED];
  const { adminUrl, templatePrefix, cluster, dataDir } = await shared.ready;
  if (cluster) {
    await cluster.stop();
  } else {
    // On a shared server (other runs may be using it at the same time), leave nothing of this run behind.
    await dropDatabasesLike(adminUrl, `${templatePrefix}\\_%`).catch(() => undefined);
    await dropDatabasesLike(adminUrl, `${copyPrefixOf(templatePrefix)}\\_%`).catch(() => undefined);
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * The prefix of the copies a test file makes of this run's templates (`${it}_<random>_<name>`):
 * tied to the run, so that its teardown drops its own leftovers and no other run's.
 */
export function copyPrefixOf(templatePrefix: string): string {
  return templatePrefix.replace(/^cgtmpl_/, 'cgt_');
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
