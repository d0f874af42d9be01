/**
 * The identity registry as the GraphQL layer uses it (its per-request loaders are the hub's,
 * src/hub/identity/identity.loaders.ts): the person a source record belongs to, and the two
 * registry reads the people queries need (by PIN, and the people list).
 */
import DataLoader from 'dataloader';
import type { HubContext } from '../../graphql/context';
import type { ListQuery } from '../../db/list-loaders';
import { identityLoaders, type LinkedRecord } from '../../hub/identity/identity.loaders';
import { pinDigest } from '../../hub/identity/identity.sources';
import { IdentitySource, MatchMethod } from '../../domain/students';
import { personRef, type IdentityRecord, type Person } from './student.types';

/**
 * The Person a source record belongs to, or null when the registry has not linked it (yet).
 * `source` is a registry record source: 'avn.student', 'avn.employee', 'library.borrower', …
 */
export async function personOfRecord(context: HubContext, source: string, localKey: string | number): Promise<Person | null> {
  const personId = await identityLoaders(context).personIdByRecord.load(`${source}:${localKey}`);
  return personId == null ? null : personRef(personId);
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

/**
 * The person holding a PIN: the registry keeps only keyed digests of PINs, so the PIN is digested
 * with the hub's key and looked up (raw PINs never reach the hub database).
 */
export function personIdByPin(context: HubContext, pin: string): Promise<number | null> {
  const loader = context.loader('hub.personIdByPinDigest', () =>
    new DataLoader<string, number | null>(async (digests) => {
      const rows = await context.db.hub.query<{ id: number; pin_digest: string }>(
        'select p.id, p.pin_digest from person p where p.pin_digest = any($1::text[])',
        [digests],
      );
      const byDigest = new Map(rows.map((r) => [r.pin_digest, Number(r.id)]));
      return digests.map((d) => byDigest.get(d) ?? null);
    }),
  );
  const digest = pinDigest(pin, context.runtime.config.identityPinKey);
  return digest ? loader.load(digest) : Promise.resolve(null);
}

/** Filter of the people list in registry terms. */
export interface PeopleFilter {
  /** Only people holding this PIN. */
  pin?: string | null;
  /** Only people linked to one of these source records (from a name search in the sources). */
  records?: { source: string; localKey: string }[] | null;
}

/** The people list over the registry, by person id. */
export function peopleListQuery(context: HubContext, filter: PeopleFilter): ListQuery {
  const digest = filter.pin ? pinDigest(filter.pin, context.runtime.config.identityPinKey) : null;
  return {
    from: 'person p',
    columns: 'p.id',
    filters: (p) => [
      filter.pin != null && (digest ? `p.pin_digest = ${p.add(digest)}` : 'false'),
      filter.records != null &&
        `exists (select 1 from identity_link l
                  join unnest(${p.add(filter.records.map((r) => r.source))}::text[], ${p.add(filter.records.map((r) => r.localKey))}::text[]) as r(source, local_key)
                    on r.source = l.source and r.local_key = l.local_key
                 where l.person_id = p.id)`,
    ],
    sort: [{ sql: 'p.id', key: 'id' }],
  };
}
