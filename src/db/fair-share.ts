/**
 * Each caller's fair share of one source's connections. A source's pool is small (ten
 * connections) and shared by every request of every caller; without a share, one caller sending
 * many statements at once — a thousand aliases, ten slow searches — holds every connection, and
 * everyone else waits until the pool gives up. Here a statement of a request first takes a slot:
 *
 * - `slots` statements run at once in all (one connection less than the pool, so the hub's own
 *   work — health checks, audit, the change feed — always finds a connection);
 * - one caller (API key, account, or anonymous address) runs at most `perCaller` at once;
 * - all anonymous callers together run at most `anonymous` at once;
 * - a caller may have at most `queuePerCaller` statements waiting, and a statement waits at most
 *   `queueTimeoutMs`: beyond either it fails with SOURCE_BUSY, for that caller only.
 *
 * A freed slot goes to the longest-waiting statement whose caller is under its limits, so a
 * caller with a long queue never delays one that just arrived beyond its own share.
 */
import { ErrorCode, HubError } from '../common/errors';

export interface FairShareOptions {
  slots: number;
  perCaller: number;
  anonymous: number;
  queuePerCaller: number;
  queueTimeoutMs: number;
}

/** Who a statement runs for: its rate-limit key, and whether the caller is anonymous. */
export interface Caller {
  readonly key: string;
  readonly anonymous: boolean;
}

interface Waiter {
  caller: Caller;
  grant: () => void;
  timer: NodeJS.Timeout;
}

export class FairShare {
  private running = 0;
  private anonymousRunning = 0;
  private readonly runningBy = new Map<string, number>();
  private readonly waitingBy = new Map<string, number>();
  private readonly queue: Waiter[] = [];

  constructor(
    readonly source: string,
    private readonly options: FairShareOptions,
  ) {}

  /** Takes a slot for `caller` (waiting if needed); returns the function that frees it. */
  async acquire(caller: Caller): Promise<() => void> {
    // Every waiter is ineligible whenever a slot is free (dispatch grants the others), so an
    // eligible newcomer overtakes no one.
    if (this.eligible(caller)) {
      this.take(caller);
      return this.releaser(caller);
    }
    const waiting = this.waitingBy.get(caller.key) ?? 0;
    if (waiting >= this.options.queuePerCaller) throw this.busy(`${waiting} statements of this caller are already waiting`);
    this.waitingBy.set(caller.key, waiting + 1);
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        caller,
        grant: resolve,
        timer: setTimeout(() => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          this.unwait(caller);
          reject(this.busy(`waited ${this.options.queueTimeoutMs} ms for this caller's share`));
        }, this.options.queueTimeoutMs),
      };
      this.queue.push(waiter);
    });
    return this.releaser(caller);
  }

  /** Slots in use now (tests, metrics). */
  get inUse(): number {
    return this.running;
  }

  private eligible(caller: Caller): boolean {
    if (this.running >= this.options.slots) return false;
    if ((this.runningBy.get(caller.key) ?? 0) >= this.options.perCaller) return false;
    return !caller.anonymous || this.anonymousRunning < this.options.anonymous;
  }

  private take(caller: Caller): void {
    this.running += 1;
    if (caller.anonymous) this.anonymousRunning += 1;
    this.runningBy.set(caller.key, (this.runningBy.get(caller.key) ?? 0) + 1);
  }

  private releaser(caller: Caller): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      if (caller.anonymous) this.anonymousRunning -= 1;
      const left = (this.runningBy.get(caller.key) ?? 1) - 1;
      if (left > 0) this.runningBy.set(caller.key, left);
      else this.runningBy.delete(caller.key);
      this.dispatch();
    };
  }

  /** Grants freed slots to the longest-waiting statements whose callers are under their limits. */
  private dispatch(): void {
    for (let i = 0; i < this.queue.length && this.running < this.options.slots; ) {
      const waiter = this.queue[i];
      if (!this.eligible(waiter.caller)) {
        i += 1;
        continue;
      }
      this.queue.splice(i, 1);
      clearTimeout(waiter.timer);
      this.unwait(waiter.caller);
      this.take(waiter.caller);
      waiter.grant();
    }
  }

  private unwait(caller: Caller): void {
    const left = (this.waitingBy.get(caller.key) ?? 1) - 1;
    if (left > 0) this.waitingBy.set(caller.key, left);
    else this.waitingBy.delete(caller.key);
  }

  private busy(reason: string): HubError {
    return new HubError(
      ErrorCode.SOURCE_BUSY,
      `The ${this.source} source is busy with this caller's other statements (${reason}); retry shortly, or send fewer statements at once.`,
      { source: this.source },
    );
  }
}
