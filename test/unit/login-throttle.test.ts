/**
 * The delays of password guessing and the suspects' pace, measured on a fake clock: what the hub
 * makes a caller wait is exact here, whatever the machine's load. The same behaviour over real
 * HTTP (codes, the owner getting in) is in test/integration/hardening/credentials.test.ts; real
 * latencies under attack are bench:abuse's.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoginThrottle } from '../../src/auth/credentials/login-throttle';
import { PasswordChecks } from '../../src/auth/credentials/password-checks';

const BASE_MS = 50;
const MAX_MS = 800;
const PER_LOGIN_MAX_MS = 300;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Runs `work` to the end on the fake clock and returns its value and the virtual ms it took. */
async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  let done = false;
  const finished = work.finally(() => (done = true));
  for (;;) {
    // What is ready now settles first; only then does the clock move on to the next timer.
    for (let i = 0; i < 20 && !done; i++) await Promise.resolve();
    if (done) break;
    await vi.advanceTimersToNextTimerAsync();
  }
  return { value: await finished, ms: Date.now() - started };
}

/** One attempt: admitted (after its delay), then its password check ends with `outcome`. */
async function attempt(throttle: LoginThrottle, login: string, address: string, outcome: 'failed' | 'succeeded'): Promise<number> {
  const { value: admitted, ms } = await timed(throttle.admit(login, address));
  admitted.settle(outcome);
  return ms;
}

describe(LoginThrottle.name, () => {
  const throttle = () => new LoginThrottle({ baseMs: BASE_MS, maxMs: MAX_MS, perLoginMaxMs: PER_LOGIN_MAX_MS, waitingMax: 100 });

  it('12 wrong passwords from one address: three free, then each waits twice as long, up to the cap', async () => {
    const guarded = throttle();
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) waits.push(await attempt(guarded, 'admin', '198.51.100.21', 'failed'));
    expect(waits).toEqual([0, 0, 0, 50, 100, 200, 400, 800, 800, 800, 800, 800]);
  });

  it('the owner elsewhere waits at most the per-login bound; from the guessing address, at most the cap; both get in', async () => {
    const guarded = throttle();
    for (let i = 0; i < 12; i++) await attempt(guarded, 'admin', '198.51.100.21', 'failed');
    expect(await attempt(guarded, 'admin', '192.0.2.21', 'succeeded')).toBeLessThanOrEqual(PER_LOGIN_MAX_MS);
    expect(await attempt(guarded, 'admin', '198.51.100.21', 'succeeded')).toBeLessThanOrEqual(MAX_MS);
  });
});

describe(PasswordChecks.name, () => {
  it("checks suspects one at a time at their pace, while a clean address's check goes first", async () => {
    const PER_SECOND = 4;
    const checks = new PasswordChecks(4, PER_SECOND);
    const started = Date.now();
    const finishedAt: number[] = [];
    const check = () => Promise.resolve().then(() => finishedAt.push(Date.now() - started));
    const suspects = Promise.all(Array.from({ length: 12 }, () => checks.run(check, { suspect: true })));
    const owner = timed(checks.run(check));
    const { ms: ownerMs } = await owner;
    await timed(suspects);
    // Twelve suspects at four a second: the last starts (12 − 1) / 4 s after the first.
    expect(Math.max(...finishedAt)).toBe(((12 - 1) * 1000) / PER_SECOND);
    expect(ownerMs).toBe(0);
    expect(checks.peak).toBeLessThanOrEqual(4);
  });
});
