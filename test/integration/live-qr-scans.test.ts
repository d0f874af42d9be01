/**
 * attendanceMarked carries scans that QR-visit accepted on its own devices: an accepted scan
 * inserted with plain SQL into qrvisit reaches the lesson's teacher once (origin QR_SCAN), a
 * refused scan sends nothing, and a check-in through the hub (which writes both a scan and the
 * journal mark) arrives exactly once, as its journal mark. A replay from a cursor gives the same.
 * The lesson is one of the business date's, and the business clock stands in its period
 * (`wallClock`): a QR session opens only then.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/viewer';
import { toGlobalId } from '../../src/domain/global-id';
import { wallClock } from '../../src/common/business-time';
import { startTestHub, type Executor, type TestHub } from '../helpers/test-hub';
import { closeAll, subscribe as subscribeOver, waitFor } from '../helpers/subscriber';

let t: TestHub;
let teacher: Executor;
let otherTeacher: Executor;
let lesson: { key: number; id: string };
const realWallClock = wallClock.now;
/** Students of the lesson's group without a mark for it: [0] checks in through the hub, [1] scans on QR-visit, [2] is refused. */
let students: { stud_id: number; zachetka: string }[];

const SUBSCRIPTION = `subscription ($where: AttendanceEventWhere, $after: String) {
  attendanceMarked(where: $where, after: $after) { cursor origin at mark { presence source mark } lesson { id } student { id } }
}`;

interface Received {
  cursor: string;
  origin: string;
  at: string;
  mark: { presence: string; source: string; mark: number | null };
  lesson: { id: string } | null;
  student: { id: string } | null;
}

const subscribe = (authorization: string, variables: Record<string, unknown>) => subscribeOver<Received>(t.url, authorization, SUBSCRIPTION, variables);

/** A scan as QR-visit's own devices write it (plain SQL, not through the hub). */
async function insertScan(sessionKey: number, studentBook: string, result: string, scannedAt: Date): Promise<number> {
  const [row] = await t.rows<{ id: string }>('qrvisit', `insert into scan (session_id, student_book, scanned_at, result, device)
    values ($1, $2, $3, $4, 'Android 14; POCO X6') returning id`, [sessionKey, studentBook, scannedAt, result]);
  return Number(row.id);
}

beforeAll(async () => {
  t = await startTestHub();
  const clock = t.hub.runtime.businessClock;
  const [row] = await t.rows(`avn`, `
    select z.zan_id, z.emp_id, z.para from jurnal_zanyatie z
     where z.data = $1::date
       and (select count(*) from students s where s.grp_id = z.grp_id
              and not exists (select 1 from jurnal_otmetka o where o.zan_id = z.zan_id and o.stud_id = s.stud_id)) >= 3
       and exists (select 1 from jurnal_zanyatie z2 where z2.emp_id <> z.emp_id)
     order by z.zan_id limit 1`, [clock.today()]);
  lesson = { key: row.zan_id, id: toGlobalId('Lesson', row.zan_id) };
  // A minute into the lesson's period on the business clock.
  const periodStart = clock.at(clock.today(), t.config.lessonPeriodStarts[row.para - 1]);
  wallClock.now = () => new Date(+periodStart + 60_000);
  students = await t.rows('avn', `
    select s.stud_id, s.zachetka from students s join jurnal_zanyatie z on z.grp_id = s.grp_id
     where z.zan_id = $1 and not exists (select 1 from jurnal_otmetka o where o.zan_id = z.zan_id and o.stud_id = s.stud_id)
     order by s.stud_id limit 3`, [lesson.key]);
  const [other] = await t.rows('avn', 'select emp_id from jurnal_zanyatie where emp_id <> $1 limit 1', [row.emp_id]);
  teacher = await t.as({ role: Role.TEACHER, employeeKey: row.emp_id });
  otherTeacher = await t.as({ role: Role.TEACHER, employeeKey: other.emp_id });
});

afterAll(async () => {
  wallClock.now = realWallClock;
  await closeAll();
  await t?.close();
});

