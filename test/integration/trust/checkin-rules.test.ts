/**
 * Issue 10, item 3: the check-in rules a dean's office expects (README → Live data → QR-visit
 * check-in). A check-in fills only an empty journal cell: it never overwrites an excused mark, a
 * mark the teacher entered by hand, or an earlier QR check-in. A session opens only on the lesson's
 * date, from QR_OPEN_BEFORE_MINUTES before its period until the period's end, and takes check-ins
 * only until then; "late" counts from the period's start, not from when the session was opened.
 *
 * The business clock stands on the demo's date (2026-11-27); its time of day is driven through
 * `wallClock`. Periods follow the demo's timetable (PARA_START in src/config.ts, 80 minutes),
 * which the default LESSON_PERIOD_STARTS mirrors. Every mark and scan is read back with SQL.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wallClock } from '../../../src/common/business-time';
import { ConfigError, DEMO_REFERENCE_DATE, PARA_START, loadConfig } from '../../../src/config';
import { fromGlobalId, toGlobalId } from '../../../src/domain/global-id';
import { Role } from '../../../src/auth/viewer';
import { startTestHub, type Executor, type TestHub } from '../../helpers/test-hub';

let t: TestHub;
const realNow = wallClock.now;

const START = 'mutation($lessonId: ID!) { startLessonSession(lessonId: $lessonId) { id openedAt } }';
const QR = 'query($id: ID!) { lessonQr(sessionId: $id) { payload } }';
const CHECK_IN = 'mutation($token: String!) { checkIn(token: $token) { presence } }';

const codeOf = (result: { errors?: readonly any[] }) => result.errors?.[0]?.extensions?.code;
const keyOf = (id: string) => Number(fromGlobalId(id).key);
/** Stands the business clock at a wall-clock time of the demo's date, Bishkek time ("11:05"). */
const at = (hhmm: string) => {
  wallClock.now = () => new Date(`2026-12-04T${hhmm}:00+06:00`);
};
/** A period's start as "HH:MM" plus some minutes. */
const periodTime = (para: number, plusMinutes: number) => {
  const m = PARA_START[para] + plusMinutes;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

interface LessonCase { key: number; id: string; para: number; teacher: Executor; students: { key: number; book: string; as: Executor }[] }

/** A journal lesson of `date` in period `para` whose group has at least `size` students, with its teacher and students. */
async function lessonOf(date: string, para: number, size: number, skip: number[] = []): Promise<LessonCase> {
  const [row] = await t.rows(
    'avn',
    `select z.zan_id, z.emp_id, z.grp_id from jurnal_zanyatie z
      where z.data = $1::date and z.para = $2 and z.zan_id <> all($4::int[])
        and (select count(*) from students s where s.grp_id = z.grp_id) >= $3
      order by z.zan_id limit 1`,
    [date, para, size, skip],
  );
  expect(row, `a lesson on ${date} in period ${para}`).toBeDefined();
  const students = await t.rows('avn', 'select stud_id, zachetka from students where grp_id = $1 order by stud_id limit $2', [row.grp_id, size]);
  // The lesson has not been marked yet: the cells this test fills are its own.
  await t.rows('avn', 'delete from jurnal_otmetka where zan_id = $1', [row.zan_id]);
  return {
    key: row.zan_id, id: toGlobalId('Lesson', row.zan_id), para,
    teacher: await t.as({ role: Role.TEACHER, employeeKey: row.emp_id }),
    students: await Promise.all(students.map(async (s) => ({ key: s.stud_id, book: s.zachetka, as: await t.as({ role: Role.STUDENT, studentKey: s.stud_id }) }))),
  };
}

const sessionCount = async (lessonKey: number) =>
  (await t.rows('qrvisit', 'select count(*)::int as n from lesson_session where avn_lesson_id = $1', [lessonKey]))[0].n as number;
const markOf = async (lessonKey: number, studentKey: number) =>
  (await t.rows('avn', 'select trim(prisutstvie) as p, istochnik as source from jurnal_otmetka where zan_id = $1 and stud_id = $2', [lessonKey, studentKey]))[0] ?? null;
const scansOf = async (sessionId: string, book: string) =>
  (await t.rows('qrvisit', 'select result from scan where session_id = $1 and student_book = $2 order by id', [keyOf(sessionId), book])).map((r) => r.result);
const dayBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

async function openSession(lesson: LessonCase): Promise<{ id: string; openedAt: string; payload: string }> {
  const { startLessonSession } = await lesson.teacher.data(START, { lessonId: lesson.id });
  const { lessonQr } = await lesson.teacher.data(QR, { id: startLessonSession.id });
  return { ...startLessonSession, payload: lessonQr.payload };
}

let today: LessonCase;

beforeAll(async () => {
  t = await startTestHub();
  today = await lessonOf(DEMO_REFERENCE_DATE, 3, 8);
});

afterEach(() => {
  wallClock.now = realNow;
});

afterAll(async () => {
  wallClock.now = realNow;
  await t?.close();
});

describe('10.3 Check-in rules', () => {
  it('configuration: the timetable defaults to KNU\'s 80-minute pairs from 08:00 (the demo\'s), 10 minutes\' lead, late after 15; bad values are refused', () => {
    const config = loadConfig({});
    expect(config.lessonPeriodStarts).toEqual(PARA_START.slice(1));
    expect([config.lessonPeriodMinutes, config.qrOpenBeforeMinutes, config.qrLateAfterMinutes]).toEqual([80, 10, 15]);
    expect(loadConfig({ LESSON_PERIOD_STARTS: '8:30, 10:10' }).lessonPeriodStarts).toEqual([510, 610]);
    for (const env of [{ LESSON_PERIOD_STARTS: '10:00,09:00' }, { LESSON_PERIOD_STARTS: '25:00' }, { QR_LATE_AFTER_MINUTES: '-1' }, { LESSON_PERIOD_MINUTES: '0' }]) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
    }
  });

  it('a session for a lesson eight days old is refused (LESSON_NOT_TODAY) and nothing is written', async () => {
    const old = await lessonOf(dayBefore(DEMO_REFERENCE_DATE, 8), 3, 1);
    at(periodTime(3, 10)); // the old lesson's period, on today's date
    const before = await sessionCount(old.key);
    const refused = await old.teacher.execute(START, { lessonId: old.id });
    expect(codeOf(refused)).toBe('LESSON_NOT_TODAY');
    expect(refused.errors![0].extensions).toMatchObject({ lessonDate: dayBefore(DEMO_REFERENCE_DATE, 8), today: DEMO_REFERENCE_DATE });
    expect(await sessionCount(old.key)).toBe(before);
  });

  it('a session for today\'s lesson opens from 10 minutes before its period until its end (OUTSIDE_LESSON_TIME otherwise)', async () => {
    const before = await sessionCount(today.key);
    at(periodTime(3, -11));
    const early = await today.teacher.execute(START, { lessonId: today.id });
    expect(codeOf(early)).toBe('OUTSIDE_LESSON_TIME');
    expect(early.errors![0].extensions).toMatchObject({
      opensAt: new Date(`${DEMO_REFERENCE_DATE}T${periodTime(3, -10)}:00+06:00`).toISOString(),
      endsAt: new Date(`${DEMO_REFERENCE_DATE}T${periodTime(3, 80)}:00+06:00`).toISOString(),
    });
    at(periodTime(3, 80));
    expect(codeOf(await today.teacher.execute(START, { lessonId: today.id }))).toBe('OUTSIDE_LESSON_TIME');
    expect(await sessionCount(today.key)).toBe(before);

    at(periodTime(3, -10));
    const opened = await openSession(today);
    // QR-visit records the business time: the session opened on the lesson's date.
    expect(opened.openedAt).toBe(new Date(`${DEMO_REFERENCE_DATE}T${periodTime(3, -10)}:00+06:00`).toISOString());
    at(periodTime(3, 79));
    await openSession(today);
    expect(await sessionCount(today.key)).toBe(before + 2);
  });

  it('a check-in never overwrites an excused mark, a hand-entered mark or an earlier QR check-in (ATTENDANCE_ALREADY_MARKED)', async () => {
    const [excused, absent, present] = today.students;
    for (const [s, mark] of [[excused, 'U'], [absent, 'N'], [present, 'P']] as const) {
      await t.rows('avn', `insert into jurnal_otmetka (zan_id, stud_id, prisutstvie, istochnik) values ($1, $2, $3, 'ruchnoy')`, [today.key, s.key, mark]);
    }
    at(periodTime(3, 5));
    const session = await openSession(today);
    for (const [s, mark, presence] of [[excused, 'U', 'EXCUSED'], [absent, 'N', 'ABSENT'], [present, 'P', 'PRESENT']] as const) {
      const refused = await s.as.execute(CHECK_IN, { token: session.payload });
      expect(codeOf(refused), presence).toBe('ATTENDANCE_ALREADY_MARKED');
      expect(refused.errors![0].extensions).toMatchObject({ presence, source: 'MANUAL' });
      expect(await markOf(today.key, s.key)).toEqual({ p: mark, source: 'ruchnoy' });
      // The attempt is kept in QR-visit's log (its own word for "already recorded").
      expect(await scansOf(session.id, s.book)).toEqual(['duplicate']);
    }

    // A student checked in by QR in one session of the lesson is not checked in again by another.
    const once = today.students[3];
    expect((await once.as.data(CHECK_IN, { token: session.payload })).checkIn.presence).toBe('PRESENT');
    const second = await openSession(today);
    expect(codeOf(await once.as.execute(CHECK_IN, { token: second.payload }))).toBe('ALREADY_CHECKED_IN');
    expect(await scansOf(second.id, once.book)).toEqual(['duplicate']);
    expect(await markOf(today.key, once.key)).toEqual({ p: 'P', source: 'qr' });
  });

  it('an empty cell is marked PRESENT within 15 minutes of the period\'s start and LATE after, however late the session opened', async () => {
    const [onTime, late] = [today.students[4], today.students[5]];
    at(periodTime(3, 14));
    const session = await openSession(today);
    expect((await onTime.as.data(CHECK_IN, { token: session.payload })).checkIn.presence).toBe('PRESENT');
    expect(await markOf(today.key, onTime.key)).toEqual({ p: 'P', source: 'qr' });
    // One minute after the session opened, but 16 minutes into the period.
    at(periodTime(3, 16));
    expect((await late.as.data(CHECK_IN, { token: session.payload })).checkIn.presence).toBe('LATE');
    expect(await markOf(today.key, late.key)).toEqual({ p: 'O', source: 'qr' });
  });

  it('after the period ends a session takes no check-ins (SESSION_CLOSED, scan "session_closed") and shows no code', async () => {
    const after = today.students[6];
    at(periodTime(3, 70));
    const session = await openSession(today);
    at(periodTime(3, 80));
    const refused = await after.as.execute(CHECK_IN, { token: session.payload });
    expect(codeOf(refused)).toBe('SESSION_CLOSED');
    expect(await scansOf(session.id, after.book)).toEqual(['session_closed']);
    expect(await markOf(today.key, after.key)).toBeNull();
    expect(codeOf(await today.teacher.execute(QR, { id: session.id }))).toBe('SESSION_CLOSED');
  });
});
