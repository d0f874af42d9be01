/**
 * The change feed of one hub instance.
 *
 * Ingesting: exactly one instance at a time copies the sources' captured changes into the hub's
 * `event_log`. It is the one holding a session-level advisory lock on a dedicated hub connection;
 * the others try again every second, and when the holder dies its session ends, the lock is freed
 * and another instance takes over within seconds. Because the lock, the inserts and the position
 * updates share that one connection, an instance that has lost its session can no longer write.
 * Each batch (events + new position) is one hub transaction, and (source, source_change_id) is
 * unique: nothing is lost or doubled across crashes. The leader wakes on each source's NOTIFY and
 * also polls, so a missed notification only costs a poll interval; at start it catches up on what
 * changed while no hub was running. A source that is down is skipped and retried.
 *
 * Capture failures: the leader also reads each source's `campus_graph_capture_failure` by
 * position (when the source NOTIFYs `failure`, and every few seconds), copies them into the hub's
 * `capture_failure` and logs them (events/capture-failures.ts). A failure to read them never holds
 * up the changes.
 *
 * Fan-out: every instance (leader or not) tails `event_log` by cursor — woken by the leader's
 * NOTIFY on the hub, plus a poll — and publishes each new event once, in cursor order, on the
 * in-process event-log fan-out (events/pubsub.ts). It uses its own connections, never a request's.
 */
import pg from 'pg';
import { SOURCE_NAMES, type SourceName } from '../config';
import { logger } from '../common/logger';
import type { Databases } from '../db/databases';
import { publishEventLog } from './pubsub';
import { EVENT_COLUMNS, toLogEvent, type LogEvent } from './event-log';
import { readChanges, type GapWatch } from './change-reader';
import { FAILURE_NOTIFICATION, readCaptureFailures, reportCaptureFailures, reportedFailurePosition, trimCaptureFailures } from './capture-failures';
import { Alarm } from '../common/alarm';

/** The advisory-lock key of the ingesting instance ("campus graph ingest"). */
export const INGEST_LOCK_KEY = 7_140_281_129;
const CHANGE_CHANNEL = 'campus_graph_change';
const EVENT_CHANNEL = 'campus_graph_event';

export interface ChangeFeedOptions {
  hubUrl: string;
  /** The sources to ingest (name → connection URL). */
  sources: Partial<Record<SourceName, string>>;
  /** Where new events go; default: this process's event-log fan-out (events/pubsub.ts). */
  publish?: (event: LogEvent) => void;
  /** Poll interval of both the ingestion and the tail (ms). */
  pollMs?: number;
  /** How often a non-leader tries to take the lock (ms). */
  lockRetryMs?: number;
  /** Wait before reconnecting to a source that is down (ms). */
  sourceRetryMs?: number;
  /**
   * How long a source keeps a captured change after the hub has ingested it (ms, default one day):
   * older ingested rows are deleted from the source's `campus_graph_change`, so the hub's table in
   * a partner's database does not grow for ever. Rows not ingested yet are never deleted.
   */
  retainChangesMs?: number;
  /** How often the ingesting instance trims each source (ms). */
  trimEveryMs?: number;
  /** How often each source's capture failures are read without a NOTIFY saying there is one (ms). */
  failurePollMs?: number;
  batchSize?: number;
  /** False: no LISTEN at all (tests of the poll path). */
  listen?: boolean;
  /** False: never ingest, only tail (a read-only instance). */
  ingest?: boolean;
  /** Shown as the connections' application_name. */
  name?: string;
}

export interface ChangeFeed {
  /** Whether this instance holds the ingest lock now. */
  isLeader(): boolean;
  /** The cursor of the last event published by this instance. */
  lastPublishedCursor(): number;
  /** The backend pid of the hub connection (holds the lock while leader); null while disconnected. */
  hubPid(): number | null;
  /** Runs a round now instead of at the next poll. */
  wake(): void;
  stop(): Promise<void>;
}

