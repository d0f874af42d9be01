/**
 * One source's part of an ingest round: read its new changes into the event log, report its new
 * capture failures, then trim what the hub has kept. The source is read when it NOTIFYed (or has
 * more waiting, or a gap) and at every poll; a source that is down is skipped and retried.
 */
import type pg from 'pg';
import type { SourceName } from '../config';
import { readChanges } from './change-reader';
import { FAILURE_NOTIFICATION } from './capture-failures';
import { SourceLink } from './source-link';
import { ChangeCopier } from './change-copier';
import { CaptureFailureFollower } from './capture-failure-follower';
import { ChangeTrimmer } from './change-trimmer';

export interface SourceIngestOptions {
  name: SourceName;
  url: string;
  appName: string;
  listen: boolean;
  batchSize: number;
  sourceRetryMs: number;
  retainChangesMs: number;
  trimEveryMs: number;
  failurePollMs: number;
  /** There is work for the next round now. */
  wake(): void;
}

export class SourceIngest {
  /** A NOTIFY (or more waiting, or a gap) since the last read: read it in the next round, not only at the next poll. */
  private dirty = true;
  private readonly link: SourceLink;
  private readonly changes: ChangeCopier;
  private readonly failures: CaptureFailureFollower;
  private readonly trimmer: ChangeTrimmer;

  constructor(private readonly options: SourceIngestOptions) {
    const { name } = options;
    this.changes = new ChangeCopier(name);
    this.failures = new CaptureFailureFollower(name, options.batchSize, options.failurePollMs);
    this.trimmer = new ChangeTrimmer(name, options.retainChangesMs, options.trimEveryMs);
    this.link = new SourceLink({
      name,
      url: options.url,
      appName: options.appName,
      listen: options.listen,
      retryMs: options.sourceRetryMs,
      onNotify: (payload) => {
        if (payload === FAILURE_NOTIFICATION) this.failures.markDirty();
        this.dirty = true;
        options.wake();
      },
      onFailed: () => options.wake(),
      onClosed: () => {
        this.changes.forgetGap();
        this.failures.forgetGap();
      },
    });
  }

  /**
   * This source's step of a round (skipped unless it notified, or `everyone` is read this round);
   * true when more changes are waiting.
   */
  async step(hub: pg.Client, everyone: boolean): Promise<boolean> {
    if (!everyone && !this.dirty) return false;
    this.dirty = false;
    const backlog = await this.ingest(hub);
    if (backlog || this.changes.gap()) this.dirty = true;
    const client = this.link.connected();
    if (client) await this.failures.follow(client, hub);
    // Trimming waits while a source still has a backlog to ingest: ingesting comes first.
    const ingested = this.changes.knownPosition();
    const trimClient = this.link.connected();
    if (!backlog && ingested !== null && trimClient) await this.trimmer.trim(trimClient, ingested, this.failures.trimmablePosition());
    return backlog;
  }

  /** The hub connection changed: positions are read from the hub again. */
  forgetPositions(): void {
    this.changes.forgetPosition();
    this.failures.forgetPosition();
  }

  close(): Promise<void> {
    return this.link.close();
  }

  /** Copies the source's new changes into the event log; true when more are waiting. */
  private async ingest(hub: pg.Client): Promise<boolean> {
    const client = await this.link.open();
    if (!client) return false;
    const position = await this.changes.position(hub);
    let batch;
    try {
      batch = await readChanges(client, position, this.options.batchSize, this.changes.gap());
    } catch (error) {
      this.link.readFailed(error);
      return false;
    }
    this.link.readWorked();
    return this.changes.copy(hub, batch);
  }
}
