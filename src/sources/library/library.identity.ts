/**
 * Library → the identity registry: Koha's borrowers as person-bearing records, read with one
 * set-based statement (or a few by key), and which borrowers the library's captured changes name.
 */
import {
  personRecordOfRow, wholeNumberKeys, type PersonRow, type CapturedRecordChange, type PersonRecordReader,
  type SourceRecordRef,
} from '../../domain/identity';

// Koha keeps national ids as extended attributes; a borrower may (wrongly) have several.
const BORROWERS_SQL = `
select 'library.borrower' as source, b.borrowernumber::text as local_key, p.attribute as pin, b.surname,
       b.firstname as given_name, b.othernames as patronymic, to_char(b.dateofbirth, 'YYYY-MM-DD') as birth_date,
       null::text as student_number
  from borrowers b
  left join (select distinct on (borrowernumber) borrowernumber, attribute
               from borrower_attributes where code = 'PIN' order by borrowernumber, id) p
    on p.borrowernumber = b.borrowernumber`;

export const libraryPersonRecords: PersonRecordReader = {
  recordSources: ['library.borrower'],

  async readAll(db, pinKey) {
    const { rows } = await db.query(BORROWERS_SQL);
    return rows.map((row: PersonRow) => personRecordOfRow(row, pinKey));
  },

  async readByKey(source, db, keys, pinKey) {
    if (source !== 'library.borrower') throw new Error(`The library holds no ${source} records`);
    const ids = wholeNumberKeys(keys);
    if (ids.length === 0) return [];
    const { rows } = await db.query(`${BORROWERS_SQL}\n where b.borrowernumber = any($1::bigint[])`, [ids]);
    return rows.map((row: PersonRow) => personRecordOfRow(row, pinKey));
  },

  capturedTables: ['borrowers', 'borrower_attributes'],

  /** A borrower's own row names it; a PIN attribute names its borrower (before and after, if the attribute moved). */
  recordsOfChange(change: CapturedRecordChange): SourceRecordRef[] {
    if (change.table === 'borrowers') return [{ source: 'library.borrower', localKey: change.key }];
    if (change.table !== 'borrower_attributes') return [];
    const refs: SourceRecordRef[] = [];
    for (const row of [change.data, change.old]) {
      if (row && row.code === 'PIN' && row.borrowernumber != null) refs.push({ source: 'library.borrower', localKey: String(row.borrowernumber) });
    }
    return refs;
  },
};
