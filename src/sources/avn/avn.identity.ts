/**
 * AVN → the identity registry: its person-bearing records (students, employees, applicants) read
 * with one set-based statement (tens of thousands of rows in well under a second; never one query
 * per person), the same records by key, the students holding given student numbers, and which
 * records AVN's captured changes name.
 */
import {
  personRecordOfRow, wholeNumberKeys, type PersonRow, type CapturedRecordChange, type PersonRecordReader, type Queryable, type RecordSource,
  type SourceRecordRef,
} from '../../domain/identity';

type AvnPersonSource = 'avn.student' | 'avn.employee' | 'avn.applicant';

// One SELECT per record source, with its key column, so that a few records can be read by key.
const RECORD_SQL: Record<AvnPersonSource, { select: string; key: string }> = {
  'avn.student': {
    key: 's.stud_id',
    select: `
select 'avn.student' as source, s.stud_id::text as local_key, s.pin, s.fam as surname, s.imya as given_name,
       s.otch as patronymic, to_char(s.data_rojd, 'YYYY-MM-DD') as birth_date, s.zachetka as student_number
  from students s`,
  },
  'avn.employee': {
    key: 'e.emp_id',
    select: `
select 'avn.employee' as source, e.emp_id::text as local_key, e.pin, e.fam as surname, e.imya as given_name,
       e.otch as patronymic, to_char(e.data_rojd, 'YYYY-MM-DD') as birth_date, null::text as student_number
  from sotrudnik e`,
  },
  // Applicants carry AVN's own link to the student they became (abiturient.stud_id): it is passed
  // on as that student's zachetka, so the matcher links it like any typed-in student number.
  'avn.applicant': {
    key: 'a.abit_id',
    select: `
select 'avn.applicant' as source, a.abit_id::text as local_key, a.pin, a.fam as surname, a.imya as given_name,
       a.otch as patronymic, to_char(a.data_rojd, 'YYYY-MM-DD') as birth_date, st.zachetka as student_number
  from abiturient a left join students st on st.stud_id = a.stud_id`,
  },
};

const AVN_RECORD_SOURCES: readonly AvnPersonSource[] = ['avn.student', 'avn.employee', 'avn.applicant'];

/** All of AVN's records: the record sources' SELECTs in one statement. */
const ALL_SQL = AVN_RECORD_SOURCES.map((source) => RECORD_SQL[source].select).join('\nunion all');

/** The captured tables and the record source each one's rows are. */
const RECORD_OF_TABLE: Record<string, AvnPersonSource> = {
  students: 'avn.student',
  sotrudnik: 'avn.employee',
  abiturient: 'avn.applicant',
};

export const avnPersonRecords: PersonRecordReader = {
  recordSources: AVN_RECORD_SOURCES,

  async readAll(db, pinKey) {
    const { rows } = await db.query(ALL_SQL);
    return rows.map((row: PersonRow) => personRecordOfRow(row, pinKey));
  },

  async readByKey(source, db, keys, pinKey) {
    const ids = wholeNumberKeys(keys);
    if (ids.length === 0) return [];
    const { select, key } = statementOf(source);
    const { rows } = await db.query(`${select}\n where ${key} = any($1::bigint[])`, [ids]);
    return rows.map((row: PersonRow) => personRecordOfRow(row, pinKey));
  },

  capturedTables: Object.keys(RECORD_OF_TABLE),

  recordsOfChange(change: CapturedRecordChange): SourceRecordRef[] {
    const source = RECORD_OF_TABLE[change.table];
    return source ? [{ source, localKey: change.key }] : [];
  },
};

/** The AVN students holding these student numbers (zachetka), as registry local keys. */
export async function avnStudentsByNumber(avn: Queryable, numbers: readonly string[]): Promise<string[]> {
  if (numbers.length === 0) return [];
  const { rows } = await avn.query(`select stud_id::text as key from students where zachetka = any($1::text[])`, [[...new Set(numbers)]]);
  return rows.map((row) => String(row.key));
}

function statementOf(source: RecordSource): { select: string; key: string } {
  const statement = RECORD_SQL[source as AvnPersonSource];
  if (!statement) throw new Error(`AVN holds no ${source} records`);
  return statement;
}
