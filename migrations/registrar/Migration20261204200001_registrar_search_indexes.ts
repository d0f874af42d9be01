import { Migration } from '@mikro-orm/migrations';
import { dropSearchIndexSql, searchIndexSql, type SearchIndex } from '../../src/db/search-index-sql';

/**
 * The hub's text-search indexes in registrar (integration: runs on an external registrar too). Document holders' names and the document flow's references, titles and units.
 */
export const SEARCH_INDEXES: SearchIndex[] = [
  { table: 'issued_documents', columns: ['holder_name'] },
  { table: 'document_flow', columns: ['doc_ref', 'title', 'from_unit', 'to_unit'] },
];

export class Migration20261204200001RegistrarSearchIndexes extends Migration {
  override async up(): Promise<void> {
    for (const sql of searchIndexSql(SEARCH_INDEXES)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of dropSearchIndexSql(SEARCH_INDEXES)) this.addSql(sql);
  }
}
