/**
 * The sources the identity registry reads people from, and which of their records the registry
 * asks them for: every record (the rebuild), some by key (the relinker), and the records a captured
 * change names. Each source reads its own tables (src/sources/<system>/<system>.identity.ts).
 */
import type { CapturedRecordChange, PersonRecordReader, Queryable, RecordSource, SourcePersonRecord, SourceRecordRef } from '../../domain/identity';
import { avnPersonRecords } from '../../sources/avn/avn.identity';
import { dormitoryPersonRecords } from '../../sources/dormitory/dormitory.identity';
import { libraryPersonRecords } from '../../sources/library/library.identity';

/** The source databases that hold people. */
export const IDENTITY_SOURCE_DATABASES = ['avn', 'dormitory', 'library'] as const;
export type IdentitySourceDatabase = (typeof IDENTITY_SOURCE_DATABASES)[number];

const READERS: Record<IdentitySourceDatabase, PersonRecordReader> = {
  avn: avnPersonRecords,
  dormitory: dormitoryPersonRecords,
  library: libraryPersonRecords,
};

/** Which record sources each database yields. */
export const RECORD_SOURCES_OF = Object.fromEntries(
  IDENTITY_SOURCE_DATABASES.map((database) => [database, READERS[database].recordSources]),
) as Record<IdentitySourceDatabase, readonly RecordSource[]>;

/** The database a record source lives in. */
export function databaseOf(source: RecordSource): IdentitySourceDatabase {
  const database = IDENTITY_SOURCE_DATABASES.find((db) => READERS[db].recordSources.includes(source));
  if (!database) throw new Error(`No source database holds ${source} records`);
  return database;
}

/** Reads one database's records (one statement), each PIN replaced by its keyed digest. */
export function readSourceRecords(database: IdentitySourceDatabase, db: Queryable, pinKey: string): Promise<SourcePersonRecord[]> {
  return READERS[database].readAll(db, pinKey);
}

/**
 * The current rows of some records of one record source, by local key (one statement); keys that
 * are not whole numbers (every source's keys are) and records no longer there are simply absent.
 */
export function readRecordsByKey(source: RecordSource, db: Queryable, keys: readonly string[], pinKey: string): Promise<SourcePersonRecord[]> {
  return READERS[databaseOf(source)].readByKey(source, db, keys, pinKey);
}

/**
 * The source tables whose captured changes name registry records (see the `*_identity_capture`
 * migrations). Changes carry keys only.
 */
export const IDENTITY_TABLES: ReadonlyArray<{ database: IdentitySourceDatabase; table: string }> = IDENTITY_SOURCE_DATABASES.flatMap(
  (database) => READERS[database].capturedTables.map((table) => ({ database, table })),
);

/** The registry records one captured change names (none for a table or row that names no person). */
export function recordsOfChange(change: CapturedRecordChange & { source: string }): SourceRecordRef[] {
  return Object.hasOwn(READERS, change.source) ? READERS[change.source as IdentitySourceDatabase].recordsOfChange(change) : [];
}
