/**
 * The audit trail: personal-data reads are recorded with who, when, the key's purpose and which
 * people (checked against the identity registry in SQL); mutations are recorded with old and new
 * values; administrators can query the log; nobody can change it — no mutation exists, and the
 * table refuses UPDATE, DELETE and TRUNCATE even in SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/domain/global-id';
import { createContext } from '../../src/graphql/context';
import { Role } from '../../src/auth/viewer';
import { scopeFor } from '../../src/auth/roles';
import { flushAudit, recordAudit } from '../../src/auth/audit/audit.service';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});

afterAll(async () => {
  await t?.close();
});

interface AuditRow {
  id: number;
  actor_kind: string;
  actor_id: string | null;
  actor_role: string | null;
  purpose: string | null;
  action: string;
  operation: string;
  objects: { type: string; id: string }[];
  changes: { field: string; objectId: string; old: unknown; new: unknown }[];
  fields: string[];
  person_ids: string[];
  request_id: string;
}

const entriesOf = (requestId: string) => t.rows<AuditRow>('hub', 'select * from audit_log where request_id = $1 order by id', [requestId]);
const lastRequestId = () => t.hub.server.lastContext()!.requestId;

/** Students who have a phone and a person in the identity registry. */
async function linkedStudents(n: number): Promise<{ stud_id: number; zachetka: string; person_id: number }[]> {
  const links = await t.rows<{ stud_id: number; person_id: number }>(
    'hub',
    `select local_key::int as stud_id, person_id from identity_link where source = 'avn.student' order by person_id limit 200`,
  );
  const rows = await t.rows<{ stud_id: number; zachetka: string }>(
    'avn',
    'select stud_id, zachetka from students where tel is not null and stud_id = any($1::int[]) order by stud_id limit $2',
    [links.map((l) => l.stud_id), n],
  );
  return rows.map((r) => ({ ...r, person_id: links.find((l) => l.stud_id === r.stud_id)!.person_id }));
}

describe('reads of personal data', () => {
  it('are recorded with the actor, the key\'s purpose, the fields and the people read', async () => {
    const students = await linkedStudents(3);
    const dormitory = await t.as({ role: Role.DORMITORY, apiKey: true, purpose: 'check-in of new residents' });
    const ids = students.map((s) => toGlobalId('Student', s.stud_id));
    const data = await dormitory.data('query Residents($ids: [ID!]!) { nodes(ids: $ids) { ... on Student { fullName phone } } }', { ids });
    expect(data.nodes.every((n: { phone: string }) => n.phone)).toBe(true);

    const [entry, ...more] = await entriesOf(lastRequestId());
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actor_kind: 'apiKey',
      actor_id: dormitory.keyId,
      actor_role: 'DORMITORY',
      purpose: 'check-in of new residents',
      action: 'personal_read',
      operation: 'Residents',
      fields: ['Student.phone'],
    });
    expect(entry.objects.map((o) => o.id).sort()).toEqual([...ids].sort());
    expect(entry.person_ids.map(Number).sort((a, b) => a - b)).toEqual(students.map((s) => s.person_id).sort((a, b) => a - b));
  });

  it('are recorded for administrators too, while an administrator reading no personal field writes nothing', async () => {
    const [s] = await linkedStudents(1);
    await t.data('query($n: String!) { student(studentNumber: $n) { fullName status group { name } } }', { n: s.zachetka });
    expect(await entriesOf(lastRequestId())).toEqual([]);
    await t.data('query PinCheck($n: String!) { student(studentNumber: $n) { pin } }', { n: s.zachetka });
    const [entry] = await entriesOf(lastRequestId());
    expect(entry).toMatchObject({ actor_kind: 'account', actor_role: 'ADMIN', purpose: null, operation: 'PinCheck', fields: ['Student.pin'] });
    expect(entry.person_ids.map(Number)).toEqual([s.person_id]);
  });

  it('refused ones are not reads: a FORBIDDEN_FIELD writes no entry', async () => {
    const [s] = await linkedStudents(1);
    const analyst = await t.as({ role: Role.ANALYST, apiKey: true, purpose: 'statistics' });
    const answer = await analyst.execute('query($n: String!) { student(studentNumber: $n) { pin status } }', { n: s.zachetka });
    expect(answer.errors?.[0].extensions?.code).toBe('FORBIDDEN_FIELD');
    expect(await entriesOf(lastRequestId())).toEqual([]);
  });
});

