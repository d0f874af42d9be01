/**
 * How far one source's changes are in the hub's event log, and the copying of a batch there.
 * The position is read from the hub's `ingest_position` when unknown (at start, after the hub
 * connection was lost) and moves in the same statement as the batch's events, so nothing is lost
 * or doubled across crashes ((source, source_change_id) is unique in the log).
 */
import type pg from 'pg';
import type { SourceName } from '../config';
import type { ChangeBatch, GapWatch } from './change-reader';
import { EVENT_CHANNEL } from './feed-hub-session';

export class ChangeCopier {
  private ingested: number | null = null;
  private waitingGap: GapWatch | null = null;

  constructor(private readonly source: SourceName) {}

  /** The position known without asking the hub (null: ask it). */
  knownPosition(): number | null {
    return this.ingested;
  }

  /** The gap the next read waits for, if any. */
  gap(): GapWatch | null {
    return this.waitingGap;
  }

  /** The last change id in the event log, read from the hub when not known. */
  async position(hub: pg.Client): Promise<number> {
    if (this.ingested === null) {
      const { rows } = await hub.query<{ last: string }>('select last_change_id::text as last from ingest_position where source = $1', [this.source]);
      this.ingested = rows.length ? Number(rows[0].last) : 0;
    }
    return this.ingested;
  }

  /** The hub connection changed: read the position from the hub again. */
  forgetPosition(): void {
    this.ingested = null;
  }

  /** The source connection changed: a gap seen through the old one is not waited for. */
  forgetGap(): void {
    this.waitingGap = null;
  }

  /** Logs a batch read after `position()`; true when more changes are waiting. */
  async copy(hub: pg.Client, batch: ChangeBatch): Promise<boolean> {
    this.waitingGap = batch.gap;
    if (batch.changes.length === 0) return false;
    const last = batch.changes[batch.changes.length - 1].id;
    // The events, the new position and the wake-up of the other instances in ONE statement (its
    // own transaction, so all or nothing): one round trip per batch instead of five, which is
    // most of the change feed's share of the commit-to-delivery latency.
    await hub.query(
      `with logged as (
         insert into event_log (source, source_change_id, table_name, op, row_key, row_data, old_data, changed_at)
         select $1, (e->>'id')::bigint, e->>'table_name', e->>'op', e->>'row_key', e->'row_data',
                nullif(e->'old_data', 'null'::jsonb), (e->>'changed_at')::timestamptz
           from jsonb_array_elements($2::jsonb) with ordinality as x(e, n)
          order by n
         on conflict (source, source_change_id) do nothing
         returning 1
       ), moved as (
         insert into ingest_position (source, last_change_id) values ($1, $3)
         on conflict (source) do update set last_change_id = excluded.last_change_id, updated_at = clock_timestamp()
         returning 1
       )
       select pg_notify($4, $1) from moved`,
      [this.source, JSON.stringify(batch.changes), last, EVENT_CHANNEL],
    );
    this.ingested = last;
    return batch.full;
  }
}
