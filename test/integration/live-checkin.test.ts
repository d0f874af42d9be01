/**
 * QR check-in seen live: the lesson's teacher subscribes over a real WebSocket to
 * `attendanceMarked` for its lesson, opens a session, a student of the group checks in over HTTP
 * with the code from `lessonQr`, and the teacher's subscription receives the journal mark
 * (PRESENT, source QR) through the change feed. A refused check-in writes no mark, so no event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/viewer';
import { toGlobalId } from '../../src/domain/global-id';
import { wallClock } from '../../src/common/business-time';
import { startTestHub, type Executor, type TestHub } from '../helpers/test-hub';
import { closeAll, subscribe as subscribeOver, waitFor } from '../helpers/subscriber';

let t: TestHub;
let teacher: Executor;
let student: { key: number; as: Executor };
let lesson: { key: number; id: string };
const realWallClock = wallClock.now;

const SUBSCRIPTION = `subscription ($where: AttendanceEventWhere) {
  attendanceMarked(where: $where) { cursor mark { presence source } lesson { id } student { id } }
}`;
const START = 'mutation($lessonId: ID!) { startLessonSession(lessonId: $lessonId) { id } }';
const QR = 'query($id: ID!) { lessonQr(sessionId: $id) { payload } }';
const CHECK_IN = 'mutation($token: String!) { checkIn(token: $token) { presence } }';

interface Received { cursor: string; mark: { presence: string; source: string }; lesson: { id: string } | null; student: { id: string } | null }



/** Subscribes to SUBSCRIPTION with these credentials over a real WebSocket. */
const subscribe = (authorization: string, variables: Record<string, unknown>) =>
  subscribeOver<Received>(t.url, authorization, SUBSCRIPTION, variables);

beforeAll(async () => {
  t = await startTestHub();
  // A lesson of the business date, its teacher and a student of its group who has no mark for it yet.
  const clock = t.hub.runtime.businessClock;
  const [row] = await t.rows('avn', `
    select z.zan_id, z.emp_id, z.para, s.stud_id
      from jurnal_zanyatie z join students s on s.grp_id = z.grp_id
     where z.data = $1::date and not exists (select 1 from jurnal_otmetka o where o.zan_id = z.zan_id and o.stud_id = s.stud_id)
     order by z.zan_id, s.stud_id limit 1`, [clock.today()]);
  lesson = { key: row.zan_id, id: toGlobalId('Lesson', row.zan_id) };
  // The business clock stands a minute into the lesson's period (sessions open only then).
  const periodStart = clock.at(clock.today(), t.config.lessonPeriodStarts[row.para - 1]);
  wallClock.now = () => new Date(+periodStart + 60_000);
  teacher = await t.as({ role: Role.TEACHER, employeeKey: row.emp_id });
  student = { key: row.stud_id, as: await t.as({ role: Role.STUDENT, studentKey: row.stud_id }) };
});

afterAll(async () => {
  wallClock.now = realWallClock;
  await closeAll();
  await t?.close();
});

describe('attendanceMarked for a QR check-in', () => {
  it('the teacher receives the student\'s check-in mark live; a refused second check-in sends nothing', async () => {
    const sub = await subscribe(teacher.authorization!, { where: { lessonId: lesson.id } });
    const { startLessonSession } = await teacher.data(START, { lessonId: lesson.id });
    const { lessonQr } = await teacher.data(QR, { id: startLessonSession.id });

    const accepted = await student.as.data(CHECK_IN, { token: lessonQr.payload });
    expect(accepted.checkIn.presence).toBe('PRESENT');
    await waitFor('the check-in mark', () => sub.events.length > 0, 5_000);
    expect(sub.errors).toEqual([]);
    const [mark] = await t.rows('avn', 'select otm_id from jurnal_otmetka where zan_id = $1 and stud_id = $2', [lesson.key, student.key]);
    const [logged] = await t.rows('hub', `select max(cursor)::text as cursor from event_log where source = 'avn' and table_name = 'jurnal_otmetka' and row_key = $1`, [
      String(mark.otm_id),
    ]);
    expect(sub.events).toHaveLength(1);
    expect(sub.events[0]).toEqual({
      cursor: logged.cursor,
      mark: { presence: 'PRESENT', source: 'QR' },
      lesson: { id: lesson.id },
      student: { id: toGlobalId('Student', student.key) },
    });

    const again = await student.as.execute(CHECK_IN, { token: lessonQr.payload });
    expect(again.errors?.[0]?.extensions?.code).toBe('ALREADY_CHECKED_IN');
    // Until the feed has delivered anything the refused check-in would have caused.
    await t.settled();
    expect(sub.events).toHaveLength(1);
    expect(sub.errors).toEqual([]);
  });
});
