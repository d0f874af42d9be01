/**
 * Issue 9, B5 and B6: what row rules and pseudonyms hide stays hidden — in cursors, counts,
 * filters, orderings and global IDs, not only in the fields of the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GraphQLBoolean, GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString,
  execute, getNamedType, getNullableType, isEnumType, isListType, isNonNullType, isObjectType, parse, type GraphQLField,
} from 'graphql';
import { guardSchema } from '../../../src/graphql/guard/guard-schema';
import { guardDrops, resetGuardDrops } from '../../../src/graphql/guard/relation-guard';
import { ACCESS_POLICIES } from '../../../src/modules/access-policies';
import { scopeFor } from '../../../src/auth/roles';
import { Role } from '../../../src/auth/viewer';
import { toConnection, type ConnectionShape } from '../../../src/db/pages';
import { createContext } from '../../../src/graphql/context';
import * as cursors from '../../../src/db/cursor';
import { fromGlobalId, toGlobalId } from '../../../src/domain/global-id';
import { buildHubSchema } from '../../../src/modules/schema';
import { studentById } from '../../../src/sources/avn/avn.students';
import type { StudentRecord } from '../../../src/domain/students';
import { startTestHub, type Executor, type GraphQLResponse, type TestHub, type ViewerSpec } from '../../helpers/test-hub';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});

afterAll(async () => {
  await t?.close();
});

/** Every way a client might read an opaque string: base64url / base64 decoded as UTF-8 and Latin-1. */
function readings(opaque: string): string {
  const bytes = [Buffer.from(opaque, 'base64url'), Buffer.from(opaque, 'base64')];
  return bytes.flatMap((b) => [b.toString('utf8'), b.toString('latin1')]).join('\n');
}

const codesOf = (answer: GraphQLResponse) => (answer.errors ?? []).map((e) => e.extensions?.code);

/** A value's copy with one character changed (still valid base64url). */
function tampered(value: string, at = Math.floor(value.length / 2)): string {
  const swap = value[at] === 'A' ? 'B' : 'A';
  return value.slice(0, at) + swap + value.slice(at + 1);
}

/** The order naming the most students, and one of them. */
async function biggestOrder(): Promise<{ orderKey: number; studentKey: number; named: number }> {
  const [row] = await t.rows<{ prikaz_id: number; stud_id: number; n: number }>(
    'avn',
    `select o.prikaz_id, min(ps.stud_id) as stud_id, o.n from (select prikaz_id, count(*)::int as n from prikaz_student group by prikaz_id order by count(*) desc, prikaz_id limit 1) o
       join prikaz_student ps on ps.prikaz_id = o.prikaz_id group by o.prikaz_id, o.n`,
  );
  return { orderKey: row.prikaz_id, studentKey: row.stud_id, named: row.n };
}

