import { Migration } from '@mikro-orm/migrations';
import { dropSearchIndexSql, searchIndexSql, type SearchIndex } from '../../src/db/search-index-sql';

/**
 * The hub's text-search indexes in avn (integration: runs on an external avn too). Names of students, employees and applicants (nameContains of students, people and employees).
 */
export const SEARCH_INDEXES: SearchIndex[] = [
  { table: 'students', columns: ['fam', 'imya', 'otch'] },
  { table: 'sotrudnik', columns: ['fam', 'imya', 'otch'] },
  { table: 'abiturient', columns: ['fam', 'imya', 'otch'] },
];

export class Migration20261204200001AvnSearchIndexes extends Migration {
  override async up(): Promise<void> {
    for (const sql of searchIndexSql(SEARCH_INDEXES)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of dropSearchIndexSql(SEARCH_INDEXES)) this.addSql(sql);
  }
}
