/**
 * The academic calendar in the hub database: the demo's periods and grade-entry windows, the
 * window filters, the administrators' changes (and everyone else's FORBIDDEN), all checked
 * against SQL on this hub's database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { buildHubSchema } from '../../src/modules/schema';
import { createContext } from '../../src/graphql/context';
import { intKeyOf, toGlobalId } from '../../src/domain/global-id';
import { scopeFor } from '../../src/auth/roles';
import { ANONYMOUS, Role, type Viewer } from '../../src/auth/viewer';
import { alignToClock } from '../../src/demo/academic-calendar';
import { AcademicTerm } from '../../src/domain/curriculum';
import { GradeControl } from '../../src/domain/grading';
import { flushAudit } from '../../src/auth/audit/audit.service';
import { allPages, startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;
let schema: GraphQLSchema;

const viewer = (role: Role, limits: Parameters<typeof scopeFor>[1] = {}): Viewer => ({
  kind: 'account', id: `${role}-test`, label: `${role}-test`, role, purpose: null, scope: scopeFor(role, limits),
});
const ADMIN = viewer(Role.ADMIN);

async function run(who: Viewer, query: string, variables: Record<string, unknown> = {}): Promise<ExecutionResult<any>> {
  const context = createContext(t.hub.runtime, { viewer: who });
  const result = await execute({ schema, document: parse(query), variableValues: variables, contextValue: context });
  // In-process execution has no response hook: write the request's audit entries now.
  await flushAudit(context);
  // As a client would see it on the wire (scalars serialised, errors as JSON).
  return JSON.parse(JSON.stringify(result));
}
async function data(who: Viewer, query: string, variables: Record<string, unknown> = {}) {
  const result = await run(who, query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}
const codeOf = (result: ExecutionResult) => result.errors?.[0]?.extensions?.code;
/** The latest audit-log entry of an operation. */
const lastAudit = async (operation: string) =>
  (await t.rows('hub', 'select actor_id, actor_role, action, objects, changes from audit_log where operation = $1 order by id desc limit 1', [operation]))[0];

const CONTROL: Record<string, string> = { module_1: 'MODULE_1', module_2: 'MODULE_2', final: 'FINAL' };
const KIND: Record<string, string> = { classes: 'CLASSES', exam_session: 'EXAM_SESSION', holidays: 'HOLIDAYS' };
const stateAt = (opens: Date, closes: Date, now: Date) => (now < opens ? 'UPCOMING' : now < closes ? 'OPEN' : 'CLOSED');

const WINDOW_FIELDS = 'id allFaculties academicYear term control opensAt closesAt state faculty { id }';

beforeAll(async () => {
  t = await startTestHub();
  schema = await buildHubSchema();
});

afterAll(async () => {
  await t?.close();
});