describe('9.B5 cursors and counts carry nothing the caller may not see', () => {
  it('cursors of a student list decode to nothing readable: no name, no student number', async () => {
    const data = await t.data('{ students(first: 20) { pageInfo { startCursor endCursor } edges { cursor node { surname givenName studentNumber } } } }');
    const [{ n }] = await t.rows<{ n: number }>('avn', 'select count(*)::int as n from students');
    expect(data.students.edges).toHaveLength(Math.min(20, n));
    const cursors: string[] = [...data.students.edges.map((e: { cursor: string }) => e.cursor), data.students.pageInfo.startCursor, data.students.pageInfo.endCursor];
    for (const [i, edge] of data.students.edges.entries()) {
      const { surname, givenName, studentNumber } = edge.node;
      for (const cursor of cursors) {
        const text = readings(cursor);
        expect(text).not.toContain(surname);
        expect(text).not.toContain(givenName);
        expect(text).not.toContain(studentNumber);
      }
      // The cursors still work: the page after edge i starts with edge i + 1.
      if (i === 3) {
        const next = await t.data('query($after: String) { students(first: 1, after: $after) { nodes { studentNumber } } }', { after: edge.cursor });
        expect(next.students.nodes[0].studentNumber).toBe(data.students.edges[4].node.studentNumber);
      }
    }
  });

  it('a tampered, forged, foreign or garbage cursor is INVALID_CURSOR, never a 500', async () => {
    const page = await t.data('{ students(first: 2) { pageInfo { endCursor } } orders(first: 2) { pageInfo { endCursor } } }');
    const cursor: string = page.students.pageInfo.endCursor;
    const forged = [
      tampered(cursor),
      tampered(cursor, cursor.length - 1),
      cursor.slice(0, -4),
      // The old layout (base64url JSON of the order key and the sort values), with values of the wrong types.
      Buffer.from(JSON.stringify(['students:NAME:ASC', { a: 1 }, [], 'not-a-number'])).toString('base64url'),
      Buffer.from(JSON.stringify(['students:NAME:ASC', 'Я', 'Я'])).toString('base64url'),
      // Another list's cursor, and the same list's in another order.
      page.orders.pageInfo.endCursor,
      'not a cursor at all',
      '',
    ];
    for (const after of forged) {
      const answer = await t.execute('query($after: String) { students(first: 2, after: $after) { nodes { id } } }', { after });
      if (after === '') continue; // an empty `after` is no cursor: the first page
      expect(codesOf(answer), after).toEqual(['INVALID_CURSOR']);
    }
    const other = await t.execute('query($after: String) { students(first: 2, after: $after, orderBy: { field: NAME, direction: DESC }) { nodes { id } } }', { after: cursor });
    expect(codesOf(other)).toEqual(['INVALID_CURSOR']);
  });

  it('a student on its own order sees its own line only: totalCount 1 and no cursor of another student (the 157-names attack)', async () => {
    const { orderKey, studentKey, named } = await biggestOrder();
    expect(named).toBeGreaterThan(2);
    const student = await t.as({ role: Role.STUDENT, studentKey });
    const query = `query($id: ID!, $after: String) { node(id: $id) { ... on Order {
      students(first: 1, after: $after) { totalCount pageInfo { hasNextPage startCursor endCursor } edges { cursor node { student { id } } } } } } }`;
    const first = await student.data(query, { id: toGlobalId('Order', orderKey) });
    const students = first.node.students;
    expect(students.totalCount).toBe(1);
    expect(students.edges.map((e: { node: { student: { id: string } } }) => e.node.student.id)).toEqual([toGlobalId('Student', studentKey)]);
    expect(students.pageInfo.endCursor).toBe(students.edges[0].cursor);
    expect(students.pageInfo.hasNextPage).toBe(false);
    // Following the end cursor gives nothing more, and the count stays 1.
    const next = await student.data(query, { id: toGlobalId('Order', orderKey), after: students.pageInfo.endCursor });
    expect(next.node.students).toEqual({ totalCount: 1, pageInfo: { hasNextPage: false, startCursor: null, endCursor: null }, edges: [] });
    // An administrator sees every line.
    const admin = await t.data(query, { id: toGlobalId('Order', orderKey) });
    expect(admin.node.students.totalCount).toBe(named);
  });

  it('every connection field, as every limited role, is limited in SQL: the guard never has to drop an edge', async () => {
    const [{ fak_id: facultyKey }] = await t.rows<{ fak_id: number }>(
      'avn',
      'select sp.fak_id from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id group by sp.fak_id order by count(*) desc, sp.fak_id limit 1',
    );
    const [{ kaf_id: chairKey }] = await t.rows<{ kaf_id: number }>(
      'avn',
      'select sh.kaf_id from sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id where sh.kaf_id is not null group by sh.kaf_id order by count(*) desc, sh.kaf_id limit 1',
    );
    const [{ emp_id: employeeKey }] = await t.rows<{ emp_id: number }>('avn', 'select emp_id from vedomost group by emp_id order by count(*) desc, emp_id limit 1');
    const { studentKey } = await biggestOrder();
    const roles: [string, ViewerSpec][] = [
      ['dean', { role: Role.DEAN, facultyKey }],
      ['chair', { role: Role.CHAIR, chairKey }],
      ['teacher', { role: Role.TEACHER, employeeKey }],
      ['student', { role: Role.STUDENT, studentKey }],
      ['library key', { role: Role.LIBRARY, apiKey: true }],
      ['analyst', { role: Role.ANALYST, apiKey: true }],
      ['faculty-limited library key', { role: Role.LIBRARY, apiKey: true, facultyKey }],
      ['faculty-limited dormitory key', { role: Role.DORMITORY, apiKey: true, facultyKey }],
      ['faculty-limited registrar key', { role: Role.REGISTRAR, apiKey: true, facultyKey }],
      ['faculty-limited accounting key', { role: Role.ACCOUNTING, apiKey: true, facultyKey }],
    ];
    const schema = await buildHubSchema();
    const queries = connectionSweep(schema);
    const statistics = new Set(
      Object.values(schema.getQueryType()!.getFields())
        .filter((f) => !!(getNamedType(f.type) as GraphQLObjectType).getFields?.().withheldCount)
        .map((f) => `Query.${f.name}`),
    );
    expect(statistics.size).toBeGreaterThan(0);
    // Every connection field of the schema is reached (a new one on an unreachable type fails here).
    expect(queries.map((q) => q.field)).toEqual(expect.arrayContaining(['Order.students', 'Query.students', 'Student.serviceRequests', 'Group.students']));
    const seen: Record<string, number> = {};
    for (const [name, spec] of roles) {
      const viewer = await t.as(spec);
      resetGuardDrops();
      for (const { field, query } of queries) {
        const answer = await viewer.execute(query);
        // A statistic has no empty answer that is not a false figure: a viewer without statistics
        // of its domain (a student, a key of another domain) is refused with FORBIDDEN instead.
        if (statistics.has(field) && answer.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')) continue;
        expect(answer.errors, `${name}: ${field}`).toBeUndefined();
        for (const connection of connectionsIn(answer.data)) {
          seen[field] = (seen[field] ?? 0) + connection.edges.length;
          const cursors = connection.edges.map((e) => e.cursor);
          expect(connection.pageInfo.startCursor, `${name}: ${field}`).toBe(cursors[0] ?? null);
          expect(connection.pageInfo.endCursor, `${name}: ${field}`).toBe(cursors[cursors.length - 1] ?? null);
          if (!connection.pageInfo.hasNextPage) expect(connection.totalCount, `${name}: ${field}`).toBe(connection.edges.length);
          else expect(connection.totalCount, `${name}: ${field}`).toBeGreaterThan(connection.edges.length);
        }
      }
      expect(guardDrops(), name).toEqual({});
    }
    // The sweep saw rows: it is not passing on empty answers.
    expect(seen['Order.students']).toBeGreaterThan(0);
    expect(seen['Group.students']).toBeGreaterThan(0);
  });

  it('the safety net: an edge the guard drops takes its cursor and its count along, and the drop is counted', async () => {
    // A connection that SQL does not limit (built here on purpose): students of two faculties, read
    // by the dean of one of them.
    const rows = await t.rows<{ stud_id: number; _faculty: number }>(
      'avn',
      `select * from (select s.stud_id, sp.fak_id as _faculty, row_number() over (partition by sp.fak_id order by s.stud_id) as _n
                        from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id) x
        where _n <= 3 and _faculty in (select fak_id from specialnost group by fak_id order by fak_id limit 2) order by stud_id`,
    );
    // The records as the source reads them, for the guard to judge.
    const records = await studentById(createContext(t.hub.runtime)).loadMany(rows.map((r) => r.stud_id));
    const recordOf = new Map((records as StudentRecord[]).map((s) => [s.key, s]));
    const facultyKey = Number(rows[0]._faculty);
    const mine = rows.filter((r) => Number(r._faculty) === facultyKey);
    expect(mine.length).toBeLessThan(rows.length);
    const sort = [{ sql: 's.stud_id', key: 'stud_id' }];
    const page = { limit: rows.length, after: null, orderKey: 'test-students' };
    const schema = unscopedStudentsSchema(() => toConnection(rows, page, sort, (r) => recordOf.get(r.stud_id), async () => rows.length));
    const viewer = { kind: 'account' as const, id: 'test', label: 'dean', role: Role.DEAN, purpose: null, scope: scopeFor(Role.DEAN, { facultyKey }) };
    resetGuardDrops();
    const result = await execute({
      schema,
      document: parse('{ students { totalCount pageInfo { hasNextPage startCursor endCursor } edges { cursor node { id } } nodes { id } } }'),
      contextValue: createContext(t.hub.runtime, { viewer }),
    });
    expect(result.errors).toBeUndefined();
    const students = result.data!.students as any;
    const ids = mine.map((r) => toGlobalId('Student', r.stud_id as number));
    expect(students.nodes.map((n: { id: string }) => n.id)).toEqual(ids);
    expect(students.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(ids);
    expect(students.totalCount).toBe(mine.length);
    expect(students.pageInfo.hasNextPage).toBe(false);
    expect(students.pageInfo.startCursor).toBe(students.edges[0].cursor);
    expect(students.pageInfo.endCursor).toBe(students.edges[students.edges.length - 1].cursor);
    expect(decodeCursor(students.pageInfo.endCursor, 'test-students')).toEqual([mine[mine.length - 1].stud_id]);
    expect(guardDrops()).toEqual({ 'Query.students': rows.length - mine.length });
    resetGuardDrops();
  });
});

/** The hub's cursor decoder (src/db/cursor.ts). */
const decodeCursor = (cursor: string, orderKey: string) => cursors.decodeCursor(cursor, orderKey);

/** A schema with one connection of Student that no SQL scope limits, guarded like the hub's. */
function unscopedStudentsSchema(resolve: () => ConnectionShape<unknown>): GraphQLSchema {
  const student = new GraphQLObjectType({ name: 'Student', fields: { id: { type: new GraphQLNonNull(GraphQLID) } } });
  const pageInfo = new GraphQLObjectType({
    name: 'PageInfo',
    fields: {
      hasNextPage: { type: new GraphQLNonNull(GraphQLBoolean) },
      hasPreviousPage: { type: new GraphQLNonNull(GraphQLBoolean) },
      startCursor: { type: GraphQLString },
      endCursor: { type: GraphQLString },
    },
  });
  const edge = new GraphQLObjectType({ name: 'StudentEdge', fields: { cursor: { type: new GraphQLNonNull(GraphQLString) }, node: { type: new GraphQLNonNull(student) } } });
  const connection = new GraphQLObjectType({
    name: 'StudentConnection',
    fields: {
      edges: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(edge))) },
      nodes: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(student))) },
      pageInfo: { type: new GraphQLNonNull(pageInfo) },
      totalCount: { type: new GraphQLNonNull(GraphQLInt), resolve: (c: ConnectionShape<unknown>) => (typeof c.totalCount === 'function' ? c.totalCount() : c.totalCount) },
    },
  });
  const query = new GraphQLObjectType({ name: 'Query', fields: { students: { type: new GraphQLNonNull(connection), resolve } } });
  return guardSchema(new GraphQLSchema({ query }), { policies: ACCESS_POLICIES });
}

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string }[];
}

