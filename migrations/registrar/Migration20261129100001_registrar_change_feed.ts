import { Migration } from '@mikro-orm/migrations';
import { changeFeedSql, dropChangeFeedSql, type CapturedTable } from '../../src/events/capture-sql';

/**
 * The hub's change capture in registrar (integration: runs on an external registrar too). Service requests (their status) and their status history.
 */
export const TABLES: CapturedTable[] = [
  // Without the applicant's PIN and name.
  {
    table: 'service_requests',
    key: 'request_id',
    keep: ['request_id', 'request_no', 'type_code', 'applicant_student_no', 'submitted_at', 'channel', 'status', 'copies'],
    events: 'insert or update of status or delete',
  },
  { table: 'request_status_history', key: 'id' },
];

export class Migration20261129100001RegistrarChangeFeed extends Migration {
  override async up(): Promise<void> {
    for (const sql of changeFeedSql(TABLES)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of dropChangeFeedSql(TABLES)) this.addSql(sql);
  }
}
