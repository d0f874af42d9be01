/**
 * The guard covers the whole schema by construction: every object type has a policy (a new type
 * without one fails here, and is refused to all but administrators at run time), every relation
 * to guarded data is wrapped, every personal field is nullable and wrapped, and every field that
 * names a person is marked @Identifying.
 */
import { describe, expect, it } from 'vitest';
import { getNamedType, isInterfaceType, isNonNullType, isObjectType } from 'graphql';
import { buildHubSchema } from '../../src/modules/schema';
import { guardReport } from '../../src/graphql/guard/guard-schema';
import { GuardPolicies } from '../../src/graphql/guard/guard-policies';
import { ACCESS_POLICIES } from '../../src/modules/access-policies';
import { reachOf } from '../../src/auth/policies';
import { scopeFor } from '../../src/auth/roles';
import { ANONYMOUS, Role } from '../../src/auth/viewer';

const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);
const POLICIES = new GuardPolicies(ACCESS_POLICIES);

async function objectTypes() {
  const schema = await buildHubSchema();
  return Object.values(schema.getTypeMap()).filter(
    (type) => isObjectType(type) && !type.name.startsWith('__') && !ROOTS.has(type.name),
  ) as import('graphql').GraphQLObjectType[];
}

const isConnectionOrEdge = (type: import('graphql').GraphQLObjectType) => {
  const fields = type.getFields();
  return (type.name.endsWith('Connection') && !!fields.edges && !!fields.pageInfo) || (type.name.endsWith('Edge') && !!fields.cursor && !!fields.node);
};

describe('policies', () => {
  it('exist for every object type of the schema, and for nothing else', async () => {
    const types = (await objectTypes()).filter((type) => !isConnectionOrEdge(type)).map((type) => type.name);
    expect(types.filter((name) => !POLICIES.of(name)), 'types without a policy (declare one in the module\'s *.access.ts, listed in src/modules/access-policies.ts)').toEqual([]);
    expect(POLICIES.names().filter((name) => !types.includes(name)), 'policies of types the schema no longer has').toEqual([]);
    expect(guardReport()!.unguardedTypes).toEqual([]);
  });

  it('wrap every field that returns guarded data, including node, nodes and the subscriptions', async () => {
    const schema = await buildHubSchema();
    const { relations } = guardReport()!;
    for (const coordinate of ['Query.node', 'Query.nodes', 'Query.students', 'Query.student', 'Student.loans', 'Group.students', 'GradeRecord.gradeSheet']) {
      expect(relations, coordinate).toContain(coordinate);
    }
    for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      for (const field of Object.values(type?.getFields() ?? {})) {
        const named = getNamedType(field.type);
        const free = POLICIES.isFree(named.name);
        if ((isObjectType(named) && !free) || isInterfaceType(named)) expect(relations, `${type!.name}.${field.name}`).toContain(`${type!.name}.${field.name}`);
      }
    }
  });

  it('make every personal field nullable and wrap it', async () => {
    const types = await objectTypes();
    const { personal } = guardReport()!;
    const marked = types.flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => (field.extensions as { personalData?: string }).personalData)
        .map((field) => ({ coordinate: `${type.name}.${field.name}`, nonNull: isNonNullType(field.type) })),
    );
    expect(marked.length).toBeGreaterThan(20);
    expect(marked.filter((f) => f.nonNull)).toEqual([]);
    expect(marked.map((f) => f.coordinate).sort()).toEqual([...personal].sort());
  });

  it('find every field that names a person marked @Identifying (pseudonyms for analysts)', async () => {
    const names = /^(fullName|surname|givenName|firstName|lastName|middleName|patronymic|otherNames|applicantName|holderName|studentNumber|personnelNumber|teacherPersonnelNumber|cardNumber|changedBy)$/;
    const unmarked = (await objectTypes()).flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => names.test(field.name) && !(field.extensions as { identifying?: boolean }).identifying)
        .map((field) => `${type.name}.${field.name}`),
    );
    expect(unmarked).toEqual([]);
  });

  it('give each role its reach; a limited role without its key reaches nothing', () => {
    const viewer = (role: Role, limits = {}) => ({ kind: 'account' as const, id: '1', label: 'x', role, purpose: null, scope: scopeFor(role, limits) });
    expect(reachOf(viewer(Role.ADMIN, { studentKey: 5 }))).toBe('all');
    expect(reachOf(viewer(Role.DEAN, { facultyKey: 1 }))).toBe('faculty');
    expect(reachOf(viewer(Role.DEAN))).toBe('none');
    expect(reachOf(viewer(Role.CHAIR, { chairKey: 2, employeeKey: 3 }))).toBe('chair');
    expect(reachOf(viewer(Role.TEACHER, { employeeKey: 3 }))).toBe('teacher');
    expect(reachOf(viewer(Role.TEACHER))).toBe('none');
    expect(reachOf(viewer(Role.STUDENT, { studentKey: 4 }))).toBe('self');
    expect(reachOf(viewer(Role.LIBRARY))).toBe('all');
    expect(reachOf(viewer(Role.LIBRARY, { facultyKey: 1 }))).toBe('faculty');
    expect(reachOf(viewer(Role.ANALYST))).toBe('all');
    // Anonymous callers reach only what is published (issue 9, B10).
    expect(reachOf(ANONYMOUS)).toBe('public');
  });
});