interface SourceState {
  name: SourceName;
  url: string;
  client: pg.Client | null;
  broken: boolean;
  retryAt: number;
  position: number | null;
  gap: GapWatch | null;
  downLogged: boolean;
  /** A NOTIFY (or more waiting, or a gap) since the last read: read it in the next round, not only at the next poll. */
  dirty: boolean;
  /** When this source's change table was last trimmed (ms). */
  trimmedAt: number;
  /** How far this source's capture failures are reported (null: read it from the hub). */
  failurePosition: number | null;
  failureGap: GapWatch | null;
  /** A `failure` NOTIFY (or a gap, or more waiting) since the failures were last read. */
  failuresDirty: boolean;
  /** When the failures were last read (ms). */
  failuresReadAt: number;
  /** The failure table could not be read (logged once until it can). */
  failuresBroken: boolean;
}

/** Rows deleted per trim statement: a large backlog is worked off over several rounds, never in one long lock. */
const TRIM_BATCH = 5000;

/** The change feed of a running hub, over its databases' URLs. */
export function startHubChangeFeed(databases: Databases, options: Partial<ChangeFeedOptions> = {}): Promise<ChangeFeed> {
  const sources: Partial<Record<SourceName, string>> = {};
  for (const name of SOURCE_NAMES) sources[name] = databases.handles[name].url;
  return startChangeFeed({ hubUrl: databases.handles.hub.url, sources, ...options });
}

