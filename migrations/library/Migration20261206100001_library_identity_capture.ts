import { Migration } from '@mikro-orm/migrations';
import { dropPerOperationCaptureSql, perOperationCapture, perOperationCaptureSql, type CapturedTable } from '../../src/events/capture-sql';

/**
 * The hub's capture of the library's readers, for the identity registry (integration: runs on an
 * external library too). A new card, a corrected name or birth date, and a PIN attribute added,
 * corrected or removed reach the registry within seconds. Keys only: the reader's number, and of
 * an attribute its id, its reader and its code (never the attribute's value: it is the PIN).
 */
export const TABLES: CapturedTable[] = [
  perOperationCapture({ table: 'borrowers', key: 'borrowernumber', keep: ['borrowernumber'], updateOf: ['surname', 'firstname', 'othernames', 'dateofbirth'] }),
  perOperationCapture({ table: 'borrower_attributes', key: 'id', keep: ['id', 'borrowernumber', 'code'], updateOf: ['borrowernumber', 'code', 'attribute'] }),
];

export class Migration20261206100001LibraryIdentityCapture extends Migration {
  override async up(): Promise<void> {
    for (const sql of perOperationCaptureSql(TABLES)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of dropPerOperationCaptureSql(TABLES)) this.addSql(sql);
  }
}
