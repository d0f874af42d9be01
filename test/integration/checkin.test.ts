/**
 * QR-visit check-in, end to end over real HTTP: a teacher (account tied to the lesson's employee)
 * opens a session for a journal lesson and reads its rotating code; students (accounts tied to
 * their AVN record) check in with it. Every refusal has its own `extensions.code` and leaves a
 * `qrvisit.scan` row with the matching result; an accepted check-in also marks the student in
 * `jurnal_otmetka` ('P' or 'O' late, source 'qr'). Rotation and grace are driven through the
 * service's injectable clock, so nothing waits for a real rotation period. The lesson is one of the
 * business date's (the demo's 2026-11-27), and the business clock stands in its period
 * (`wallClock`): sessions open only then (test/integration/trust/checkin-rules.test.ts checks those rules).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/viewer';
import { fromGlobalId, toGlobalId } from '../../src/domain/global-id';
import { checkinClock } from '../../src/modules/checkin/checkin.service';
import { wallClock } from '../../src/common/business-time';
import { academicTermOf } from '../../src/domain/academic-term';
import { AcademicTerm } from '../../src/domain/curriculum';
import { startTestHub, type Executor, type TestHub } from '../helpers/test-hub';

let t: TestHub;
let teacher: Executor;
let otherTeacher: Executor;
/** Students of the lesson's group (each used for one case, so cases do not interfere). */
const inGroup: { key: number; book: string; as: Executor }[] = [];
let outsider: { key: number; book: string; as: Executor };
let lesson: { key: number; id: string; teacherKey: number; groupKey: number; groupName: string; tabel: string; periodStart: Date };
const realWallClock = wallClock.now;
/** Stands the business clock `minutes` after the lesson's period started. */
const intoPeriod = (minutes: number) => {
  wallClock.now = () => new Date(+lesson.periodStart + minutes * 60_000);
};

const START = `mutation($lessonId: ID!, $location: SessionLocationInput) {
  startLessonSession(lessonId: $lessonId, location: $location) { id openedAt closedAt rotationSeconds locationCheck locationRadiusMeters groupName } }`;
const CLOSE = 'mutation($id: ID!) { closeLessonSession(sessionId: $id) { id closedAt } }';
const QR = 'query($id: ID!) { lessonQr(sessionId: $id) { sessionId payload svg expiresAt rotateSeconds } }';
const CHECK_IN = `mutation($token: String!, $location: GeoPointInput) {
  checkIn(token: $token, location: $location) { sessionId lessonId checkedInAt presence } }`;

const codeOf = (result: { errors?: readonly any[] }) => result.errors?.[0]?.extensions?.code;
/** The native key behind a global ID, by the hub's own decoder (IDs are opaque). */
const keyOf = (id: string) => Number(fromGlobalId(id).key);

async function startSession(location?: { latitude: number; longitude: number; radiusMeters: number }) {
  const { startLessonSession } = await teacher.data(START, { lessonId: lesson.id, location });
  return startLessonSession as { id: string; openedAt: string; closedAt: string | null; rotationSeconds: number; locationCheck: boolean };
}
async function qrOf(sessionId: string) {
  return (await teacher.data(QR, { id: sessionId })).lessonQr as { sessionId: string; payload: string; svg: string; expiresAt: string; rotateSeconds: number };
}
/** The scans of one student in one session, oldest first. */
const scansOf = (sessionId: string, book: string) =>
  t.rows('qrvisit', 'select result, lat, lon from scan where session_id = $1 and student_book = $2 order by id', [keyOf(sessionId), book]);
const markOf = async (studentKey: number) =>
  (await t.rows('avn', 'select trim(prisutstvie) as prisutstvie, istochnik from jurnal_otmetka where zan_id = $1 and stud_id = $2', [lesson.key, studentKey]))[0] ?? null;

