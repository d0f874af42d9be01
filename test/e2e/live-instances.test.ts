/**
 * Live data across hub processes, each started as `npm start` would be (bench/lib/hub-process.ts)
 * on the same databases:
 * - a hub is stopped, marks are written with plain SQL while no hub runs, a hub starts again and
 *   a dashboard resuming from its last cursor receives every one of them, in order;
 * - two instances at once: only one ingests (it holds the advisory lock), a subscriber on either
 *   receives every event once; the ingesting process is killed, the other takes over within
 *   seconds and nothing is lost.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/domain/global-id';
import { setOpaqueSecret } from '../../src/domain/opaque-keys';
import { INGEST_LOCK_KEY } from '../../src/events/ingest-lock';
import { loginOverHttp, startHubProcess, type HubProcess } from '../../bench/lib/hub-process';
import { cloneDemoDatabases, type ClonedDatabases } from '../helpers/cloned-databases';
import { closeAll, sleep, subscribe, waitFor, type Subscriber } from '../helpers/subscriber';

const SUBSCRIPTION = `subscription ($after: String, $where: AttendanceEventWhere) {
  attendanceMarked(after: $after, where: $where) { cursor lesson { id } student { id } }
}`;

interface Received { cursor: string; lesson: { id: string }; student: { id: string } }

let databases: ClonedDatabases;
let avn: pg.Pool;
let hubDb: pg.Pool;
let facultyId: string;
/** Lesson × student pairs of one faculty without a mark yet, handed out one per insert. */
let freePairs: { zan_id: number; stud_id: number }[] = [];
const running: HubProcess[] = [];


