/**
 * The identity registry as the modules use it, over the request's registry loaders
 * (hub/identity/identity.loaders.ts): the person a source record belongs to, the records linked to
 * a person or to another record, and the registry's links as GraphQL records.
 */
import type { HubContext } from '../../graphql/context';
import { identityLoaders, type LinkedRecord } from '../../hub/identity/identity.loaders';
import { IdentitySource, MatchMethod, personRecord, type PersonRecord } from '../../domain/students';
import type { IdentityRecord } from './student.types';

/**
 * The Person a source record belongs to, or null when the registry has not linked it (yet).
 * `source` is a registry record source: 'avn.student', 'avn.employee', 'library.borrower', …
 */
export async function personOfRecord(context: HubContext, source: string, localKey: string | number): Promise<PersonRecord | null> {
  const personId = await identityLoaders(context).personIdByRecord.load(`${source}:${localKey}`);
  return personId == null ? null : personRecord(personId);
}

/** The local keys of one source's records linked to a person (e.g. all its 'avn.student' ids). */
export async function recordKeysOf(context: HubContext, personKey: number, source: string): Promise<string[]> {
  const records = await identityLoaders(context).recordsByPerson.load(personKey);
  return records.filter((r) => r.source === source).map((r) => r.localKey);
}

/**
 * Local keys of `source` linked to the same person as `record` (`'avn.student:123'`); empty when
 * unlinked. One hub statement per level of a query, whatever the number of parents.
 */
export async function linkedKeys(context: HubContext, record: string, source: string): Promise<string[]> {
  const records = await identityLoaders(context).linkedRecordsByRecord.load(record);
  return records.filter((r) => r.source === source).map((r) => r.localKey);
}

/** Integer local keys (AVN, library and dormitory keys are integers); anything else is dropped. */
export const intKeys = (keys: string[]) => keys.map(Number).filter(Number.isInteger);

const SOURCES: Record<string, IdentitySource> = {
  'avn.student': IdentitySource.AVN_STUDENT,
  'avn.employee': IdentitySource.AVN_EMPLOYEE,
  'avn.applicant': IdentitySource.AVN_APPLICANT,
  'library.borrower': IdentitySource.LIBRARY_BORROWER,
  'dormitory.resident': IdentitySource.DORMITORY_RESIDENT,
};
const METHODS: Record<string, MatchMethod> = {
  anchor: MatchMethod.ANCHOR,
  pin: MatchMethod.PIN,
  student_number: MatchMethod.STUDENT_NUMBER,
  name_birth_date: MatchMethod.NAME_BIRTH_DATE,
  manual: MatchMethod.MANUAL,
};

/** Registry links as GraphQL records; a source this version does not know is left out, not an error. */
export function toIdentityRecords(records: LinkedRecord[]): IdentityRecord[] {
  return records
    .filter((r) => SOURCES[r.source] && METHODS[r.method])
    .map((r) => ({ source: SOURCES[r.source], localKey: r.localKey, method: METHODS[r.method], confidence: r.confidence }));
}
