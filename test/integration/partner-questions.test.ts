/**
 * Issue 12, item 5 (questions partners could not ask), first slice: `viewer` answers the caller's
 * own student or employee record, and students and tuition debtors filter by a list of student
 * statuses — checked against SQL run here on the hub's seeded AVN and hub databases, with the
 * list's bound and its empty case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/domain/global-id';
import { allPages, startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});

afterAll(async () => {
  await t?.close();
});

/** AVN students.status_id of each StudentStatus (AVN's student_status table). */
const STATUS_ID: Record<string, number> = { STUDYING: 1, ACADEMIC_LEAVE: 2, EXPELLED: 3, GRADUATED: 4 };

/** Sends a query as a demo account, logged in with its published password. */
async function asDemo(login: string, query: string): Promise<any> {
  const session = await t.anonymous.data(`mutation { login(login: "${login}", password: "${login}-demo-2026") { accessToken } }`);
  const response = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.login.accessToken}` },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

const VIEWER_RECORDS = '{ viewer { kind role student { id studentNumber } employee { id } } }';

describe('viewer: the caller\'s own records', () => {
  it('gives the demo student its student record and the demo teacher its employee record', async () => {
    const [student] = await t.rows<{ student_key: number }>('hub', `select student_key from account where login = 'student'`);
    const [teacher] = await t.rows<{ employee_key: number }>('hub', `select employee_key from account where login = 'teacher'`);
    const [{ zachetka }] = await t.rows<{ zachetka: string }>('avn', 'select zachetka from students where stud_id = $1', [student.student_key]);

    const asStudent = await asDemo('student', VIEWER_RECORDS);
    expect(asStudent.errors).toBeUndefined();
    expect(asStudent.data.viewer).toEqual({
      kind: 'account', role: 'STUDENT', student: { id: toGlobalId('Student', student.student_key), studentNumber: zachetka }, employee: null,
    });

    const asTeacher = await asDemo('teacher', VIEWER_RECORDS);
    expect(asTeacher.errors).toBeUndefined();
    expect(asTeacher.data.viewer).toEqual({
      kind: 'account', role: 'TEACHER', student: null, employee: { id: toGlobalId('Employee', teacher.employee_key) },
    });
  });

  it('is null for both for the analyst and for anonymous callers', async () => {
    const asAnalyst = await asDemo('analyst', VIEWER_RECORDS);
    expect(asAnalyst.errors).toBeUndefined();
    expect(asAnalyst.data.viewer).toMatchObject({ role: 'ANALYST', student: null, employee: null });

    const anonymous = await t.anonymous.execute(VIEWER_RECORDS);
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data.viewer).toEqual({ kind: 'anonymous', role: null, student: null, employee: null });
  });
});

const STUDENTS_TOTAL = 'query($where: StudentWhere) { students(where: $where, first: 1) { totalCount } }';

async function studentsWithStatusIds(ids: number[]): Promise<number> {
  const [{ n }] = await t.rows<{ n: number }>('avn', 'select count(*)::int as n from students where status_id = any($1::int[])', [ids]);
  return n;
}

describe('students(where: { statusIn })', () => {
  it('counts the students with any of the statuses, as SQL does', async () => {
    for (const statuses of [['STUDYING'], ['STUDYING', 'ACADEMIC_LEAVE'], ['EXPELLED', 'GRADUATED'], Object.keys(STATUS_ID)]) {
      const expected = await studentsWithStatusIds(statuses.map((s) => STATUS_ID[s]));
      expect(expected).toBeGreaterThan(0);
      expect((await t.data(STUDENTS_TOTAL, { where: { statusIn: statuses } })).students.totalCount, statuses.join()).toBe(expected);
    }
    // Repeats are harmless; combined with `status`, both must hold.
    expect((await t.data(STUDENTS_TOTAL, { where: { statusIn: ['STUDYING', 'STUDYING'] } })).students.totalCount).toBe(await studentsWithStatusIds([1]));
    expect((await t.data(STUDENTS_TOTAL, { where: { statusIn: ['STUDYING', 'EXPELLED'], status: 'EXPELLED' } })).students.totalCount).toBe(await studentsWithStatusIds([3]));
  });

  it('matches no student for an empty list', async () => {
    expect((await t.data(STUDENTS_TOTAL, { where: { statusIn: [] } })).students.totalCount).toBe(0);
  });

  it('refuses more values than StudentStatus has, before any SQL', async () => {
    const response = await t.execute(STUDENTS_TOTAL, { where: { statusIn: ['STUDYING', 'STUDYING', 'EXPELLED', 'GRADUATED', 'ACADEMIC_LEAVE'] } });
    expect(response.data?.students ?? null).toBeNull();
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'where.statusIn', maxItems: 4 });
    expect(t.stats().avn).toBe(0);
  });
});

/** Students who owe tuition (contracts of all years), computed here from the raw rows, among the students with these status ids. */
async function debtorsWithStatusIds(ids: number[]): Promise<number[]> {
  const rows = await t.rows<{ stud_id: number }>(
    'avn',
    `select k.stud_id
       from kontrakt k
       join students s on s.stud_id = k.stud_id
       left join (select kontr_id, sum(case when vid = 'vozvrat' then -abs(summa) else summa end) as paid from oplata group by kontr_id) p on p.kontr_id = k.kontr_id
      where s.status_id = any($1::int[])
      group by k.stud_id
     having sum(k.summa - k.skidka) - sum(coalesce(p.paid, 0)) > 0
      order by k.stud_id`,
    [ids],
  );
  return rows.map((r) => r.stud_id);
}

function debtorIds(where: Record<string, unknown>): Promise<string[]> {
  return allPages(
    t,
    'query($after: String, $where: TuitionDebtorWhere) { tuitionDebtors(first: 100, after: $after, where: $where) { nodes { student { id } } pageInfo { hasNextPage endCursor } } }',
    { where },
    (d) => d.tuitionDebtors,
  ).then((nodes) => nodes.map((n: any) => n.student.id).sort());
}

describe('tuitionDebtors(where: { studentStatusIn })', () => {
  it('keeps only the debtors who are studying, as SQL does', async () => {
    const studying = await debtorsWithStatusIds([1]);
    const others = await debtorsWithStatusIds([2, 3, 4]);
    // The demo has debtors who left (expelled, graduated): the filter must drop them.
    expect(studying.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(0);
    expect(await debtorIds({ studentStatusIn: ['STUDYING'] })).toEqual(studying.map((k) => toGlobalId('Student', k)).sort());
    expect(await debtorIds({ studentStatusIn: ['ACADEMIC_LEAVE', 'EXPELLED', 'GRADUATED'] })).toEqual(others.map((k) => toGlobalId('Student', k)).sort());
    const { tuitionDebtors } = await t.data('{ tuitionDebtors(first: 1, where: { studentStatusIn: [STUDYING] }) { totalCount } }');
    expect(tuitionDebtors.totalCount).toBe(studying.length);
  });

  it('matches no debtor for an empty list, and refuses more values than StudentStatus has', async () => {
    expect((await t.data('{ tuitionDebtors(first: 5, where: { studentStatusIn: [] }) { totalCount nodes { debt } } }')).tuitionDebtors).toEqual({ totalCount: 0, nodes: [] });
    const response = await t.execute('{ tuitionDebtors(first: 5, where: { studentStatusIn: [STUDYING, ACADEMIC_LEAVE, EXPELLED, GRADUATED, STUDYING] }) { totalCount } }');
    expect(response.data?.tuitionDebtors ?? null).toBeNull();
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'where.studentStatusIn', maxItems: 4 });
  });
});