function connectionsIn(value: unknown, found: Connection[] = []): Connection[] {
  if (Array.isArray(value)) {
    for (const item of value) connectionsIn(item, found);
  } else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.edges) && object.pageInfo && 'totalCount' in object) found.push(object as unknown as Connection);
    for (const child of Object.values(object)) connectionsIn(child, found);
  }
  return found;
}

/** Root fields refused as a whole to a viewer without their domains or a unit reach: the statistics. */

/** Values for required arguments the sweep cannot guess (enums take their first value). */
const REQUIRED_VALUES: Record<string, string> = { academicYear: '"2025-2026"' };

const SELECTION = 'totalCount pageInfo { hasNextPage startCursor endCursor } edges { cursor node { __typename } }';

/** Arguments for a field: `first` where it pages, and a value for every required argument without a default. */
function argumentsOf(field: GraphQLField<unknown, unknown>, first: number): string {
  const parts: string[] = [];
  for (const arg of field.args) {
    if (arg.name === 'first') parts.push(`first: ${first}`);
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
      const type = getNamedType(arg.type);
      if (REQUIRED_VALUES[arg.name]) parts.push(`${arg.name}: ${REQUIRED_VALUES[arg.name]}`);
      else if (!isEnumType(type)) throw new Error(`the sweep cannot fill ${field.name}(${arg.name}:)`);
      else parts.push(`${arg.name}: ${type.getValues()[0].name}`);
    }
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

const isConnection = (type: GraphQLObjectType) => type.name.endsWith('Connection') && !!type.getFields().edges && !!type.getFields().pageInfo;

/**
 * One query per connection field of the schema: root connections directly, nested ones under the
 * first page of a root list of their parent type.
 */
function connectionSweep(schema: Awaited<ReturnType<typeof buildHubSchema>>): { field: string; query: string }[] {
  const queryType = schema.getQueryType()!;
  const rootFields = Object.values(queryType.getFields());
  const queries: { field: string; query: string }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name === 'Mutation' || type.name === 'Subscription' || isConnection(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!isObjectType(named) || !isConnection(named)) continue;
      const coordinate = `${type.name}.${field.name}`;
      const inner = `${field.name}${argumentsOf(field, 50)} { ${SELECTION} }`;
      if (type === queryType) {
        queries.push({ field: coordinate, query: `{ ${inner} }` });
        continue;
      }
      // A root field listing the parent type: its connection, else a plain list.
      const parent = rootFields.find((root) => {
        const rootType = getNamedType(root.type);
        if (root.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) return false;
        if (isObjectType(rootType) && isConnection(rootType)) return getNamedType(rootType.getFields().nodes.type) === type;
        return rootType === type && isListType(getNullableType(root.type));
      });
      if (!parent) throw new Error(`the sweep finds no root list of ${type.name} to reach ${coordinate}: add one here`);
      const parentType = getNamedType(parent.type) as GraphQLObjectType;
      const query = isConnection(parentType)
        ? `{ ${parent.name}${argumentsOf(parent, 100)} { nodes { ${inner} } } }`
        : `{ ${parent.name}${argumentsOf(parent, 100)} { ${inner} } }`;
      queries.push({ field: coordinate, query });
    }
  }
  return queries;
}

