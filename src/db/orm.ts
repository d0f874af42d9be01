/**
 * One MikroORM instance per database (contextName keeps them apart). The ORM owns the schema
 * (migrations) and the write paths; read paths use SourceDb's plain rows.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { DatabaseName } from '../config';
import { ENTITIES } from './entities';
import { migrationsFor } from './migrations';

/** The hub's migration bookkeeping table, named so that it is recognisably the hub's in a source. */
export const MIGRATIONS_TABLE = 'campus_graph_migrations';

export async function createOrm(name: DatabaseName, url: string, external: boolean): Promise<MikroORM> {
  return MikroORM.init({
    contextName: name,
    clientUrl: url,
    entities: ENTITIES[name],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
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

/** Runs pending migrations; returns the names it applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((migration) => migration.name);
}