describe('the demo calendar', () => {
  it('lists a year\'s periods by date as academic_period has them', async () => {
    const rows = await t.rows('hub', `select id, term, kind, name, starts_on::text, ends_on::text from academic_period
      where academic_year = '2026-2027' order by starts_on, ends_on, id`);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    const found = await t.data('{ academicCalendar(academicYear: "2026-2027") { academicYear periods { id academicYear term kind name startsOn endsOn } } }');
    expect(found.academicCalendar).toEqual({
      academicYear: '2026-2027',
      periods: rows.map((r) => ({
        id: toGlobalId('AcademicPeriod', r.id), academicYear: '2026-2027', term: r.term.toUpperCase(), kind: KIND[r.kind], name: r.name,
        startsOn: r.starts_on, endsOn: r.ends_on,
      })),
    });
    expect((await t.data('{ academicCalendar(academicYear: "1990-1991") { periods { id } } }')).academicCalendar.periods).toEqual([]);
    const bad = await t.execute('{ academicCalendar(academicYear: "2026-2028") { periods { id } } }');
    expect(bad.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'academicYear' });
  });

  it('has the current autumn term at module 2: module 1 closed, module 2 open, final not yet open (real clock)', async () => {
    const [faculty] = await t.rows('avn', 'select fak_id from fakultet order by fak_id limit 1');
    const found = await t.data(`query($f: ID!) { gradeWindows(where: { facultyId: $f, academicYear: "2026-2027", term: AUTUMN }) { totalCount nodes { ${WINDOW_FIELDS} } } }`,
      { f: toGlobalId('Faculty', faculty.fak_id) });
    expect(found.gradeWindows.nodes.map((w: any) => [w.control, w.state])).toEqual([['MODULE_1', 'CLOSED'], ['MODULE_2', 'OPEN'], ['FINAL', 'UPCOMING']]);
    const rows = await t.rows('hub', `select id, control, opens_at, closes_at from grade_window
      where faculty_key = $1 and academic_year = '2026-2027' and term = 'autumn' order by opens_at, id`, [faculty.fak_id]);
    expect(found.gradeWindows.nodes.map((w: any) => [w.id, w.opensAt, w.closesAt, w.faculty, w.allFaculties])).toEqual(
      rows.map((r) => [toGlobalId('GradeWindow', r.id), r.opens_at.toISOString(), r.closes_at.toISOString(), { id: toGlobalId('Faculty', faculty.fak_id) }, false]),
    );
  });

  it('keeps that story at any first start (the current term\'s windows follow the real clock)', () => {
    const spec = (control: GradeControl, opens: string, closes: string) =>
      ({ term: AcademicTerm.AUTUMN, control, opensAt: new Date(opens), closesAt: new Date(closes) });
    const windows = () => [
      spec(GradeControl.MODULE_1, '2026-10-19T18:00:00Z', '2026-11-07T18:00:00Z'),
      spec(GradeControl.MODULE_2, '2026-11-19T18:00:00Z', '2026-12-11T18:00:00Z'),
      spec(GradeControl.FINAL, '2027-01-10T18:00:00Z', '2027-01-31T18:00:00Z'),
    ];
    for (const now of ['2026-11-27T06:00:00Z', '2025-03-01T00:00:00Z', '2027-05-15T12:00:00Z', '2026-12-20T00:00:00Z']) {
      const at = new Date(now);
      const states = alignToClock(windows(), at).map((w) => stateAt(w.opensAt, w.closesAt, at));
      expect(states, now).toEqual(['CLOSED', 'OPEN', 'UPCOMING']);
    }
    // At the reference date nothing moves.
    expect(alignToClock(windows(), new Date('2026-11-27T06:00:00Z'))).toEqual(windows());
  });
});

describe('gradeWindows', () => {
  it('filters by year, term, semester, control, instant and state, and pages', async () => {
    const all = await t.rows('hub', 'select id, faculty_key, academic_year, term, control, opens_at, closes_at from grade_window');
    // States are judged at the business instant (the demo's date: src/common/business-time.ts).
    const now = t.hub.runtime.businessClock.now().instant;
    const count = (pred: (r: any) => boolean) => all.filter(pred).length;
    const q = (where: string) => t.data(`{ gradeWindows(where: ${where}) { totalCount } }`).then((d) => d.gradeWindows.totalCount);

    expect(await q('{}')).toBe(all.length);
    expect(await q('{ academicYear: "2025-2026" }')).toBe(count((r) => r.academic_year === '2025-2026'));
    expect(await q('{ term: SPRING }')).toBe(count((r) => r.term === 'spring'));
    expect(await q('{ semester: 3 }')).toBe(count((r) => r.term === 'autumn'));
    expect(await q('{ control: FINAL }')).toBe(count((r) => r.control === 'final'));
    const instant = new Date('2026-11-01T00:00:00Z');
    expect(await q(`{ openAt: "${instant.toISOString()}" }`)).toBe(count((r) => r.opens_at <= instant && instant < r.closes_at));
    expect(await q(`{ openAt: "${instant.toISOString()}" }`)).toBeGreaterThan(0);
    for (const state of ['UPCOMING', 'OPEN', 'CLOSED']) {
      expect(await q(`{ state: ${state} }`), state).toBe(count((r) => stateAt(r.opens_at, r.closes_at, now) === state));
    }

    const query = `query($after: String) { gradeWindows(first: 7, after: $after, where: { academicYear: "2026-2027", control: MODULE_2 }, orderBy: { field: CLOSES_AT, direction: DESC }) {
      nodes { id closesAt control academicYear } pageInfo { hasNextPage endCursor } } }`;
    const paged = await allPages(t, query, {}, (d) => d.gradeWindows);
    const want = all.filter((r) => r.academic_year === '2026-2027' && r.control === 'module_2')
      .sort((a, b) => +b.closes_at - +a.closes_at || b.id - a.id);
    expect(paged.map((w) => w.id)).toEqual(want.map((r) => toGlobalId('GradeWindow', r.id)));
  });

  it('a window is a node, and a grade sheet lists the windows that govern it', async () => {
    const [row] = await t.rows('hub', 'select id, control from grade_window order by id limit 1');
    const found = await t.data('query($id: ID!) { node(id: $id) { ... on GradeWindow { id control } } }', { id: toGlobalId('GradeWindow', row.id) });
    expect(found.node).toEqual({ id: toGlobalId('GradeWindow', row.id), control: CONTROL[row.control] });

    const sheets = await t.rows('avn', `select v.ved_id, v.uch_god, v.semestr, sp.fak_id from vedomost v join gruppa g on g.grp_id = v.grp_id
      join specialnost sp on sp.spec_id = g.spec_id where v.uch_god = '2026-2027' order by v.ved_id limit 3`);
    const result = await t.data('query($ids: [ID!]!) { nodes(ids: $ids) { ... on GradeSheet { id gradeWindows { id control term academicYear } } } }',
      { ids: sheets.map((s) => toGlobalId('GradeSheet', s.ved_id)) });
    for (const [i, sheet] of sheets.entries()) {
      const term = sheet.semestr % 2 ? 'autumn' : 'spring';
      const want = await t.rows('hub', `select id, control from grade_window where (faculty_key is null or faculty_key = $1) and academic_year = $2 and term = $3
        order by control, opens_at, id`, [sheet.fak_id, sheet.uch_god, term]);
      expect(want.length).toBeGreaterThan(0);
      expect(result.nodes[i].gradeWindows).toEqual(want.map((w) => ({ id: toGlobalId('GradeWindow', w.id), control: CONTROL[w.control], term: term.toUpperCase(), academicYear: sheet.uch_god })));
    }
  });
});

