/**
 * Every table the hub captures, per source: the lists of the sources' integration migrations that
 * create capture triggers (`*_change_feed`, then `*_identity_capture`), in one place, so that code
 * and tests that must cover every captured table (the hardening test writes INSERT, UPDATE and
 * DELETE into each) cannot miss one. A later migration's entry for a table replaces the earlier
 * one (its triggers replaced them). A migration that captures a new table exports its list and
 * adds it here; the hardening test also compares this with the capture triggers each source
 * database really has.
 */
import type { SourceName } from '../config';
import type { CapturedTable } from './capture-sql';
import { TABLES as AVN } from '../../migrations/avn/Migration20261129100001_avn_change_feed';
import { TABLES as QRVISIT } from '../../migrations/qrvisit/Migration20261129100001_qrvisit_change_feed';
import { TABLES as LIBRARY } from '../../migrations/library/Migration20261129100001_library_change_feed';
import { TABLES as DORMITORY } from '../../migrations/dormitory/Migration20261129100001_dormitory_change_feed';
import { TABLES as REGISTRAR } from '../../migrations/registrar/Migration20261129100001_registrar_change_feed';
import { TABLES as AVN_IDENTITY } from '../../migrations/avn/Migration20261206100001_avn_identity_capture';
import { TABLES as LIBRARY_IDENTITY } from '../../migrations/library/Migration20261206100001_library_identity_capture';
import { TABLES as DORMITORY_IDENTITY } from '../../migrations/dormitory/Migration20261206100001_dormitory_identity_capture';

/** The lists of one source in migration order: a table listed again takes the later entry, in the earlier place. */
function merged(...lists: (readonly CapturedTable[])[]): readonly CapturedTable[] {
  const byTable = new Map<string, CapturedTable>();
  for (const list of lists) for (const captured of list) byTable.set(captured.table, captured);
  return [...byTable.values()];
}

export const CAPTURED_TABLES: Readonly<Record<SourceName, readonly CapturedTable[]>> = {
  avn: merged(AVN, AVN_IDENTITY),
  qrvisit: QRVISIT,
  library: merged(LIBRARY, LIBRARY_IDENTITY),
  dormitory: merged(DORMITORY, DORMITORY_IDENTITY),
  registrar: REGISTRAR,
};
