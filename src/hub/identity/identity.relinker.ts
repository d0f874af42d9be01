/**
 * Keeps the identity registry current from the change feed (issue 10.6). The sources capture their
 * person-bearing tables (keys only: `*_identity_capture` migrations); the changes reach the hub's
 * event log within moments. The relinker reads the logged changes of those tables after its own
 * cursor, reads the named records' current rows from their sources by key, and relinks them with
 * the batch matcher (identity.relink.ts): a new card, student, employee, applicant or resident is
 * linked, a correction that makes a record belong with someone is applied where nothing is lost,
 * a change that breaks an existing link goes to review, a deleted record loses its link. Every link
 * made, moved or removed is audited, with the hub itself as the actor.
 *
 * Once per change, across instances: only the instance that ingests relinks (it hears of a change
 * first), and each batch is one hub transaction that takes the registry lock (the rebuild's too),
 * reads the relinker's cursor FOR UPDATE, applies the changes after it and moves it. Should two
 * instances ever overlap (a handover of the ingest lock), the second waits for the first and finds
 * the work done; a crash rolls the batch back and it is done again. A batch whose sources cannot
 * be read is rolled back and retried; nothing is skipped.
 *
 * Logs carry counts and codes only, never PINs or names.
 */
import type pg from 'pg';
import { logger } from '../../common/logger';
import { toGlobalId } from '../../domain/global-id';
import { insertAuditEntries, type AuditRow } from '../audit/audit.store';
import type { Queryable, RecordSource, SourcePersonRecord } from '../../domain/identity';
import { avnStudentsByNumber } from '../../sources/avn/avn.identity';
import type { LinkMethod } from './matcher';
import { normalizeName } from './name-normalizer';
import { Alarm } from '../../common/alarm';
import { linksChangedBy, planRelink, type RecordRef, type RelinkPlan } from './identity.relink';
import { IDENTITY_TABLES, databaseOf, readRecordsByKey, recordsOfChange } from './identity.sources';
import {
  allocatePersonIds,
  eventLogEnd,
  initRelinkCursor,
  loadCandidates,
  lockRegistry,
  readLoggedChanges,
  readRelinkCursor,
  writeRelinkCursor,
  writeRelinkPlan,
} from './identity.store';

export interface RelinkOptions {
  hub: pg.Pool;
  /** The source databases by name (avn, library and dormitory are read). */
  sources: { readonly [database: string]: Queryable | null | undefined };
  /** Key of the PIN digests (HMAC-SHA256). */
  pinKey: string;
  /** Most changes applied in one transaction. */
  batchSize?: number;
}

export interface RelinkOutcome {
  /** Changes of person-bearing tables read from the log. */
  changes: number;
  /** Distinct records they named. */
  records: number;
  made: number;
  moved: number;
  removed: number;
  reviews: number;
  /** The relinker's cursor after the batch. */
  cursor: number;
  /** More changes are waiting (the batch was full). */
  more: boolean;
}

/** What the audit calls the hub when it acts on its own. */
const HUB_ACTOR = {
  actorKind: 'hub',
  actorId: null,
  actorLabel: 'Campus Graph (identity registry)',
  actorRole: null,
  purpose: 'Keep the identity registry current from the change feed',
} as const;

/** The GraphQL type of each record source (its global ID names the record in the audit). */
const RECORD_TYPE: Record<string, string> = {
  'avn.student': 'Student',
  'avn.employee': 'Employee',
  'avn.applicant': 'Applicant',
  'library.borrower': 'LibraryReader',
  'dormitory.resident': 'DormitoryResident',
};

