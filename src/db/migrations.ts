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
import { Migration20261204000001HubCaptureFailures } from '../../migrations/hub/Migration20261204000001_hub_capture_failures';
import { Migration20261204000002AccountSessionEpoch } from '../../migrations/hub/Migration20261204000002_account_session_epoch';
import { Migration20261206100001HubIdentityCurrent } from '../../migrations/hub/Migration20261206100001_hub_identity_current';
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
import { Migration20261204100001AvnCaptureNeverFails } from '../../migrations/avn/Migration20261204100001_avn_capture_never_fails';
import { Migration20261204100001QrvisitCaptureNeverFails } from '../../migrations/qrvisit/Migration20261204100001_qrvisit_capture_never_fails';
import { Migration20261204100001LibraryCaptureNeverFails } from '../../migrations/library/Migration20261204100001_library_capture_never_fails';
import { Migration20261204100001DormitoryCaptureNeverFails } from '../../migrations/dormitory/Migration20261204100001_dormitory_capture_never_fails';
import { Migration20261204100001RegistrarCaptureNeverFails } from '../../migrations/registrar/Migration20261204100001_registrar_capture_never_fails';
import { Migration20261204200001AvnSearchIndexes } from '../../migrations/avn/Migration20261204200001_avn_search_indexes';
import { Migration20261204200001LibrarySearchIndexes } from '../../migrations/library/Migration20261204200001_library_search_indexes';
import { Migration20261204200001RegistrarSearchIndexes } from '../../migrations/registrar/Migration20261204200001_registrar_search_indexes';
import { Migration20261206100001AvnIdentityCapture } from '../../migrations/avn/Migration20261206100001_avn_identity_capture';
import { Migration20261206100001LibraryIdentityCapture } from '../../migrations/library/Migration20261206100001_library_identity_capture';
import { Migration20261206100001DormitoryIdentityCapture } from '../../migrations/dormitory/Migration20261206100001_dormitory_identity_capture';

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
    m('hub', 'Migration20261204000001_hub_capture_failures', Migration20261204000001HubCaptureFailures),
    m('hub', 'Migration20261204000002_account_session_epoch', Migration20261204000002AccountSessionEpoch),
    m('hub', 'Migration20261206100001_hub_identity_current', Migration20261206100001HubIdentityCurrent),
  ],
  avn: [
    m('native', 'Migration20261129000001_avn_native_schema', Migration20261129000001AvnNativeSchema),
    m('integration', 'Migration20261129100001_avn_change_feed', Migration20261129100001AvnChangeFeed),
    m('integration', 'Migration20261204100001_avn_capture_never_fails', Migration20261204100001AvnCaptureNeverFails),
    m('integration', 'Migration20261204200001_avn_search_indexes', Migration20261204200001AvnSearchIndexes),
    m('integration', 'Migration20261206100001_avn_identity_capture', Migration20261206100001AvnIdentityCapture),
  ],
  qrvisit: [
    m('native', 'Migration20261129000001_qrvisit_native_schema', Migration20261129000001QrvisitNativeSchema),
    m('integration', 'Migration20261129100001_qrvisit_change_feed', Migration20261129100001QrvisitChangeFeed),
    m('integration', 'Migration20261204100001_qrvisit_capture_never_fails', Migration20261204100001QrvisitCaptureNeverFails),
  ],
  library: [
    m('native', 'Migration20261129000001_library_native_schema', Migration20261129000001LibraryNativeSchema),
    m('integration', 'Migration20261129100001_library_change_feed', Migration20261129100001LibraryChangeFeed),
    m('integration', 'Migration20261204100001_library_capture_never_fails', Migration20261204100001LibraryCaptureNeverFails),
    m('integration', 'Migration20261204200001_library_search_indexes', Migration20261204200001LibrarySearchIndexes),
    m('integration', 'Migration20261206100001_library_identity_capture', Migration20261206100001LibraryIdentityCapture),
  ],
  dormitory: [
    m('native', 'Migration20261129000001_dormitory_native_schema', Migration20261129000001DormitoryNativeSchema),
    m('integration', 'Migration20261129100001_dormitory_change_feed', Migration20261129100001DormitoryChangeFeed),
    m('integration', 'Migration20261204100001_dormitory_capture_never_fails', Migration20261204100001DormitoryCaptureNeverFails),
    m('integration', 'Migration20261206100001_dormitory_identity_capture', Migration20261206100001DormitoryIdentityCapture),
  ],
  registrar: [
    m('native', 'Migration20261129000001_registrar_native_schema', Migration20261129000001RegistrarNativeSchema),
    m('integration', 'Migration20261129100001_registrar_change_feed', Migration20261129100001RegistrarChangeFeed),
    m('integration', 'Migration20261204100001_registrar_capture_never_fails', Migration20261204100001RegistrarCaptureNeverFails),
    m('integration', 'Migration20261204200001_registrar_search_indexes', Migration20261204200001RegistrarSearchIndexes),
  ],
};

/** The migrations to run on a database: an external source gets only the hub's integration objects. */
export function migrationsFor(name: DatabaseName, external: boolean): MigrationObject[] {
  return MIGRATIONS[name]
    .filter((migration) => !(external && migration.kind === 'native'))
    .map(({ name: migrationName, class: cls }) => ({ name: migrationName, class: cls }));
}
