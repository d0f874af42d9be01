/**
 * In-process publish/subscribe.
 *
 * - `pubSub`: the bus type-graphql's @Subscription resolvers listen on for the hub's own topics.
 * - The event log's fan-out (`publishEventLog` / `subscribeEventLog`): the new entries of the
 *   hub's event log as this instance's change feed publishes them — each once, in cursor order.
 *   It is a plain list of listeners rather than a pubsub topic because it is the hot path of live
 *   data: hundreds of streams each get every event, and a general-purpose pubsub (an EventTarget
 *   dispatch plus a Repeater queue per subscriber) cost more CPU than everything else together.
 *   A subscriber may pass a filter, so events it would drop never enter its queue.
 */
import { createPubSub } from '@graphql-yoga/subscription';
import type { LogEvent } from './event-log';

export const pubSub = createPubSub();

type Listener = (event: LogEvent) => void;
const listeners = new Set<Listener>();

/** Hands a new event-log entry to every subscriber of this process (synchronously, in call order). */
export function publishEventLog(event: LogEvent): void {
  for (const listener of listeners) listener(event);
}

/**
 * The new entries of the hub's event log from now on (those `accept` takes, default all), in
 * cursor order. A resuming subscriber first reads the log with `readEventsAfter` and then skips
 * live events whose cursor it has already seen. `return()` stops it at once.
 */
export function subscribeEventLog(accept: (event: LogEvent) => boolean = () => true): AsyncIterableIterator<LogEvent> {
  const queue = eventQueue(() => listeners.delete(listener));
  const listener: Listener = (event) => {
    if (accept(event)) queue.push(event);
  };
  listeners.add(listener);
  return queue.iterator;
}

/** A queue of events read as an async iterator; `onClose` runs once when its reader stops. */
export function eventQueue(onClose: () => void): { push(event: LogEvent): void; iterator: AsyncIterableIterator<LogEvent> } {
  const queue: LogEvent[] = [];
  let waiting: ((result: IteratorResult<LogEvent>) => void) | null = null;
  let done = false;
  const finish = (): IteratorResult<LogEvent> => {
    if (!done) onClose();
    done = true;
    queue.length = 0;
    const resolve = waiting;
    waiting = null;
    resolve?.({ done: true, value: undefined });
    return { done: true, value: undefined };
  };
  const iterator: AsyncIterableIterator<LogEvent> = {
    [Symbol.asyncIterator]: () => iterator,
    next() {
      if (queue.length) return Promise.resolve({ done: false, value: queue.shift()! });
      if (done) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: () => Promise.resolve(finish()),
    throw: (error?: unknown) => {
      finish();
      return Promise.reject(error);
    },
  };
  return {
    push(event) {
      if (done) return;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ done: false, value: event });
      } else {
        queue.push(event);
      }
    },
    iterator,
  };
}
