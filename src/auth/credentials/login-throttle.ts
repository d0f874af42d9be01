/**
 * Password guessing is slowed, never turned into a lockout: the owner who types the right
 * password gets in, after at most a bounded delay, while a guesser waits longer with every
 * failure. Per instance, in memory.
 *
 * - Per login and client address (IPv6 per /64): after FREE_PAIR_FAILURES failures, each attempt
 *   waits LOGIN_DELAY_BASE_MS × 2^(failures − 3) after the last failure, at most
 *   LOGIN_DELAY_MAX_MS. The attempts of one pair run one after another, and at most
 *   PAIR_IN_FLIGHT_MAX are let in at once (the rest are refused at once with RATE_LIMITED), so
 *   parallel guesses from one address are no faster than sequential ones.
 * - Per login, from every address: after FREE_LOGIN_FAILURES failures each attempt waits too, but
 *   at most LOGIN_DELAY_PER_LOGIN_MAX_MS (small): the owner elsewhere waits no longer than that
 *   however many addresses guess, and is never refused for it.
 * - Everywhere: at most LOGIN_WAITING_MAX attempts wait at once (each holds a request); more are
 *   refused (RATE_LIMITED) until some finish. Password checks themselves are bounded separately
 *   (password-checks.ts).
 * - Suspects: an attempt from a pair or an address that failed recently is a *suspect*; its
 *   password check waits in a lane of its own, one at a time and a few a second
 *   (password-checks.ts), so guessing from many addresses cannot take the CPU that everyone's
 *   requests need, while an owner logging in from a clean address goes first.
 * A success clears its pair and the login's count; failures are forgotten FORGET_AFTER_MS after
 * the last one.
 */
import { ErrorCode, HubError } from '../../common/errors';
import { addressBucket } from '../../common/address-bucket';

const FREE_PAIR_FAILURES = 3;
const FREE_LOGIN_FAILURES = 10;
const PAIR_IN_FLIGHT_MAX = 3;
const FORGET_AFTER_MS = 15 * 60_000;
/** Entries kept at most; beyond, idle ones are dropped oldest first. */
const MAX_ENTRIES = 100_000;

export interface LoginThrottleOptions {
  baseMs: number;
  maxMs: number;
  perLoginMaxMs: number;
  waitingMax: number;
}

interface PairState {
  failures: number;
  lastFailureAt: number;
  inFlight: number;
  /** Settles when the pair's latest admitted attempt has finished (attempts run in turn). */
  tail: Promise<void>;
}

interface LoginState {
  failures: number;
  lastFailureAt: number;
}

/** An admitted attempt: report how its password check ended (exactly once). */
export interface LoginAttempt {
  /** Its pair or its address failed recently: its password check goes to the suspects' lane. */
  readonly suspect: boolean;
  settle(outcome: 'succeeded' | 'failed' | 'error'): void;
}

export class LoginThrottle {
  private readonly pairs = new Map<string, PairState>();
  private readonly logins = new Map<string, LoginState>();
  /** Failures per address bucket, across logins (an address guessing many logins is a suspect). */
  private readonly addresses = new Map<string, LoginState>();
  private pending = 0;
  private lastSweep = Date.now();

  constructor(private readonly options: LoginThrottleOptions) {}

  /** Delay after `failures` failures of one login from one address. */
  pairDelay(failures: number): number {
    if (failures < FREE_PAIR_FAILURES) return 0;
    return Math.min(this.options.maxMs, this.options.baseMs * 2 ** Math.min(failures - FREE_PAIR_FAILURES, 30));
  }

  /** Delay after `failures` failures of one login from all addresses together. */
  loginDelay(failures: number): number {
    if (failures < FREE_LOGIN_FAILURES) return 0;
    return Math.min(this.options.perLoginMaxMs, this.options.baseMs * 2 ** Math.min(failures - FREE_LOGIN_FAILURES, 30));
  }

