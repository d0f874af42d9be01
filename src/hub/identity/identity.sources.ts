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
const SQL: Record<IdentitySourceDatabase, string> = {
  // Applicants carry AVN's own link to the student they became (abiturient.stud_id): it is passed
  // on as that student's zachetka, so the matcher links it like any typed-in student number.
  avn: `
select 'avn.student' as source, s.stud_id::text as local_key, s.pin, s.fam as surname, s.imya as given_name,
       s.otch as patronymic, to_char(s.data_rojd, 'YYYY-MM-DD') as birth_date, s.zachetka as student_number
  from students s
union all
select 'avn.employee', e.emp_id::text, e.pin, e.fam, e.imya, e.otch, to_char(e.data_rojd, 'YYYY-MM-DD'), null
  from sotrudnik e
union all
select 'avn.applicant', a.abit_id::text, a.pin, a.fam, a.imya, a.otch, to_char(a.data_rojd, 'YYYY-MM-DD'), st.zachetka
  from abiturient a left join students st on st.stud_id = a.stud_id`,
  // Koha keeps national ids as extended attributes; a borrower may (wrongly) have several.
  library: `
select 'library.borrower' as source, b.borrowernumber::text as local_key, p.attribute as pin, b.surname,
       b.firstname as given_name, b.othernames as patronymic, to_char(b.dateofbirth, 'YYYY-MM-DD') as birth_date,
       null::text as student_number
  from borrowers b
  left join (select distinct on (borrowernumber) borrowernumber, attribute
               from borrower_attributes where code = 'PIN' order by borrowernumber, id) p
    on p.borrowernumber = b.borrowernumber`,
  dormitory: `
select 'dormitory.resident' as source, r.resident_id::text as local_key, r.pin, r.last_name as surname,
       r.first_name as given_name, r.middle_name as patronymic, to_char(r.birth_date, 'YYYY-MM-DD') as birth_date,
       r.student_number
  from residents r`,
};

/**
 * Reads one database's records and replaces each PIN by its keyed digest at once, so raw PINs
 * never travel further than this function.
 */
export async function readSourceRecords(database: IdentitySourceDatabase, db: Queryable, pinKey: string): Promise<PersonRecord[]> {
  const { rows } = await db.query(SQL[database]);
  return rows.map((row) => ({
    source: row.source as RecordSource,
    localKey: String(row.local_key),
    pin: pinDigest(row.pin, pinKey),
    surname: row.surname ?? '',
    givenName: row.given_name ?? '',
    patronymic: blankToNull(row.patronymic),
    // A record without a birth date still has one inside its PIN.
    birthDate: row.birth_date ?? birthDateFromPin(row.pin),
    studentNumber: blankToNull(row.student_number),
  }));
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
