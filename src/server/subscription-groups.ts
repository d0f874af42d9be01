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
 * (corked for the rest of the event-loop turn): a slow socket never holds up its group, its
 * frames wait in its own send buffer. (A member without a known socket gets a queue instead; one
 * more than MAX_QUEUED results behind is ended with an error rather than growing without bound.)
 */
import {
  getOperationAST, Kind, print, GraphQLError,
  type DocumentNode, type ExecutionArgs, type ExecutionResult, type FieldNode, type FormattedExecutionResult,
} from 'graphql';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { HubContext } from '../graphql/context';
import type { Viewer } from '../auth/viewer';
// graphql-js's subscribe, minus any result that carries a refusal (it would announce a hidden event).
import { subscribeGuarded as graphqlSubscribe } from '../graphql/guard/subscription-access';

/** Where a subscription's messages go: its WebSocket and its graphql-ws operation id. */
export interface SubscriptionTarget {
  readonly socket: WebSocket;
  readonly id: string;
}

const targets = new WeakMap<object, SubscriptionTarget>();

/**
 * Marks a subscription's context with its socket and operation id, so a grouped subscription
 * can write the group's serialised result straight to the socket (see DirectMember).
 */
export function withSubscriptionTarget<C extends object>(context: C, target: SubscriptionTarget): C {
  targets.set(context, target);
  return context;
}

/**
 * Sockets written to in this turn of the event loop. Each is corked on its first frame and
 * uncorked once the turn is over, so the frames of several events that arrive together leave in
 * one system call rather than one each (writes are most of the cost of a busy dashboard feed).
 */
const corked = new Set<Socket>();
function flushCorked(): void {
  for (const socket of corked) socket.uncork();
  corked.clear();
}
function sendText(socket: WebSocket, frame: Buffer): void {
  const raw = (socket as unknown as { _socket?: Socket })._socket;
  if (raw && !corked.has(raw)) {
    raw.cork();
    corked.add(raw);
    if (corked.size === 1) setImmediate(flushCorked);
  }
  socket.send(frame, { binary: false });
}

const NEXT_SUFFIX = Buffer.from('}');

/** Subscription fields whose events are the same for every identical subscriber from the moment it joins. */
export const GROUPABLE_FIELDS: ReadonlySet<string> = new Set([
  'attendanceMarked', 'studentOrderChanged', 'studentStatusChanged', 'serviceRequestStatusChanged', 'clearanceRequired',
]);

const MAX_QUEUED = 10_000;

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

/** A group's result, serialised once for all its members on first need. */
class SharedResult {
  private json: Buffer | null = null;
  constructor(readonly result: Result) {}
  /** The `payload` of a graphql-ws `next` message, as graphql-ws itself would write it. */
  payload(): Buffer {
    return (this.json ??= Buffer.from(JSON.stringify(this.result)));
  }
}

interface GroupMember extends AsyncIterableIterator<Result> {
  push(shared: SharedResult): void;
  end(): void;
  fail(error: unknown): void;
}

/**
 * What both kinds of member share: the async-iterator side graphql-ws drives (`next` waits until
 * a result, the end or a failure), and leaving the group when graphql-ws returns or throws.
 */
abstract class MemberBase implements GroupMember {
  private waiting: ((value: IteratorResult<Result>) => void) | null = null;
  private failWaiting: ((error: unknown) => void) | null = null;
  protected done = false;
  private failure: unknown = null;

  constructor(private readonly leave: (member: GroupMember) => void) {}

  abstract push(shared: SharedResult): void;

  /** A result waiting to be taken by `next` (only members that queue have any). */
  protected dequeue(): Result | undefined {
    return undefined;
  }

  /** Drops what is waiting (the subscription is closing). */
  protected discard(): void {}

  /** Hands a result to a `next` already waiting; false when none is. */
  protected deliver(result: Result): boolean {
    const resolve = this.waiting;
    if (!resolve) return false;
    this.waiting = this.failWaiting = null;
    resolve({ done: false, value: result });
    return true;
  }

  /** The group ended (normally: the source completed). */
  end(): void {
    if (this.done) return;
    this.done = true;
    const resolve = this.waiting;
    this.waiting = this.failWaiting = null;
    resolve?.({ done: true, value: undefined });
  }

  fail(error: unknown): void {
    if (this.done) return;
    this.done = true;
    const reject = this.failWaiting;
    this.waiting = this.failWaiting = null;
    if (reject) reject(error);
    else this.failure = error;
  }

