/**
 * The identity registry's view of the sources, shared by the registry (src/hub/identity) and the
 * sources that hold people (src/sources/<system>/<system>.identity.ts): the person-bearing records
 * the matcher takes, and what a source offers to read them and to name them in its captured changes.
 */
import { birthDateFromPin, pinDigest } from './pin';

export const RECORD_SOURCES = ['avn.student', 'avn.employee', 'avn.applicant', 'dormitory.resident', 'library.borrower'] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];

/** The registry's record source of the library's reader cards (the library's own word is "borrower"). */
export const LIBRARY_READER_RECORD: RecordSource = 'library.borrower';

/** One person-bearing record of a source, as the matcher takes it. */
export interface SourcePersonRecord {
  source: RecordSource;
  localKey: string;
  /** The PIN, or an opaque token derived from it (the sources pass HMAC digests). */
  pin: string | null;
  surname: string;
  givenName: string;
  patronymic: string | null;
  /** 'YYYY-MM-DD' */
  birthDate: string | null;
  /** An AVN zachetka: the student's own for avn.student, the one typed in elsewhere. */
  studentNumber: string | null;
}

/** A record named by its source and local key. */
export interface SourceRecordRef {
  source: RecordSource;
  localKey: string;
}

/** A source database as the registry reads it: anything that runs a statement (a pg.Pool, a pg.Client). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>;
}

/** A captured change of a source table, as the change feed logged it (keys only). */
export interface CapturedRecordChange {
  table: string;
  key: string;
  data: Record<string, unknown>;
  old: Record<string, unknown> | null;
}

/** What a source database that holds people offers the identity registry. */
export interface PersonRecordReader {
  /** The record sources the database yields. */
  readonly recordSources: readonly RecordSource[];
  /** Every record of the database, in one statement. */
  readAll(db: Queryable, pinKey: string): Promise<SourcePersonRecord[]>;
  /** The current records of one record source by local key, in one statement; records no longer there are absent. */
  readByKey(source: RecordSource, db: Queryable, keys: readonly string[], pinKey: string): Promise<SourcePersonRecord[]>;
  /** The captured tables whose changes name records (see the `*_identity_capture` migrations). */
  readonly capturedTables: readonly string[];
  /** The records a captured change of one of those tables names (none for a change that names no person). */
  recordsOfChange(change: CapturedRecordChange): SourceRecordRef[];
}

/** A record's fields as its source reads them: the PIN raw, text possibly blank. */
export interface RawPersonFields {
  source: RecordSource;
  localKey: unknown;
  pin: unknown;
  surname: string | null;
  givenName: string | null;
  patronymic: unknown;
  /** 'YYYY-MM-DD' text (no time-zone shifts), or null. */
  birthDate: string | null;
  studentNumber: unknown;
}

/**
 * The record the matcher takes. The PIN is replaced by its keyed digest at once, so raw PINs
 * never travel further than the source that read them.
 */
export function sourcePersonRecord(fields: RawPersonFields, pinKey: string): SourcePersonRecord {
  return {
    source: fields.source,
    localKey: String(fields.localKey),
    pin: pinDigest(fields.pin, pinKey),
    surname: fields.surname ?? '',
    givenName: fields.givenName ?? '',
    patronymic: blankToNull(fields.patronymic),
    // A record without a birth date still has one inside its PIN.
    birthDate: fields.birthDate ?? birthDateFromPin(fields.pin),
    studentNumber: blankToNull(fields.studentNumber),
  };
}

/**
 * The columns every identity statement of a source returns, its native columns aliased to these
 * names (birth_date as 'YYYY-MM-DD' text: no time-zone shifts), so every source maps its rows with
 * `personRecordOfRow`.
 */
export interface PersonRow {
  source: RecordSource;
  local_key: string;
  pin: string | null;
  surname: string | null;
  given_name: string | null;
  patronymic: string | null;
  birth_date: string | null;
  student_number: string | null;
}

/** The record the matcher takes, from a row of an identity statement. */
export function personRecordOfRow(row: PersonRow, pinKey: string): SourcePersonRecord {
  return sourcePersonRecord(
    {
      source: row.source, localKey: row.local_key, pin: row.pin, surname: row.surname, givenName: row.given_name,
      patronymic: row.patronymic, birthDate: row.birth_date, studentNumber: row.student_number,
    },
    pinKey,
  );
}

/** The distinct keys that can be a source row's key: every person-bearing row's key is a whole number. */
export function wholeNumberKeys(keys: readonly string[]): string[] {
  return [...new Set(keys)].filter((key) => /^\d{1,18}$/.test(key));
}

function blankToNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
