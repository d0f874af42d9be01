/**
 * Rebuilds the identity registry: read every person-bearing record from the sources that are up,
 * match them in memory against the registry as it stands, write the new people, links and review
 * items in one transaction of the hub database.
 *
 * Idempotent: a record already linked keeps its person (ids are never renumbered); only new
 * records are matched. A source that is down is skipped and its links are left as they are.
 * Logs carry counts and source names only, never PINs or names.
 */
import type pg from 'pg';
import { logger } from '../../common/logger';
import type { Queryable, SourcePersonRecord } from '../../domain/identity';
import { matchIdentities, type LinkMethod, type MatchResult, type ReviewReason } from './matcher';
import { IDENTITY_SOURCE_DATABASES, RECORD_SOURCES_OF, readSourceRecords, type IdentitySourceDatabase } from './identity.sources';
import {
  allocatePersonIds,
  countRegistry,
  emptyReviewCounts,
  eventLogEnd,
  initRelinkCursor,
  loadRegistry,
  lockRegistry,
  writeMeta,
  writeResult,
  type RecordRef,
} from './identity.store';

export interface RebuildOptions {
  hub: pg.Pool;
  /**
   * The source databases by name (avn, library, dormitory are read; others are ignored, so the
   * hub's whole map of pools can be passed). Missing, null or failing ones are skipped.
   */
  sources: { readonly [database: string]: Queryable | null | undefined };
  /** Key of the PIN digests (HMAC-SHA256). */
  pinKey: string;
}

export interface IdentityReport {
  durationMs: number;
  /** Where the time went: reading the sources, matching (with the registry's load), writing. */
  timings: { readMs: number; matchMs: number; writeMs: number };
  /** Per source database: read (with its record count) or skipped (down or not configured). */
  sources: Record<IdentitySourceDatabase, { status: 'read' | 'skipped'; records: number }>;
  skippedSources: IdentitySourceDatabase[];
  /** Registry totals after the run. */
  people: number;
  links: Record<LinkMethod, number>;
  /** Open review items after the run. */
  reviews: Record<ReviewReason, number>;
  /** What this run changed. */
  created: { people: number; links: Record<LinkMethod, number>; reviews: Record<ReviewReason, number> };
  keptLinks: number;
  removedLinks: number;
}

export const LAST_REBUILD_META_KEY = 'identity.last_rebuild';

