/**
 * Every table the hub captures, per source: the lists of the sources' `*_change_feed` integration
 * migrations, in one place, so that code and tests that must cover every captured table (the
 * hardening test writes INSERT, UPDATE and DELETE into each) cannot miss one. A migration that
 * captures a new table exports its list and adds it here; the hardening test also compares this
 * with the capture triggers each source database really has.
 */
import type { SourceName } from '../config';
import type { CapturedTable } from './capture-sql';
import { TABLES as AVN } from '../../migrations/avn/Migration20261129100001_avn_change_feed';
import { TABLES as QRVISIT } from '../../migrations/qrvisit/Migration20261129100001_qrvisit_change_feed';
import { TABLES as LIBRARY } from '../../migrations/library/Migration20261129100001_library_change_feed';
import { TABLES as DORMITORY } from '../../migrations/dormitory/Migration20261129100001_dormitory_change_feed';
import { TABLES as REGISTRAR } from '../../migrations/registrar/Migration20261129100001_registrar_change_feed';

export const CAPTURED_TABLES: Readonly<Record<SourceName, readonly CapturedTable[]>> = {
  avn: AVN,
  qrvisit: QRVISIT,
  library: LIBRARY,
  dormitory: DORMITORY,
  registrar: REGISTRAR,
};
