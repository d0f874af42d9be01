/**
 * Issue 12, item 5 (questions partners could not ask), list filters: grade sheets by a list of
 * statuses, Single Window requests by a list of type codes and lessons by faculty — each checked
 * against SQL run here on the seeded AVN and registrar databases, with the lists' bounds, their
 * empty case and a dean's row rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/domain/global-id';
import { Role } from '../../src/auth/viewer';
import { allPages, startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});

afterAll(async () => {
  await t?.close();
});

/** AVN vedomost.status of each GradeSheetStatus. */
const SHEET_STATUS_CODE: Record<string, string> = { OPEN: 'otkryta', SUBMITTED: 'sdana', REOPENED: 'pereotkryta' };

const SHEETS_TOTAL = 'query($where: GradeSheetWhere) { gradeSheets(first: 1, where: $where) { totalCount } }';

async function sheetsWithCodes(codes: string[]): Promise<number> {
  const [{ n }] = await t.rows<{ n: number }>('avn', 'select count(*)::int as n from vedomost where status = any($1::text[])', [codes]);
  return n;
}

describe('gradeSheets(where: { statusIn })', () => {
  it('counts the sheets in any of the statuses, as SQL does', async () => {
    for (const statuses of [['OPEN'], ['OPEN', 'REOPENED'], ['SUBMITTED', 'REOPENED'], Object.keys(SHEET_STATUS_CODE)]) {
      const expected = await sheetsWithCodes(statuses.map((s) => SHEET_STATUS_CODE[s]));
      expect(expected, statuses.join()).toBeGreaterThan(0);
      expect((await t.data(SHEETS_TOTAL, { where: { statusIn: statuses } })).gradeSheets.totalCount, statuses.join()).toBe(expected);
    }
    // Repeats are harmless; combined with `status`, both must hold.
    expect((await t.data(SHEETS_TOTAL, { where: { statusIn: ['OPEN', 'OPEN'] } })).gradeSheets.totalCount).toBe(await sheetsWithCodes(['otkryta']));
    expect((await t.data(SHEETS_TOTAL, { where: { statusIn: ['OPEN', 'SUBMITTED'], status: 'SUBMITTED' } })).gradeSheets.totalCount).toBe(await sheetsWithCodes(['sdana']));
  });

  it('lists exactly the sheets SQL finds, and filters a group\'s nested list too', async () => {
    const rows = await t.rows<{ ved_id: number }>('avn', `select ved_id from vedomost where status in ('otkryta', 'pereotkryta') order by ved_id`);
    const ids = await allPages(
      t,
      'query($after: String) { gradeSheets(first: 100, after: $after, where: { statusIn: [OPEN, REOPENED] }) { nodes { id } pageInfo { hasNextPage endCursor } } }',
      {},
      (d) => d.gradeSheets,
    );
    expect(ids.map((n: any) => n.id).sort()).toEqual(rows.map((r) => toGlobalId('GradeSheet', r.ved_id)).sort());

    const [group] = await t.rows<{ grp_id: number; n: number }>(
      'avn',
      `select grp_id, count(*) filter (where status = 'sdana')::int as n from vedomost group by grp_id order by n desc, grp_id limit 1`,
    );
    const { node: nested } = await t.data('query($id: ID!) { node(id: $id) { ... on Group { gradeSheets(first: 1, where: { statusIn: [SUBMITTED] }) { totalCount } } } }', {
      id: toGlobalId('Group', group.grp_id),
    });
    expect(nested.gradeSheets.totalCount).toBe(group.n);
  });

  it('matches no sheet for an empty list, and refuses more values than GradeSheetStatus has, before any SQL', async () => {
    expect((await t.data(SHEETS_TOTAL, { where: { statusIn: [] } })).gradeSheets.totalCount).toBe(0);
    const response = await t.execute(SHEETS_TOTAL, { where: { statusIn: ['OPEN', 'SUBMITTED', 'REOPENED', 'OPEN'] } });
    expect(response.data?.gradeSheets ?? null).toBeNull();
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'where.statusIn', maxItems: 3 });
    expect(t.stats().avn).toBe(0);
  });
});

const REQUESTS_TOTAL = 'query($where: ServiceRequestWhere) { serviceRequests(first: 1, where: $where) { totalCount } }';

async function requestsOfTypes(codes: string[]): Promise<number> {
  const [{ n }] = await t.rows<{ n: number }>('registrar', 'select count(*)::int as n from service_requests where type_code = any($1::text[])', [codes]);
  return n;
}

