/**
 * The two executors of HTTP operations (EXECUTOR): graphql-jit, the default, compiles each
 * operation once; graphql-js is the reference. Two hubs on copies of the same seeded databases
 * answer the same representative operations — reads over five sources, the head-to-head page,
 * personal fields refused to an analyst, bad IDs and variables, an unexpected failure inside the
 * database, introspection, fragments and directives, a refused mutation — and the JSON of the responses (and their HTTP status) must be
 * identical.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { Role } from '../../src/auth/viewer';
import { toGlobalId } from '../../src/domain/global-id';
import { buildHubSchema } from '../../src/modules/schema';
import { CompiledOperations } from '../../src/server/executor/jit-gateway';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let jit: TestHub;
let js: TestHub;

beforeAll(async () => {
  [jit, js] = await Promise.all([
    startTestHub(),
    startTestHub({ configure: (config) => ({ ...config, executor: 'graphql-js' }) }),
  ]);
});

afterAll(async () => {
  await Promise.all([jit?.close(), js?.close()]);
});

/** One POST as `authorization`; the status and the parsed body. */
async function post(url: string, authorization: string | null, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** Sends `body` to both hubs as the same kind of viewer and expects the same status and JSON. */
async function expectSameAnswer(body: { query: string; variables?: Record<string, unknown>; operationName?: string }, viewer: 'admin' | 'anonymous' | 'analyst' = 'admin') {
  const authorizationOf = async (t: TestHub) =>
    viewer === 'admin' ? t.authorization : viewer === 'anonymous' ? null : (await t.as({ role: Role.ANALYST, apiKey: true, purpose: 'executor comparison' })).authorization;
  const [a, b] = await Promise.all([post(jit.url, await authorizationOf(jit), body), post(js.url, await authorizationOf(js), body)]);
  expect(a.status).toBe(b.status);
  expect(JSON.stringify(a.body)).toBe(JSON.stringify(b.body));
  return a;
}

describe('EXECUTOR', () => {
  it('graphql-jit is the default and compiles the operations it runs; graphql-js compiles nothing', async () => {
    expect(jit.hub.server.executor.name).toBe('graphql-jit');
    expect(js.hub.server.executor.name).toBe('graphql-js');
    await jit.data('{ faculties { name } }');
    expect(jit.hub.server.executor.compiledOperations()).toBeGreaterThan(0);
    await js.data('{ faculties { name } }');
    expect(js.hub.server.executor.compiledOperations()).toBe(0);
  });

  it('gives the same study card, from all five sources', async () => {
    const [student] = await jit.rows<{ zachetka: string }>('avn', 'select zachetka from students order by stud_id limit 1');
    const { body } = await expectSameAnswer({
      query: `query StudyCard($n: String!) { student(studentNumber: $n) {
        id fullName status fundingType gpa tuitionBalance libraryDebt
        group { name programme { code name faculty { name } } }
        semesters { academicYear semester gpa credits grades { disciplineCode total letter gradePoints countsTowardGpa } }
        attendanceSummary { lessons present absent attendanceRate }
        orders { number date type status }
        qrScans(last: 3) { scannedAt result }
        loans(first: 3) { totalCount nodes { title dueAt overdue } }
        dormitoryPlacement { status building { name } room { number } }
        serviceRequests(first: 3) { nodes { number status type { name } } }
        person { records { source localKey method } }
      } }`,
      variables: { n: student.zachetka },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.student.fullName).toBeTruthy();
  });

  it('gives the same group → students → grades page (the head-to-head of bench:reads)', async () => {
    const [group] = await jit.rows<{ grp_id: number }>('avn', 'select grp_id from students group by grp_id order by count(*) desc limit 1');
    const { body } = await expectSameAnswer({
      query: `query AvnGroupGrades($groupId: ID!) { node(id: $groupId) { ... on Group { name
        students(first: 100) { nodes { studentNumber surname givenName patronymic
          semesters { academicYear semester grades { disciplineCode module1 module2 final total } } } } } } }`,
      variables: { groupId: toGlobalId('Group', group.grp_id) },
    });
    expect(body.data.node.students.nodes.length).toBeGreaterThan(0);
  });

  it('gives the same partial answer with FORBIDDEN_FIELD errors to an analyst reading personal fields', async () => {
    const [student] = await jit.rows<{ stud_id: number }>('avn', 'select stud_id from students where pin is not null order by stud_id limit 1');
    const { body } = await expectSameAnswer(
      {
        query: `query($id: ID!) { student: node(id: $id) { ... on Student { fullName pin phone birthDate status group { name } } } }`,
        variables: { id: toGlobalId('Student', student.stud_id) },
      },
      'analyst',
    );
    expect(body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toContain('FORBIDDEN_FIELD');
    expect(body.data.student.status).toBeTruthy();
  });

  it('gives the same errors for a bad ID, a bad variable and an unknown field', async () => {
    const bad = await expectSameAnswer({ query: `{ node(id: "not-an-id") { id } }` });
    expect(bad.body.errors[0].extensions.code).toBe('INVALID_ID');
    const variable = await expectSameAnswer({ query: `query($n: Int!) { groups(first: $n) { nodes { name } } }`, variables: { n: 'many' } });
    expect(variable.status).toBe(400);
    expect(variable.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const unknown = await expectSameAnswer({ query: `{ faculties { nameOfTheDean } }` });
    expect(unknown.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('gives the same clear error, with its path, when the database refuses a value (here a year out of its range)', async () => {
    const { body } = await expectSameAnswer({ query: `query($year: Int!) { faculties { name } students(where: { intakeYear: $year }) { nodes { id } } }`, variables: { year: 2147483647 } });
    expect(body.errors).toEqual([
      {
        message: 'A value in this request is malformed (a number, date or text the database cannot take). Nothing was changed.',
        path: ['students'],
        locations: [{ line: 1, column: 41 }],
        extensions: { code: 'VALIDATION_FAILED', sqlState: '22003' },
      },
    ]);
  });

  it('gives the same answer with aliases, fragments, @include/@skip, __typename and introspection', async () => {
    await expectSameAnswer({
      query: `query Org($withChairs: Boolean!) {
        a: faculties { ...F }
        b: faculties { name @skip(if: true) code: __typename }
        __type(name: "Student") { name fields { name } }
        __schema { queryType { name } }
      }
      fragment F on Faculty { id name chairs @include(if: $withChairs) { name } }`,
      variables: { withChairs: true },
    });
  });

  it('gives anonymous callers the same public answer and the same refusal', async () => {
    await expectSameAnswer({ query: `{ faculties { name } }` }, 'anonymous');
    await expectSameAnswer({ query: `{ students(first: 2) { nodes { fullName } } }` }, 'anonymous');
  });

  it('gives the same refusal of a mutation', async () => {
    const { body } = await expectSameAnswer({ query: `mutation { login(login: "nobody", password: "wrong-password") { accessToken } }` }, 'anonymous');
    expect(body.errors[0].extensions.code).toBe('INVALID_CREDENTIALS');
  });
});

describe(CompiledOperations.name, () => {
  it('compiles an operation once and reuses it; what graphql-jit refuses runs on graphql-js (null)', async () => {
    const operations = new CompiledOperations(await buildHubSchema(), 2);
    const document = parse('query A { faculties { name } } query B { faculties { id } }');
    const a = operations.get('doc:A', document, 'A');
    expect(a).not.toBeNull();
    expect(operations.get('doc:A', document, 'A')).toBe(a);
    // No operation of that name: graphql-jit reports errors instead of compiling.
    expect(operations.get('doc:C', document, 'C')).toBeNull();
    // Capacity 2: the least recently used entry (A) made room for B.
    operations.get('doc:B', document, 'B');
    expect(operations.size).toBe(2);
    expect(operations.get('doc:A', document, 'A')).not.toBe(a);
  });
});