describe('mutations', () => {
  it('are recorded with the objects touched and old and new values (recordAudit, one INSERT at the end)', async () => {
    const viewer = { kind: 'account' as const, id: '42', label: 'grader', role: Role.TEACHER, purpose: null, scope: scopeFor(Role.TEACHER, { employeeKey: 1 }) };
    const context = createContext(t.hub.runtime, { viewer });
    const sheet = toGlobalId('GradeSheet', 1);
    recordAudit(context, {
      operation: 'setGradeScores',
      objects: [{ type: 'GradeSheet', id: sheet }],
      changes: [{ field: 'rows[1].module1', objectId: sheet, old: 20, new: 25.5 }],
    });
    recordAudit(context, { operation: 'submitGradeSheet', objects: [{ type: 'GradeSheet', id: sheet }], changes: [{ field: 'status', objectId: sheet, old: 'OPEN', new: 'SUBMITTED' }] });
    expect(await entriesOf(context.requestId)).toEqual([]);
    await flushAudit(context);
    const entries = await entriesOf(context.requestId);
    expect(entries.map((e) => [e.action, e.operation, e.actor_id, e.actor_role])).toEqual([
      ['mutation', 'setGradeScores', '42', 'TEACHER'],
      ['mutation', 'submitGradeSheet', '42', 'TEACHER'],
    ]);
    expect(entries[0].changes).toEqual([{ field: 'rows[1].module1', objectId: sheet, old: 20, new: 25.5 }]);

    // Administrators find them by object, action and operation.
    const found = await t.data(
      `query($id: ID!) { auditLog(first: 10, where: { objectId: $id, action: MUTATION }) {
        totalCount nodes { operation actorId actorRole action objects { type id } changes { field objectId oldValue newValue } } } }`,
      { id: sheet },
    );
    expect(found.auditLog.totalCount).toBe(2);
    expect(found.auditLog.nodes[0]).toEqual({
      operation: 'submitGradeSheet', actorId: '42', actorRole: 'TEACHER', action: 'MUTATION',
      objects: [{ type: 'GradeSheet', id: sheet }],
      changes: [{ field: 'status', objectId: sheet, oldValue: '"OPEN"', newValue: '"SUBMITTED"' }],
    });
  });
});

describe('every mutation', () => {
  it('is recorded even when its module records nothing itself: operation, actor and the object returned, never the arguments', async () => {
    const password = 'a-secret-password-42';
    const data = await t.data('mutation($p: String!) { registerAccount(input: { login: "audited-user", password: $p, role: LIBRARY }) { id login } }', { p: password });
    const entries = await entriesOf(lastRequestId());
    expect(entries.map((e) => [e.action, e.operation, e.actor_role, e.objects])).toEqual([
      ['mutation', 'registerAccount', 'ADMIN', [{ type: 'Account', id: data.registerAccount.id }]],
    ]);
    expect(JSON.stringify(entries)).not.toContain(password);
  });

  it('that fails records nothing', async () => {
    const failed = await t.execute('mutation { registerAccount(input: { login: "x", password: "short", role: LIBRARY }) { id } }');
    expect(failed.errors?.length).toBeGreaterThan(0);
    expect(await entriesOf(lastRequestId())).toEqual([]);
  });
});

describe('the audit log', () => {
  it('is readable by administrators, filtered and paged, and by nobody else', async () => {
    const dean = await t.as({ role: Role.DEAN, facultyKey: 1 });
    const [s] = await linkedStudents(1);
    await dean.data('query DeanRead($n: String!) { student(studentNumber: $n) { id } }', { n: s.zachetka });
    const query = 'query($actor: ID) { auditLog(first: 2, where: { actorId: $actor }) { totalCount nodes { id actorId action } pageInfo { hasNextPage endCursor } } }';
    const [{ n }] = await t.rows<{ n: number }>('hub', 'select count(*)::int as n from audit_log');
    const all = await t.data(query, {});
    expect(all.auditLog.totalCount).toBe(n);
    expect(n).toBeGreaterThan(2);
    const next = await t.data('query($after: String) { auditLog(first: 2, after: $after) { nodes { id } } }', { after: all.auditLog.pageInfo.endCursor });
    expect(next.auditLog.nodes[0].id).not.toBe(all.auditLog.nodes[1].id);

    // Anyone else: an empty log, exactly like a log with nothing in it.
    for (const viewer of [dean, await t.as({ role: Role.ANALYST, apiKey: true, purpose: 'statistics' })]) {
      const answer = await viewer.execute(query, {});
      expect(answer).toEqual({ data: { auditLog: { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } } });
      const [{ id }] = await t.rows<{ id: number }>('hub', 'select id from audit_log order by id limit 1');
      expect((await viewer.execute('query($id: ID!) { node(id: $id) { id } }', { id: toGlobalId('AuditEntry', id) })).data.node).toBeNull();
    }
  });

  it('cannot be edited or deleted: no mutation exists, and SQL is refused by the trigger', async () => {
    const data = await t.data('{ __schema { mutationType { fields { name } } } }');
    const names: string[] = data.__schema.mutationType.fields.map((f: { name: string }) => f.name);
    expect(names.filter((name) => /audit/i.test(name))).toEqual([]);

    const [{ before }] = await t.rows<{ before: number }>('hub', 'select count(*)::int as before from audit_log');
    expect(before).toBeGreaterThan(0);
    for (const statement of ["update audit_log set operation = 'tampered'", 'delete from audit_log', 'truncate audit_log']) {
      await expect(t.rows('hub', statement), statement).rejects.toThrow(/append-only/);
    }
    const [{ after }] = await t.rows<{ after: number }>('hub', 'select count(*)::int as after from audit_log');
    const [{ tampered }] = await t.rows<{ tampered: number }>('hub', "select count(*)::int as tampered from audit_log where operation = 'tampered'");
    expect([after, tampered]).toEqual([before, 0]);
  });
});