function startHub(): HubProcess {
  const hub = startHubProcess({ ...databases.env, RATE_LIMIT_PER_MINUTE: '0', ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0' });
  running.push(hub);
  return hub;
}

/** Writes one mark with plain SQL, as AVN's own journal screen would; returns it as a subscriber will see it. */
async function insertMark(): Promise<string> {
  const pair = freePairs.shift()!;
  await avn.query(`insert into jurnal_otmetka (zan_id, stud_id, prisutstvie, istochnik) values ($1, $2, 'P', 'ruchnoy')`, [pair.zan_id, pair.stud_id]);
  return markKey({ lesson: { id: toGlobalId('Lesson', pair.zan_id) }, student: { id: toGlobalId('Student', pair.stud_id) } });
}

const markKey = (event: Pick<Received, 'lesson' | 'student'>) => `${event.lesson.id}/${event.student.id}`;
const keysOf = (sub: Subscriber<Received>) => sub.events.map(markKey);

async function readyz(graphqlUrl: string): Promise<{ changeFeed: { ingesting: boolean; lastPublishedCursor: string } }> {
  return (await fetch(graphqlUrl.replace(/\/graphql$/, '/readyz'))).json() as any;
}

/** Sessions holding the ingest lock on the hub database (pg_locks splits a bigint key into two halves). */
async function ingestLockHolders(): Promise<number[]> {
  const key = BigInt(INGEST_LOCK_KEY);
  const { rows } = await hubDb.query<{ pid: number }>(
    `select pid from pg_locks where locktype = 'advisory' and granted and classid = $1 and objid = $2 and objsubid = 1 and database = (select oid from pg_database where datname = current_database())`,
    [String(key >> 32n), String(key & 0xffffffffn)],
  );
  return rows.map((r) => r.pid);
}

beforeAll(async () => {
  databases = await cloneDemoDatabases();
  // The hubs run on the copy with a key of their own: IDs computed here must use the same key.
  setOpaqueSecret(databases.env.IDENTITY_PIN_KEY);
  avn = new pg.Pool({ connectionString: databases.urls.avn, max: 2 });
  hubDb = new pg.Pool({ connectionString: databases.urls.hub, max: 2 });
  const { rows: [faculty] } = await avn.query<{ fak_id: number }>(`
    select sp.fak_id from jurnal_zanyatie z join gruppa g on g.grp_id = z.grp_id join specialnost sp on sp.spec_id = g.spec_id
     group by sp.fak_id order by count(*) desc limit 1`);
  facultyId = toGlobalId('Faculty', faculty.fak_id);
  ({ rows: freePairs } = await avn.query(`
    select z.zan_id, s.stud_id
      from jurnal_zanyatie z join gruppa g on g.grp_id = z.grp_id join specialnost sp on sp.spec_id = g.spec_id
      join students s on s.grp_id = z.grp_id
     where sp.fak_id = $1 and not exists (select 1 from jurnal_otmetka o where o.zan_id = z.zan_id and o.stud_id = s.stud_id)
     order by z.zan_id, s.stud_id limit 200`, [faculty.fak_id]));
  expect(freePairs.length).toBeGreaterThan(100);
});

afterAll(async () => {
  await closeAll();
  await Promise.all(running.map((hub) => hub.stop(5000)));
  await avn?.end();
  await hubDb?.end();
  await databases?.drop();
});

describe('live data across hub processes', () => {
  it('a hub stopped while marks are written catches up when it starts again; a resuming subscriber receives them all', async () => {
    const first = startHub();
    const firstUrl = await first.ready;
    const authorization = await loginOverHttp(firstUrl);
    const dashboard = await subscribe<Received>(firstUrl, authorization, SUBSCRIPTION, { where: { facultyId } }, { otherProcess: true });
    const before = [await insertMark(), await insertMark()];
    await waitFor('the marks before the stop', () => dashboard.events.length === 2);
    expect(keysOf(dashboard)).toEqual(before);
    const lastCursor = dashboard.events[1].cursor;

    expect(await first.stop()).toBe(0);
    // No hub runs: AVN's own screens keep writing. The changes wait in AVN's change table.
    const whileDown: string[] = [];
    for (let i = 0; i < 25; i++) whileDown.push(await insertMark());
    const { rows: [{ logged }] } = await hubDb.query(`select count(*)::int as logged from event_log where cursor > $1`, [lastCursor]);
    expect(logged).toBe(0);

    const second = startHub();
    const secondUrl = await second.ready;
    const resumed = await subscribe<Received>(secondUrl, authorization, SUBSCRIPTION, { after: lastCursor, where: { facultyId } }, { otherProcess: true });
    await waitFor('the 25 marks written while no hub ran', () => resumed.events.length >= 25, 20_000);
    // Then live again, with no gap between the replay and the live events.
    const after = await insertMark();
    await waitFor('a live mark after the replay', () => resumed.events.length >= 26);
    await sleep(500);
    expect(resumed.errors).toEqual([]);
    expect(keysOf(resumed)).toEqual([...whileDown, after]);
    const cursors = resumed.events.map((e) => BigInt(e.cursor));
    expect(cursors.every((c, i) => c > BigInt(lastCursor) && (i === 0 || c > cursors[i - 1]))).toBe(true);
    await resumed.close();
    await dashboard.close();
    expect(await second.stop()).toBe(0);
  }, 120_000);

  it('two instances: one ingests, a subscriber on either receives every event once; the ingesting one is killed and the other takes over, losing nothing', async () => {
    // Started together, as behind a load balancer: they also take turns migrating.
    const hubs = [startHub(), startHub()];
    const urls = await Promise.all(hubs.map((hub) => hub.ready));
    const authorization = await loginOverHttp(urls[0]);

    // The loser of the lock race keeps trying every second; within a few seconds exactly one ingests.
    let states = await Promise.all(urls.map(readyz));
    for (let i = 0; i < 40 && states.filter((s) => s.changeFeed.ingesting).length !== 1; i++) {
      await sleep(250);
      states = await Promise.all(urls.map(readyz));
    }
    expect(states.map((s) => s.changeFeed.ingesting).sort()).toEqual([false, true]);
    expect(await ingestLockHolders()).toHaveLength(1);
    const leader = states.findIndex((s) => s.changeFeed.ingesting);
    const follower = 1 - leader;

    const onLeader = await subscribe<Received>(urls[leader], authorization, SUBSCRIPTION, { where: { facultyId } }, { otherProcess: true });
    const onFollower = await subscribe<Received>(urls[follower], authorization, SUBSCRIPTION, { where: { facultyId } }, { otherProcess: true });
    const firstBatch: string[] = [];
    for (let i = 0; i < 20; i++) firstBatch.push(await insertMark());
    await waitFor('both subscribers to receive the first 20', () => onLeader.events.length >= 20 && onFollower.events.length >= 20, 15_000);
    await sleep(700);
    expect(keysOf(onLeader)).toEqual(firstBatch);
    expect(keysOf(onFollower)).toEqual(firstBatch);
    expect(onFollower.events.map((e) => e.cursor)).toEqual(onLeader.events.map((e) => e.cursor));

    // The ingesting process dies without a goodbye; marks keep coming while nobody ingests.
    const killedAt = Date.now();
    hubs[leader].child.kill('SIGKILL');
    await hubs[leader].exited;
    const secondBatch: string[] = [];
    for (let i = 0; i < 20; i++) {
      secondBatch.push(await insertMark());
      await sleep(50);
    }
    let takeoverMs = -1;
    while (Date.now() - killedAt < 15_000) {
      if ((await readyz(urls[follower])).changeFeed.ingesting) {
        takeoverMs = Date.now() - killedAt;
        break;
      }
      await sleep(100);
    }
    expect(takeoverMs, 'the survivor took over ingesting').toBeGreaterThanOrEqual(0);
    console.info(`the surviving instance took over ingesting ${takeoverMs} ms after the other was killed`);
    await waitFor('the survivor\'s subscriber to receive all 40', () => onFollower.events.length >= 40, 15_000);
    await sleep(700);
    expect(keysOf(onFollower)).toEqual([...firstBatch, ...secondBatch]);

    // The dashboard that was on the killed instance reconnects to the survivor with its last cursor.
    expect(onLeader.events).toHaveLength(20);
    const resumed = await subscribe<Received>(urls[follower], authorization, SUBSCRIPTION, { after: onLeader.events[19].cursor, where: { facultyId } }, { otherProcess: true });
    await waitFor('the resumed dashboard to catch up', () => resumed.events.length >= 20, 15_000);
    await sleep(500);
    expect(keysOf(resumed)).toEqual(secondBatch);
    expect(resumed.events.map((e) => e.cursor)).toEqual(onFollower.events.slice(20).map((e) => e.cursor));

    // Each mark is in the event log exactly once, and only the survivor holds the lock now.
    const { rows } = await hubDb.query(`select row_key, count(*)::int as n from event_log where source = 'avn' and table_name = 'jurnal_otmetka' group by row_key having count(*) > 1`);
    expect(rows).toEqual([]);
    expect(await ingestLockHolders()).toHaveLength(1);
    await resumed.close();
    await onFollower.close();
    expect(await hubs[follower].stop()).toBe(0);
  }, 150_000);
});
