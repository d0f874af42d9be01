/**
 * The members of a subscription group, as graphql-ws sees them: async iterators that the group
 * feeds with its shared results. A member with a known socket writes each result itself (see
 * subscription-frames.ts); one without a socket queues results for graphql-ws to drain, and is
 * ended with an error once it falls MAX_QUEUED results behind rather than growing without bound.
 */
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { FrameWriter } from './subscription-frames';

type Result = ExecutionResult;

/** Results one queued member may have waiting before it is ended. */
export const MAX_QUEUED = 10_000;

/** A group's result, serialised once for all its members on first need. */
export class SharedResult {
  private json: Buffer | null = null;
  constructor(readonly result: Result) {}
  /** The `payload` of a graphql-ws `next` message, as graphql-ws itself would write it. */
  payload(): Buffer {
    return (this.json ??= Buffer.from(JSON.stringify(this.result)));
  }
}

export interface GroupMember extends AsyncIterableIterator<Result> {
  push(shared: SharedResult): void;
  end(): void;
  fail(error: unknown): void;
}

/** Called once a member is done with its group (graphql-ws returned or threw, or it fell behind). */
export type LeaveGroup = (member: GroupMember) => void;

/**
 * What both kinds of member share: the async-iterator side graphql-ws drives (`next` waits until
 * a result, the end or a failure), and leaving the group when graphql-ws returns or throws.
 */
abstract class MemberBase implements GroupMember {
  private waiting: ((value: IteratorResult<Result>) => void) | null = null;
  private failWaiting: ((error: unknown) => void) | null = null;
  protected done = false;
  private failure: unknown = null;

  constructor(private readonly leave: LeaveGroup) {}

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
 * A member that writes each result itself: the group's serialised payload through its frame
 * writer. To graphql-ws it is a stream that yields nothing and ends when the subscription does
 * (its `complete` and `return()` work as usual).
 */
export class DirectMember extends MemberBase {
  constructor(private readonly write: FrameWriter, leave: LeaveGroup) {
    super(leave);
  }

  push(shared: SharedResult): void {
    if (this.done) return;
    this.write(shared.payload());
  }
}

/** A member without a socket to write to (another transport): a queue graphql-ws drains at its own pace. */
export class QueuedMember extends MemberBase {
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
