/**
 * Live attendance over real WebSockets: a mark written with plain SQL into avn jurnal_otmetka
 * reaches a subscriber through the change feed; a subscriber that reconnects with its last
 * cursor receives exactly the marks it missed, in order; a dean of another faculty receives
 * nothing of this faculty, live or replayed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/viewer';
import { toGlobalId } from '../../src/domain/global-id';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { closeAll, subscribe as subscribeOver, waitFor } from '../helpers/subscriber';

let t: TestHub;
let facultyA: number;
let facultyB: number;
/** Lesson × student pairs of faculty A without a mark yet, handed out one per insert. */
let freePairs: { zan_id: number; stud_id: number; grp_id: number }[] = [];

const SUBSCRIPTION = `subscription ($after: String, $where: AttendanceEventWhere) {
  attendanceMarked(after: $after, where: $where) {
    cursor at
    mark { presence source mark student { id } }
    lesson { id group { id } }
    student { id }
  }
}`;

interface Received { cursor: string; mark: { presence: string; source: string }; lesson: { id: string } | null; student: { id: string } | null }

/** Subscribes to SUBSCRIPTION with these credentials over a real WebSocket. */
const subscribe = (authorization: string, variables: Record<string, unknown>) =>
  subscribeOver<Received>(t.url, authorization, SUBSCRIPTION, variables);



/** Writes one mark of faculty A with plain SQL, as a teacher's journal or a QR check-in would. */
async function insertMark(presence = 'P'): Promise<{ otm_id: number; zan_id: number; stud_id: number }> {
  const pair = freePairs.shift()!;
  const [row] = await t.rows('avn', `insert into jurnal_otmetka (zan_id, stud_id, prisutstvie, istochnik) values ($1, $2, $3, 'qr') returning otm_id, zan_id, stud_id`, [
    pair.zan_id, pair.stud_id, presence,
  ]);
  return row;
}

beforeAll(async () => {
  t = await startTestHub();
  const faculties = await t.rows<{ fak_id: number }>('avn', `
    select sp.fak_id from jurnal_zanyatie z join gruppa g on g.grp_id = z.grp_id join specialnost sp on sp.spec_id = g.spec_id
     group by sp.fak_id order by count(*) desc limit 2`);
  [facultyA, facultyB] = faculties.map((f) => f.fak_id);
  freePairs = await t.rows('avn', `
    select z.zan_id, s.stud_id, z.grp_id
      from jurnal_zanyatie z join gruppa g on g.grp_id = z.grp_id join specialnost sp on sp.spec_id = g.spec_id
      join students s on s.grp_id = z.grp_id
     where sp.fak_id = $1 and not exists (select 1 from jurnal_otmetka o where o.zan_id = z.zan_id and o.stud_id = s.stud_id)
     order by z.zan_id, s.stud_id limit 200`, [facultyA]);
  expect(facultyB).toBeDefined();
  expect(freePairs.length).toBeGreaterThan(60);
});

afterAll(async () => {
  await closeAll();
  await t?.close();
});

