import { Migration } from '@mikro-orm/migrations';
import { changeFeedSql, dropChangeFeedSql, type CapturedTable } from '../../src/events/capture-sql';

/**
 * The hub's change capture in qrvisit (integration: runs on an external qrvisit too). Check-in scans and lesson sessions.
 */
export const TABLES: CapturedTable[] = [
  // Without the device and the student's coordinates: the events need the result, not where the phone was.
  { table: 'scan', key: 'id', keep: ['id', 'session_id', 'student_book', 'scanned_at', 'result'] },
  // Never the session's QR signing secret.
  {
    table: 'lesson_session',
    key: 'id',
    keep: ['id', 'avn_lesson_id', 'teacher_tabel', 'group_name', 'opened_at', 'closed_at', 'rotate_seconds', 'geo_radius_m'],
  },
];

export class Migration20261129100001QrvisitChangeFeed extends Migration {
  override async up(): Promise<void> {
    for (const sql of changeFeedSql(TABLES)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of dropChangeFeedSql(TABLES)) this.addSql(sql);
  }
}