  /**
   * Waits until `login` may be checked for a client at `address`, or throws RATE_LIMITED at once
   * when the attempt is refused. The caller must settle the returned attempt.
   */
  async admit(login: string, address: string): Promise<LoginAttempt> {
    const now = Date.now();
    this.sweep(now);
    if (this.pending >= this.options.waitingMax) {
      throw new HubError(ErrorCode.RATE_LIMITED, 'The hub is checking too many logins at once; retry in 1 s.', { retryAfterSeconds: 1 });
    }
    const bucket = addressBucket(address);
    const pairKey = `${login}\u0000${bucket}`;
    const pair = this.pairOf(pairKey, now);
    const addressState = this.addresses.get(bucket);
    const suspect = pair.failures > 0 || (!!addressState && now - addressState.lastFailureAt <= FORGET_AFTER_MS);
    if (pair.inFlight >= PAIR_IN_FLIGHT_MAX) {
      const seconds = Math.max(1, Math.ceil(this.pairDelay(pair.failures + pair.inFlight) / 1000));
      throw new HubError(ErrorCode.RATE_LIMITED, `Too many login attempts for this login from this address at once; retry in ${seconds} s.`, { retryAfterSeconds: seconds });
    }
    pair.inFlight++;
    this.pending++;
    const previous = pair.tail;
    let release!: () => void;
    pair.tail = new Promise<void>((resolve) => (release = resolve));
    let settled = false;
    const attempt: LoginAttempt = {
      suspect,
      settle: (outcome) => {
        if (settled) return;
        settled = true;
        pair.inFlight--;
        this.pending--;
        const at = Date.now();
        if (outcome === 'succeeded') {
          pair.failures = 0;
          pair.lastFailureAt = 0;
          this.logins.delete(login);
        } else if (outcome === 'failed') {
          pair.failures++;
          pair.lastFailureAt = at;
          const state = this.logins.get(login) ?? { failures: 0, lastFailureAt: 0 };
          state.failures++;
          state.lastFailureAt = at;
          // Re-inserted: the Map's order stays "least recently failed first" for eviction.
          this.logins.delete(login);
          this.logins.set(login, state);
          const byAddress = this.addresses.get(bucket) ?? { failures: 0, lastFailureAt: 0 };
          byAddress.failures++;
          byAddress.lastFailureAt = at;
          this.addresses.delete(bucket);
          this.addresses.set(bucket, byAddress);
          this.pairs.delete(pairKey);
          this.pairs.set(pairKey, pair);
        }
        release();
      },
    };
    try {
      await previous;
      const state = this.logins.get(login);
      const until = Math.max(
        pair.failures ? pair.lastFailureAt + this.pairDelay(pair.failures) : 0,
        state ? state.lastFailureAt + this.loginDelay(state.failures) : 0,
      );
      const wait = until - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    } catch (error) {
      attempt.settle('error');
      throw error;
    }
    return attempt;
  }

  /** Login attempts admitted and not finished (tests and metrics). */
  get waiting(): number {
    return this.pending;
  }

  private pairOf(key: string, now: number): PairState {
    let pair = this.pairs.get(key);
    if (pair && pair.inFlight === 0 && pair.lastFailureAt && now - pair.lastFailureAt > FORGET_AFTER_MS) {
      pair.failures = 0;
      pair.lastFailureAt = 0;
    }
    if (!pair) {
      pair = { failures: 0, lastFailureAt: 0, inFlight: 0, tail: Promise.resolve() };
      this.pairs.set(key, pair);
    }
    return pair;
  }

  /** Drops forgotten entries about once a minute, and idle ones oldest first when there are too many. */
  private sweep(now: number): void {
    const crowded = this.pairs.size > MAX_ENTRIES || this.logins.size > MAX_ENTRIES || this.addresses.size > MAX_ENTRIES;
    if (!crowded && now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, pair] of this.pairs) {
      const idle = pair.inFlight === 0 && (!pair.lastFailureAt || now - pair.lastFailureAt > FORGET_AFTER_MS);
      if (idle || (this.pairs.size > MAX_ENTRIES && pair.inFlight === 0)) this.pairs.delete(key);
    }
    for (const states of [this.logins, this.addresses]) {
      for (const [key, state] of states) {
        if (now - state.lastFailureAt > FORGET_AFTER_MS || states.size > MAX_ENTRIES) states.delete(key);
      }
    }
  }
}
