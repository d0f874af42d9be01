/**
 * The registry's people as the people queries read them: the person holding a PIN, and the
 * people list (by person id), filtered by PIN or by linked source records and limited to the
 * viewer's reach. The registry keeps only keyed digests of PINs: a PIN is digested with the hub's
 * key before it is looked up (raw PINs never reach the hub database).
 */
import DataLoader from 'dataloader';
import { loadList } from '../../db/list-loaders';
import type { ConnectionShape, Page } from '../../db/pages';
import type { SourceContext } from '../../db/read-context';
import { scoped } from '../../db/scope';
import type { Reach } from '../../domain/reach';
import { personRecord, type PersonRecord } from '../../domain/students';
import { personScope } from './identity.scopes';
import { pinDigest } from '../../domain/pin';

/** The person holding `pin` (digested with `pinKey`), or null when nobody does. */
export function personIdByPin(context: SourceContext, pin: string, pinKey: string): Promise<number | null> {
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
  const digest = pinDigest(pin, pinKey);
  return digest ? loader.load(digest) : Promise.resolve(null);
}

/** Filter of the people list in registry terms. */
export interface PeopleFilter {
  /** Only people holding this PIN. */
  pin?: string | null;
  /** Only people linked to one of these source records (from a name search in the sources). */
  records?: { source: string; localKey: string }[] | null;
}

/** How the people list is asked for; `pinKey` is the hub's key of PIN digests. */
export interface PeopleListRequest {
  filter: PeopleFilter;
  page: Page;
  reach: Reach;
  pinKey: string;
}

/** One page of the registry's people the viewer may see, by person id (so totalCount counts nothing else). */
export function listRegistryPeople(context: SourceContext, request: PeopleListRequest): Promise<ConnectionShape<PersonRecord>> {
  const { filter } = request;
  const digest = filter.pin ? pinDigest(filter.pin, request.pinKey) : null;
  const query = scoped(
    {
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
    },
    (p) => personScope(request.reach, p, 'p.id'),
  );
  return loadList<{ id: number }, PersonRecord>(context.db.hub, query, request.page, (row) => personRecord(Number(row.id)));
}
