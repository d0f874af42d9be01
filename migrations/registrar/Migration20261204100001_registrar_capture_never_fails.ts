import { Migration } from '@mikro-orm/migrations';
import { captureNeverFailsSql, dropCaptureNeverFailsSql } from '../../src/events/capture-sql';
import { TABLES } from './Migration20261129100001_registrar_change_feed';

/**
 * The hub's capture in registrar never makes registrar's own writes fail (integration: runs on an external
 * registrar too). Replaces the capture function: the key comes from the whole row (a DELETE of a table
 * with kept columns failed before), any error is caught and recorded in
 * `campus_graph_capture_failure` for the hub to report, and the function runs with the rights of
 * the role that migrated (a source role needs none on the hub's tables). Tables whose trigger
 * left DELETE out get a DELETE trigger: a deleted row is an event in the log.
 */
export class Migration20261204100001RegistrarCaptureNeverFails extends Migration {
  override async up(): Promise<void> {
    for (const sql of captureNeverFailsSql(TABLES)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of dropCaptureNeverFailsSql(TABLES)) this.addSql(sql);
  }
}
