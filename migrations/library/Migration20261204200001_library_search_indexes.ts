import { Migration } from '@mikro-orm/migrations';
import { dropSearchIndexSql, searchIndexSql, type SearchIndex } from '../../src/db/search-index-sql';

/**
 * The hub's text-search indexes in library (integration: runs on an external library too). Readers' names and the catalogue's titles and authors.
 */
export const SEARCH_INDEXES: SearchIndex[] = [
  { table: 'borrowers', columns: ['surname', 'firstname', 'othernames'] },
  { table: 'biblio', columns: ['title', 'subtitle', 'author'] },
];

export class Migration20261204200001LibrarySearchIndexes extends Migration {
  override async up(): Promise<void> {
    for (const sql of searchIndexSql(SEARCH_INDEXES)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of dropSearchIndexSql(SEARCH_INDEXES)) this.addSql(sql);
  }
}