/** Applies the logged changes after the relinker's cursor (one batch, one transaction). */
export async function relinkChanges({ hub, sources, pinKey, batchSize = 200 }: RelinkOptions): Promise<RelinkOutcome> {
  const client = await hub.connect();
  try {
    await client.query('begin');
    await lockRegistry(client);
    const cursor = await readRelinkCursor(client);
    const end = await eventLogEnd(client);
    if (cursor === null) {
      // Never set (a registry built before the relinker existed, and no rebuild since): from now on.
      await initRelinkCursor(client, end);
      await client.query('commit');
      return { changes: 0, records: 0, made: 0, moved: 0, removed: 0, reviews: 0, cursor: end, more: false };
    }
    const changes = await readLoggedChanges(client, IDENTITY_TABLES, cursor, end, batchSize);
    const more = changes.length === batchSize;
    const upTo = more ? changes[changes.length - 1].cursor : Math.max(end, cursor);
    const refs = uniqueRefs(changes.flatMap((c) => recordsOfChange(c)));
    let plan: RelinkPlan | null = null;
    if (refs.length) {
      plan = await relinkRecords(client, refs, sources, pinKey);
      await insertAuditEntries(client, auditRows(plan, `identity-relink:${cursor}-${upTo}`));
    }
    if (upTo !== cursor) await writeRelinkCursor(client, upTo);
    await client.query('commit');
    return {
      changes: changes.length,
      records: refs.length,
      made: plan?.made.length ?? 0,
      moved: plan?.moved.length ?? 0,
      removed: plan?.removed.length ?? 0,
      reviews: plan?.reviews.length ?? 0,
      cursor: upTo,
      more,
    };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Reads the records and their candidates, plans, writes; returns the plan with real person ids. */
async function relinkRecords(tx: pg.PoolClient, refs: RecordRef[], sources: RelinkOptions['sources'], pinKey: string): Promise<RelinkPlan> {
  const changed = await readRecords(refs, sources, pinKey);
  const present = new Set(changed.map(idOf));
  const gone = refs.filter((ref) => !present.has(idOf(ref)));

  const numbers = [...new Set(changed.map((r) => r.studentNumber?.trim()).filter((n): n is string => !!n))];
  const students = numbers.length ? await avnStudentsByNumber(sourceOf(sources, 'avn'), numbers) : [];
  const registry = await loadCandidates(tx, {
    pins: unique(changed.map((r) => r.pin)),
    birthDates: unique(changed.map((r) => r.birthDate)),
    nameKeys: unique(changed.map((r) => normalizeName(r).key).filter((key) => key !== '')),
    records: [...refs, ...students.map((localKey) => ({ source: 'avn.student', localKey }))],
  });
  const evidenceRefs = registry.links.filter((l) => !present.has(idOf(l)) && !gone.some((g) => idOf(g) === idOf(l)));
  const evidence = await readRecords(evidenceRefs, sources, pinKey);

  const plan = planRelink({ changed, gone, evidence, registry, openReviews: registry.openReviews });
  const ids = await allocatePersonIds(tx, plan.newPeople.length);
  const resolved = withRealIds(plan, ids);
  await writeRelinkPlan(tx, resolved);
  return resolved;
}

/** The current rows of some records, one statement per record source; a source that cannot be read fails the batch. */
async function readRecords(refs: readonly RecordRef[], sources: RelinkOptions['sources'], pinKey: string): Promise<SourcePersonRecord[]> {
  const bySource = new Map<RecordSource, string[]>();
  for (const ref of refs) {
    const source = ref.source as RecordSource;
    if (!RECORD_TYPE[source]) continue;
    bySource.set(source, [...(bySource.get(source) ?? []), ref.localKey]);
  }
  const parts = await Promise.all([...bySource].map(([source, keys]) => readRecordsByKey(source, sourceOf(sources, databaseOf(source)), keys, pinKey)));
  return parts.flat();
}

function sourceOf(sources: RelinkOptions['sources'], database: string): Queryable {
  const db = sources[database];
  if (!db) throw Object.assign(new Error(`Identity relink: source ${database} is not configured`), { code: 'SOURCE_UNAVAILABLE' });
  return db;
}

/** Replaces the plan's temporary (negative) person ids by the ids taken from the sequence. */
function withRealIds(plan: RelinkPlan, ids: number[]): RelinkPlan {
  const real = new Map<number, number>();
  plan.newPeople.forEach((person, i) => real.set(person.tempId, ids[i]));
  const id = (personId: number) => (personId < 0 ? real.get(personId)! : personId);
  return {
    ...plan,
    newPeople: plan.newPeople.map((p) => ({ ...p, tempId: id(p.tempId) })),
    made: plan.made.map((l) => ({ ...l, personId: id(l.personId) })),
    reviews: plan.reviews.map((r) => ({ ...r, candidatePersonIds: r.candidatePersonIds.map(id).sort((a, b) => a - b) })),
  };
}

/**
 * One audit entry per link made, moved or removed: the record (its global ID) and its person
 * before and after, with the method. No names, no PINs.
 */
function auditRows(plan: RelinkPlan, requestId: string): AuditRow[] {
  const at = new Date().toISOString();
  const person = (side: { personId: number } | null) => (side ? toGlobalId('Person', side.personId) : null);
  const method = (side: { method: LinkMethod } | null) => side?.method ?? null;
  return linksChangedBy(plan).map((change) => {
    const record = toGlobalId(RECORD_TYPE[change.source], change.localKey);
    const operation = change.from === null ? 'identity.link' : change.to === null ? 'identity.unlink' : 'identity.move';
    const persons = [change.from?.personId, change.to?.personId].filter((id): id is number => id !== undefined);
    return {
      at,
      requestId,
      ...HUB_ACTOR,
      action: 'identity_link',
      operation,
      objects: [{ type: RECORD_TYPE[change.source], id: record }, ...persons.map((id) => ({ type: 'Person', id: toGlobalId('Person', id) }))],
      changes: [
        { field: 'person', objectId: record, old: person(change.from), new: person(change.to) },
        { field: 'linkMethod', objectId: record, old: method(change.from), new: method(change.to) },
      ],
      fields: [],
      links: [],
      persons,
    };
  });
}

export interface IdentityRelinker {
  /** Runs a round now instead of at the next poll. */
  wake(): void;
  stop(): Promise<void>;
}

export interface RelinkerOptions extends RelinkOptions {
  /** Whether this instance ingests now: only it relinks. */
  isLeader: () => boolean;
  /** The logged changes the `accept`ed ones of which wake it (the event log's subscription, handed in by the composition root). */
  watchChanges: (accept: (change: { source: string; table: string }) => boolean) => AsyncIterableIterator<unknown>;
  /** How often it looks without being woken (ms); a logged change of a person-bearing table wakes it at once. */
  pollMs?: number;
}

/** Relinks in the background: woken by each logged change of a person-bearing table, and every `pollMs`. */
export function startIdentityRelinker(options: RelinkerOptions): IdentityRelinker {
  const pollMs = options.pollMs ?? 1000;
  const watched = new Set(IDENTITY_TABLES.map((t) => `${t.database}.${t.table}`));
  const events = options.watchChanges((change) => watched.has(`${change.source}.${change.table}`));
  let stopped = false;
  const alarm = new Alarm();
  let failing = false;
  const wake = () => alarm.wake();
  void (async () => {
    for await (const _ of events) wake();
  })();

  const loop = (async () => {
    while (!stopped) {
      let more = false;
      if (options.isLeader()) {
        try {
          const outcome = await relinkChanges(options);
          more = outcome.more;
          if (outcome.records > 0) {
            logger.info('Identity registry relinked', {
              changes: outcome.changes, records: outcome.records, made: outcome.made, moved: outcome.moved, removed: outcome.removed, reviews: outcome.reviews,
            });
          }
          if (failing) logger.info('Identity relinking works again');
          failing = false;
        } catch (error) {
          // The code only: a driver's message can carry data. The batch is retried.
          if (!failing) logger.warn('Identity relinking failed; retrying', { code: (error as { code?: string })?.code ?? (error as Error)?.name });
          failing = true;
        }
      }
      if (stopped) break;
      // More to do, or a change logged meanwhile: at once (unless failing: then wait a poll).
      if ((more || alarm.taken()) && !failing) continue;
      await alarm.pause(pollMs);
    }
  })();

  return {
    wake,
    async stop() {
      if (stopped) return;
      stopped = true;
      await events.return?.();
      wake();
      await loop;
    },
  };
}

const idOf = (r: RecordRef) => `${r.source}:${r.localKey}`;

function uniqueRefs(refs: RecordRef[]): RecordRef[] {
  const seen = new Map<string, RecordRef>();
  for (const ref of refs) seen.set(idOf(ref), { source: ref.source, localKey: ref.localKey });
  return [...seen.values()];
}

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}