beforeAll(async () => {
  t = await startTestHub();
  // A lesson of the business date whose group has at least seven students, and its teacher.
  const clock = t.hub.runtime.businessClock;
  const [row] = await t.rows('avn', `
    select z.zan_id, z.emp_id, z.grp_id, z.para, g.name, e.tabel_nomer
      from jurnal_zanyatie z join gruppa g on g.grp_id = z.grp_id join sotrudnik e on e.emp_id = z.emp_id
     where z.data = $1::date and (select count(*) from students s where s.grp_id = z.grp_id) >= 7
     order by z.zan_id limit 1`, [clock.today()]);
  lesson = {
    key: row.zan_id, id: toGlobalId('Lesson', row.zan_id), teacherKey: row.emp_id, groupKey: row.grp_id, groupName: row.name, tabel: row.tabel_nomer,
    periodStart: clock.at(clock.today(), t.config.lessonPeriodStarts[row.para - 1]),
  };
  // A minute into the lesson's period: sessions open and check-ins are on time.
  intoPeriod(1);
  const [other] = await t.rows('avn', 'select emp_id from sotrudnik where emp_id <> $1 order by emp_id limit 1', [lesson.teacherKey]);
  teacher = await t.as({ role: Role.TEACHER, employeeKey: lesson.teacherKey });
  otherTeacher = await t.as({ role: Role.TEACHER, employeeKey: other.emp_id });

  const students = await t.rows('avn', 'select stud_id, zachetka from students where grp_id = $1 order by stud_id limit 7', [lesson.groupKey]);
  for (const s of students) inGroup.push({ key: s.stud_id, book: s.zachetka, as: await t.as({ role: Role.STUDENT, studentKey: s.stud_id }) });
  // A student of another group with no registration for the lesson's discipline.
  const [out] = await t.rows('avn', `
    select s.stud_id, s.zachetka from students s
     where s.grp_id <> $1 and not exists (
       select 1 from registraciya r join uch_plan_str ps on ps.str_id = r.str_id
        where r.stud_id = s.stud_id and ps.disc_id = (select disc_id from jurnal_zanyatie where zan_id = $2))
     order by s.stud_id limit 1`, [lesson.groupKey, lesson.key]);
  outsider = { key: out.stud_id, book: out.zachetka, as: await t.as({ role: Role.STUDENT, studentKey: out.stud_id }) };
});

afterEach(() => {
  checkinClock.now = () => new Date();
});

afterAll(async () => {
  wallClock.now = realWallClock;
  await t?.close();
});