describe('9.B6 filters, searches and orderings obey the field rules; IDs are opaque', () => {
  let analyst: Executor;
  beforeAll(async () => {
    analyst = await t.as({ role: Role.ANALYST, apiKey: true, purpose: 'enrolment statistics' });
  });

  it('an analyst filtering or sorting by PIN, student number, name or NAME is refused with FORBIDDEN_FIELD, before any SQL', async () => {
    const [s] = await t.rows<{ pin: string; zachetka: string; fam: string; grp_id: number }>(
      'avn',
      'select pin, zachetka, fam, grp_id from students where pin is not null order by stud_id limit 1',
    );
    const attempts: [string, Record<string, unknown>, string][] = [
      ['query($v: String) { students(where: { pin: $v }) { totalCount nodes { fullName } } }', { v: s.pin.trim() }, 'where.pin'],
      ['query($v: String) { students(where: { studentNumber: $v }) { totalCount nodes { fullName } } }', { v: s.zachetka }, 'where.studentNumber'],
      ['query($v: String) { students(where: { nameContains: $v }) { totalCount nodes { fullName } } }', { v: s.fam }, 'where.nameContains'],
      ['{ students(first: 5, orderBy: { field: NAME }) { nodes { fullName } } }', {}, 'orderBy.field'],
      ['{ students(first: 5, orderBy: { field: STUDENT_NUMBER, direction: DESC }) { nodes { fullName } } }', {}, 'orderBy.field'],
      ['query($v: String!) { student(studentNumber: $v) { fullName } }', { v: s.zachetka }, 'studentNumber'],
      ['query($v: String) { employees(where: { nameContains: $v }) { totalCount } }', { v: 'а' }, 'where.nameContains'],
      ['query($v: String) { libraryReaders(where: { nameContains: $v }) { totalCount } }', { v: 'a' }, 'where.nameContains'],
    ];
    for (const [query, variables, argument] of attempts) {
      const answer = await analyst.execute(query, variables);
      expect(codesOf(answer), query).toEqual(['FORBIDDEN_FIELD']);
      expect(answer.errors![0].extensions?.argument, query).toBe(argument);
      expect(JSON.stringify(answer), query).not.toMatch(/Student-[0-9a-f]{8}/);
      // Refused before the resolver: not one statement reached AVN.
      expect(t.stats().avn, query).toBe(0);
    }
    // Nested too: a group's students by name.
    const nested = await analyst.execute(
      'query($id: ID!) { node(id: $id) { ... on Group { name students(where: { nameContains: "a" }) { totalCount } } } }',
      { id: toGlobalId('Group', s.grp_id) },
    );
    expect(codesOf(nested)).toEqual(['FORBIDDEN_FIELD']);
    expect(nested.errors![0].path).toEqual(['node', 'students']);
    // What is not identifying stays open: by admission date, status, group.
    const allowed = await analyst.data('{ students(first: 3, orderBy: { field: ADMISSION_DATE }, where: { status: STUDYING }) { totalCount nodes { fullName } } }');
    expect(allowed.students.nodes[0].fullName).toMatch(/^Student-[0-9a-f]{8}$/);
  });

  it('an analyst\'s lists are not in name order by default either: students come by admission date', async () => {
    const rows = await t.rows<{ stud_id: number }>('avn', 'select stud_id from students order by data_postupleniya, stud_id limit 10');
    const byAdmission = rows.map((r) => toGlobalId('Student', r.stud_id));
    const ids = (data: any) => data.students.nodes.map((n: { id: string }) => n.id);
    expect(ids(await analyst.data('{ students(first: 10) { nodes { id } } }'))).toEqual(byAdmission);
    // Everyone else still gets the name order by default.
    const byName = await t.rows<{ stud_id: number }>('avn', 'select stud_id from students order by fam, imya, stud_id limit 10');
    expect(ids(await t.data('{ students(first: 10) { nodes { id } } }'))).toEqual(byName.map((r) => toGlobalId('Student', r.stud_id)));
    expect(byName).not.toEqual(rows);
  });

  it('library and dormitory keys cannot find students by PIN; a registrar key can, and the filter is audited', async () => {
    const [s] = await t.rows<{ stud_id: number; pin: string }>(
      'avn',
      'select stud_id, pin from students where pin is not null order by stud_id limit 1',
    );
    const pin = s.pin.trim();
    const query = 'query ByPin($pin: String) { students(where: { pin: $pin }) { totalCount nodes { studentNumber } } }';
    for (const role of [Role.LIBRARY, Role.DORMITORY]) {
      const key = await t.as({ role, apiKey: true, purpose: `${role} desk` });
      const answer = await key.execute(query, { pin });
      expect(codesOf(answer), role).toEqual(['FORBIDDEN_FIELD']);
      expect(answer.errors![0].extensions).toMatchObject({ argument: 'where.pin', kind: 'pin' });
      expect(answer.data?.students ?? null).toBeNull();
      expect(t.stats().avn).toBe(0);
      for (const other of ['query($pin: String) { people(where: { pin: $pin }) { totalCount } }', 'query($pin: String!) { personByPin(pin: $pin) { id } }']) {
        expect(codesOf(await key.execute(other, { pin })), `${role} ${other}`).toEqual(['FORBIDDEN_FIELD']);
      }
      const [{ n }] = await t.rows<{ n: number }>('hub', 'select count(*)::int as n from audit_log where actor_id = $1', [key.keyId]);
      expect(n).toBe(0);
    }

    const registrar = await t.as({ role: Role.REGISTRAR, apiKey: true, purpose: 'transcripts for the ministry' });
    const found = await registrar.data(query, { pin });
    const holders = await t.rows<{ zachetka: string; stud_id: number }>('avn', 'select zachetka, stud_id from students where pin = $1 order by zachetka', [s.pin]);
    expect(found.students.totalCount).toBe(holders.length);
    expect(found.students.nodes.map((n: { studentNumber: string }) => n.studentNumber).sort()).toEqual(holders.map((h) => h.zachetka));
    const entries = await t.rows<{ action: string; purpose: string; actor_role: string; operation: string; fields: string[]; person_ids: string[] }>(
      'hub',
      'select action, purpose, actor_role, operation, fields, person_ids from audit_log where actor_id = $1',
      [registrar.keyId],
    );
    const persons = await t.rows<{ person_id: string }>(
      'hub',
      "select distinct person_id::text from identity_link where source = 'avn.student' and local_key = any($1::text[]) order by 1",
      [holders.map((h) => String(h.stud_id))],
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'personal_read',
      purpose: 'transcripts for the ministry',
      actor_role: 'REGISTRAR',
      operation: 'ByPin',
      fields: ['Query.students(where.pin)'],
    });
    expect(entries[0].person_ids.map(String).sort()).toEqual(persons.map((p) => p.person_id));
  });

  it('global IDs do not decode to native keys, node(id:) still finds the object, and a tampered ID is INVALID_ID', async () => {
    const data = await t.data('{ students(first: 10) { nodes { id studentNumber } } groups(first: 3) { nodes { id name } } }');
    const keys = await t.rows<{ stud_id: number; zachetka: string }>('avn', 'select stud_id, zachetka from students where zachetka = any($1::text[])', [
      data.students.nodes.map((n: { studentNumber: string }) => n.studentNumber),
    ]);
    const keyOf = new Map(keys.map((k) => [k.zachetka, k.stud_id]));
    for (const node of data.students.nodes as { id: string; studentNumber: string }[]) {
      const key = keyOf.get(node.studentNumber)!;
      const text = readings(node.id);
      expect(text).not.toContain('Student');
      expect(text).not.toContain(`:${key}`);
      expect(node.id).not.toBe(Buffer.from(`Student:${key}`).toString('base64url'));
      // The hub's own decoder still knows it.
      expect(fromGlobalId(node.id)).toEqual({ type: 'Student', key: String(key) });
    }
    for (const node of data.groups.nodes as { id: string }[]) expect(readings(node.id)).not.toContain('Group');
    // Stable: the same object has the same ID in every answer.
    const again = await t.data('{ students(first: 10) { nodes { id } } }');
    expect(again.students.nodes.map((n: { id: string }) => n.id)).toEqual(data.students.nodes.map((n: { id: string }) => n.id));

    const [first] = data.students.nodes;
    const found = await t.data('query($id: ID!) { node(id: $id) { id ... on Student { studentNumber } } }', { id: first.id });
    expect(found.node).toEqual({ id: first.id, studentNumber: first.studentNumber });

    const key = keyOf.get(first.studentNumber)!;
    const bad = [tampered(first.id), tampered(first.id, 0), first.id.slice(0, -2), Buffer.from(`Student:${key}`).toString('base64url'), 'U3R1ZGVudDox'];
    for (const id of bad) {
      const answer = await t.execute('query($id: ID!) { node(id: $id) { id } }', { id });
      expect(codesOf(answer), id.slice(0, 40)).toEqual(['INVALID_ID']);
      const filtered = await t.execute('query($id: ID!) { students(where: { groupId: $id }) { totalCount } }', { id });
      expect(codesOf(filtered), id.slice(0, 40)).toEqual(['INVALID_ID']);
    }
    // An ID longer than any the hub issues is refused with the other oversized texts, before anything runs.
    const long = await t.execute('query($id: ID!) { node(id: $id) { id } }', { id: 'x'.repeat(5000) });
    expect(codesOf(long)).toEqual(['VALIDATION_FAILED']);
  });
});