export async function rebuildIdentityRegistry({ hub, sources, pinKey }: RebuildOptions): Promise<IdentityReport> {
  const started = Date.now();
  // Changes logged from here on may not be in what is read below: the relinker starts after this
  // point (if it has no position yet), so it replays them; relinking what is current is harmless.
  const logEnd = await eventLogEnd(hub);
  const { records, sourceStatus } = await readAllSources(sources, pinKey);
  const read = Date.now();

  const client = await hub.connect();
  try {
    await client.query('begin');
    await lockRegistry(client);
    const registry = await loadRegistry(client);
    const result = matchIdentities(records, registry);
    const matched = Date.now();

    const ids = await allocatePersonIds(client, result.newPeople.length);
    const resolved = resolveTempIds(result, ids);
    const removals = staleRecords(records, sourceStatus, registry, resolved);
    await writeResult(client, resolved, removals);

    const counts = await countRegistry(client);
    const report: IdentityReport = {
      durationMs: 0,
      timings: { readMs: read - started, matchMs: matched - read, writeMs: 0 },
      sources: sourceStatus,
      skippedSources: IDENTITY_SOURCE_DATABASES.filter((db) => sourceStatus[db].status === 'skipped'),
      people: counts.people,
      links: counts.links,
      reviews: counts.reviews,
      created: {
        people: resolved.newPeople.length,
        links: countBy<(typeof resolved.links)[number], LinkMethod>(resolved.links, (l) => l.method, { anchor: 0, pin: 0, student_number: 0, name_birth_date: 0, manual: 0 }),
        reviews: countBy(resolved.reviews, (r) => r.reason, emptyReviewCounts()),
      },
      keptLinks: result.kept,
      removedLinks: removals.links.length,
    };
    report.timings.writeMs = Date.now() - matched;
    report.durationMs = Date.now() - started;
    await writeMeta(client, LAST_REBUILD_META_KEY, JSON.stringify({ at: new Date().toISOString(), ...report }));
    await initRelinkCursor(client, logEnd);
    await client.query('commit');
    logger.info('Identity registry rebuilt', {
      durationMs: report.durationMs,
      timings: report.timings,
      people: report.people,
      createdPeople: report.created.people,
      createdLinks: report.created.links,
      openReviews: report.reviews,
      skippedSources: report.skippedSources,
    });
    return report;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Reads all sources in parallel; a failing source is reported and skipped, never fatal. */
async function readAllSources(
  sources: RebuildOptions['sources'],
  pinKey: string,
): Promise<{ records: SourcePersonRecord[]; sourceStatus: IdentityReport['sources'] }> {
  const sourceStatus = {} as IdentityReport['sources'];
  const parts = await Promise.all(
    IDENTITY_SOURCE_DATABASES.map(async (database) => {
      const db = sources[database];
      if (!db) {
        sourceStatus[database] = { status: 'skipped', records: 0 };
        logger.warn('Identity rebuild: source not configured; its links are kept', { source: database });
        return [];
      }
      try {
        const records = await readSourceRecords(database, db, pinKey);
        sourceStatus[database] = { status: 'read', records: records.length };
        return records;
      } catch (error) {
        sourceStatus[database] = { status: 'skipped', records: 0 };
        // The code only: a driver's message can carry host names or, worse, data.
        logger.warn('Identity rebuild: source unavailable; its links are kept', { source: database, code: (error as { code?: string })?.code ?? 'error' });
        return [];
      }
    }),
  );
  return { records: parts.flat(), sourceStatus };
}

/** Replaces the matcher's temporary (negative) person ids by the ids taken from the sequence. */
function resolveTempIds(result: MatchResult, ids: number[]): MatchResult {
  const real = new Map<number, number>();
  result.newPeople.forEach((person, i) => real.set(person.tempId, ids[i]));
  const id = (personId: number) => (personId < 0 ? real.get(personId)! : personId);
  return {
    ...result,
    newPeople: result.newPeople.map((p) => ({ ...p, tempId: id(p.tempId) })),
    pinUpdates: result.pinUpdates.map((u) => ({ ...u, personId: id(u.personId) })),
    links: result.links.map((l) => ({ ...l, personId: id(l.personId) })),
    reviews: result.reviews.map((r) => ({ ...r, candidatePersonIds: r.candidatePersonIds.map(id).sort((a, b) => a - b) })),
  };
}

/**
 * Links and open reviews whose record no longer exists in a source that was read, and open reviews
 * that this run settled (the record is linked now and raised nothing new). A source that answered
 * with no rows at all is not trusted to mean "everyone left": its links stay.
 */
function staleRecords(
  records: SourcePersonRecord[],
  sourceStatus: IdentityReport['sources'],
  registry: Awaited<ReturnType<typeof loadRegistry>>,
  result: MatchResult,
): { links: RecordRef[]; reviews: RecordRef[] } {
  const present = new Set(records.map((r) => `${r.source}:${r.localKey}`));
  const trusted = new Set<string>();
  for (const db of IDENTITY_SOURCE_DATABASES) {
    if (sourceStatus[db].status === 'read' && sourceStatus[db].records > 0) for (const s of RECORD_SOURCES_OF[db]) trusted.add(s);
  }
  const gone = (ref: RecordRef) => trusted.has(ref.source) && !present.has(`${ref.source}:${ref.localKey}`);
  const reviewed = new Set(result.reviews.map((r) => `${r.source}:${r.localKey}`));
  const settled = new Set(result.links.map((l) => `${l.source}:${l.localKey}`).filter((key) => !reviewed.has(key)));
  return {
    links: registry.links.filter(gone).map(({ source, localKey }) => ({ source, localKey })),
    reviews: registry.openReviews
      .filter((r) => gone(r) || settled.has(`${r.source}:${r.localKey}`))
      .map(({ source, localKey }) => ({ source, localKey })),
  };
}

function countBy<T, K extends string>(items: T[], key: (item: T) => K, initial: Record<K, number>): Record<K, number> {
  const counts = { ...initial };
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
