/**
 * Replay-then-live: the events of some source tables after a cursor, read from the hub's event log
 * page by page, then continued from this instance's live topic — with no gap and no duplicate.
 * The live topic is listened to (and buffered) before the replay starts, so an event ingested
 * while the log is being read arrives either in the replay or live; live events whose cursor the
 * replay already delivered are dropped.
 */
import { readEventsAfter, type LogEvent, type Queryable } from '../../events/event-log';
import { subscribeEventLog } from '../../events/pubsub';
import { validationFailed } from '../../common/errors';

/** Rows read from the log per replay page. */
const REPLAY_PAGE = 200;

export interface EventFilter {
  readonly sources: readonly string[];
  readonly tables: readonly string[];
}

/**
 * Every event of `filter` after `after` (null: only new ones), mapped by `toPayload` (null: the
 * event does not match the subscriber's `where` and is skipped), in cursor order.
 */
export function eventStream<T>(
  hubReader: Queryable,
  after: number | null,
  filter: EventFilter,
  toPayload: (event: LogEvent) => Promise<T | null>,
  /**
   * The live events, from now on, in cursor order (default: every new event of `filter`'s tables).
   * A narrower source may leave out events `toPayload` would skip anyway — that is all it may leave out.
   */
  subscribeLive?: () => AsyncIterableIterator<LogEvent>,
): AsyncIterableIterator<T> {
  const matches = (e: LogEvent) => filter.sources.includes(e.source) && filter.tables.includes(e.table);
  const live = subscribeLive ? subscribeLive() : subscribeEventLog(matches);
  const buffered: LogEvent[] = [];
  let closed = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  // Listening started above, before the replay reads the log; pump the live events into the buffer.
  void (async () => {
    try {
      for (;;) {
        const result = await live.next();
        if (result.done || closed) break;
        buffered.push(result.value);
        notify();
      }
    } catch {
      // The topic ended; the stream ends when its buffer is drained.
    } finally {
      closed = true;
      notify();
    }
  })();

  async function* produce(): AsyncGenerator<T> {
    let last = after ?? -Infinity;
    if (after != null) {
      for (;;) {
        const page = await readEventsAfter(hubReader, last, REPLAY_PAGE, filter);
        for (const event of page) {
          if (closed) return;
          last = event.cursor;
          const payload = await toPayload(event);
          if (payload != null) yield payload;
        }
        if (page.length < REPLAY_PAGE) break;
      }
    }
    for (;;) {
      while (buffered.length > 0) {
        const event = buffered.shift()!;
        if (event.cursor <= last) continue;
        last = event.cursor;
        const payload = await toPayload(event);
        if (payload != null) yield payload;
      }
      if (closed) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }

  const inner = produce();
  const stream: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => stream,
    next: () => inner.next(),
    async return(value?: unknown) {
      // Unsubscribing must not wait for the next event: stop the live topic and wake the producer.
      closed = true;
      notify();
      await live.return?.();
      return inner.return(value as T);
    },
    async throw(error?: unknown) {
      closed = true;
      notify();
      await live.return?.();
      return inner.throw(error);
    },
  };
  return stream;
}

/** The cursor a subscriber passed as `after` (a decimal string), or null for "only new events". */
export function parseCursor(after: string | null | undefined): number | null {
  if (after == null || after === '') return null;
  const value = Number(after);
  if (!/^\d+$/.test(after) || !Number.isSafeInteger(value)) throw validationFailed('after must be a cursor an earlier event carried.', 'after');
  return value;
}