describe('attendanceMarked', () => {
  it('delivers a mark inserted with plain SQL, with the mark, lesson and student loaded', async () => {
    const sub = await subscribe(t.authorization!, { where: { facultyId: toGlobalId('Faculty', facultyA) } });
    const written = await insertMark('O');
    await waitFor('the live event', () => sub.events.length > 0);
    await sub.close();
    expect(sub.errors).toEqual([]);
    const [logged] = await t.rows('hub', `select cursor::text as cursor from event_log where source = 'avn' and table_name = 'jurnal_otmetka' and row_key = $1`, [
      String(written.otm_id),
    ]);
    expect(sub.events).toHaveLength(1);
    expect(sub.events[0]).toMatchObject({
      cursor: logged.cursor,
      mark: { presence: 'LATE', source: 'QR' },
      lesson: { id: toGlobalId('Lesson', written.zan_id) },
      student: { id: toGlobalId('Student', written.stud_id) },
    });
  });

  it('after a disconnect, resubscribing with the last cursor gives exactly the 50 missed marks, in order, then live ones', async () => {
    const where = { facultyId: toGlobalId('Faculty', facultyA) };
    const first = await subscribe(t.authorization!, { where });
    await insertMark();
    await waitFor('the first event', () => first.events.length > 0);
    const lastCursor = first.events[first.events.length - 1].cursor;
    await first.close();

    const missed: { otm_id: number; zan_id: number; stud_id: number }[] = [];
    for (let i = 0; i < 50; i++) missed.push(await insertMark(i % 2 ? 'P' : 'N'));
    const ids = missed.map((m) => String(m.otm_id));
    // Until the feed has ingested all of them (the replay reads the log).
    await t.settled();
    const [{ n }] = await t.rows('hub', `select count(*)::int as n from event_log where table_name = 'jurnal_otmetka' and row_key = any($1)`, [ids]);
    expect(n).toBe(50);

    const again = await subscribe(t.authorization!, { where, after: lastCursor });
    await waitFor('the 50 replayed events', () => again.events.length >= 50);
    const live = await insertMark('U');
    await waitFor('the live event after the replay', () => again.events.length >= 51);
    await t.settled();
    await again.close();
    expect(again.errors).toEqual([]);
    expect(again.events).toHaveLength(51);
    const pairs = again.events.map((e) => [e.lesson?.id, e.student?.id]);
    expect(pairs).toEqual([...missed, live].map((m) => [toGlobalId('Lesson', m.zan_id), toGlobalId('Student', m.stud_id)]));
    const cursors = again.events.map((e) => Number(e.cursor));
    expect(cursors.every((c, i) => i === 0 || c > cursors[i - 1])).toBe(true);
    expect(cursors[0]).toBeGreaterThan(Number(lastCursor));
    expect(again.events[50].mark.presence).toBe('EXCUSED');
  });

  it('a dean of another faculty receives none of this faculty\'s marks, live or replayed; this faculty\'s dean does', async () => {
    const own = await t.as({ role: Role.DEAN, facultyKey: facultyA });
    const other = await t.as({ role: Role.DEAN, facultyKey: facultyB });
    const [{ cursor: before }] = await t.rows('hub', `select coalesce(max(cursor), 0)::text as cursor from event_log`);

    const ownLive = await subscribe(own.authorization!, {});
    const otherLive = await subscribe(other.authorization!, {});
    const written = [await insertMark(), await insertMark()];
    await waitFor('the own dean\'s live events', () => ownLive.events.length >= 2);
    await t.settled();
    expect(ownLive.events.map((e) => e.student?.id)).toEqual(written.map((w) => toGlobalId('Student', w.stud_id)));
    expect(otherLive.events).toEqual([]);
    expect(otherLive.errors).toEqual([]);

    const ownReplay = await subscribe(own.authorization!, { after: before });
    const otherReplay = await subscribe(other.authorization!, { after: before, where: { facultyId: toGlobalId('Faculty', facultyA) } });
    await waitFor('the own dean\'s replay', () => ownReplay.events.length >= 2);
    await t.settled();
    expect(ownReplay.events.map((e) => e.student?.id)).toEqual(written.map((w) => toGlobalId('Student', w.stud_id)));
    expect(otherReplay.events).toEqual([]);
    expect(otherReplay.errors).toEqual([]);
    await Promise.all([ownLive, otherLive, ownReplay, otherReplay].map((s) => s.close()));
  });
});

/** Subscribes to any subscription operation; collects the value of its one root field. */
const subscribeTo = (authorization: string, query: string, variables: Record<string, unknown> = {}) =>
  subscribeOver(t.url, authorization, query, variables);

