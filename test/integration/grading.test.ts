/**
 * Electronic grade sheets: grade entry within and outside the grade-entry windows, on one's own
 * sheet and another teacher's, validation against the plan item's maxima, submit (lock) and
 * reopen (administrators, audited). The mutations run in-process through the real schema with a
 * viewer per call; every write is checked with SQL on this hub's AVN database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { buildHubSchema } from '../../src/modules/schema';
import { createContext } from '../../src/graphql/context';
import { toGlobalId } from '../../src/domain/global-id';
import { scopeFor } from '../../src/auth/roles';
import { ANONYMOUS, Role, type Viewer } from '../../src/auth/viewer';
import { pubSub } from '../../src/events/pubsub';
import { GRADES_CHANGED, type GradesChangedEvent } from '../../src/modules/grading/grading.events';
import { flushAudit } from '../../src/auth/audit/audit.service';
import { setGradeScores } from '../../src/modules/grading/grade-entry.service';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;
let schema: GraphQLSchema;

const viewer = (role: Role, limits: Parameters<typeof scopeFor>[1] = {}, id = `${role}-${JSON.stringify(limits)}`): Viewer => ({
  kind: 'account', id, label: id, role, purpose: null, scope: scopeFor(role, limits),
});
const ADMIN = viewer(Role.ADMIN, {}, 'admin-under-test');

/** Runs one operation in-process through the real schema, as `who`. */
async function run(who: Viewer, query: string, variables: Record<string, unknown> = {}): Promise<ExecutionResult<any>> {
  const context = createContext(t.hub.runtime, { viewer: who });
  const result = await execute({ schema, document: parse(query), variableValues: variables, contextValue: context });
  // In-process execution has no response hook: write the request's audit entries now.
  await flushAudit(context);
  // As a client would see it on the wire (scalars serialised, errors as JSON).
  return JSON.parse(JSON.stringify(result));
}
const codeOf = (result: ExecutionResult) => result.errors?.[0]?.extensions?.code;
/** The latest audit-log entry of an operation. */
const lastAudit = async (operation: string) =>
  (await t.rows('hub', 'select actor_id, actor_role, action, objects, changes from audit_log where operation = $1 order by id desc limit 1', [operation]))[0];

const SET = `mutation($input: SetGradeScoresInput!) { setGradeScores(input: $input) {
  id status closedOn rows { module1 module2 final total letter student { id } } } }`;
const SUBMIT = 'mutation($id: ID!) { submitGradeSheet(id: $id) { id status closedOn } }';
const REOPEN = 'mutation($id: ID!, $reason: String!) { reopenGradeSheet(id: $id, reason: $reason) { id status closedOn } }';

interface Fixture {
  sheetKey: number; sheetId: string; teacherKey: number; otherTeacherKey: number; facultyKey: number; academicYear: string;
  max: { m1: number; m2: number; itog: number };
  students: number[];
}
let f: Fixture;

const rowsOf = (sheetKey: number) =>
  t.rows('avn', 'select stud_id, m1::float8, m2::float8, itog::float8, total::float8, bukva from vedomost_str where ved_id = $1 order by stud_id', [sheetKey]);
const sheetRow = async (sheetKey: number) =>
  (await t.rows('avn', 'select status, data_zakr::text as data_zakr from vedomost where ved_id = $1', [sheetKey]))[0];
const letterFor = async (total: number) =>
  (await t.rows('avn', 'select bukva from shkala where min_ball <= $1 order by min_ball desc limit 1', [total]))[0]?.bukva ?? null;