export async function startChangeFeed(options: ChangeFeedOptions): Promise<ChangeFeed> {
  const pollMs = options.pollMs ?? 500;
  const lockRetryMs = options.lockRetryMs ?? 1000;
  const sourceRetryMs = options.sourceRetryMs ?? 2000;
  const batchSize = options.batchSize ?? 500;
  const retainChangesMs = options.retainChangesMs ?? 24 * 3600_000;
  const trimEveryMs = options.trimEveryMs ?? 60_000;
  const failurePollMs = options.failurePollMs ?? 5_000;
  const listen = options.listen ?? true;
  const mayIngest = options.ingest ?? true;
  const appName = options.name ?? 'campus_graph_feed';
  const publish = options.publish ?? publishEventLog;

  let stopped = false;
  let leader = false;
  let hub: pg.Client | null = null;
  let hubBroken = false;
  let pid: number | null = null;
  let lastLockTry = 0;
  let lastFullRead = 0;
  let cursor = 0;
  const alarm = new Alarm();

  const sources: SourceState[] = Object.entries(options.sources).map(([name, url]) => ({
    name: name as SourceName, url: url!, client: null, broken: false, retryAt: 0, position: null, gap: null, downLogged: false, dirty: true, trimmedAt: 0,
    failurePosition: null, failureGap: null, failuresDirty: true, failuresReadAt: 0, failuresBroken: false,
  }));

  function wake(): void {
    alarm.wake();
  }

  async function connectHub(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: options.hubUrl, application_name: `${appName}:hub` });
    client.on('error', (error) => {
      logger.warn('Change feed lost its hub connection', { code: (error as { code?: string }).code });
      hubBroken = true;
      leader = false;
      wake();
    });
    client.on('notification', () => wake());
    await client.connect();
    if (listen) await client.query(`listen ${EVENT_CHANNEL}`);
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    pid = rows[0].pid;
    hubBroken = false;
    return client;
  }

  async function dropHub(): Promise<void> {
    const client = hub;
    hub = null;
    pid = null;
    if (leader) logger.warn('Change feed gave up ingesting (hub connection lost)');
    leader = false;
    for (const source of sources) source.position = source.failurePosition = null;
    await client?.end().catch(() => undefined);
  }

  async function dropSource(source: SourceState): Promise<void> {
    const client = source.client;
    source.client = null;
    source.gap = source.failureGap = null;
    await client?.end().catch(() => undefined);
  }

  async function sourceClient(source: SourceState): Promise<pg.Client | null> {
    if (source.client && !source.broken) return source.client;
    if (source.client) await dropSource(source);
    if (Date.now() < source.retryAt) return null;
    const client = new pg.Client({ connectionString: source.url, application_name: `${appName}:${source.name}`, connectionTimeoutMillis: 5000 });
    client.on('error', () => {
      source.broken = true;
      wake();
    });
    client.on('notification', (message) => {
      if (message.payload === FAILURE_NOTIFICATION) source.failuresDirty = true;
      source.dirty = true;
      wake();
    });
    try {
      await client.connect();
      if (listen) await client.query(`listen ${CHANGE_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      source.retryAt = Date.now() + sourceRetryMs;
      if (!source.downLogged) logger.warn('Change feed: source unavailable, retrying', { source: source.name, code: (error as { code?: string }).code });
      source.downLogged = true;
      return null;
    }
    source.broken = false;
    source.client = client;
    return client;
  }

  /** Copies one source's new changes into the event log; true when more are waiting. */
  async function ingestSource(source: SourceState, db: pg.Client): Promise<boolean> {
    const client = await sourceClient(source);
    if (!client) return false;
    if (source.position === null) {
      const { rows } = await db.query<{ last: string }>('select last_change_id::text as last from ingest_position where source = $1', [source.name]);
      source.position = rows.length ? Number(rows[0].last) : 0;
    }
    let batch;
    try {
      batch = await readChanges(client, source.position, batchSize, source.gap);
    } catch (error) {
      source.broken = true;
      source.retryAt = Date.now() + sourceRetryMs;
      // Once per outage: a source without its change table (migration refused) would otherwise log every retry.
      if (!source.downLogged) logger.warn('Change feed: reading a source failed, retrying', { source: source.name, code: (error as { code?: string }).code });
      source.downLogged = true;
      return false;
    }
    if (source.downLogged) logger.info('Change feed: source is back', { source: source.name });
    source.downLogged = false;
    source.gap = batch.gap;
    if (batch.changes.length === 0) return false;
    const last = batch.changes[batch.changes.length - 1].id;
    // The events, the new position and the wake-up of the other instances in ONE statement (its
    // own transaction, so all or nothing): one round trip per batch instead of five, which is
    // most of the change feed's share of the commit-to-delivery latency.
    await db.query(
      `with logged as (
         insert into event_log (source, source_change_id, table_name, op, row_key, row_data, old_data, changed_at)
         select $1, (e->>'id')::bigint, e->>'table_name', e->>'op', e->>'row_key', e->'row_data',
                nullif(e->'old_data', 'null'::jsonb), (e->>'changed_at')::timestamptz
           from jsonb_array_elements($2::jsonb) with ordinality as x(e, n)
          order by n
         on conflict (source, source_change_id) do nothing
         returning 1
       ), moved as (
         insert into ingest_position (source, last_change_id) values ($1, $3)
         on conflict (source) do update set last_change_id = excluded.last_change_id, updated_at = clock_timestamp()
         returning 1
       )
       select pg_notify($4, $1) from moved`,
      [source.name, JSON.stringify(batch.changes), last, EVENT_CHANNEL],
    );
    source.position = last;
    return batch.full;
  }

  /**
   * Reports the source's new capture failures (when it said there are some, or every
   * `failurePollMs`). Errors are logged once and never stop the changes.
   */
  async function reportFailures(source: SourceState, db: pg.Client): Promise<void> {
    if (!source.client || source.broken || !(source.failuresDirty || Date.now() - source.failuresReadAt >= failurePollMs)) return;
    source.failuresDirty = false;
    source.failuresReadAt = Date.now();
    try {
      if (source.failurePosition === null) source.failurePosition = await reportedFailurePosition(db, source.name);
      const batch = await readCaptureFailures(source.client, source.failurePosition, batchSize, source.failureGap);
      source.failureGap = batch.gap;
      if (batch.gap || batch.full) source.failuresDirty = true;
      if (batch.changes.length > 0) {
        await reportCaptureFailures(db, source.name, batch.changes);
        source.failurePosition = batch.changes[batch.changes.length - 1].id;
      }
      if (source.failuresBroken) logger.info('Change feed: capture failures of a source readable again', { source: source.name });
      source.failuresBroken = false;
    } catch (error) {
      // A source not migrated yet (no failure table) or a hiccup: tried again at the next poll.
      if (!source.failuresBroken) logger.warn('Change feed: reading a source\'s capture failures failed; will retry', { source: source.name, code: (error as { code?: string }).code });
      source.failuresBroken = true;
    }
  }

  /**
   * Deletes the source's captured changes that are both in the event log (at or below the
   * ingested position) and older than the retention. A failure only postpones the next trim.
   */
  async function trimSource(source: SourceState): Promise<void> {
    if (source.position === null || !source.client || source.broken || Date.now() - source.trimmedAt < trimEveryMs) return;
    source.trimmedAt = Date.now();
    try {
      const { rowCount } = await source.client.query(
        `delete from campus_graph_change where id in (
           select id from campus_graph_change
            where id <= $1 and changed_at < clock_timestamp() - make_interval(secs => $2)
            order by id limit $3)`,
        [source.position, retainChangesMs / 1000, TRIM_BATCH],
      );
      if (rowCount) logger.debug('Change feed: trimmed ingested changes', { source: source.name, rows: rowCount });
      // A full batch: more may be waiting; go on at the next round.
      if (rowCount === TRIM_BATCH) source.trimmedAt = 0;
      // Reported failures go the same way (the hub's capture_failure keeps them).
      if (source.failurePosition !== null && !source.failuresBroken) {
        if ((await trimCaptureFailures(source.client, source.failurePosition, retainChangesMs, TRIM_BATCH)) === TRIM_BATCH) source.trimmedAt = 0;
      }
    } catch (error) {
      logger.warn('Change feed: trimming a source failed; will retry', { source: source.name, code: (error as { code?: string }).code });
    }
  }

  /** Publishes every event after the last published cursor, in order. */
  async function tail(db: pg.Client): Promise<void> {
    for (;;) {
      const { rows } = await db.query(`select ${EVENT_COLUMNS} from event_log where cursor > $1 order by cursor limit $2`, [cursor, batchSize]);
      for (const row of rows) {
        const event = toLogEvent(row);
        cursor = event.cursor;
        try {
          publish(event);
        } catch (error) {
          logger.error('Change feed: a subscriber threw', { message: (error as Error).message });
        }
      }
      if (rows.length < batchSize) return;
    }
  }

  /** One round; true when there is more to do at once. */
  async function round(): Promise<boolean> {
    if (hub && hubBroken) await dropHub();
    if (!hub) hub = await connectHub();
    const db = hub;
    if (mayIngest && !leader && Date.now() - lastLockTry >= lockRetryMs) {
      lastLockTry = Date.now();
      const { rows } = await db.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [INGEST_LOCK_KEY]);
      if (rows[0].ok) {
        leader = true;
        logger.info('Change feed: this instance ingests now', { name: appName });
      }
    }
    let more = false;
    if (leader) {
      // A NOTIFY names its source: a wake-up reads only the sources that notified; every poll
      // interval all of them are read (a missed notification, a source back from an outage).
      const everyone = Date.now() - lastFullRead >= pollMs;
      if (everyone) lastFullRead = Date.now();
      for (const source of sources) {
        if (stopped) break;
        if (!everyone && !source.dirty) continue;
        source.dirty = false;
        const backlog = await ingestSource(source, db);
        if (backlog) more = source.dirty = true;
        if (source.gap) source.dirty = true;
        await reportFailures(source, db);
        // Trimming waits while a source still has a backlog to ingest: ingesting comes first.
        if (!backlog) await trimSource(source);
      }
    }
    await tail(db);
    return more;
  }

  // Start where the log ends now: older events are history, replayed from the log on request.
  hub = await connectHub();
  const { rows } = await hub.query<{ cursor: number }>('select coalesce(max(cursor), 0)::float8 as cursor from event_log');
  cursor = Number(rows[0].cursor);

  const loop = (async () => {
    while (!stopped) {
      let more = false;
      try {
        more = await round();
      } catch (error) {
        logger.warn('Change feed round failed; retrying', { message: (error as Error).message, code: (error as { code?: string }).code });
        hubBroken = true;
      }
      if (stopped) break;
      if (more || alarm.taken()) continue;
      await alarm.pause(pollMs);
      alarm.taken();
    }
  })();

  return {
    isLeader: () => leader,
    lastPublishedCursor: () => cursor,
    hubPid: () => pid,
    wake,
    async stop() {
      if (stopped) return;
      stopped = true;
      wake();
      await loop;
      // Ending the hub session frees the advisory lock at once for another instance.
      if (leader) logger.info('Change feed: this instance stops ingesting', { name: appName });
      leader = false;
      await dropHub();
      for (const source of sources) await dropSource(source);
    },
  };
}