describe('teacher side', () => {
  it('starts a session for its own lesson, stored in qrvisit.lesson_session with a secret', async () => {
    const session = await startSession();
    expect(session).toMatchObject({ closedAt: null, rotationSeconds: 10, locationCheck: false, groupName: lesson.groupName });
    const [row] = await t.rows('qrvisit', 'select avn_lesson_id, teacher_tabel, group_name, secret, rotate_seconds, geo_lat from lesson_session where id = $1', [keyOf(session.id)]);
    expect(row).toMatchObject({ avn_lesson_id: lesson.key, teacher_tabel: lesson.tabel, group_name: lesson.groupName, rotate_seconds: 10, geo_lat: null });
    expect(row.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the current token with its QR image as SVG', async () => {
    const session = await startSession();
    const qr = await qrOf(session.id);
    expect(qr.sessionId).toBe(session.id);
    expect(qr.payload).toMatch(new RegExp(`^cgq1\\.${keyOf(session.id)}\\.\\d+\\.[A-Za-z0-9_-]{43}$`));
    expect(qr.svg.trimStart()).toMatch(/^<svg[\s>]/);
    expect(qr.svg).toContain('</svg>');
    expect(qr.rotateSeconds).toBe(10);
    const slot = Number(qr.payload.split('.')[2]);
    expect(new Date(qr.expiresAt).getTime()).toBe((slot + 1) * 10_000);
    // The secret never reaches GraphQL.
    const [{ secret }] = await t.rows('qrvisit', 'select secret from lesson_session where id = $1', [keyOf(session.id)]);
    expect(JSON.stringify(qr)).not.toContain(secret);
  });

  it('another teacher cannot start a session for the lesson, read its code or close it', async () => {
    const before = (await t.rows('qrvisit', 'select count(*)::int as n from lesson_session'))[0].n;
    expect(codeOf(await otherTeacher.execute(START, { lessonId: lesson.id }))).toBe('NOT_FOUND');
    expect((await t.rows('qrvisit', 'select count(*)::int as n from lesson_session'))[0].n).toBe(before);
    const session = await startSession();
    expect(codeOf(await otherTeacher.execute(QR, { id: session.id }))).toBe('NOT_FOUND');
    expect(codeOf(await otherTeacher.execute(CLOSE, { id: session.id }))).toBe('NOT_FOUND');
    // Students do not run sessions either: a session's code is nothing a student can see (null, as
    // for an object that does not exist), and starting one is refused.
    const asStudent = await inGroup[0].as.execute(QR, { id: session.id });
    expect(asStudent.data?.lessonQr).toBeNull();
    expect(JSON.stringify(asStudent)).not.toContain('cgq1.');
    expect(codeOf(await inGroup[0].as.execute(START, { lessonId: lesson.id }))).toBe('FORBIDDEN');
  });
});

describe('check-in', () => {
  it('accepts a fresh token from a student of the group and marks the journal (P, qr)', async () => {
    const student = inGroup[0];
    const session = await startSession();
    const { payload } = await qrOf(session.id);
    const result = await student.as.data(CHECK_IN, { token: payload });
    expect(result.checkIn).toMatchObject({ sessionId: session.id, lessonId: lesson.id, presence: 'PRESENT' });
    expect(await scansOf(session.id, student.book)).toEqual([{ result: 'accepted', lat: null, lon: null }]);
    expect(await markOf(student.key)).toEqual({ prisutstvie: 'P', istochnik: 'qr' });
  });

  it('refuses a second check-in by the same student (ALREADY_CHECKED_IN, scan "duplicate")', async () => {
    const student = inGroup[1];
    const session = await startSession();
    const { payload } = await qrOf(session.id);
    await student.as.data(CHECK_IN, { token: payload });
    const again = await student.as.execute(CHECK_IN, { token: payload });
    expect(codeOf(again)).toBe('ALREADY_CHECKED_IN');
    expect((await scansOf(session.id, student.book)).map((s) => s.result)).toEqual(['accepted', 'duplicate']);
    expect(await markOf(student.key)).toEqual({ prisutstvie: 'P', istochnik: 'qr' });
  });

  it('refuses a forged token (QR_TOKEN_INVALID, scan "forged_token") and leaves the journal alone', async () => {
    const student = inGroup[2];
    const markBefore = await markOf(student.key);
    const session = await startSession();
    const { payload } = await qrOf(session.id);
    const parts = payload.split('.');
    const mac = parts[3];
    parts[3] = (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1);
    const forged = await student.as.execute(CHECK_IN, { token: parts.join('.') });
    expect(codeOf(forged)).toBe('QR_TOKEN_INVALID');
    expect(forged.data).toBeNull();
    expect((await scansOf(session.id, student.book)).map((s) => s.result)).toEqual(['forged_token']);
    // A token of another slot signed with nothing: forged too.
    const otherSlot = await student.as.execute(CHECK_IN, { token: `cgq1.${keyOf(session.id)}.${Number(parts[2]) - 1}.${mac}` });
    expect(codeOf(otherSlot)).toBe('QR_TOKEN_INVALID');
    // Not a token at all: refused; it names no session, so there is no scan to record.
    expect(codeOf(await student.as.execute(CHECK_IN, { token: 'hello' }))).toBe('QR_TOKEN_INVALID');
    expect((await scansOf(session.id, student.book)).map((s) => s.result)).toEqual(['forged_token', 'forged_token']);
    expect(await markOf(student.key)).toEqual(markBefore);
  });

  it('refuses a check-in after the session was closed (SESSION_CLOSED, scan "session_closed")', async () => {
    const student = inGroup[2];
    const markBefore = await markOf(student.key);
    const session = await startSession();
    const { payload } = await qrOf(session.id);
    const { closeLessonSession } = await teacher.data(CLOSE, { id: session.id });
    expect(closeLessonSession.closedAt).not.toBeNull();
    const [row] = await t.rows('qrvisit', 'select closed_at from lesson_session where id = $1', [keyOf(session.id)]);
    expect(row.closed_at).not.toBeNull();
    expect(codeOf(await student.as.execute(CHECK_IN, { token: payload }))).toBe('SESSION_CLOSED');
    expect((await scansOf(session.id, student.book)).map((s) => s.result)).toEqual(['session_closed']);
    expect(await markOf(student.key)).toEqual(markBefore);
    // A closed session shows no code any more.
    expect(codeOf(await teacher.execute(QR, { id: session.id }))).toBe('SESSION_CLOSED');
  });

  it('refuses a student of another group not registered for the discipline (NOT_REGISTERED, scan "not_registered")', async () => {
    const session = await startSession();
    const { payload } = await qrOf(session.id);
    const result = await outsider.as.execute(CHECK_IN, { token: payload });
    expect(codeOf(result)).toBe('NOT_REGISTERED');
    expect((await scansOf(session.id, outsider.book)).map((s) => s.result)).toEqual(['not_registered']);
    expect(await markOf(outsider.key)).toBeNull();
  });

  it('accepts a student of another group who is registered for the discipline this term (not one who withdrew)', async () => {
    const [z] = await t.rows('avn', `select disc_id, to_char(data, 'YYYY-MM-DD') as data from jurnal_zanyatie where zan_id = $1`, [lesson.key]);
    const [item] = await t.rows('avn', 'select str_id from uch_plan_str where disc_id = $1 order by str_id limit 1', [z.disc_id]);
    expect(item, 'a plan item of the lesson\'s discipline').toBeDefined();
    const { academicYear, term } = academicTermOf(new Date(`${z.data}T00:00:00Z`));
    const semestr = term === AcademicTerm.AUTUMN ? 3 : 4;
    const others = await t.rows('avn', `
      select s.stud_id, s.zachetka from students s
       where s.grp_id <> $1 and s.stud_id <> $2 and not exists (
         select 1 from registraciya r join uch_plan_str ps on ps.str_id = r.str_id where r.stud_id = s.stud_id and ps.disc_id = $3)
       order by s.stud_id limit 2`, [lesson.groupKey, outsider.key, z.disc_id]);
    const [registered, withdrew] = others;
    for (const [s, status] of [[registered, 'zapisan'], [withdrew, 'otkazalsya']] as const) {
      await t.rows('avn', `insert into registraciya (stud_id, str_id, uch_god, semestr, data_reg, status) values ($1, $2, $3, $4, $5::date, $6)`,
        [s.stud_id, item.str_id, academicYear, semestr, z.data, status]);
    }
    const session = await startSession();
    const { payload } = await qrOf(session.id);
    const ok = await (await t.as({ role: Role.STUDENT, studentKey: registered.stud_id })).data(CHECK_IN, { token: payload });
    expect(ok.checkIn.presence).toBe('PRESENT');
    expect((await scansOf(session.id, registered.zachetka)).map((s) => s.result)).toEqual(['accepted']);
    expect(await markOf(registered.stud_id)).toEqual({ prisutstvie: 'P', istochnik: 'qr' });
    const refused = await (await t.as({ role: Role.STUDENT, studentKey: withdrew.stud_id })).execute(CHECK_IN, { token: payload });
    expect(codeOf(refused)).toBe('NOT_REGISTERED');
    expect((await scansOf(session.id, withdrew.zachetka)).map((s) => s.result)).toEqual(['not_registered']);
    expect(await markOf(withdrew.stud_id)).toBeNull();
  });

  it('decides two simultaneous check-ins of one student once: one accepted, one duplicate', async () => {
    const student = inGroup[4];
    const session = await startSession();
    const { payload } = await qrOf(session.id);
    const results = await Promise.all([student.as.execute(CHECK_IN, { token: payload }), student.as.execute(CHECK_IN, { token: payload })]);
    expect(results.map((r) => codeOf(r) ?? 'OK').sort()).toEqual(['ALREADY_CHECKED_IN', 'OK']);
    expect((await scansOf(session.id, student.book)).map((s) => s.result)).toEqual(['accepted', 'duplicate']);
  });

  it('checks the location when the session has one (OUT_OF_RANGE, scan "out_of_range"), then accepts from inside', async () => {
    const student = inGroup[3];
    const classroom = { latitude: 42.8746, longitude: 74.6122, radiusMeters: 100 };
    const session = await startSession(classroom);
    expect(session).toMatchObject({ locationCheck: true });
    const { payload } = await qrOf(session.id);
    // About 1.2 km north: outside.
    const far = await student.as.execute(CHECK_IN, { token: payload, location: { latitude: 42.8856, longitude: 74.6122 } });
    expect(codeOf(far)).toBe('OUT_OF_RANGE');
    expect(far.errors![0].extensions).toMatchObject({ radiusMeters: 100 });
    expect(far.errors![0].extensions?.distanceMeters).toBeGreaterThan(1000);
    // Without a location a session that checks location cannot be satisfied.
    expect(codeOf(await student.as.execute(CHECK_IN, { token: payload }))).toBe('OUT_OF_RANGE');
    // About 30 m away: inside.
    await student.as.data(CHECK_IN, { token: payload, location: { latitude: 42.87487, longitude: 74.6122 } });
    const scans = await scansOf(session.id, student.book);
    expect(scans.map((s) => s.result)).toEqual(['out_of_range', 'out_of_range', 'accepted']);
    expect(scans[0]).toMatchObject({ lat: 42.8856, lon: 74.6122 });
    expect(await markOf(student.key)).toEqual({ prisutstvie: 'P', istochnik: 'qr' });
  });

  it('only students check in', async () => {
    const session = await startSession();
    const { payload } = await qrOf(session.id);
    expect(codeOf(await teacher.execute(CHECK_IN, { token: payload }))).toBe('FORBIDDEN');
  });
});

describe('rotation and grace (injected clock)', () => {
  it('accepts the previous slot\'s token within the grace period and refuses it after (QR_TOKEN_EXPIRED)', async () => {
    // A slot boundary: 1 000 000 000 s is a multiple of the 10 s rotation.
    const t0 = 2_000_000_000_000;
    checkinClock.now = () => new Date(t0 + 1000);
    const session = await startSession();
    const { payload, expiresAt } = await qrOf(session.id);
    expect(Number(payload.split('.')[2])).toBe(t0 / 10_000);
    expect(new Date(expiresAt).getTime()).toBe(t0 + 10_000);

    // 3 s after the code rotated (grace is 5 s): still accepted.
    // Students not checked in to the lesson yet (a check-in fills only an empty journal cell).
    const [early, late, later] = [inGroup[6], inGroup[5], inGroup[2]];
    checkinClock.now = () => new Date(t0 + 13_000);
    expect((await qrOf(session.id)).payload).not.toBe(payload);
    await early.as.data(CHECK_IN, { token: payload });
    expect((await scansOf(session.id, early.book)).map((s) => s.result)).toEqual(['accepted']);
    expect(await markOf(early.key)).toEqual({ prisutstvie: 'P', istochnik: 'qr' });

    // 6 s after it rotated: expired.
    const markBefore = await markOf(late.key);
    checkinClock.now = () => new Date(t0 + 16_000);
    expect(codeOf(await late.as.execute(CHECK_IN, { token: payload }))).toBe('QR_TOKEN_EXPIRED');
    // Two rotations later: expired as well.
    checkinClock.now = () => new Date(t0 + 35_000);
    expect(codeOf(await late.as.execute(CHECK_IN, { token: payload }))).toBe('QR_TOKEN_EXPIRED');
    expect((await scansOf(session.id, late.book)).map((s) => s.result)).toEqual(['expired_token', 'expired_token']);
    expect(await markOf(late.key)).toEqual(markBefore);

    // More than 15 minutes after the lesson's period started, a fresh code marks the student late ('O').
    checkinClock.now = () => new Date(t0 + 16 * 60_000 + 2000);
    intoPeriod(16);
    const fresh = await qrOf(session.id);
    const result = await later.as.data(CHECK_IN, { token: fresh.payload });
    expect(result.checkIn.presence).toBe('LATE');
    expect(await markOf(later.key)).toEqual({ prisutstvie: 'O', istochnik: 'qr' });
    intoPeriod(1);
  });
});