describe('administrators manage the calendar', () => {
  it('creates, updates, closes and deletes a window, audited; others get FORBIDDEN and change nothing', async () => {
    const [{ n: before }] = await t.rows('hub', 'select count(*)::int as n from grade_window');
    const input = { academicYear: '2027-2028', term: 'AUTUMN', control: 'MODULE_1', opensAt: '2027-10-18T18:00:00.000Z', closesAt: '2027-11-07T18:00:00.000Z' };
    const create = 'mutation($input: CreateGradeWindowInput!) { createGradeWindow(input: $input) { id allFaculties academicYear term control opensAt closesAt state faculty { id } } }';
    for (const who of [viewer(Role.TEACHER, { employeeKey: 1 }), viewer(Role.DEAN, { facultyKey: 1 }), ANONYMOUS]) {
      expect(codeOf(await run(who, create, { input })), who.label).toBe('FORBIDDEN');
    }
    expect((await t.rows('hub', 'select count(*)::int as n from grade_window'))[0].n).toBe(before);

    const created = (await data(ADMIN, create, { input })).createGradeWindow;
    expect(created).toMatchObject({ ...input, allFaculties: true, state: 'UPCOMING', faculty: null });
    const key = intKeyOf(created.id, 'GradeWindow');
    expect(await t.rows('hub', 'select faculty_key, academic_year, term, control, opens_at from grade_window where id = $1', [key])).toEqual([
      { faculty_key: null, academic_year: '2027-2028', term: 'autumn', control: 'module_1', opens_at: new Date(input.opensAt) },
    ]);
    expect(await lastAudit('createGradeWindow')).toMatchObject({ actor_id: ADMIN.id, action: 'mutation', objects: [{ type: 'GradeWindow', id: created.id }] });

    const [faculty] = await t.rows('avn', 'select fak_id from fakultet order by fak_id desc limit 1');
    const now = +t.hub.runtime.businessClock.now().instant;
    const update = 'mutation($input: UpdateGradeWindowInput!) { updateGradeWindow(input: $input) { id state faculty { id } control opensAt closesAt } }';
    const updated = (await data(ADMIN, update, {
      input: { id: created.id, facultyId: toGlobalId('Faculty', faculty.fak_id), control: 'MODULE_2', opensAt: new Date(now - 3600_000).toISOString(), closesAt: new Date(now + 3600_000).toISOString() },
    })).updateGradeWindow;
    expect(updated).toMatchObject({ state: 'OPEN', control: 'MODULE_2', faculty: { id: toGlobalId('Faculty', faculty.fak_id) } });
    expect((await lastAudit('updateGradeWindow')).changes).toContainEqual({ objectId: created.id, field: 'control', old: 'module_1', new: 'module_2' });
    expect(codeOf(await run(viewer(Role.TEACHER, { employeeKey: 1 }), update, { input: { id: created.id, control: 'FINAL' } }))).toBe('FORBIDDEN');

    // Invalid changes are refused whole.
    const backwards = await run(ADMIN, update, { input: { id: created.id, closesAt: new Date(now - 7200_000).toISOString() } });
    expect(backwards.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'closesAt' });
    const noFaculty = await run(ADMIN, update, { input: { id: created.id, facultyId: toGlobalId('Faculty', 999_999) } });
    expect(noFaculty.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'facultyId' });
    const badYear = await run(ADMIN, create, { input: { ...input, academicYear: '2027/28' } });
    expect(badYear.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'academicYear' });
    expect((await t.rows('hub', 'select control, faculty_key from grade_window where id = $1', [key]))[0]).toEqual({ control: 'module_2', faculty_key: faculty.fak_id });

    const closedNow = (await data(ADMIN, 'mutation($id: ID!) { closeGradeWindow(id: $id) { state closesAt } }', { id: created.id })).closeGradeWindow;
    expect(closedNow.state).toBe('CLOSED');
    expect(Math.abs(+new Date(closedNow.closesAt) - +t.hub.runtime.businessClock.now().instant)).toBeLessThan(60_000);
    expect(codeOf(await run(ADMIN, 'mutation($id: ID!) { closeGradeWindow(id: $id) { id } }', { id: created.id }))).toBe('VALIDATION_FAILED');

    expect(codeOf(await run(viewer(Role.TEACHER, { employeeKey: 1 }), 'mutation($id: ID!) { deleteGradeWindow(id: $id) }', { id: created.id }))).toBe('FORBIDDEN');
    expect((await data(ADMIN, 'mutation($id: ID!) { deleteGradeWindow(id: $id) }', { id: created.id })).deleteGradeWindow).toBe(created.id);
    expect(await t.rows('hub', 'select id from grade_window where id = $1', [key])).toEqual([]);
    expect(codeOf(await run(ADMIN, 'mutation($id: ID!) { deleteGradeWindow(id: $id) }', { id: created.id }))).toBe('NOT_FOUND');
    expect(await lastAudit('deleteGradeWindow')).toMatchObject({ objects: [{ type: 'GradeWindow', id: created.id }] });
  });

  it('creates, updates and deletes academic periods', async () => {
    const create = 'mutation($input: CreateAcademicPeriodInput!) { createAcademicPeriod(input: $input) { id academicYear term kind name startsOn endsOn } }';
    const input = { academicYear: '2026-2027', term: 'SPRING', kind: 'HOLIDAYS', name: 'Nooruz', startsOn: '2027-03-21', endsOn: '2027-03-22' };
    expect(codeOf(await run(viewer(Role.TEACHER, { employeeKey: 1 }), create, { input }))).toBe('FORBIDDEN');
    const created = (await data(ADMIN, create, { input })).createAcademicPeriod;
    expect(created).toMatchObject(input);
    const periods = (await t.data('{ academicCalendar(academicYear: "2026-2027") { periods { id name } } }')).academicCalendar.periods;
    expect(periods.map((p: any) => p.id)).toContain(created.id);

    const updated = (await data(ADMIN, 'mutation($input: UpdateAcademicPeriodInput!) { updateAcademicPeriod(input: $input) { name endsOn } }',
      { input: { id: created.id, name: 'Nooruz holidays', endsOn: '2027-03-23' } })).updateAcademicPeriod;
    expect(updated).toEqual({ name: 'Nooruz holidays', endsOn: '2027-03-23' });
    const rows = await t.rows('hub', 'select name, ends_on::text from academic_period where name = $1', ['Nooruz holidays']);
    expect(rows).toEqual([{ name: 'Nooruz holidays', ends_on: '2027-03-23' }]);

    const backwards = await run(ADMIN, 'mutation($input: UpdateAcademicPeriodInput!) { updateAcademicPeriod(input: $input) { id } }',
      { input: { id: created.id, endsOn: '2027-03-01' } });
    expect(backwards.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'endsOn' });
    const outside = await run(ADMIN, create, { input: { ...input, startsOn: '2030-01-01', endsOn: '2030-01-02' } });
    expect(codeOf(outside)).toBe('VALIDATION_FAILED');

    expect((await data(ADMIN, 'mutation($id: ID!) { deleteAcademicPeriod(id: $id) }', { id: created.id })).deleteAcademicPeriod).toBe(created.id);
    expect(await t.rows('hub', 'select id from academic_period where name = $1', ['Nooruz holidays'])).toEqual([]);
  });
});
