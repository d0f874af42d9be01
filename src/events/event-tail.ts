/**
 * Publishing the event log: every instance (leader or not) reads `event_log` after the last
 * cursor it published and publishes each new event once, in cursor order. It starts where the
 * log ends: older events are history, replayed from the log on request.
 */
import type pg from 'pg';
import { logger } from '../common/logger';
import { EVENT_COLUMNS, toLogEvent, type LogEvent } from './event-log';

export class EventTail {
  private cursor = 0;

  constructor(private readonly publish: (event: LogEvent) => void, private readonly batchSize: number) {}

  /** The cursor of the last event published. */
  lastCursor(): number {
    return this.cursor;
  }

  /** Starts after the last event logged now. */
  async startAtEnd(hub: pg.Client): Promise<void> {
    const { rows } = await hub.query<{ cursor: number }>('select coalesce(max(cursor), 0)::float8 as cursor from event_log');
    this.cursor = Number(rows[0].cursor);
  }

  /** Publishes every event after the last published cursor, in order. */
  async publishNew(hub: pg.Client): Promise<void> {
    for (;;) {
      const { rows } = await hub.query(`select ${EVENT_COLUMNS} from event_log where cursor > $1 order by cursor limit $2`, [this.cursor, this.batchSize]);
      for (const row of rows) {
        const event = toLogEvent(row);
        this.cursor = event.cursor;
        try {
          this.publish(event);
        } catch (error) {
          logger.error('Change feed: a subscriber threw', { message: (error as Error).message });
        }
      }
      if (rows.length < this.batchSize) return;
    }
  }
}
