/**
 * The in-process publish/subscribe bus that type-graphql's @Subscription resolvers listen on.
 * (The live-data work feeds it from the hub's ordered event log.)
 */
import { createPubSub } from '@graphql-yoga/subscription';
import type { LogEvent } from './event-log';

export const pubSub = createPubSub();

/**
 * The new entries of the hub's event log, as this instance's change feed publishes them (topic
 * EVENT_LOG): each once, in cursor order. A resuming subscriber first reads the log with
 * `readEventsAfter` and then skips live events whose cursor it has already seen.
 */
export function subscribeEventLog(): AsyncIterableIterator<LogEvent> {
  return (pubSub.subscribe as (topic: string) => AsyncIterableIterator<LogEvent>)('EVENT_LOG');
}
