import { Migration } from '@mikro-orm/migrations';
import { changeFeedSql, dropChangeFeedSql, type CapturedTable } from '../../src/events/capture-sql';

/**
 * The hub's change capture in avn (integration: runs on an external avn too). Attendance marks, orders and the students they name, student status changes, grade sheets and grades.
 */
export const TABLES: CapturedTable[] = [
  { table: 'jurnal_otmetka', key: 'otm_id' },
  { table: 'prikaz', key: 'prikaz_id' },
  { table: 'prikaz_student', key: 'ps_id' },
  // Only a change of status or group, and only the columns that say so: students hold PINs, passports, phones, addresses.
  {
    table: 'students',
    key: 'stud_id',
    keep: ['stud_id', 'zachetka', 'grp_id', 'status_id'],
    events: 'update of status_id, grp_id',
    when: 'old.status_id is distinct from new.status_id or old.grp_id is distinct from new.grp_id',
  },
  { table: 'vedomost', key: 'ved_id' },
  { table: 'vedomost_str', key: 'vs_id' },
];

export class Migration20261129100001AvnChangeFeed extends Migration {
  override async up(): Promise<void> {
    for (const sql of changeFeedSql(TABLES)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of dropChangeFeedSql(TABLES)) this.addSql(sql);
  }
}
