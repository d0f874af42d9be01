/**
 * Following one source's capture failures: read by position when the source said there are new
 * ones (its `failure` NOTIFY, a gap or a full read) and every `pollMs`, reported through
 * capture-failures.ts. A failure to read them is logged once and never holds up the changes.
 */
import type pg from 'pg';
import type { SourceName } from '../config';
import { logger } from '../common/logger';
import type { GapWatch } from './change-reader';
import { readCaptureFailures, reportCaptureFailures, reportedFailurePosition } from './capture-failures';

export class CaptureFailureFollower {
  /** How far the failures are reported (null: read it from the hub). */
  private reported: number | null = null;
  private gap: GapWatch | null = null;
  private dirty = true;
  private readAt = 0;
  /** The failure table could not be read (logged once until it can). */
  private broken = false;

  constructor(private readonly source: SourceName, private readonly batchSize: number, private readonly pollMs: number) {}

  /** The source said it recorded a failure. */
  markDirty(): void {
    this.dirty = true;
  }

  /** How far the source's failures may be trimmed (null: not known to be reported). */
  trimmablePosition(): number | null {
    return this.broken ? null : this.reported;
  }

  /** The hub connection changed: read the reported position from the hub again. */
  forgetPosition(): void {
    this.reported = null;
  }

  /** The source connection changed: a gap seen through the old one is not waited for. */
  forgetGap(): void {
    this.gap = null;
  }

  /** Reports the source's new failures, when it is time to read them. */
  async follow(source: pg.Client, hub: pg.Client): Promise<void> {
    if (!(this.dirty || Date.now() - this.readAt >= this.pollMs)) return;
    this.dirty = false;
    this.readAt = Date.now();
    try {
      if (this.reported === null) this.reported = await reportedFailurePosition(hub, this.source);
      const batch = await readCaptureFailures(source, this.reported, this.batchSize, this.gap);
      this.gap = batch.gap;
      if (batch.gap || batch.full) this.dirty = true;
      if (batch.changes.length > 0) {
        await reportCaptureFailures(hub, this.source, batch.changes);
        this.reported = batch.changes[batch.changes.length - 1].id;
      }
      if (this.broken) logger.info('Change feed: capture failures of a source readable again', { source: this.source });
      this.broken = false;
    } catch (error) {
      // A source not migrated yet (no failure table) or a hiccup: tried again at the next poll.
      if (!this.broken) logger.warn('Change feed: reading a source\'s capture failures failed; will retry', { source: this.source, code: (error as { code?: string }).code });
      this.broken = true;
    }
  }
}
