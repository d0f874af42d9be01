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
 *
 * This file runs the rounds; the parts own their state: the hub session (feed-hub-session.ts),
 * the lock (ingest-lock.ts), each source's step (source-ingest.ts: its connection, position,
 * capture failures and trimming) and the tail (event-tail.ts).
 */
import { SOURCE_NAMES, type SourceName } from '../config';
import { logger } from '../common/logger';
import { Alarm } from '../common/alarm';
import type { Databases } from '../db/databases';
import { publishEventLog } from './pubsub';
import type { LogEvent } from './event-log';
import { FeedHubSession } from './feed-hub-session';
import { IngestLock } from './ingest-lock';
import { EventTail } from './event-tail';
import { SourceIngest } from './source-ingest';

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

/** The change feed of a running hub, over its databases' URLs. */
export function startHubChangeFeed(databases: Databases, options: Partial<ChangeFeedOptions> = {}): Promise<ChangeFeed> {
  const sources: Partial<Record<SourceName, string>> = {};
  for (const name of SOURCE_NAMES) sources[name] = databases.handles[name].url;
  return startChangeFeed({ hubUrl: databases.handles.hub.url, sources, ...options });
}

export async function startChangeFeed(options: ChangeFeedOptions): Promise<ChangeFeed> {
  const pollMs = options.pollMs ?? 500;
  const batchSize = options.batchSize ?? 500;
  const listen = options.listen ?? true;
  const mayIngest = options.ingest ?? true;
  const appName = options.name ?? 'campus_graph_feed';

  const alarm = new Alarm();
  const wake = (): void => alarm.wake();
  const lock = new IngestLock(options.lockRetryMs ?? 1000, appName);
  const hub = new FeedHubSession({
    url: options.hubUrl,
    appName,
    listen,
    onLost: () => {
      lock.lose();
      wake();
    },
    onNotify: wake,
  });
  const tail = new EventTail(options.publish ?? publishEventLog, batchSize);
  const sources = Object.entries(options.sources).map(([name, url]) => new SourceIngest({
    name: name as SourceName,
    url: url!,
    appName,
    listen,
    batchSize,
    sourceRetryMs: options.sourceRetryMs ?? 2000,
    retainChangesMs: options.retainChangesMs ?? 24 * 3600_000,
    trimEveryMs: options.trimEveryMs ?? 60_000,
    failurePollMs: options.failurePollMs ?? 5_000,
    wake,
  }));
  let stopped = false;
  let lastFullRead = 0;

  async function dropHub(): Promise<void> {
    if (lock.lose()) logger.warn('Change feed gave up ingesting (hub connection lost)');
    for (const source of sources) source.forgetPositions();
    await hub.close();
  }

  /** One round; true when there is more to do at once. */
  async function round(): Promise<boolean> {
    if (hub.isBroken()) await dropHub();
    const db = await hub.connection();
    let more = false;
    if (mayIngest && (await lock.tryTake(db))) {
      // A NOTIFY names its source: a wake-up reads only the sources that notified; every poll
      // interval all of them are read (a missed notification, a source back from an outage).
      const everyone = Date.now() - lastFullRead >= pollMs;
      if (everyone) lastFullRead = Date.now();
      for (const source of sources) {
        if (stopped) break;
        if (await source.step(db, everyone)) more = true;
      }
    }
    await tail.publishNew(db);
    return more;
  }

  // Start where the log ends now: older events are history, replayed from the log on request.
  await tail.startAtEnd(await hub.connection());

  const loop = (async () => {
    while (!stopped) {
      let more = false;
      try {
        more = await round();
      } catch (error) {
        logger.warn('Change feed round failed; retrying', { message: (error as Error).message, code: (error as { code?: string }).code });
        hub.markBroken();
      }
      if (stopped) break;
      if (more || alarm.taken()) continue;
      await alarm.pause(pollMs);
      alarm.taken();
    }
  })();

  return {
    isLeader: () => lock.isHeld(),
    lastPublishedCursor: () => tail.lastCursor(),
    hubPid: () => hub.pid(),
    wake,
    async stop() {
      if (stopped) return;
      stopped = true;
      wake();
      await loop;
      // Ending the hub session frees the advisory lock at once for another instance.
      if (lock.lose()) logger.info('Change feed: this instance stops ingesting', { name: appName });
      await dropHub();
      for (const source of sources) await source.close();
    },
  };
}