  /** Ends this member and takes it out of its group. */
  protected leaveGroup(): void {
    this.leave(this);
  }

  next(): Promise<IteratorResult<Result>> {
    const queued = this.dequeue();
    if (queued !== undefined) return Promise.resolve({ done: false, value: queued });
    if (this.failure) {
      const error = this.failure;
      this.failure = null;
      return Promise.reject(error);
    }
    if (this.done) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<Result>> {
    this.discard();
    this.end();
    this.leave(this);
    return Promise.resolve({ done: true, value: undefined });
  }

  throw(error?: unknown): Promise<IteratorResult<Result>> {
    this.discard();
    this.end();
    this.leave(this);
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Result> {
    return this;
  }
}

/**
 * A member that writes each result itself: the group's serialised payload framed as graphql-ws's
 * `next` message for this subscription's id, straight to the socket — no per-subscriber
 * serialisation, promise or message validation. To graphql-ws it is a stream that yields
 * nothing and ends when the subscription does (its `complete` and `return()` work as usual).
 */
class DirectMember extends MemberBase {
  private readonly prefix: Buffer;

  constructor(private readonly target: SubscriptionTarget, leave: (member: GroupMember) => void) {
    super(leave);
    this.prefix = Buffer.from(`{"id":${JSON.stringify(target.id)},"type":"next","payload":`);
  }

  push(shared: SharedResult): void {
    if (this.done) return;
    const socket = this.target.socket;
    if (socket.readyState !== socket.OPEN) return;
    sendText(socket, Buffer.concat([this.prefix, shared.payload(), NEXT_SUFFIX]));
  }
}

/** A member without a socket to write to (another transport): a queue graphql-ws drains at its own pace. */
class QueuedMember extends MemberBase {
  private readonly queue: Result[] = [];

  push(shared: SharedResult): void {
    if (this.done || this.deliver(shared.result)) return;
    if (this.queue.length >= MAX_QUEUED) {
      this.fail(new GraphQLError('This subscriber fell too far behind and was ended; resubscribe with `after` to catch up.'));
      this.leaveGroup();
      return;
    }
    this.queue.push(shared.result);
  }

  protected override dequeue(): Result | undefined {
    return this.queue.shift();
  }

  protected override discard(): void {
    this.queue.length = 0;
  }
}

const isStream = (value: unknown): value is Stream => !!value && typeof (value as Stream)[Symbol.asyncIterator] === 'function';

/** The part of the viewer that decides what it may see (two tokens of one account give the same key). */
const viewerKeys = new WeakMap<Viewer, string>();
function viewerKey(viewer: Viewer): string {
  let key = viewerKeys.get(viewer);
  if (key === undefined) {
    const s = viewer.scope;
    key = JSON.stringify([
      viewer.kind, viewer.id, viewer.role, viewer.purpose, [...s.read].sort(), [...s.personal].sort(), s.pseudonymous,
      s.facultyKey, s.chairKey, s.employeeKey, s.studentKey, s.personKey,
    ]);
    viewerKeys.set(viewer, key);
  }
  return key;
}

/** A document's text (the same parsed document is shared by the subscriptions that sent the same text). */
const printedDocuments = new WeakMap<DocumentNode, string>();
function printed(document: DocumentNode): string {
  let text = printedDocuments.get(document);
  if (text === undefined) printedDocuments.set(document, (text = print(document)));
  return text;
}

/** Variables as a canonical string (key order does not matter). */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** The root field of a groupable subscription without a replay, or null (run it alone). */
function groupableField(args: ExecutionArgs): FieldNode | null {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation || operation.operation !== 'subscription') return null;
  const selections = operation.selectionSet.selections;
  if (selections.length !== 1 || selections[0].kind !== Kind.FIELD) return null;
  const field = selections[0];
  if (!GROUPABLE_FIELDS.has(field.name.value) || field.directives?.length) return null;
  const after = field.arguments?.find((a) => a.name.value === 'after');
  if (after) {
    const value = after.value;
    if (value.kind === Kind.VARIABLE) {
      if (args.variableValues?.[value.name.value] != null) return null;
    } else if (value.kind !== Kind.NULL) {
      return null;
    }
  }
  return field;
}

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
      const key = `${viewer}\n${args.operationName ?? ''}\n${canonical(args.variableValues ?? {})}\n${printed(args.document)}`;
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
      const target = targets.get(context);
      const member: GroupMember = target ? new DirectMember(target, (m) => leave(joined, m)) : new QueuedMember((m) => leave(joined, m));
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