/** Moves the sheet's faculty's window of `control` (the demo seeds one per faculty, term and control). */
async function setWindow(control: 'MODULE_1' | 'MODULE_2' | 'FINAL', opensAt: Date, closesAt: Date) {
  const { gradeWindows } = (await run(ADMIN, `query($f: ID!, $y: String!, $c: GradeControl!) {
    gradeWindows(where: { facultyId: $f, academicYear: $y, term: AUTUMN, control: $c }) { nodes { id allFaculties } } }`,
  { f: toGlobalId('Faculty', f.facultyKey), y: f.academicYear, c: control })).data!;
  const own = gradeWindows.nodes.filter((w: any) => !w.allFaculties);
  expect(own).toHaveLength(1);
  const result = await run(ADMIN, 'mutation($input: UpdateGradeWindowInput!) { updateGradeWindow(input: $input) { id state } }', {
    input: { id: own[0].id, opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.updateGradeWindow;
}
const HOUR = 3600_000;
/** The business instant in ms: windows are judged against it (the demo's date: src/common/business-time.ts). */
const businessNow = () => +t.hub.runtime.businessClock.now().instant;
const open = (control: 'MODULE_1' | 'MODULE_2' | 'FINAL') => setWindow(control, new Date(businessNow() - HOUR), new Date(businessNow() + HOUR));
const closed = (control: 'MODULE_1' | 'MODULE_2' | 'FINAL') => setWindow(control, new Date(businessNow() - 10 * 24 * HOUR), new Date(businessNow() - 24 * HOUR));
const upcoming = (control: 'MODULE_1' | 'MODULE_2' | 'FINAL') => setWindow(control, new Date(businessNow() + 24 * HOUR), new Date(businessNow() + 10 * 24 * HOUR));

/** Collects the GRADES_CHANGED events published while `action` runs. */
async function eventsDuring(action: () => Promise<unknown>): Promise<GradesChangedEvent[]> {
  const events: GradesChangedEvent[] = [];
  const iterator = pubSub.subscribe(GRADES_CHANGED)[Symbol.asyncIterator]();
  const pump = (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      events.push(next.value as GradesChangedEvent);
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 10));
  await action();
  await new Promise((resolve) => setTimeout(resolve, 20));
  await iterator.return?.();
  await pump;
  return events;
}

beforeAll(async () => {
  t = await startTestHub();
  schema = await buildHubSchema();
  // An open sheet of the current term with several students with module 1 entered, and another teacher.
  const [sheet] = await t.rows('avn', `
    select v.ved_id, v.emp_id, v.uch_god, sp.fak_id, ps.max_m1, ps.max_m2, ps.max_itog
      from vedomost v join uch_plan_str ps on ps.str_id = v.str_id
      join gruppa g on g.grp_id = v.grp_id join specialnost sp on sp.spec_id = g.spec_id
     where v.status = 'otkryta' and v.uch_god = '2026-2027' and v.semestr % 2 = 1
       and (select count(*) from vedomost_str vs where vs.ved_id = v.ved_id and vs.m1 is not null) >= 4
     order by v.ved_id limit 1`);
  expect(sheet).toBeDefined();
  const students = (await t.rows('avn', 'select stud_id from vedomost_str where ved_id = $1 and m1 is not null order by stud_id', [sheet.ved_id])).map((r) => r.stud_id);
  const [other] = await t.rows('avn', `select emp_id from vedomost where emp_id <> $1 and status = 'otkryta' order by emp_id limit 1`, [sheet.emp_id]);
  f = {
    sheetKey: sheet.ved_id, sheetId: toGlobalId('GradeSheet', sheet.ved_id), teacherKey: sheet.emp_id, otherTeacherKey: other.emp_id,
    facultyKey: sheet.fak_id, academicYear: sheet.uch_god, max: { m1: sheet.max_m1, m2: sheet.max_m2, itog: sheet.max_itog }, students,
  };
});

afterAll(async () => {
  await t?.close();
});

const teacher = () => viewer(Role.TEACHER, { employeeKey: f.teacherKey });
const otherTeacher = () => viewer(Role.TEACHER, { employeeKey: f.otherTeacherKey });

describe('setGradeScores', () => {
  it('writes a teacher\'s scores within the window, with total and letter from the grading scale, and announces them', async () => {
    await open('MODULE_2');
    await open('FINAL');
    const [a, b] = f.students;
    const before = await rowsOf(f.sheetKey);
    const m1 = before.find((r) => r.stud_id === a).m1 as number;
    const m2 = Math.min(f.max.m2, 12.5);
    const final = Math.min(f.max.itog, 31);
    let result: ExecutionResult<any> | undefined;
    const events = await eventsDuring(async () => {
      result = await run(teacher(), SET, {
        input: { gradeSheetId: f.sheetId, scores: [{ studentId: toGlobalId('Student', a), module2: m2, final }, { studentId: toGlobalId('Student', b), module2: 7 }] },
      });
    });
    expect(result!.errors).toBeUndefined();

    const after = await rowsOf(f.sheetKey);
    const rowA = after.find((r) => r.stud_id === a);
    const total = m1 + m2 + final;
    expect(rowA).toMatchObject({ m1, m2, itog: final, total, bukva: await letterFor(total) });
    expect(rowA.bukva).not.toBeNull();
    // Only module 2 for b: the total waits for the final.
    expect(after.find((r) => r.stud_id === b)).toMatchObject({ m2: 7, itog: null, total: null, bukva: null });
    // Nobody else's row changed.
    const untouched = (rows: any[]) => rows.filter((r) => r.stud_id !== a && r.stud_id !== b);
    expect(untouched(after)).toEqual(untouched(before));

    // The answer is the sheet as now stored.
    const answered = result!.data.setGradeScores.rows.find((r: any) => r.student.id === toGlobalId('Student', a));
    expect(answered).toEqual({ module1: m1, module2: m2, final, total, letter: rowA.bukva, student: { id: toGlobalId('Student', a) } });

    expect(events).toEqual([expect.objectContaining({ gradeSheetId: f.sheetId, change: 'SCORES', studentKeys: expect.arrayContaining([a, b]) })]);
    const audit = await lastAudit('setGradeScores');
    expect(audit).toMatchObject({ actor_id: teacher().id, actor_role: 'TEACHER', action: 'mutation' });
    expect(audit.objects).toEqual([{ type: 'GradeSheet', id: f.sheetId }, { type: 'Student', id: toGlobalId('Student', a) }, { type: 'Student', id: toGlobalId('Student', b) }]);
    expect(audit.changes).toEqual(expect.arrayContaining([
      { objectId: f.sheetId, field: `rows[${toGlobalId('Student', b)}].module2`, old: before.find((r) => r.stud_id === b).m2, new: 7 },
      { objectId: f.sheetId, field: `rows[${toGlobalId('Student', a)}].final`, old: null, new: final },
      { objectId: f.sheetId, field: `rows[${toGlobalId('Student', a)}].letter`, old: null, new: rowA.bukva },
    ]));
  });

  it('refuses a component whose window is closed or not yet open (GRADE_WINDOW_CLOSED), writing nothing', async () => {
    const closing = await closed('MODULE_2');
    await upcoming('FINAL');
    const [, , c] = f.students;
    const before = await rowsOf(f.sheetKey);

    const late = await run(teacher(), SET, { input: { gradeSheetId: f.sheetId, scores: [{ studentId: toGlobalId('Student', c), module2: 5 }] } });
    expect(codeOf(late)).toBe('GRADE_WINDOW_CLOSED');
    expect(late.errors![0].extensions).toMatchObject({ control: 'MODULE_2', gradeSheetId: f.sheetId, opensAt: null });
    const [{ closes_at }] = await t.rows('hub', 'select closes_at from grade_window where id = (select id from grade_window where faculty_key = $1 and academic_year = $2 and term = $3 and control = $4)',
      [f.facultyKey, f.academicYear, 'autumn', 'module_2']);
    expect(late.errors![0].extensions!.closedAt).toBe(new Date(closes_at).toISOString());
    expect(closing.state).toBe('CLOSED');

    const early = await run(teacher(), SET, { input: { gradeSheetId: f.sheetId, scores: [{ studentId: toGlobalId('Student', c), final: 20 }] } });
    expect(codeOf(early)).toBe('GRADE_WINDOW_CLOSED');
    expect(early.errors![0].extensions).toMatchObject({ control: 'FINAL', closedAt: null });
    expect(early.errors![0].extensions!.opensAt).toEqual(expect.any(String));

    // One open component does not carry a closed one through: the whole call is refused.
    await open('MODULE_1');
    const mixed = await run(teacher(), SET, { input: { gradeSheetId: f.sheetId, scores: [{ studentId: toGlobalId('Student', c), module1: 1, module2: 2 }] } });
    expect(codeOf(mixed)).toBe('GRADE_WINDOW_CLOSED');
    await closed('MODULE_1');

    expect(await rowsOf(f.sheetKey)).toEqual(before);
    // Resending unchanged values needs no window: nothing changes.
    const same = before.find((r) => r.stud_id === c);
    const resend = await run(teacher(), SET, { input: { gradeSheetId: f.sheetId, scores: [{ studentId: toGlobalId('Student', c), module1: same.m1 }] } });
    expect(resend.errors).toBeUndefined();
    expect(await rowsOf(f.sheetKey)).toEqual(before);
  });

  it('lets an administrator correct scores outside the windows', async () => {
    const [, , c] = f.students;
    const result = await run(ADMIN, SET, { input: { gradeSheetId: f.sheetId, scores: [{ studentId: toGlobalId('Student', c), module2: 3 }] } });
    expect(result.errors).toBeUndefined();
    expect((await rowsOf(f.sheetKey)).find((r) => r.stud_id === c).m2).toBe(3);
  });

  it('answers another teacher (and a missing sheet) NOT_FOUND, and other roles FORBIDDEN, writing nothing', async () => {
    await open('MODULE_2');
    const before = await rowsOf(f.sheetKey);
    const scores = [{ studentId: toGlobalId('Student', f.students[0]), module2: 1 }];
    const foreign = await run(otherTeacher(), SET, { input: { gradeSheetId: f.sheetId, scores } });
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    const missing = await run(otherTeacher(), SET, { input: { gradeSheetId: toGlobalId('GradeSheet', 999_999_999), scores } });
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(missing.errors![0].message).toBe(foreign.errors![0].message);

    const [student] = await t.rows('avn', 'select stud_id from vedomost_str where ved_id = $1 limit 1', [f.sheetKey]);
    for (const who of [viewer(Role.STUDENT, { studentKey: student.stud_id }), viewer(Role.DEAN, { facultyKey: f.facultyKey }), ANONYMOUS,
      viewer(Role.TEACHER, {})]) {
      const refused = await run(who, SET, { input: { gradeSheetId: f.sheetId, scores } });
      expect(codeOf(refused), who.label).toBe('FORBIDDEN');
      expect(codeOf(await run(who, SUBMIT, { id: f.sheetId })), who.label).toBe('FORBIDDEN');
    }
    expect(codeOf(await run(otherTeacher(), SUBMIT, { id: f.sheetId }))).toBe('NOT_FOUND');
    expect(await rowsOf(f.sheetKey)).toEqual(before);
    expect((await sheetRow(f.sheetKey)).status).toBe('otkryta');
  });

  it('refuses a score above the component\'s maximum, below 0 or for a student not on the sheet, writing none of the call', async () => {
    await open('MODULE_2');
    await open('FINAL');
    const [a, b] = f.students;
    const before = await rowsOf(f.sheetKey);
    const tooHigh = await run(teacher(), SET, {
      input: { gradeSheetId: f.sheetId, scores: [{ studentId: toGlobalId('Student', a), module2: 1 }, { studentId: toGlobalId('Student', b), final: f.max.itog + 1 }] },
    });
    expect(codeOf(tooHigh)).toBe('VALIDATION_FAILED');
    expect(tooHigh.errors![0].extensions).toMatchObject({ field: 'scores[1].final' });

    const negative = await run(teacher(), SET, { input: { gradeSheetId: f.sheetId, scores: [{ studentId: toGlobalId('Student', a), module2: -1 }] } });
    expect(negative.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'scores[0].module2' });
    const decimals = await run(teacher(), SET, { input: { gradeSheetId: f.sheetId, scores: [{ studentId: toGlobalId('Student', a), module2: 1.234 }] } });
    expect(decimals.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'scores[0].module2' });

    const [stranger] = await t.rows('avn', 'select stud_id from students where stud_id not in (select stud_id from vedomost_str where ved_id = $1) limit 1', [f.sheetKey]);
    const notOnSheet = await run(teacher(), SET, {
      input: { gradeSheetId: f.sheetId, scores: [{ studentId: toGlobalId('Student', a), module2: 2 }, { studentId: toGlobalId('Student', stranger.stud_id), module2: 2 }] },
    });
    expect(notOnSheet.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'scores[1].studentId' });
    const twice = await run(teacher(), SET, {
      input: { gradeSheetId: f.sheetId, scores: [{ studentId: toGlobalId('Student', a), module2: 2 }, { studentId: toGlobalId('Student', a), module2: 3 }] },
    });
    expect(twice.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'scores[1].studentId' });

    expect(await rowsOf(f.sheetKey)).toEqual(before);
  });

  it('follows the windows at the instant the service is given (service called directly)', async () => {
    // Module 1's window of this faculty: a fixed past span; the rules see it open at an instant inside it.
    await setWindow('MODULE_1', new Date('2026-10-20T00:00:00+06:00'), new Date('2026-11-08T00:00:00+06:00'));
    const [, , , d] = f.students;
    const context = createContext(t.hub.runtime, { viewer: teacher() });
    const input = { gradeSheetId: f.sheetId, scores: [{ studentId: toGlobalId('Student', d), module1: 4 }] };
    await expect(setGradeScores(context, input, { now: new Date('2026-11-08T00:00:00+06:00') })).rejects.toMatchObject({ extensions: { code: 'GRADE_WINDOW_CLOSED', control: 'MODULE_1' } });
    const sheet = await setGradeScores(context, input, { now: new Date('2026-11-07T23:59:59+06:00') });
    expect(sheet.id).toBe(f.sheetId);
    expect((await rowsOf(f.sheetKey)).find((r) => r.stud_id === d).m1).toBe(4);
  });
});

