/**
 * The migrations of each database, listed with static imports (MikroORM would otherwise
 * `require()` the .ts files itself, which bypasses the test runner's transform).
 *
 * `native` migrations create a source's own tables and run only on the embedded demo databases.
 * `integration` migrations are the hub's named additions (change feed…) and run everywhere.
 */
import type { MigrationObject } from '@mikro-orm/core';
import type { DatabaseName } from '../config';
import { Migration20261129000001HubIdentityRegistry } from '../../migrations/hub/Migration20261129000001_hub_identity_registry';
import { Migration20261129000002HubAccountsKeys } from '../../migrations/hub/Migration20261129000002_hub_accounts_keys';
import { Migration20261129000003AcademicCalendar } from '../../migrations/hub/Migration20261129000003_academic_calendar';
import { Migration20261129000004AuditLog } from '../../migrations/hub/Migration20261129000004_audit_log';
import { Migration20261129000001AvnNativeSchema } from '../../migrations/avn/Migration20261129000001_avn_native_schema';
import { Migration20261129000001QrvisitNativeSchema } from '../../migrations/qrvisit/Migration20261129000001_qrvisit_native_schema';
import { Migration20261129000001LibraryNativeSchema } from '../../migrations/library/Migration20261129000001_library_native_schema';
import { Migration20261129000001DormitoryNativeSchema } from '../../migrations/dormitory/Migration20261129000001_dormitory_native_schema';
import { Migration20261129000001RegistrarNativeSchema } from '../../migrations/registrar/Migration20261129000001_registrar_native_schema';

interface ListedMigration extends MigrationObject {
  kind: 'native' | 'integration' | 'hub';
}

const m = (kind: ListedMigration['kind'], name: string, cls: MigrationObject['class']): ListedMigration => ({ kind, name, class: cls });

export const MIGRATIONS: Record<DatabaseName, ListedMigration[]> = {
  hub: [
    m('hub', 'Migration20261129000001_hub_identity_registry', Migration20261129000001HubIdentityRegistry),
    m('hub', 'Migration20261129000002_hub_accounts_keys', Migration20261129000002HubAccountsKeys),
    m('hub', 'Migration20261129000003_academic_calendar', Migration20261129000003AcademicCalendar),
    m('hub', 'Migration20261129000004_audit_log', Migration20261129000004AuditLog),
  ],
  avn: [m('native', 'Migration20261129000001_avn_native_schema', Migration20261129000001AvnNativeSchema)],
  qrvisit: [m('native', 'Migration20261129000001_qrvisit_native_schema', Migration20261129000001QrvisitNativeSchema)],
  library: [m('native', 'Migration20261129000001_library_native_schema', Migration20261129000001LibraryNativeSchema)],
  dormitory: [m('native', 'Migration20261129000001_dormitory_native_schema', Migration20261129000001DormitoryNativeSchema)],
  registrar: [m('native', 'Migration20261129000001_registrar_native_schema', Migration20261129000001RegistrarNativeSchema)],
};

/** The migrations to run on a database: an external source gets only the hub's integration objects. */
export function migrationsFor(name: DatabaseName, external: boolean): MigrationObject[] {
  return MIGRATIONS[name]
    .filter((migration) => !(external && migration.kind === 'native'))
    .map(({ name: migrationName, class: cls }) => ({ name: migrationName, class: cls }));
}
