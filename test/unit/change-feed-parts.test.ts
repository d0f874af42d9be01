// Parts of the change feed that need no database: the tail's paging and publishing, and the lock's retry pace.
import type pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { EventTail } from '../../src/events/event-tail';
import { IngestLock } from '../../src/events/ingest-lock';
import type { LogEvent } from '../../src/events/event-log';

/** A hub connection that answers `event_log` reads from a list of cursors, `limit` at a time. */
function fakeLog(cursors: number[]): { client: pg.Client; reads: number[] } {
  const reads: number[] = [];
  const query = async (_sql: string, [after, limit]: [number, number]) => {
    reads.push(after);
    const rows = cursors.filter((c) => c > after).slice(0, limit).map((cursor) => ({
      cursor, source: 'avn', table_name: 't', op: 'INSERT', row_key: String(cursor), row_data: {}, old_data: null, changed_at: new Date(0),
    }));
    return { rows };
  };
  return { client: { query } as unknown as pg.Client, reads };
}

describe(EventTail.name, () => {
  it('publishes every new event once, in cursor order, a page at a time', async () => {
    const published: number[] = [];
    const tail = new EventTail((event: LogEvent) => published.push(event.cursor), 2);
    const log = fakeLog([1, 2, 3, 4, 5]);
    await tail.publishNew(log.client);
    expect(published).toEqual([1, 2, 3, 4, 5]);
    expect(log.reads).toEqual([0, 2, 4]);
    await tail.publishNew(log.client);
    expect(published).toEqual([1, 2, 3, 4, 5]);
    expect(tail.lastCursor()).toBe(5);
  });

  it('goes on past a subscriber that throws', async () => {
    const published: number[] = [];
    const tail = new EventTail((event) => {
      if (event.cursor === 2) throw new Error('subscriber bug');
      published.push(event.cursor);
    }, 10);
    await tail.publishNew(fakeLog([1, 2, 3]).client);
    expect(published).toEqual([1, 3]);
    expect(tail.lastCursor()).toBe(3);
  });
});

describe(IngestLock.name, () => {
  it('asks for the lock at most once per retry interval until it has it, then not at all', async () => {
    let free = false;
    const query = vi.fn(async () => ({ rows: [{ ok: free }] }));
    const hub = { query } as unknown as pg.Client;
    const lock = new IngestLock(60_000, 'test');
    expect(await lock.tryTake(hub)).toBe(false);
    free = true;
    expect(await lock.tryTake(hub)).toBe(false); // within the retry interval: not asked again
    expect(query).toHaveBeenCalledTimes(1);
    vi.useFakeTimers({ now: Date.now() + 60_000 });
    try {
      expect(await lock.tryTake(hub)).toBe(true);
      expect(await lock.tryTake(hub)).toBe(true);
      expect(query).toHaveBeenCalledTimes(2);
      expect(lock.lose()).toBe(true);
      expect(lock.isHeld()).toBe(false);
      expect(lock.lose()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
