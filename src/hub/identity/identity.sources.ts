/**
 * Reads the person-bearing records of each source with one set-based statement per source
 * (tens of thousands of rows in well under a second; never one query per person).
 * The SQL knows each source's native table and column names; nothing above this file does.
 */
import crypto from 'node:crypto';
import type { PersonRecord, RecordSource } from './matcher';

/** Anything that runs a statement and returns rows: a pg.Pool, a pg.Client. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>;
}

/** The source databases that hold people. */
export const IDENTITY_SOURCE_DATABASES = ['avn', 'dormitory', 'library'] as const;
export type IdentitySourceDatabase = (typeof IDENTITY_SOURCE_DATABASES)[number];

/** Which record sources each database yields. */
export const RECORD_SOURCES_OF: Record<IdentitySourceDatabase, RecordSource[]> = {
  avn: ['avn.student', 'avn.employee', 'avn.applicant'],
  dormitory: ['dormitory.resident'],
  library: ['library.borrower'],
};

// Every statement returns the same columns: source, local_key, pin, surname, given_name,
// patronymic, birth_date ('YYYY-MM-DD' text: no time-zone shifts), student_number.
// One SELECT per record source, with its key column, so that a few records can be read by key.
const RECORD_SQL: Record<RecordSource, { database: IdentitySourceDatabase; select: string; key: string }> = {
  'avn.student': {
    database: 'avn',
    key: 's.stud_id',
    select: `
select 'avn.student' as source, s.stud_id::text as local_key, s.pin, s.fam as surname, s.imya as given_name,
       s.otch as patronymic, to_char(s.data_rojd, 'YYYY-MM-DD') as birth_date, s.zachetka as student_number
  from students s`,
  },
  'avn.employee': {
    database: 'avn',
    key: 'e.emp_id',
    select: `
select 'avn.employee' as source, e.emp_id::text as local_key, e.pin, e.fam as surname, e.imya as given_name,
       e.otch as patronymic, to_char(e.data_rojd, 'YYYY-MM-DD') as birth_date, null::text as student_number
  from sotrudnik e`,
  },
  // Applicants carry AVN's own link to the student they became (abiturient.stud_id): it is passed
  // on as that student's zachetka, so the matcher links it like any typed-in student number.
  'avn.applicant': {
    database: 'avn',
    key: 'a.abit_id',
    select: `
select 'avn.applicant' as source, a.abit_id::text as local_key, a.pin, a.fam as surname, a.imya as given_name,
       a.otch as patronymic, to_char(a.data_rojd, 'YYYY-MM-DD') as birth_date, st.zachetka as student_number
  from abiturient a left join students st on st.stud_id = a.stud_id`,
  },
  // Koha keeps national ids as extended attributes; a borrower may (wrongly) have several.
  'library.borrower': {
    database: 'library',
    key: 'b.borrowernumber',
    select: `
select 'library.borrower' as source, b.borrowernumber::text as local_key, p.attribute as pin, b.surname,
       b.firstname as given_name, b.othernames as patronymic, to_char(b.dateofbirth, 'YYYY-MM-DD') as birth_date,
       null::text as student_number
  from borrowers b
  left join (select distinct on (borrowernumber) borrowernumber, attribute
               from borrower_attributes where code = 'PIN' order by borrowernumber, id) p
    on p.borrowernumber = b.borrowernumber`,
  },
  'dormitory.resident': {
    database: 'dormitory',
    key: 'r.resident_id',
    select: `
select 'dormitory.resident' as source, r.resident_id::text as local_key, r.pin, r.last_name as surname,
       r.first_name as given_name, r.middle_name as patronymic, to_char(r.birth_date, 'YYYY-MM-DD') as birth_date,
       r.student_number
  from residents r`,
  },
};

/** All records of one database: its record sources' SELECTs in one statement. */
const SQL = Object.fromEntries(
  IDENTITY_SOURCE_DATABASES.map((database) => [database, RECORD_SOURCES_OF[database].map((source) => RECORD_SQL[source].select).join('\nunion all')]),
) as Record<IdentitySourceDatabase, string>;

/** The database a record source lives in. */
export function databaseOf(source: RecordSource): IdentitySourceDatabase {
  return RECORD_SQL[source].database;
}

/**
 * Reads one database's records and replaces each PIN by its keyed digest at once, so raw PINs
 * never travel further than this function.
 */
export async function readSourceRecords(database: IdentitySourceDatabase, db: Queryable, pinKey: string): Promise<PersonRecord[]> {
  const { rows } = await db.query(SQL[database]);
  return rows.map((row) => toRecord(row, pinKey));
}

