/**
 * Which instance ingests: the one holding a session-level advisory lock on its feed's hub
 * connection. The others try again every `retryMs`; when the holder's session ends, the lock is
 * free and the next try takes it.
 */
import type pg from 'pg';
import { logger } from '../common/logger';

/** The advisory-lock key of the ingesting instance ("campus graph ingest"). */
export const INGEST_LOCK_KEY = 7_140_281_129;

export class IngestLock {
  private held = false;
  private lastTry = 0;

  constructor(private readonly retryMs: number, private readonly appName: string) {}

  isHeld(): boolean {
    return this.held;
  }

  /** Tries to take the lock when not held and the last try is `retryMs` old; whether it is held now. */
  async tryTake(hub: pg.Client): Promise<boolean> {
    if (this.held || Date.now() - this.lastTry < this.retryMs) return this.held;
    this.lastTry = Date.now();
    const { rows } = await hub.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [INGEST_LOCK_KEY]);
    if (rows[0].ok) {
      this.held = true;
      logger.info('Change feed: this instance ingests now', { name: this.appName });
    }
    return this.held;
  }

  /** The session that held the lock is ending or gone; returns whether it was held. */
  lose(): boolean {
    const held = this.held;
    this.held = false;
    return held;
  }
}
