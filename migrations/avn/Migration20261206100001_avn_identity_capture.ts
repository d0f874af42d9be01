import { Migration } from '@mikro-orm/migrations';
import {
  captureDeleteTriggerSql,
  captureTriggerSql,
  dropPerOperationCaptureSql,
  perOperationCapture,
  perOperationCaptureSql,
  type CapturedTable,
} from '../../src/events/capture-sql';
import { TABLES as FIRST } from './Migration20261129100001_avn_change_feed';

/**
 * The hub's capture of avn's person-bearing tables, for the identity registry (integration: runs
 * on an external avn too). New students, employees and applicants, and a corrected PIN, name or
 * birth date (or student number, or an applicant's student), reach the registry within seconds.
 * Keys only: `students` keeps the columns it kept before (status and group, for the status
 * subscriptions), `sotrudnik` and `abiturient` their key alone; the hub reads the current row by key.
 * The old `students` triggers (status or group changes; DELETE) are replaced by one per operation.
 */
export const TABLES: CapturedTable[] = [
  perOperationCapture({
    table: 'students',
    key: 'stud_id',
    keep: ['stud_id', 'zachetka', 'grp_id', 'status_id'],
    updateOf: ['status_id', 'grp_id', 'pin', 'fam', 'imya', 'otch', 'data_rojd', 'zachetka'],
  }),
  perOperationCapture({ table: 'sotrudnik', key: 'emp_id', keep: ['emp_id'], updateOf: ['pin', 'fam', 'imya', 'otch', 'data_rojd'] }),
  perOperationCapture({ table: 'abiturient', key: 'abit_id', keep: ['abit_id'], updateOf: ['pin', 'fam', 'imya', 'otch', 'data_rojd', 'stud_id'] }),
];

export class Migration20261206100001AvnIdentityCapture extends Migration {
  override async up(): Promise<void> {
    for (const sql of perOperationCaptureSql(TABLES)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    const before = (t: CapturedTable) => FIRST.filter((f) => f.table === t.table).flatMap((f) => [captureTriggerSql(f), captureDeleteTriggerSql(f)]);
    for (const sql of dropPerOperationCaptureSql(TABLES, before)) this.addSql(sql);
  }
}
