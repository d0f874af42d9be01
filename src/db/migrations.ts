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
import { Migration20261129000005EventLog } from '../../migrations/hub/Migration20261129000005_event_log';
import { Migration20261210000001AccountSessionEpoch } from '../../migrations/hub/Migration20261210000001_account_session_epoch';
import { Migration20261129000001AvnNativeSchema } from '../../migrations/avn/Migration20261129000001_avn_native_schema';
import { Migration20261129000001QrvisitNativeSchema } from '../../migrations/qrvisit/Migration20261129000001_qrvisit_native_schema';
import { Migration20261129000001LibraryNativeSchema } from '../../migrations/library/Migration20261129000001_library_native_schema';
import { Migration20261129000001DormitoryNativeSchema } from '../../migrations/dormitory/Migration20261129000001_dormitory_native_schema';
import { Migration20261129000001RegistrarNativeSchema } from '../../migrations/registrar/Migration20261129000001_registrar_native_schema';
import { Migration20261129100001AvnChangeFeed } from '../../migrations/avn/Migration20261129100001_avn_change_feed';
import { Migration20261129100001QrvisitChangeFeed } from '../../migrations/qrvisit/Migration20261129100001_qrvisit_change_feed';
import { Migration20261129100001LibraryChangeFeed } from '../../migrations/library/Migration20261129100001_library_change_feed';
import { Migration20261129100001DormitoryChangeFeed } from '../../migrations/dormitory/Migration20261129100001_dormitory_change_feed';
import { Migration20261129100001RegistrarChangeFeed } from '../../migrations/registrar/Migration20261129100001_registrar_change_feed';

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
    m('hub', 'Migration20261129000005_event_log', Migration20261129000005EventLog),
    m('hub', 'Migration20261210000001_account_session_epoch', Migration20261210000001AccountSessionEpoch),
  ],
  avn: [m('native', 'Migration20261129000001_avn_native_schema', Migration20261129000001AvnNativeSchema), m('integration', 'Migration20261129100001_avn_change_feed', Migration20261129100001AvnChangeFeed)],
  qrvisit: [m('native', 'Migration20261129000001_qrvisit_native_schema', Migration20261129000001QrvisitNativeSchema), m('integration', 'Migration20261129100001_qrvisit_change_feed', Migration20261129100001QrvisitChangeFeed)],
  library: [m('native', 'Migration20261129000001_library_native_schema', Migration20261129000001LibraryNativeSchema), m('integration', 'Migration20261129100001_library_change_feed', Migration20261129100001LibraryChangeFeed)],
  dormitory: [m('native', 'Migration20261129000001_dormitory_native_schema', Migration20261129000001DormitoryNativeSchema), m('integration', 'Migration20261129100001_dormitory_change_feed', Migration20261129100001DormitoryChangeFeed)],
  registrar: [m('native', 'Migration20261129000001_registrar_native_schema', Migration20261129000001RegistrarNativeSchema), m('integration', 'Migration20261129100001_registrar_change_feed', Migration20261129100001RegistrarChangeFeed)],
};

/** The migrations to run on a database: an external source gets only the hub's integration objects. */
export function migrationsFor(name: DatabaseName, external: boolean): MigrationObject[] {
  return MIGRATIONS[name]
    .filter((migration) => !(external && migration.kind === 'native'))
    .map(({ name: migrationName, class: cls }) => ({ name: migrationName, class: cls }));
}