describe('submitGradeSheet and reopenGradeSheet', () => {
  it('submitting locks the sheet: status sdana with today\'s date, then SHEET_LOCKED', async () => {
    await open('MODULE_2');
    const events = await eventsDuring(async () => {
      const submitted = await run(teacher(), SUBMIT, { id: f.sheetId });
      expect(submitted.errors).toBeUndefined();
      const today = t.hub.runtime.businessClock.today();
      expect(submitted.data!.submitGradeSheet).toEqual({ id: f.sheetId, status: 'SUBMITTED', closedOn: today });
      expect(await sheetRow(f.sheetKey)).toEqual({ status: 'sdana', data_zakr: today });
      expect((await lastAudit('submitGradeSheet')).changes).toEqual([
        { objectId: f.sheetId, field: 'status', old: 'otkryta', new: 'sdana' },
        { objectId: f.sheetId, field: 'closedOn', old: null, new: today },
      ]);
    });
    expect(events).toEqual([expect.objectContaining({ gradeSheetId: f.sheetId, change: 'SUBMITTED' })]);

    const before = await rowsOf(f.sheetKey);
    const locked = await run(teacher(), SET, { input: { gradeSheetId: f.sheetId, scores: [{ studentId: toGlobalId('Student', f.students[0]), module2: 1 }] } });
    expect(codeOf(locked)).toBe('SHEET_LOCKED');
    expect(codeOf(await run(teacher(), SUBMIT, { id: f.sheetId }))).toBe('SHEET_LOCKED');
    expect(await rowsOf(f.sheetKey)).toEqual(before);
  });

  it('only an administrator reopens, with a reason, and the reopening is audited', async () => {
    const refused = await run(teacher(), REOPEN, { id: f.sheetId, reason: 'typo in module 2' });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect((await sheetRow(f.sheetKey)).status).toBe('sdana');
    const noReason = await run(ADMIN, REOPEN, { id: f.sheetId, reason: '  ' });
    expect(noReason.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    expect((await sheetRow(f.sheetKey)).status).toBe('sdana');
    const [{ data_zakr: closedOn }] = await t.rows('avn', 'select data_zakr::text from vedomost where ved_id = $1', [f.sheetKey]);

    const reason = 'Dean\'s memo 41: module 2 of one student was mistyped';
    const reopened = await run(ADMIN, REOPEN, { id: f.sheetId, reason });
    expect(reopened.errors).toBeUndefined();
    expect(reopened.data!.reopenGradeSheet).toEqual({ id: f.sheetId, status: 'REOPENED', closedOn: null });
    expect(await sheetRow(f.sheetKey)).toEqual({ status: 'pereotkryta', data_zakr: null });

    const audit = await lastAudit('reopenGradeSheet');
    expect(audit).toMatchObject({ actor_id: ADMIN.id, actor_role: 'ADMIN', objects: [{ type: 'GradeSheet', id: f.sheetId }] });
    expect(audit.changes).toEqual([
      { objectId: f.sheetId, field: 'status', old: 'sdana', new: 'pereotkryta' },
      { objectId: f.sheetId, field: 'closedOn', old: closedOn, new: null },
      { objectId: f.sheetId, field: 'reopenReason', old: null, new: reason },
    ]);
    // The refused attempt by the teacher left no entry.
    expect(await t.rows('hub', "select 1 from audit_log where operation = 'reopenGradeSheet' and actor_role = 'TEACHER'")).toEqual([]);
    // Reopening an open sheet is refused.
    expect(codeOf(await run(ADMIN, REOPEN, { id: f.sheetId, reason }))).toBe('VALIDATION_FAILED');

    // The teacher may correct again while the window is open.
    await open('MODULE_2');
    const corrected = await run(teacher(), SET, { input: { gradeSheetId: f.sheetId, scores: [{ studentId: toGlobalId('Student', f.students[0]), module2: 2 }] } });
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.setGradeScores.status).toBe('REOPENED');
    expect((await rowsOf(f.sheetKey)).find((r) => r.stud_id === f.students[0]).m2).toBe(2);
  });
});