describe('order, student status and service request changes', () => {
  it('studentOrderChanged: a created, then signed order of the faculty, with its students; nothing for another faculty\'s dean', async () => {
    const query = `subscription ($where: OrderEventWhere, $after: String) { studentOrderChanged(where: $where, after: $after) {
      cursor change order { id status students { nodes { student { id } } } } } }`;
    const other = await t.as({ role: Role.DEAN, facultyKey: facultyB });
    const admin = await subscribeTo(t.authorization!, query, { where: { facultyId: toGlobalId('Faculty', facultyA) } });
    const otherDean = await subscribeTo(other.authorization!, query);
    const [{ stud_id }] = await t.rows('avn', `select s.stud_id from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id
      where sp.fak_id = $1 order by s.stud_id limit 1`, [facultyA]);
    const avn = t.sql('avn');
    const client = await avn.connect();
    let prikazId: number;
    try {
      // The order and its student in one transaction, as AVN writes them.
      await client.query('begin');
      [{ prikaz_id: prikazId }] = (await client.query(`insert into prikaz (nomer, data, tip_id, fak_id, status)
        values ('LIVE-1', current_date, (select min(tip_id) from prikaz_tip), $1, 'proekt') returning prikaz_id`, [facultyA])).rows;
      await client.query('insert into prikaz_student (prikaz_id, stud_id) values ($1, $2)', [prikazId, stud_id]);
      await client.query('commit');
    } finally {
      client.release();
    }
    await waitFor('the created order', () => admin.events.length >= 1);
    await t.rows('avn', `update prikaz set status = 'podpisan' where prikaz_id = $1`, [prikazId]);
    await waitFor('the signed order', () => admin.events.length >= 2);
    await t.settled();
    await Promise.all([admin.close(), otherDean.close()]);
    expect(admin.errors).toEqual([]);
    expect(admin.events.map((e) => e.change)).toEqual(['CREATED', 'SIGNED']);
    expect(admin.events[1].order).toMatchObject({ id: toGlobalId('Order', prikazId), status: 'SIGNED', students: { nodes: [{ student: { id: toGlobalId('Student', stud_id) } }] } });
    expect(otherDean.events).toEqual([]);

    // Replayed from before the order: the same two changes.
    const replay = await subscribeTo(t.authorization!, query, { after: String(Number(admin.events[0].cursor) - 1), where: { facultyId: toGlobalId('Faculty', facultyA) } });
    await waitFor('the replayed changes', () => replay.events.length >= 2);
    await replay.close();
    expect(replay.events.map((e) => e.cursor)).toEqual(admin.events.map((e) => e.cursor));
  });

  it('studentStatusChanged: a status change of a faculty student, with both statuses; nothing for another faculty\'s dean', async () => {
    const query = `subscription ($where: StudentStatusEventWhere) { studentStatusChanged(where: $where) { cursor status previousStatus student { id status } } }`;
    const own = await t.as({ role: Role.DEAN, facultyKey: facultyA });
    const other = await t.as({ role: Role.DEAN, facultyKey: facultyB });
    const ownDean = await subscribeTo(own.authorization!, query);
    const otherDean = await subscribeTo(other.authorization!, query);
    const [student] = await t.rows('avn', `select s.stud_id from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id
      where sp.fak_id = $1 and s.status_id = 1 order by s.stud_id desc limit 1`, [facultyA]);
    await t.rows('avn', 'update students set status_id = 2 where stud_id = $1', [student.stud_id]);
    await waitFor('the status change', () => ownDean.events.length >= 1);
    await t.settled();
    await Promise.all([ownDean.close(), otherDean.close()]);
    expect(ownDean.errors).toEqual([]);
    expect(ownDean.events).toEqual([
      expect.objectContaining({ status: 'ACADEMIC_LEAVE', previousStatus: 'STUDYING', student: { id: toGlobalId('Student', student.stud_id), status: 'ACADEMIC_LEAVE' } }),
    ]);
    expect(otherDean.events).toEqual([]);
  });

  it('serviceRequestStatusChanged: a submitted request and its move to IN_PROGRESS, filtered by unit and status', async () => {
    const query = `subscription ($where: ServiceRequestEventWhere) { serviceRequestStatusChanged(where: $where) { cursor status previousStatus request { id number type { unit } } } }`;
    const [type] = await t.rows('registrar', 'select code, unit from request_types order by code limit 1');
    const unit = (type.unit as string).toUpperCase();
    const all = await subscribeTo(t.authorization!, query, { where: { unit } });
    const inProgress = await subscribeTo(t.authorization!, query, { where: { status: 'IN_PROGRESS' } });
    const [request] = await t.rows('registrar', `insert into service_requests (request_no, type_code, applicant_name, submitted_at, channel, status)
      values ('LIVE-REQ-1', $1, 'Live Test', now(), 'online', 'submitted') returning request_id`, [type.code]);
    await waitFor('the submitted request', () => all.events.length >= 1);
    await t.rows('registrar', `update service_requests set status = 'in_progress' where request_id = $1`, [request.request_id]);
    await waitFor('the request in progress', () => all.events.length >= 2 && inProgress.events.length >= 1);
    await t.settled();
    await Promise.all([all.close(), inProgress.close()]);
    expect(all.errors).toEqual([]);
    const id = toGlobalId('ServiceRequest', request.request_id);
    expect(all.events).toEqual([
      expect.objectContaining({ status: 'SUBMITTED', previousStatus: null, request: { id, number: 'LIVE-REQ-1', type: { unit } } }),
      expect.objectContaining({ status: 'IN_PROGRESS', previousStatus: 'SUBMITTED' }),
    ]);
    expect(inProgress.events).toEqual([expect.objectContaining({ status: 'IN_PROGRESS', request: expect.objectContaining({ id }) })]);
  });
});
