import { Migration } from '@mikro-orm/migrations';
import { dropPerOperationCaptureSql, perOperationCapture, perOperationCaptureSql, type CapturedTable } from '../../src/events/capture-sql';

/**
 * The hub's capture of the dormitory's residents, for the identity registry (integration: runs on
 * an external dormitory too). A new resident and a corrected PIN, name, birth date or student
 * number reach the registry within seconds. Keys only: the resident's number.
 */
export const TABLES: CapturedTable[] = [
  perOperationCapture({
    table: 'residents',
    key: 'resident_id',
    keep: ['resident_id'],
    updateOf: ['pin', 'last_name', 'first_name', 'middle_name', 'birth_date', 'student_number'],
  }),
];

export class Migration20261206100001DormitoryIdentityCapture extends Migration {
  override async up(): Promise<void> {
    for (const sql of perOperationCaptureSql(TABLES)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of dropPerOperationCaptureSql(TABLES)) this.addSql(sql);
  }
}