describe('over HTTP, with real credentials', () => {
  it('a teacher\'s token grades its own sheet; another teacher\'s token and a library key change nothing', async () => {
    await open('MODULE_2');
    const [, b] = f.students;
    const scores = [{ studentId: toGlobalId('Student', b), module2: 9 }];
    const own = await t.as({ role: Role.TEACHER, employeeKey: f.teacherKey });
    const result = await own.execute(SET, { input: { gradeSheetId: f.sheetId, scores } });
    expect(result.errors).toBeUndefined();
    expect((await rowsOf(f.sheetKey)).find((r) => r.stud_id === b).m2).toBe(9);
    // Written when the response is sent (or just after): wait for it (a loaded CI machine can take seconds).
    await expect.poll(async () => (await lastAudit('setGradeScores'))?.changes, { timeout: 10_000 })
      .toContainEqual({ objectId: f.sheetId, field: `rows[${toGlobalId('Student', b)}].module2`, old: 7, new: 9 });

    const before = await rowsOf(f.sheetKey);
    const other = await t.as({ role: Role.TEACHER, employeeKey: f.otherTeacherKey });
    const foreign = await other.execute(SET, { input: { gradeSheetId: f.sheetId, scores: [{ studentId: toGlobalId('Student', b), module2: 1 }] } });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const library = await t.as({ role: Role.LIBRARY, apiKey: true });
    const refused = await library.execute(SET, { input: { gradeSheetId: f.sheetId, scores: [{ studentId: toGlobalId('Student', b), module2: 1 }] } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await rowsOf(f.sheetKey)).toEqual(before);
  });
});
