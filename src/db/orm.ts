/**
 * One MikroORM instance per database (contextName keeps them apart). The ORM owns the schema
 * (migrations) and the write paths; read paths use SourceDb's plain rows.
 */
import pg from 'pg';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { sourceUnavailable } from '../common/errors';
import { onDatabase } from './source-unavailable';
import type { DatabaseName } from '../config';
import { migrationsFor } from './migrations';

/** The hub's migration bookkeeping table, named so that it is recognisably the hub's in a source. */
export const MIGRATIONS_TABLE = 'campus_graph_migrations';

export async function createOrm(name: DatabaseName, url: string, external: boolean, entities: Function[]): Promise<MikroORM> {
  return MikroORM.init({
    contextName: name,
    clientUrl: url,
    entities,
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    pool: { min: 0, max: 5 },
    migrations: {
      tableName: MIGRATIONS_TABLE,
      migrationsList: migrationsFor(name, external),
      transactional: true,
      allOrNothing: true,
      silent: true,
      // The schema snapshot only serves `migration:create` diffs; the hub writes migrations by hand.
      snapshot: false,
    },
    debug: false,
  });
}

/** Where a mutation writes one database through its ORM: one transaction at a time. */
export interface OrmWriter {
  /** Runs `work` in one transaction (committed when it returns, rolled back when it throws). */
  transactional<T>(work: (tx: EntityManager) => Promise<T>): Promise<T>;
}

/**
 * The writer of one database for one mutation (a fresh EntityManager). A database it cannot reach
 * — never reachable since the start (no ORM yet), or lost since — is SOURCE_UNAVAILABLE naming it,
 * as for reads, not an internal error; the transaction is then rolled back and nothing is written.
 */
export function ormWriter(name: DatabaseName, orm: MikroORM | null): OrmWriter {
  return {
    transactional(work) {
      if (!orm) throw sourceUnavailable(name);
      const em = orm.em.fork() as EntityManager;
      return onDatabase(name, () => em.transactional(work));
    },
  };
}

/** True when a migration of this database's list is not recorded as applied yet. */
async function hasPendingMigrations(client: pg.Client, orm: MikroORM): Promise<boolean> {
  const listed = (orm.config.get('migrations').migrationsList ?? []).map((m) => m.name);
  const { rows: [table] } = await client.query<{ present: boolean }>('select to_regclass($1) is not null as present', [MIGRATIONS_TABLE]);
  if (!table.present) return listed.length > 0;
  const { rows } = await client.query<{ name: string }>(`select name from ${MIGRATIONS_TABLE}`);
  // MikroORM records names without a file extension.
  const applied = new Set(rows.map((r) => r.name.replace(/\.[jt]s$/, '')));
  return listed.some((name) => !applied.has(name.replace(/\.[jt]s$/, '')));
}

/** The advisory-lock key that serialises migrations of one database ("campus graph migrate"). */
export const MIGRATION_LOCK_KEY = 7_140_281_130;

/**
 * Runs pending migrations; returns the names it applied. Instances started together (two hubs
 * behind a load balancer) take turns on a session advisory lock held on a connection of their
 * own, so one migrates and the other then finds nothing left to do.
 */
export async function migrate(orm: MikroORM, url: string): Promise<string[]> {
  const lock = new pg.Client({ connectionString: url, application_name: 'campus-graph migrate', connectionTimeoutMillis: 10_000 });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    if (!(await hasPendingMigrations(lock, orm))) return [];
    // MikroORM's migrator (umzug and friends) costs ~0.7 s to load: only a database with
    // something to apply pays for it, so a warm start stays fast.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Migrator } = require('@mikro-orm/migrations') as typeof import('@mikro-orm/migrations');
    Migrator.register(orm);
    const applied = await orm.getMigrator().up();
    return applied.map((migration) => migration.name);
  } finally {
    // Ending the session frees the lock, also when a migration failed.
    await lock.end().catch(() => undefined);
  }
}
