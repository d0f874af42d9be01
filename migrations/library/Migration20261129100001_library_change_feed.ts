import { Migration } from '@mikro-orm/migrations';
import { changeFeedSql, dropChangeFeedSql, type CapturedTable } from '../../src/events/capture-sql';

/**
 * The hub's change capture in library (integration: runs on an external library too). Loans (current and returned), for clearance events.
 */
export const TABLES: CapturedTable[] = [
  { table: 'issues', key: 'issue_id' },
  { table: 'old_issues', key: 'issue_id' },
];

export class Migration20261129100001LibraryChangeFeed extends Migration {
  override async up(): Promise<void> {
    for (const sql of changeFeedSql(TABLES)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of dropChangeFeedSql(TABLES)) this.addSql(sql);
  }
}
