/**
 * Failed logins in the audit trail without one row per guess: a password-guessing client would
 * otherwise grow the append-only `audit_log` without bound.
 *
 * Per client address and window (LOGIN_AUDIT_WINDOW_SECONDS, 15 minutes by default): the first
 * failure is written at once, with its request (the caller records it); the repeats are counted
 * here, per login tried, and written as one summary entry when the window ends or the hub stops.
 * So one address causes at most two entries per window, whatever it sends. Memory is bounded too:
 * at most MAX_ADDRESSES addresses are counted at once (the oldest is summarised early to make
 * room) and MAX_LOGINS_PER_ADDRESS login names per address (the rest are counted together).
 */
import { randomUUID } from 'node:crypto';
import { logger } from '../../common/logger';
import type { AuditRow } from '../../hub/audit/audit.store';

const MAX_ADDRESSES = 10_000;
const MAX_LOGINS_PER_ADDRESS = 20;

interface Window {
  since: Date;
  last: Date;
  /** Failures after the first (which was written at once). */
  repeats: number;
  /** Of those, how many were refused by the throttle without a password check. */
  throttled: number;
  logins: Map<string, number>;
  otherLogins: number;
}

/** What a summary entry says (in `changes[0].new` of the audit entry). */
export interface FailedLoginSummary {
  address: string;
  /** Failed attempts counted in this summary (the first of the window is its own entry). */
  attempts: number;
  throttled: number;
  /** Attempts per login name tried (at most MAX_LOGINS_PER_ADDRESS names). */
  logins: Record<string, number>;
  /** Attempts on further login names. */
  otherLogins: number;
  from: string;
  to: string;
}

export class FailedLoginAudit {
  private readonly windows = new Map<string, Window>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (rows: AuditRow[]) => Promise<void>,
    private readonly windowMs: number,
    private readonly maxAddresses = MAX_ADDRESSES,
  ) {}

  start(): void {
    const every = Math.max(250, Math.min(this.windowMs / 2, 30_000));
    this.timer = setInterval(() => this.flushEnded(), every);
    this.timer.unref();
  }

  /**
   * Counts a failed login from `address`. True when it is the first of the address's window: the
   * caller then records it in the audit at once (with its request); false when it was counted
   * for the summary.
   */
  note(address: string, login: string, throttled: boolean): boolean {
    const now = new Date();
    const window = this.windows.get(address);
    if (!window || now.getTime() - window.since.getTime() >= this.windowMs) {
      if (window) this.summarise(address, window);
      else if (this.windows.size >= this.maxAddresses) {
        const [oldest, entry] = this.windows.entries().next().value!;
        this.summarise(oldest, entry);
      }
      this.windows.set(address, { since: now, last: now, repeats: 0, throttled: 0, logins: new Map(), otherLogins: 0 });
      return true;
    }
    window.last = now;
    window.repeats++;
    if (throttled) window.throttled++;
    const name = login.slice(0, 64);
    const count = window.logins.get(name);
    if (count !== undefined) window.logins.set(name, count + 1);
    else if (window.logins.size < MAX_LOGINS_PER_ADDRESS) window.logins.set(name, 1);
    else window.otherLogins++;
    return false;
  }

  /** Writes the summaries of the windows that have ended. */
  flushEnded(now = Date.now()): Promise<void> {
    for (const [address, window] of this.windows) {
      if (now - window.since.getTime() >= this.windowMs) this.summarise(address, window);
    }
    return this.writing;
  }

  /** Writes every open window's summary now (the hub is stopping). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const [address, window] of this.windows) this.summarise(address, window);
    await this.writing;
  }

  /** Addresses counted now (tests and metrics). */
  get size(): number {
    return this.windows.size;
  }

  private summarise(address: string, window: Window): void {
    this.windows.delete(address);
    if (window.repeats === 0) return;
    const summary: FailedLoginSummary = {
      address,
      attempts: window.repeats,
      throttled: window.throttled,
      logins: Object.fromEntries(window.logins),
      otherLogins: window.otherLogins,
      from: window.since.toISOString(),
      to: window.last.toISOString(),
    };
    const row: AuditRow = {
      at: new Date().toISOString(),
      requestId: `failed-logins:${randomUUID()}`,
      actorKind: 'anonymous',
      actorId: null,
      actorLabel: 'failed logins (summary)',
      actorRole: null,
      purpose: null,
      action: 'mutation',
      operation: 'login',
      objects: [],
      changes: [{ field: 'failedLoginsSummary', objectId: address, old: null, new: summary }],
      fields: [],
      links: [],
      persons: [],
    };
    // Written one after another, so stop() can wait for all of them.
    this.writing = this.writing.then(() =>
      this.write([row]).catch((error) => {
        logger.error('Could not write a failed-login summary to the audit log', { code: (error as { code?: string }).code ?? (error as Error)?.name });
      }),
    );
  }
}
