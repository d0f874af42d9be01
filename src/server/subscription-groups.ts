/**
 * Identical live subscriptions share one execution. Thousands of dashboards typically run a few
 * hundred distinct operations (the same document with the same filter, by the same account or
 * key); executing each event once per subscriber would repeat the same work — the guard, the
 * resolvers, their loaders — thousands of times. Here subscriptions with
 *   the same viewer (same account or key, role and scope) + the same document, operation name
 *   and variables
 * form a group: the subscription runs once as usual (type-graphql's subscribe, the guard's
 * filter, graphql-js's execution per event) in a context of that viewer shared by all its groups,
 * and each result is handed, as the same object, to every member of the group. The viewer is part
 * of the key, so a member receives exactly what its own subscription would have produced.
 *
 * Only change-feed subscriptions without `after` are grouped: they deliver "events from now on",
 * so a member that joins a running group misses nothing it was promised. A replay (`after`) is
 * each subscriber's own history and runs alone, as does every other subscription (heartbeat
 * counts from its own start).
 *
 * Each result is serialised once per group and written by the group to each member's socket
 * (subscription-frames.ts): a slow socket never holds up its group, its frames wait in its own
 * send buffer. The members are in subscription-members.ts, the group's key in
 * subscription-group-key.ts; this file runs the groups' lives: start, join, leave, close.
 */
import type { ExecutionArgs, ExecutionResult, FormattedExecutionResult } from 'graphql';
import type { HubContext } from '../graphql/context';
import type { Viewer } from '../auth/viewer';
// graphql-js's subscribe, minus any result that carries a refusal (it would announce a hidden event).
import { subscribeGuarded as graphqlSubscribe } from '../graphql/guard/subscription-access';
import { nextFrameWriter, subscriptionTargetOf } from './subscription-frames';
import { DirectMember, QueuedMember, SharedResult, type GroupMember } from './subscription-members';
import { groupableField, groupKey, viewerKey } from './subscription-group-key';

type Result = ExecutionResult;
type Stream = AsyncIterableIterator<Result>;

interface Group {
  readonly key: string;
  readonly viewerKey: string;
  readonly members: Set<GroupMember>;
  /** The shared subscription; resolves once the first member's subscribe has run. */
  source: Promise<Stream | Result>;
  closed: boolean;
}

const isStream = (value: unknown): value is Stream => !!value && typeof (value as Stream)[Symbol.asyncIterator] === 'function';

export interface SubscriptionGroups {
  /** graphql-ws's `subscribe`: joins (or starts) the subscription's group, or subscribes alone. */
  subscribe(args: ExecutionArgs): Promise<Stream | Result>;
  /** Groups and members now (for logs and tests). */
  stats(): { groups: number; members: number; viewers: number };
}

export interface SubscriptionGroupsOptions {
  /**
   * A fresh context for a viewer. All the groups of one viewer run in one such context, so what
   * the guard learns about the viewer (a dean's faculty groups, a teacher's lessons…) is read once
   * per viewer, not once per group, and the loaders batch across its groups.
   */
  contextFor(viewer: Viewer): HubContext;
  /** Formats a result's errors once for the whole group, as graphql-ws's `onNext` does for the others. */
  formatResult?(result: Result): Result | FormattedExecutionResult;
}

export function createSubscriptionGroups(options: SubscriptionGroupsOptions): SubscriptionGroups {
  const groups = new Map<string, Group>();
  const viewers = new Map<string, { context: HubContext; groups: number }>();

  function viewerContext(key: string, viewer: Viewer): HubContext {
    let entry = viewers.get(key);
    if (!entry) viewers.set(key, (entry = { context: options.contextFor(viewer), groups: 0 }));
    entry.groups++;
    return entry.context;
  }

  function closed(group: Group): void {
    if (group.closed) return;
    group.closed = true;
    if (groups.get(group.key) === group) groups.delete(group.key);
    const entry = viewers.get(group.viewerKey);
    if (entry && --entry.groups === 0) viewers.delete(group.viewerKey);
  }

  function leave(group: Group, member: GroupMember): void {
    if (!group.members.delete(member) || group.members.size > 0 || group.closed) return;
    closed(group);
    void group.source.then((source) => (isStream(source) ? source.return?.() : undefined)).catch(() => undefined);
  }

  function start(group: Group, args: ExecutionArgs): void {
    const viewer = (args.contextValue as HubContext).viewer;
    group.source = Promise.resolve(graphqlSubscribe({ ...args, contextValue: viewerContext(group.viewerKey, viewer) })) as Promise<Stream | Result>;
    void group.source.then(
      async (source) => {
        if (!isStream(source)) {
          // An answer instead of a stream (an error): not remembered, the next subscriber tries afresh.
          closed(group);
          return;
        }
        try {
          for await (const result of source) {
            const shared = new SharedResult(options.formatResult ? (options.formatResult(result) as Result) : result);
            for (const member of group.members) member.push(shared);
          }
          for (const member of group.members) member.end();
        } catch (error) {
          for (const member of group.members) member.fail(error);
        } finally {
          closed(group);
        }
      },
      () => closed(group),
    );
  }

  return {
    async subscribe(args) {
      if (!groupableField(args)) return graphqlSubscribe(args) as Promise<Stream | Result>;
      const context = args.contextValue as HubContext;
      const viewer = viewerKey(context.viewer);
      const key = groupKey(viewer, args);
      let group = groups.get(key);
      if (!group || group.closed) {
        group = { key, viewerKey: viewer, members: new Set(), source: null as unknown as Promise<Stream | Result>, closed: false };
        groups.set(key, group);
        start(group, args);
      }
      const joined = group;
      const source: Stream | Result | Error = await joined.source.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      // Subscribing failed (bad arguments, forbidden…): this subscriber gets the same answer alone.
      if (!isStream(source)) {
        if (source instanceof Error) throw source;
        return source as Result;
      }
      // The shared stream ended while this subscriber waited for it: subscribe alone.
      if (joined.closed) {
        return graphqlSubscribe(args) as Promise<Stream | Result>;
      }
      const target = subscriptionTargetOf(context);
      const leaveJoined = (m: GroupMember) => leave(joined, m);
      const member: GroupMember = target ? new DirectMember(nextFrameWriter(target), leaveJoined) : new QueuedMember(leaveJoined);
      joined.members.add(member);
      return member;
    },
    stats() {
      let members = 0;
      for (const group of groups.values()) members += group.members.size;
      return { groups: groups.size, members, viewers: viewers.size };
    },
  };
}
