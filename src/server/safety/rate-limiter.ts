/**
 * Rate limit: one token bucket per caller, kept in this instance's memory. Each instance counts
 * only the requests it serves, so behind a load balancer with N instances a caller may send up to
 * N times the configured rate (README → Configuration says so).
 *
 * A caller is its API key or account when the request carries one (`context.viewer`), and its
 * remote address when it is anonymous.
 */
import { HeaderMap } from '@apollo/server';
import type { Viewer } from '../../auth/viewer';
import { ErrorCode, HubError } from '../../common/errors';

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the next request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms). */
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private lastSweep: number;

  /**
   * `perMinute` tokens flow into each bucket every minute, up to `burst`; a request takes one.
   * `perMinute` 0 turns the limit off.
   */
  constructor(
    readonly perMinute: number,
    readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
    this.lastSweep = now();
  }

  get enabled(): boolean {
    return this.perMinute > 0;
  }

  /** Whether `key` could take a token now, without taking it. */
  peek(key: string): RateDecision {
    if (!this.enabled) return { allowed: true, retryAfterSeconds: 0 };
    const bucket = this.buckets.get(key);
    if (!bucket) return { allowed: true, retryAfterSeconds: 0 };
    const tokens = Math.min(this.burst, bucket.tokens + (this.now() - bucket.at) * this.perMs);
    return tokens >= 1 ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
  }

  take(key: string): RateDecision {
    if (!this.enabled) return { allowed: true, retryAfterSeconds: 0 };
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** Buckets that have refilled completely hold no information: drop them (about once a minute). */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    const refillMs = this.burst / this.perMs;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.at >= refillMs) this.buckets.delete(key);
    }
  }

  /** Buckets held now (tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }
}

/** The bucket of a caller: its key or account, else its address. */
export function rateLimitKey(viewer: Pick<Viewer, 'kind' | 'id'> | null | undefined, remoteAddress: string | null | undefined): string {
  if (viewer && viewer.kind !== 'anonymous' && viewer.id) return `${viewer.kind}:${viewer.id}`;
  return `address:${remoteAddress ?? 'unknown'}`;
}

/** The RATE_LIMITED error; on HTTP it carries status 429 and a Retry-After header. */
export function rateLimited(decision: RateDecision, perMinute: number, http: boolean): HubError {
  const message = `Too many requests: this key, account or address may send ${perMinute} a minute. Retry in ${decision.retryAfterSeconds} s.`;
  const extra: Record<string, unknown> = { retryAfterSeconds: decision.retryAfterSeconds, limitPerMinute: perMinute };
  if (http) {
    // Apollo turns `extensions.http` into the response's status and headers and strips it.
    extra.http = { status: 429, headers: new HeaderMap([['retry-after', String(decision.retryAfterSeconds)]]) };
  }
  return new HubError(ErrorCode.RATE_LIMITED, message, extra);
}