/**
 * The current rows of some records of one record source, by local key (one statement); keys that
 * are not whole numbers (every source's keys are) and records no longer there are simply absent.
 */
export async function readRecordsByKey(source: RecordSource, db: Queryable, keys: readonly string[], pinKey: string): Promise<PersonRecord[]> {
  const ids = [...new Set(keys)].filter((key) => /^\d{1,18}$/.test(key));
  if (ids.length === 0) return [];
  const { select, key } = RECORD_SQL[source];
  const { rows } = await db.query(`${select}\n where ${key} = any($1::bigint[])`, [ids]);
  return rows.map((row) => toRecord(row, pinKey));
}

/** The AVN students holding these student numbers (zachetka), as registry local keys. */
export async function studentsByNumber(avn: Queryable, numbers: readonly string[]): Promise<string[]> {
  if (numbers.length === 0) return [];
  const { rows } = await avn.query(`select stud_id::text as key from students where zachetka = any($1::text[])`, [[...new Set(numbers)]]);
  return rows.map((row) => String(row.key));
}

/**
 * The source tables whose captured changes name registry records (see the `*_identity_capture`
 * migrations), and which records a change names: the row's own record, or for a reader's PIN
 * attribute the reader (before and after, if the attribute moved). Changes carry keys only.
 */
export const IDENTITY_TABLES: ReadonlyArray<{ database: IdentitySourceDatabase; table: string }> = [
  { database: 'avn', table: 'students' },
  { database: 'avn', table: 'sotrudnik' },
  { database: 'avn', table: 'abiturient' },
  { database: 'library', table: 'borrowers' },
  { database: 'library', table: 'borrower_attributes' },
  { database: 'dormitory', table: 'residents' },
];

const RECORD_OF_TABLE: Record<string, RecordSource> = {
  'avn.students': 'avn.student',
  'avn.sotrudnik': 'avn.employee',
  'avn.abiturient': 'avn.applicant',
  'library.borrowers': 'library.borrower',
  'dormitory.residents': 'dormitory.resident',
};

export interface CapturedRecordChange {
  source: string;
  table: string;
  key: string;
  data: Record<string, unknown>;
  old: Record<string, unknown> | null;
}

/** The registry records one captured change names (none for a table or attribute that names no person). */
export function recordsOfChange(change: CapturedRecordChange): { source: RecordSource; localKey: string }[] {
  const direct = RECORD_OF_TABLE[`${change.source}.${change.table}`];
  if (direct) return [{ source: direct, localKey: change.key }];
  if (change.source === 'library' && change.table === 'borrower_attributes') {
    const refs: { source: RecordSource; localKey: string }[] = [];
    for (const row of [change.data, change.old]) {
      if (row && row.code === 'PIN' && row.borrowernumber != null) refs.push({ source: 'library.borrower', localKey: String(row.borrowernumber) });
    }
    return refs;
  }
  return [];
}

function toRecord(row: Record<string, any>, pinKey: string): PersonRecord {
  return {
    source: row.source as RecordSource,
    localKey: String(row.local_key),
    pin: pinDigest(row.pin, pinKey),
    surname: row.surname ?? '',
    givenName: row.given_name ?? '',
    patronymic: blankToNull(row.patronymic),
    // A record without a birth date still has one inside its PIN.
    birthDate: row.birth_date ?? birthDateFromPin(row.pin),
    studentNumber: blankToNull(row.student_number),
  };
}

/** A valid PIN is 14 digits; anything else (blank, placeholder zeros, typed text) counts as absent. */
export function normalizePin(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const pin = raw.replace(/\s+/g, '');
  if (!/^\d{14}$/.test(pin) || /^0+$/.test(pin)) return null;
  return pin;
}

/**
 * The birth date a Kyrgyz PIN encodes: sex digit (1 female, 2 male), then DDMMYYYY, then a
 * 5-digit serial. Null when the PIN is absent or does not hold a real date.
 */
export function birthDateFromPin(raw: unknown): string | null {
  const pin = normalizePin(raw);
  if (!pin || !/^[12]/.test(pin)) return null;
  const [dd, mm, yyyy] = [pin.slice(1, 3), pin.slice(3, 5), pin.slice(5, 9)];
  const date = new Date(Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd)));
  const iso = `${yyyy}-${mm}-${dd}`;
  return Number(yyyy) >= 1900 && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** HMAC-SHA256 of the PIN with the hub's key, hex: comparable, but useless without the key. */
export function pinDigest(raw: unknown, pinKey: string): string | null {
  const pin = normalizePin(raw);
  return pin === null ? null : crypto.createHmac('sha256', pinKey).update(pin).digest('hex');
}

function blankToNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
