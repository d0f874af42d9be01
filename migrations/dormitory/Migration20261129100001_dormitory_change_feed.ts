import { Migration } from '@mikro-orm/migrations';
import { changeFeedSql, dropChangeFeedSql, type CapturedTable } from '../../src/events/capture-sql';

/**
 * The hub's change capture in dormitory (integration: runs on an external dormitory too). Bed placements, for clearance events.
 */
export const TABLES: CapturedTable[] = [{ table: 'placements', key: 'placement_id' }];

export class Migration20261129100001DormitoryChangeFeed extends Migration {
  override async up(): Promise<void> {
    for (const sql of changeFeedSql(TABLES)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of dropChangeFeedSql(TABLES)) this.addSql(sql);
  }
}