describe('serviceRequests(where: { typeCodeIn })', () => {
  it('counts the requests of any of the types, as SQL does', async () => {
    const types = await t.rows<{ type_code: string }>('registrar', 'select type_code from service_requests group by type_code order by count(*) desc, type_code');
    expect(types.length).toBeGreaterThan(2);
    const codes = types.map((r) => r.type_code);
    for (const chosen of [codes.slice(0, 1), codes.slice(0, 2), codes.slice(1, 3), codes]) {
      const expected = await requestsOfTypes(chosen);
      expect(expected).toBeGreaterThan(0);
      expect((await t.data(REQUESTS_TOTAL, { where: { typeCodeIn: chosen } })).serviceRequests.totalCount, chosen.join()).toBe(expected);
    }
    // An unknown code matches nothing on its own; combined with `typeCode`, both must hold.
    expect((await t.data(REQUESTS_TOTAL, { where: { typeCodeIn: [codes[0], 'no_such_type'] } })).serviceRequests.totalCount).toBe(await requestsOfTypes([codes[0]]));
    expect((await t.data(REQUESTS_TOTAL, { where: { typeCodeIn: codes.slice(0, 2), typeCode: codes[1] } })).serviceRequests.totalCount).toBe(await requestsOfTypes([codes[1]]));
    expect((await t.data(REQUESTS_TOTAL, { where: { typeCodeIn: [codes[0]], typeCode: codes[1] } })).serviceRequests.totalCount).toBe(0);
  });

  it('matches no request for an empty list, and refuses more than 50 codes, before any SQL', async () => {
    expect((await t.data(REQUESTS_TOTAL, { where: { typeCodeIn: [] } })).serviceRequests.totalCount).toBe(0);
    const response = await t.execute(REQUESTS_TOTAL, { where: { typeCodeIn: Array.from({ length: 51 }, (_, i) => `type_${i}`) } });
    expect(response.data?.serviceRequests ?? null).toBeNull();
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'where.typeCodeIn', maxItems: 50 });
    expect(t.stats().registrar).toBe(0);
  });
});

const LESSONS_TOTAL = 'query($where: LessonWhere) { lessons(first: 1, where: $where) { totalCount } }';

/** Lessons of each faculty's groups (group → programme → faculty), most first. */
async function lessonsByFaculty(): Promise<{ fak_id: number; n: number }[]> {
  return t.rows<{ fak_id: number; n: number }>(
    'avn',
    `select sp.fak_id, count(*)::int as n
       from jurnal_zanyatie z join gruppa g on g.grp_id = z.grp_id join specialnost sp on sp.spec_id = g.spec_id
      group by sp.fak_id order by n desc, sp.fak_id`,
  );
}

describe('lessons(where: { facultyId })', () => {
  it('counts the lessons of each faculty\'s groups, as SQL does', async () => {
    const faculties = await lessonsByFaculty();
    expect(faculties.length).toBeGreaterThan(1);
    for (const { fak_id, n } of faculties) {
      expect((await t.data(LESSONS_TOTAL, { where: { facultyId: toGlobalId('Faculty', fak_id) } })).lessons.totalCount, `faculty ${fak_id}`).toBe(n);
    }
  });

  it('lists exactly the lessons SQL finds, combined with the other filters', async () => {
    const [{ fak_id }] = await lessonsByFaculty();
    const rows = await t.rows<{ zan_id: number }>(
      'avn',
      `select z.zan_id from jurnal_zanyatie z join gruppa g on g.grp_id = z.grp_id join specialnost sp on sp.spec_id = g.spec_id
        where sp.fak_id = $1 and z.vid = (select vid from jurnal_zanyatie group by vid order by count(*) desc, vid limit 1)`,
      [fak_id],
    );
    expect(rows.length).toBeGreaterThan(0);
    const [{ vid }] = await t.rows<{ vid: string }>('avn', 'select vid from jurnal_zanyatie group by vid order by count(*) desc, vid limit 1');
    // The most frequent AVN lesson kind, as the hub names it, found by asking one lesson of that kind.
    const [{ zan_id }] = await t.rows<{ zan_id: number }>('avn', 'select zan_id from jurnal_zanyatie where vid = $1 order by zan_id limit 1', [vid]);
    const { node } = await t.data('query($id: ID!) { node(id: $id) { ... on Lesson { kind } } }', { id: toGlobalId('Lesson', zan_id) });
    const nodes = await allPages(
      t,
      'query($after: String, $where: LessonWhere) { lessons(first: 100, after: $after, where: $where) { nodes { id } pageInfo { hasNextPage endCursor } } }',
      { where: { facultyId: toGlobalId('Faculty', fak_id), kind: node.kind } },
      (d) => d.lessons,
    );
    expect(nodes.map((n: any) => n.id).sort()).toEqual(rows.map((r) => toGlobalId('Lesson', r.zan_id)).sort());
  });

  it('gives a dean nothing for another faculty, and its own faculty\'s lessons for its own', async () => {
    const [own, other] = await lessonsByFaculty();
    const dean = await t.as({ role: Role.DEAN, facultyKey: own.fak_id });
    expect((await dean.data(LESSONS_TOTAL, { where: { facultyId: toGlobalId('Faculty', other.fak_id) } })).lessons.totalCount).toBe(0);
    expect((await dean.data(LESSONS_TOTAL, { where: { facultyId: toGlobalId('Faculty', own.fak_id) } })).lessons.totalCount).toBe(own.n);
  });

  it('refuses an ID of another type', async () => {
    const response = await t.execute(LESSONS_TOTAL, { where: { facultyId: toGlobalId('Group', 1) } });
    expect(response.data?.lessons ?? null).toBeNull();
    expect(response.errors?.[0].extensions?.code).toBe('INVALID_ID');
  });
});
