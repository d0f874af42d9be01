/** /readyz: the state of the hub database and of each source, checked now, concurrently. */
import { DATABASE_NAMES, type DatabaseName } from '../config';
import type { HubRuntime } from '../graphql/context';
import { captureFailureSummary, type CaptureFailureSummary } from '../events/capture-failures';

export interface Readiness {
  /** ready: everything up · degraded: a source is down (its fields are null) · unavailable: the hub database is down. */
  status: 'ready' | 'degraded' | 'unavailable';
  databases: Record<DatabaseName, { state: 'up' | 'down'; external: boolean }>;
  /**
   * Live data on this instance: whether it is the one ingesting the sources' changes (one instance
   * at a time holds the ingest lock) and the cursor of the last event it published to its subscribers.
   */
  changeFeed?: { ingesting: boolean; lastPublishedCursor: string };
  /**
   * Per source: changes its capture could not record (the source's write went through; the change
   * is missing from the event log) — how many the hub has recorded, and when the latest happened.
   * Visible, but not a reason to be degraded: reads are unaffected. Absent while the hub database
   * is down.
   */
  captureFailures?: CaptureFailureSummary;
}

export async function readiness(runtime: HubRuntime): Promise<Readiness> {
  const states = await Promise.all(DATABASE_NAMES.map((name) => runtime.databases.handles[name].reader.ping()));
  const databases = {} as Readiness['databases'];
  DATABASE_NAMES.forEach((name, i) => {
    databases[name] = { state: states[i] === 'up' ? 'up' : 'down', external: runtime.databases.handles[name].external };
  });
  const status = databases.hub.state === 'down' ? 'unavailable' : Object.values(databases).some((d) => d.state === 'down') ? 'degraded' : 'ready';
  const feed = runtime.changeFeed;
  const captureFailures = databases.hub.state === 'up' ? await captureFailureSummary(runtime.databases.handles.hub.reader).catch(() => undefined) : undefined;
  return {
    status,
    databases,
    ...(feed ? { changeFeed: { ingesting: feed.isLeader(), lastPublishedCursor: String(feed.lastPublishedCursor()) } } : {}),
    ...(captureFailures ? { captureFailures } : {}),
  };
}
