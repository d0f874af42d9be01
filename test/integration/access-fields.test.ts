/**
 * Field-level protection with real keys and accounts: a personal field outside the caller's scope
 * comes back null with a FORBIDDEN_FIELD error on its path while the rest of the answer stands;
 * an analyst gets stable pseudonyms instead of names; a student reads its own personal data only.
 * Values are checked against SQL on the seeded AVN.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/domain/global-id';
import { Role } from '../../src/auth/viewer';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});

afterAll(async () => {
  await t?.close();
});

const PSEUDONYM = /^Student-[0-9a-f]{8}$/;

interface Row {
  stud_id: number;
  zachetka: string;
  fam: string;
  imya: string;
  pin: string;
  tel: string | null;
}

async function studentsWithPin(n: number): Promise<Row[]> {
  return t.rows<Row>('avn', 'select stud_id, zachetka, fam, imya, pin, tel from students where pin is not null and tel is not null order by stud_id limit $1', [n]);
}

const CARD_FIELDS = 'id studentNumber fullName surname givenName pin phone birthDate status group { name }';
const CARD = `query($n: String!) { student(studentNumber: $n) { ${CARD_FIELDS} } }`;
const CARD_BY_ID = `query($id: ID!) { student: node(id: $id) { ... on Student { ${CARD_FIELDS} } } }`;

describe('an analyst', () => {
  it('asking for a PIN gets null and FORBIDDEN_FIELD on that path, and the rest of the answer', async () => {
    const [s] = await studentsWithPin(1);
    const analyst = await t.as({ role: Role.ANALYST, apiKey: true, purpose: 'enrolment statistics' });
    // By ID: an analyst may not look students up by their student number (test/integration/hardening/visibility.test.ts).
    const answer = await analyst.execute(CARD_BY_ID, { id: toGlobalId('Student', s.stud_id) });
    const student = answer.data.student;
    expect(student.id).toBe(toGlobalId('Student', s.stud_id));
    expect(student.pin).toBeNull();
    expect(student.birthDate).toBeNull();
    expect(student.phone).toBeNull();
    expect(student.status).toBeTruthy();
    expect(student.group.name).toBeTruthy();
    const codes = answer.errors!.map((e) => [e.extensions?.code, e.path?.join('.')]);
    expect(codes.sort()).toEqual([
      ['FORBIDDEN_FIELD', 'student.birthDate'],
      ['FORBIDDEN_FIELD', 'student.phone'],
      ['FORBIDDEN_FIELD', 'student.pin'],
    ]);
    const byId = answer;
    expect(JSON.stringify(byId)).not.toContain(s.pin);
  });

  it('gets stable pseudonyms instead of names, the same in every request', async () => {
    const rows = await studentsWithPin(5);
    const analyst = await t.as({ role: Role.ANALYST, apiKey: true, purpose: 'enrolment statistics' });
    const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Student { id fullName surname givenName studentNumber status } } }';
    const ids = rows.map((r) => toGlobalId('Student', r.stud_id));
    const first = await analyst.data(query, { ids });
    const second = await analyst.data(query, { ids });
    expect(second).toEqual(first);
    const names = first.nodes.map((n: { fullName: string }) => n.fullName);
    for (const [i, node] of first.nodes.entries()) {
      expect(node.fullName).toMatch(PSEUDONYM);
      // Every name field of one student is that student's one pseudonym.
      expect([node.surname, node.givenName, node.studentNumber]).toEqual([node.fullName, node.fullName, node.fullName]);
      expect(JSON.stringify(node)).not.toContain(rows[i].fam);
      expect(JSON.stringify(node)).not.toContain(rows[i].zachetka);
    }
    expect(new Set(names).size).toBe(rows.length);
    // Another analyst key sees the same pseudonyms (they belong to the hub, not to the key).
    const other = await t.as({ role: Role.ANALYST, apiKey: true, purpose: 'another study' });
    expect(await other.data(query, { ids })).toEqual(first);
    // An administrator sees the names.
    const admin = await t.data(query, { ids });
    expect(admin.nodes[0].surname).toBe(rows[0].fam);
  });

  it('counts rows like anyone else (aggregates stay right)', async () => {
    const [{ n }] = await t.rows<{ n: number }>('avn', 'select count(*)::int as n from students');
    const analyst = await t.as({ role: Role.ANALYST, apiKey: true, purpose: 'enrolment statistics' });
    expect((await analyst.data('{ students(first: 1) { totalCount } }')).students.totalCount).toBe(n);
  });
});

describe('a partner key', () => {
  it('reads the personal fields its scope lists and gets FORBIDDEN_FIELD for the others', async () => {
    const [s] = await studentsWithPin(1);
    // The library's default scope lists phone and e-mail, not the PIN or the birth date.
    const library = await t.as({ role: Role.LIBRARY, apiKey: true, purpose: 'reader registration' });
    const answer = await library.execute(CARD, { n: s.zachetka });
    expect(answer.data.student.phone).toBe(s.tel);
    expect(answer.data.student.pin).toBeNull();
    expect(answer.data.student.surname).toBe(s.fam);
    expect(answer.errors!.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN_FIELD', 'FORBIDDEN_FIELD']);
    expect(answer.errors!.map((e) => e.path?.join('.')).sort()).toEqual(['student.birthDate', 'student.pin']);

    // A key issued with the PIN in its scope reads it.
    const registrar = await t.as({ role: Role.REGISTRAR, apiKey: true, purpose: 'transcripts' });
    expect((await registrar.data(CARD.replace(' phone', ''), { n: s.zachetka })).student.pin).toBe(s.pin);
  });
});

describe('a student', () => {
  it('reads its own personal data, and no one else\'s (an employee in the staff directory)', async () => {
    const [s] = await studentsWithPin(1);
    const student = await t.as({ role: Role.STUDENT, studentKey: s.stud_id });
    const own = await student.data(CARD, { n: s.zachetka });
    expect(own.student.pin).toBe(s.pin);
    expect(own.student.phone).toBe(s.tel);

    const [e] = await t.rows<{ emp_id: number; fam: string }>('avn', 'select emp_id, fam from sotrudnik where tel is not null order by emp_id limit 1');
    const staff = await student.execute('query($id: ID!) { node(id: $id) { ... on Employee { surname phone } } }', { id: toGlobalId('Employee', e.emp_id) });
    expect(staff.data.node.surname).toBe(e.fam);
    expect(staff.data.node.phone).toBeNull();
    expect(staff.errors!.map((x) => [x.extensions?.code, x.path?.join('.')])).toEqual([['FORBIDDEN_FIELD', 'node.phone']]);
  });
});

describe('the schema', () => {
  it('has every personal field nullable, so a refused one never takes its parent down', async () => {
    const data = await t.data(`{ __schema { types { name fields { name type { kind } } } } }`);
    const nonNull = new Map<string, string[]>();
    for (const type of data.__schema.types) for (const f of type.fields ?? []) if (f.type.kind === 'NON_NULL') nonNull.set(`${type.name}.${f.name}`, []);
    for (const field of ['Student.pin', 'Student.birthDate', 'Employee.birthDate', 'Applicant.birthDate', 'Person.pin', 'LibraryReader.phone']) {
      expect(nonNull.has(field), field).toBe(false);
    }
  });
});
