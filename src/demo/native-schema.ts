/**
 * The native DDL of each source, taken from its migration (so the CLI and the tests create exactly
 * the tables the hub's migrations create, without going through MikroORM).
 */
import type { SourceName } from '../config';
import { Migration20261129000001AvnNativeSchema } from '../../migrations/avn/Migration20261129000001_avn_native_schema';
import { Migration20261129000001QrvisitNativeSchema } from '../../migrations/qrvisit/Migration20261129000001_qrvisit_native_schema';
import { Migration20261129000001LibraryNativeSchema } from '../../migrations/library/Migration20261129000001_library_native_schema';
import { Migration20261129000001DormitoryNativeSchema } from '../../migrations/dormitory/Migration20261129000001_dormitory_native_schema';
import { Migration20261129000001RegistrarNativeSchema } from '../../migrations/registrar/Migration20261129000001_registrar_native_schema';

const MIGRATION = {
  avn: Migration20261129000001AvnNativeSchema,
  qrvisit: Migration20261129000001QrvisitNativeSchema,
  library: Migration20261129000001LibraryNativeSchema,
  dormitory: Migration20261129000001DormitoryNativeSchema,
  registrar: Migration20261129000001RegistrarNativeSchema,
} as const;

/** The SQL statements of a source's native-schema migration. */
export async function nativeSchemaSql(source: SourceName): Promise<string[]> {
  // The native migrations only call addSql: they need neither a driver nor a config.
  const migration = new MIGRATION[source](undefined as never, undefined as never);
  await migration.up();
  return migration.getQueries().map((q) => String(q));
}