describe('attendanceMarked and QR-visit scans', () => {
  it('a hub check-in arrives once (JOURNAL); a scan accepted by QR-visit arrives once (QR_SCAN); a refused scan not at all; replay agrees', async () => {
    const [{ cursor: before }] = await t.rows('hub', 'select coalesce(max(cursor), 0)::text as cursor from event_log');
    const live = await subscribe(teacher.authorization!, { where: { lessonId: lesson.id } });
    const stranger = await subscribe(otherTeacher.authorization!, { where: { lessonId: lesson.id } });

    // 1. A check-in through the hub: it writes a scan (device campus-graph) and the journal mark.
    const { startLessonSession } = await teacher.data('mutation($l: ID!) { startLessonSession(lessonId: $l) { id } }', { l: lesson.id });
    const { lessonQr } = await teacher.data('query($id: ID!) { lessonQr(sessionId: $id) { payload } }', { id: startLessonSession.id });
    const checkingIn = await t.as({ role: Role.STUDENT, studentKey: students[0].stud_id });
    const { checkIn } = await checkingIn.data('mutation($token: String!) { checkIn(token: $token) { presence } }', { token: lessonQr.payload });
    expect(checkIn.presence).toBe('PRESENT');
    await waitFor('the check-in', () => live.events.length >= 1);

    // 2. QR-visit's own device accepts a scan of another student, and refuses a third one.
    const [session] = await t.rows('qrvisit', 'select id from lesson_session where avn_lesson_id = $1 order by id desc limit 1', [lesson.key]);
    const scannedAt = new Date(Date.now() - 1000);
    scannedAt.setMilliseconds(0);
    const acceptedId = await insertScan(Number(session.id), students[1].zachetka, 'accepted', scannedAt);
    await insertScan(Number(session.id), students[2].zachetka, 'expired_token', scannedAt);
    await waitFor('the accepted scan', () => live.events.length >= 2);
    // Until anything else (a second event of the check-in, the refused scan) would have arrived.
    await t.settled();
    await Promise.all([live.close(), stranger.close()]);

    expect(live.errors).toEqual([]);
    expect(live.events.map((e) => [e.origin, e.student?.id])).toEqual([
      ['JOURNAL', toGlobalId('Student', students[0].stud_id)],
      ['QR_SCAN', toGlobalId('Student', students[1].stud_id)],
    ]);
    const [logged] = await t.rows('hub', `select cursor::text as cursor from event_log where source = 'qrvisit' and table_name = 'scan' and row_key = $1`, [String(acceptedId)]);
    expect(live.events[1]).toEqual({
      cursor: logged.cursor,
      origin: 'QR_SCAN',
      at: scannedAt.toISOString(),
      mark: { presence: 'PRESENT', source: 'QR', mark: null },
      lesson: { id: lesson.id },
      student: { id: toGlobalId('Student', students[1].stud_id) },
    });
    // A teacher of other lessons may not see this lesson's attendance.
    expect(stranger.events).toEqual([]);
    expect(stranger.errors).toEqual([]);

    // The same two events, in order, when replayed from before them.
    const replay = await subscribe(teacher.authorization!, { where: { lessonId: lesson.id }, after: before });
    await waitFor('the replay', () => replay.events.length >= 2);
    await t.settled();
    await replay.close();
    expect(replay.events.map((e) => e.cursor)).toEqual(live.events.map((e) => e.cursor));
  });

  it('identical subscriptions (one group, one execution) each receive every event once; one leaving does not end the other', async () => {
    const [session] = await t.rows('qrvisit', 'select id from lesson_session where avn_lesson_id = $1 order by id desc limit 1', [lesson.key]);
    const where = { lessonId: lesson.id };
    const [a, b] = [await subscribe(t.authorization!, { where }), await subscribe(t.authorization!, { where })];
    const scan = () => insertScan(Number(session.id), students[2].zachetka, 'accepted', new Date());
    await scan();
    await waitFor('both subscribers', () => a.events.length >= 1 && b.events.length >= 1);
    await a.close();
    await scan();
    await waitFor('the remaining subscriber', () => b.events.length >= 2);
    await t.settled();
    await b.close();
    expect(a.events).toHaveLength(1);
    expect(b.events).toHaveLength(2);
    expect(b.events[0]).toEqual(a.events[0]);
    expect(b.events.map((e) => e.origin)).toEqual(['QR_SCAN', 'QR_SCAN']);
    expect([a.errors, b.errors]).toEqual([[], []]);
  });
});
