/**
 * The change feed over real PostgreSQL: plain-SQL changes in the sources reach the hub's event
 * log and the in-process pubsub in cursor order; changes made while no hub runs are ingested by
 * the next one; the poll path alone loses nothing; a change that commits late (lower id) is not
 * skipped; two instances on the same databases — one ingests, both publish every event once,
 * and the other takes over when the ingesting one dies or stops.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { startHub } from '../../src/app';
import { subscribeEventLog } from '../../src/events/pubsub';
import { readEventsAfter, type LogEvent } from '../../src/events/event-log';
import { startChangeFeed, type ChangeFeed, type ChangeFeedOptions } from '../../src/events/ingestor';
import { SOURCE_NAMES, type SourceName } from '../../src/config';
import { eventually } from '../helpers/eventually';

let t: TestHub;
const published: LogEvent[] = [];
let subscription: AsyncIterator<unknown> | null = null;

const waitFor = <T>(what: string, check: () => Promise<T | null | undefined | false> | T | null | undefined | false, ms = 8000) => eventually(what, check, ms);

async function insertScans(n: number): Promise<string[]> {
  const rows = await t.rows<{ id: string }>(
    'qrvisit',
    `insert into scan (session_id, student_book, scanned_at, result, device, lat, lon)
     select (select min(id) from lesson_session), 'TEST-' || g, now(), 'duplicate', 'test-device', 42.87, 74.6
       from generate_series(1, $1) g returning id::text`,
    [n],
  );
  return rows.map((r) => r.id);
}

function scanKeys(events: LogEvent[]): string[] {
  return events.filter((e) => e.source === 'qrvisit' && e.table === 'scan').map((e) => e.key);
}

function expectOrderedOnce(events: LogEvent[]): void {
  const cursors = events.map((e) => e.cursor);
  expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
  expect(new Set(cursors).size).toBe(cursors.length);
}

beforeAll(async () => {
  t = await startTestHub();
  const iterator = subscribeEventLog();
  subscription = iterator;
  void (async () => {
    for await (const event of iterator) published.push(event);
  })();
}, 60_000);

afterAll(async () => {
  await subscription?.return?.();
  await t?.close();
});

describe('change feed', () => {
  test('the demo seed itself is not in the feed (it writes with triggers off), only later changes are', async () => {
    for (const name of SOURCE_NAMES) {
      const [{ n }] = await t.rows<{ n: number }>(name, 'select count(*)::int as n from campus_graph_change');
      expect(n, name).toBe(0);
    }
  });

  test('rows inserted with plain SQL into qrvisit.scan and avn.jurnal_otmetka reach the event log and the pubsub in order', async () => {
    const [scanId] = await insertScans(1);
    const [pair] = await t.rows<{ zan_id: number; stud_id: number }>(
      'avn',
      `select z.zan_id, s.stud_id from jurnal_zanyatie z join students s on s.grp_id = z.grp_id
        where not exists (select 1 from jurnal_otmetka o where o.zan_id = z.zan_id and o.stud_id = s.stud_id) limit 1`,
    );
    const [{ otm_id }] = await t.rows<{ otm_id: number }>(
      'avn',
      `insert into jurnal_otmetka (zan_id, stud_id, prisutstvie, istochnik) values ($1, $2, 'P', 'ruchnoy') returning otm_id`,
      [pair.zan_id, pair.stud_id],
    );
    const logged = await waitFor('both rows in event_log', async () => {
      const rows = await t.rows(
        'hub',
        `select cursor::float8 as cursor, source, table_name, op, row_key, row_data from event_log
          where (source = 'qrvisit' and table_name = 'scan' and row_key = $1) or (source = 'avn' and table_name = 'jurnal_otmetka' and row_key = $2)
          order by cursor`,
        [scanId, String(otm_id)],
      );
      return rows.length === 2 && rows;
    });
    expect(logged.map((r) => r.op)).toEqual(['INSERT', 'INSERT']);
    const scanRow = logged.find((r) => r.table_name === 'scan')!;
    expect(scanRow.row_data).toMatchObject({ id: Number(scanId), student_book: 'TEST-1', result: 'duplicate' });
    // The student's coordinates and device are not copied into the feed.
    expect(Object.keys(scanRow.row_data).sort()).toEqual(['id', 'result', 'scanned_at', 'session_id', 'student_book']);
    const markRow = logged.find((r) => r.table_name === 'jurnal_otmetka')!;
    expect(markRow.row_data).toMatchObject({ otm_id, zan_id: pair.zan_id, stud_id: pair.stud_id, prisutstvie: 'P' });

    const events = await waitFor('both events published', () => {
      const mine = published.filter((e) => logged.some((r) => r.cursor === e.cursor));
      return mine.length === 2 && mine;
    });
    expect(events.map((e) => e.cursor)).toEqual(logged.map((r) => r.cursor));
    expect(events.map((e) => [e.source, e.table, e.key])).toEqual(logged.map((r) => [r.source, r.table_name, r.row_key]));
    expectOrderedOnce(published);

    // The replay read returns the same events from a cursor.
    const replay = await readEventsAfter(t.sql('hub'), logged[0].cursor - 1, 10);
    expect(replay.slice(0, 2).map((e) => e.cursor)).toEqual(logged.map((r) => r.cursor));
  });

  test('students: only status/group changes are captured, and never personal columns', async () => {
    const [student] = await t.rows<{ stud_id: number; status_id: number }>('avn', 'select stud_id, status_id from students order by stud_id limit 1');
    const [other] = await t.rows<{ status_id: number }>('avn', 'select status_id from student_status where status_id <> $1 limit 1', [student.status_id]);
    const before = (await t.rows('hub', 'select coalesce(max(cursor), 0)::float8 as c from event_log'))[0].c as number;
    await t.rows('avn', `update students set tel = '+996 555 000000' where stud_id = $1`, [student.stud_id]);
    await t.rows('avn', 'update students set status_id = $2 where stud_id = $1', [student.stud_id, other.status_id]);
    const rows = await waitFor('the status change logged', async () => {
      const found = await t.rows(
        'hub',
        `select row_data, old_data from event_log where cursor > $1 and source = 'avn' and table_name = 'students' and row_key = $2`,
        [before, String(student.stud_id)],
      );
      return found.length > 0 && found;
    });
    await t.settled();
    const all = await t.rows('hub', `select 1 from event_log where cursor > $1 and table_name = 'students' and row_key = $2`, [before, String(student.stud_id)]);
    expect(all).toHaveLength(1); // the phone-only update made no event
    expect(Object.keys(rows[0].row_data).sort()).toEqual(['grp_id', 'status_id', 'stud_id', 'zachetka']);
    expect(rows[0].row_data.status_id).toBe(other.status_id);
    expect(rows[0].old_data.status_id).toBe(student.status_id);
  });

  test('a change that commits late with a lower id is not skipped', async () => {
    const client = await t.sql('qrvisit').connect();
    try {
      await client.query('begin');
      const { rows } = await client.query(
        `insert into scan (session_id, student_book, scanned_at, result) values ((select min(id) from lesson_session), 'LATE', now(), 'duplicate') returning id::text`,
      );
      const lateId = rows[0].id as string;
      const [earlyId] = await insertScans(1);
      // Time passing on purpose: the feed must not move past the open transaction's id however
      // many rounds it runs (a poll every 500 ms), and nothing signals a round that did nothing.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // The committed row waits behind the open transaction's id.
      expect(await t.rows('hub', `select 1 from event_log where source = 'qrvisit' and table_name = 'scan' and row_key = $1`, [earlyId])).toHaveLength(0);
      await client.query('commit');
      const logged = await waitFor('both logged', async () => {
        const found = await t.rows<{ row_key: string }>(
          'hub',
          `select row_key from event_log where source = 'qrvisit' and table_name = 'scan' and row_key = any($1) order by cursor`,
          [[lateId, earlyId]],
        );
        return found.length === 2 && found;
      });
      expect(logged.map((r) => r.row_key)).toEqual([lateId, earlyId]);
    } finally {
      client.release();
    }
  });

  test('changes made while no hub runs are ingested by the next hub at start', async () => {
    await t.hub.stop();
    const ids = await insertScans(3);
    // Time passing on purpose: no hub runs, so nothing can settle; no stray ingester may log them.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await t.rows('hub', `select 1 from event_log where source = 'qrvisit' and row_key = any($1)`, [ids])).toHaveLength(0);
    const hub2 = await startHub(t.config);
    try {
      await waitFor('the three scans published by the new hub', () => ids.every((id) => scanKeys(published).includes(id)));
      const logged = await t.rows<{ row_key: string }>(
        'hub',
        `select row_key from event_log where source = 'qrvisit' and table_name = 'scan' and row_key = any($1) order by cursor`,
        [ids],
      );
      expect(logged.map((r) => r.row_key)).toEqual(ids);
      expect(scanKeys(published).filter((k) => ids.includes(k))).toEqual(ids);
      expectOrderedOnce(published);
    } finally {
      await hub2.stop();
    }
  });

  test('two instances: one ingests, both publish every event once, the other takes over when the leader dies or stops', async () => {
    // No hub is running now (the previous test stopped both): two bare feeds, A without LISTEN (poll path only).
    const sources: Partial<Record<SourceName, string>> = {};
    for (const name of SOURCE_NAMES) sources[name] = t.config.databases[name].url!;
    const sinks: Record<string, LogEvent[]> = { A: [], B: [] };
    const base = (name: string): ChangeFeedOptions => ({
      hubUrl: t.config.databases.hub.url!,
      sources,
      name: `test_${name}`,
      lockRetryMs: 200,
      publish: (event) => sinks[name].push(event),
    });
    const feeds: Record<string, ChangeFeed> = {};
    feeds.A = await startChangeFeed({ ...base('A'), listen: false });
    try {
      await waitFor('A leads', () => feeds.A.isLeader());
      feeds.B = await startChangeFeed(base('B'));
      const first = await insertScans(5);
      for (const name of ['A', 'B']) await waitFor(`${name} publishes the first scans`, () => first.every((id) => scanKeys(sinks[name]).includes(id)));
      expect(feeds.A.isLeader()).toBe(true);
      expect(feeds.B.isLeader()).toBe(false);

      // The leader's session dies (its backend is terminated): the lock is freed, one instance takes over.
      await t.rows('hub', 'select pg_terminate_backend($1)', [feeds.A.hubPid()]);
      const second = await insertScans(5);
      await waitFor('a new leader', () => feeds.A.isLeader() || feeds.B.isLeader(), 5000);
      for (const name of ['A', 'B']) await waitFor(`${name} publishes the second scans`, () => second.every((id) => scanKeys(sinks[name]).includes(id)));
      expect([feeds.A.isLeader(), feeds.B.isLeader()].filter(Boolean)).toHaveLength(1);

      // The leader stops: the other takes over within seconds.
      const leaderName = feeds.A.isLeader() ? 'A' : 'B';
      const otherName = leaderName === 'A' ? 'B' : 'A';
      await feeds[leaderName].stop();
      const third = await insertScans(5);
      await waitFor(`${otherName} takes over`, () => feeds[otherName].isLeader(), 5000);
      await waitFor(`${otherName} publishes the third scans`, () => third.every((id) => scanKeys(sinks[otherName]).includes(id)));

      const all = [...first, ...second, ...third];
      const logged = await t.rows<{ row_key: string }>(
        'hub',
        `select row_key from event_log where source = 'qrvisit' and table_name = 'scan' and row_key = any($1) order by cursor`,
        [all],
      );
      expect(logged.map((r) => r.row_key)).toEqual(all);
      expect(scanKeys(sinks[otherName]).filter((k) => all.includes(k))).toEqual(all);
      expect(scanKeys(sinks[leaderName]).filter((k) => first.includes(k) || second.includes(k))).toEqual([...first, ...second]);
      for (const sink of Object.values(sinks)) expectOrderedOnce(sink);
      const [{ n }] = await t.rows('hub', `select count(*)::int as n from event_log where source = 'qrvisit'`);
      const [{ m }] = await t.rows('qrvisit', 'select count(*)::int as m from campus_graph_change');
      expect(n).toBe(m); // nothing lost, nothing doubled
    } finally {
      for (const feed of Object.values(feeds)) await feed.stop();
    }
  });

  test('a source that is down is skipped and retried; the others go on', async () => {
    const sink: LogEvent[] = [];
    const feed = await startChangeFeed({
      hubUrl: t.config.databases.hub.url!,
      // Port 1: nothing listens there, the connection is refused.
      sources: { library: 'postgresql://postgres@127.0.0.1:1/none', qrvisit: t.config.databases.qrvisit.url! },
      name: 'test_partial',
      sourceRetryMs: 300,
      publish: (event) => sink.push(event),
    });
    try {
      await waitFor('leads', () => feed.isLeader());
      const ids = await insertScans(2);
      await waitFor('the scans published despite the library being down', () => ids.every((id) => scanKeys(sink).includes(id)));
    } finally {
      await feed.stop();
    }
  });

  test('the ingesting instance trims a source\'s ingested changes once they are older than the retention; newer ones stay', async () => {
    const feed = await startChangeFeed({
      hubUrl: t.config.databases.hub.url!,
      sources: { qrvisit: t.config.databases.qrvisit.url! },
      name: 'test_trim',
      retainChangesMs: 60_000,
      trimEveryMs: 100,
      publish: () => undefined,
    });
    const changesOf = (ids: string[]) =>
      t.rows<{ row_key: string }>('qrvisit', `select row_key from campus_graph_change where table_name = 'scan' and row_key = any($1) order by id`, [ids]);
    try {
      await waitFor('leads', () => feed.isLeader());
      const ids = await insertScans(3);
      await waitFor('the scans ingested', async () => (await t.rows('hub', `select 1 from event_log where source = 'qrvisit' and row_key = any($1)`, [ids])).length === 3);
      // Two of them were captured two minutes ago (past the one-minute retention), one just now.
      await t.rows('qrvisit', `update campus_graph_change set changed_at = now() - interval '2 minutes' where table_name = 'scan' and row_key = any($1)`, [ids.slice(0, 2)]);
      await waitFor('the two old changes trimmed', async () => (await changesOf(ids)).length === 1);
      expect((await changesOf(ids)).map((r) => r.row_key)).toEqual([ids[2]]);
      // The hub's event log keeps all three: replays do not depend on the source's table.
      const logged = await t.rows<{ row_key: string }>('hub', `select row_key from event_log where source = 'qrvisit' and row_key = any($1) order by cursor`, [ids]);
      expect(logged.map((r) => r.row_key)).toEqual(ids);
    } finally {
      await feed.stop();
    }
    // Not ingested yet: an old change behind a transaction still in flight (the feed stops at the
    // gap) stays, whatever its age; once the gap closes and it is ingested, it goes.
    const inFlight = await t.sql('qrvisit').connect();
    const again = await startChangeFeed({
      hubUrl: t.config.databases.hub.url!, sources: { qrvisit: t.config.databases.qrvisit.url! }, name: 'test_trim_2',
      retainChangesMs: 60_000, trimEveryMs: 100, publish: () => undefined,
    });
    try {
      await waitFor('leads again', () => again.isLeader());
      await inFlight.query('begin');
      const [{ id: openId }] = (await inFlight.query(`insert into scan (session_id, student_book, scanned_at, result, device)
        values ((select min(id) from lesson_session), 'TEST-OPEN', now(), 'duplicate', 'test-device') returning id::text`)).rows;
      const [late] = await insertScans(1);
      await t.rows('qrvisit', `update campus_graph_change set changed_at = now() - interval '2 days' where table_name = 'scan' and row_key = $1`, [late]);
      // Time passing on purpose, as above: the gap holds the feed however many rounds it runs.
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(await t.rows('hub', `select 1 from event_log where source = 'qrvisit' and row_key = $1`, [late])).toHaveLength(0);
      expect(await changesOf([late])).toHaveLength(1);
      await inFlight.query('commit');
      await waitFor('the old change ingested, then trimmed', async () => (await changesOf([late])).length === 0);
      expect(await t.rows('hub', `select 1 from event_log where source = 'qrvisit' and row_key = any($1)`, [[openId, late]])).toHaveLength(2);
      expect(await changesOf([openId])).toHaveLength(1);
    } finally {
      await inFlight.query('rollback').catch(() => undefined);
      inFlight.release();
      await again.stop();
    }
  });
});
