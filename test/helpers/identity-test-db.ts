/**
 * Throw-away databases for the identity tests: `idtest_<random>_<name>` on the test server, with
 * the project's own migrations applied (the native schemas of the sources, the hub's registry).
 *
 * The migrations' SQL is run directly rather than through MikroORM's migrator: the migrator
 * writes a schema snapshot file per database name into migrations/, which would litter the
 * tree with one `.snapshot-idtest_*.json` per test run.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseName } from '../../src/config';
import { MIGRATIONS } from '../../src/db/migrations';

export interface IdentityTestDatabases<N extends DatabaseName> {
  readonly urls: Record<N, string>;
  readonly pools: Record<N, pg.Pool>;
  drop(): Promise<void>;
}

export function urlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function createIdentityTestDatabases<N extends DatabaseName>(adminUrl: string, names: readonly N[]): Promise<IdentityTestDatabases<N>> {
  const prefix = `idtest_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const name of names) await admin.query(`create database "${prefix}_${name}"`);
  } finally {
    await admin.end();
  }
  const urls = {} as Record<N, string>;
  const pools = {} as Record<N, pg.Pool>;
  await Promise.all(
    names.map(async (name) => {
      urls[name] = urlFor(adminUrl, `${prefix}_${name}`);
      pools[name] = new pg.Pool({ connectionString: urls[name], max: 4 });
      await applyMigrations(pools[name], name);
    }),
  );
  return {
    urls,
    pools,
    async drop() {
      await Promise.all(Object.values<pg.Pool>(pools).map((pool) => pool.end()));
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        for (const name of names) await client.query(`drop database if exists "${prefix}_${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

async function applyMigrations(pool: pg.Pool, name: DatabaseName): Promise<void> {
  for (const migration of MIGRATIONS[name]) {
    // A MikroORM Migration only collects SQL in up(); the driver and config are not used for that.
    const instance = new (migration.class as any)(null, null);
    await instance.up();
    for (const sql of instance.getQueries() as string[]) await pool.query(sql);
  }
}
