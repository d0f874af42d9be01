/**
 * Dormitory → the identity registry: its residents as person-bearing records, read with one
 * set-based statement (or a few by key), and which residents its captured changes name.
 */
import {
  personRecordOfRow, wholeNumberKeys, type PersonRow, type CapturedRecordChange, type PersonRecordReader,
  type SourceRecordRef,
} from '../../domain/identity';

const RESIDENTS_SQL = `
select 'dormitory.resident' as source, r.resident_id::text as local_key, r.pin, r.last_name as surname,
       r.first_name as given_name, r.middle_name as patronymic, to_char(r.birth_date, 'YYYY-MM-DD') as birth_date,
       r.student_number
  from residents r`;

export const dormitoryPersonRecords: PersonRecordReader = {
  recordSources: ['dormitory.resident'],

  async readAll(db, pinKey) {
    const { rows } = await db.query(RESIDENTS_SQL);
    return rows.map((row: PersonRow) => personRecordOfRow(row, pinKey));
  },

  async readByKey(source, db, keys, pinKey) {
    if (source !== 'dormitory.resident') throw new Error(`The dormitory holds no ${source} records`);
    const ids = wholeNumberKeys(keys);
    if (ids.length === 0) return [];
    const { rows } = await db.query(`${RESIDENTS_SQL}\n where r.resident_id = any($1::bigint[])`, [ids]);
    return rows.map((row: PersonRow) => personRecordOfRow(row, pinKey));
  },

  capturedTables: ['residents'],

  recordsOfChange(change: CapturedRecordChange): SourceRecordRef[] {
    return change.table === 'residents' ? [{ source: 'dormitory.resident', localKey: change.key }] : [];
  },
};
