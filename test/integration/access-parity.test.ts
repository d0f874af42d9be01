/**
 * The access rules are declared once (src/modules/*\/*.access.ts) and applied twice: in SQL by the
 * sources' scopes (so pages and counts are right) and object by object by the guard. This test
 * holds the two together: for each role and reach, every root list returns exactly the
 * administrator's list filtered by that role's row rule — the same IDs, and a totalCount equal to
 * their number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, getNamedType, isNonNullType, isObjectType, parse, type GraphQLField, type GraphQLSchema } from 'graphql';
import { factsOf, rowVisible } from '../../src/auth/guard/visibility';
import { scopeFor } from '../../src/auth/roles';
import { ANONYMOUS, Role, type Viewer } from '../../src/auth/viewer';
import { createContext, type HubContext } from '../../src/graphql/context';
import { GuardPolicies } from '../../src/graphql/guard/guard-policies';
import { buildHubSchema } from '../../src/modules/schema';
import { ACCESS_POLICIES } from '../../src/modules/access-policies';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;
let schema: GraphQLSchema;
const policies = new GuardPolicies(ACCESS_POLICIES);

beforeAll(async () => {
  t = await startTestHub();
  schema = await buildHubSchema();
});

afterAll(async () => {
  await t?.close();
});

const PAGE = 100;
/** Lists that change by themselves between two reads. */
const SKIP = ['auditLog'];

interface RootList {
  name: string;
  nodeType: string;
}

function rootLists(): RootList[] {
  const needsValue = (field: GraphQLField<unknown, unknown>) => field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  return Object.values(schema.getQueryType()!.getFields()).flatMap((field) => {
    const named = getNamedType(field.type);
    if (SKIP.includes(field.name) || needsValue(field) || !isObjectType(named) || !named.name.endsWith('Connection') || !named.getFields().nodes) return [];
    return [{ name: field.name, nodeType: getNamedType(named.getFields().nodes.type).name }];
  });
}

const viewerOf = (role: Role, limits: Parameters<typeof scopeFor>[1] = {}): Viewer =>
  ({ kind: 'account', id: 'parity', label: role, role, purpose: null, scope: scopeFor(role, limits) });

type Page = { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

async function page(context: HubContext, list: RootList, after: string | null): Promise<Page> {
  const result = await execute({
    schema,
    document: parse(`query($after: String) { ${list.name}(first: ${PAGE}, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`),
    variableValues: { after },
    contextValue: context,
  });
  expect(result.errors, `${list.name}: ${JSON.stringify(result.errors)}`).toBeUndefined();
  return (result.data as Record<string, Page>)[list.name];
}

/** Every page of the list as `viewer` sees it: the IDs and the first page's totalCount. */
async function readAll(viewer: Viewer, list: RootList): Promise<{ ids: string[]; totalCount: number }> {
  const context = createContext(t.hub.runtime, { viewer });
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (;;) {
    const p = await page(context, list, after);
    if (totalCount < 0) totalCount = p.totalCount;
    ids.push(...p.nodes.map((n) => n.id));
    if (!p.pageInfo.hasNextPage) return { ids, totalCount };
    after = p.pageInfo.endCursor;
  }
}

/**
 * The administrator's objects of the list, as its resolver returns them (with the hidden keys the
 * row rules read): the root field's resolver is watched while the administrator pages through.
 */
async function adminObjects(list: RootList): Promise<{ id: string }[]> {
  const field = schema.getQueryType()!.getFields()[list.name];
  const original = field.resolve!;
  const objects: { id: string }[] = [];
  field.resolve = async (source, args, context, info) => {
    const connection = (await original(source, args, context, info)) as { nodes?: unknown[]; edges?: { node: unknown }[] } | null;
    objects.push(...((connection?.nodes ?? connection?.edges?.map((e: { node: unknown }) => e.node) ?? []) as { id: string }[]));
    return connection;
  };
  try {
    const { ids } = await readAll(viewerOf(Role.ADMIN), list);
    expect(objects.map((o) => o.id)).toEqual(ids);
  } finally {
    field.resolve = original;
  }
  return objects;
}

describe('every root list equals the administrator\'s list filtered by the row rule', () => {
  it('for each role and reach', { timeout: 600_000 }, async () => {
    const [{ fak_id: facultyKey }] = await t.rows<{ fak_id: number }>(
      'avn',
      'select sp.fak_id from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id group by sp.fak_id order by count(*) desc, sp.fak_id limit 1',
    );
    const [{ kaf_id: chairKey }] = await t.rows<{ kaf_id: number }>(
      'avn',
      'select sh.kaf_id from sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id where sh.kaf_id is not null group by sh.kaf_id order by count(*) desc, sh.kaf_id limit 1',
    );
    const [{ emp_id: employeeKey }] = await t.rows<{ emp_id: number }>('avn', 'select emp_id from vedomost group by emp_id order by count(*) desc, emp_id limit 1');
    // A student with orders, a contract and cards in other systems, so its own lists are not empty.
    const [{ stud_id: studentKey }] = await t.rows<{ stud_id: number }>(
      'avn',
      'select ps.stud_id from prikaz_student ps join kontrakt k on k.stud_id = ps.stud_id group by ps.stud_id order by count(*) desc, ps.stud_id limit 1',
    );
    const viewers: [string, Viewer][] = [
      ['dean', viewerOf(Role.DEAN, { facultyKey })],
      ['chair', viewerOf(Role.CHAIR, { chairKey })],
      ['teacher', viewerOf(Role.TEACHER, { employeeKey })],
      ['student', viewerOf(Role.STUDENT, { studentKey })],
      ['library', viewerOf(Role.LIBRARY)],
      ['dormitory', viewerOf(Role.DORMITORY)],
      ['registrar', viewerOf(Role.REGISTRAR)],
      ['faculty-limited library', viewerOf(Role.LIBRARY, { facultyKey })],
      ['faculty-limited dormitory', viewerOf(Role.DORMITORY, { facultyKey })],
      ['faculty-limited registrar', viewerOf(Role.REGISTRAR, { facultyKey })],
      ['analyst', viewerOf(Role.ANALYST)],
      ['anonymous', ANONYMOUS],
    ];
    const lists = rootLists();
    expect(lists.map((l) => l.name)).toEqual(expect.arrayContaining(['students', 'orders', 'loans', 'placements', 'serviceRequests', 'gradeSheets', 'lessons']));
    let limited = 0;
    for (const list of lists) {
      const objects = await adminObjects(list);
      for (const [name, viewer] of viewers) {
        const facts = factsOf(createContext(t.hub.runtime, { viewer }));
        const verdicts = await Promise.all(objects.map((o) => rowVisible(facts, policies.of(list.nodeType), o)));
        const expected = objects.filter((_, i) => verdicts[i]).map((o) => o.id);
        const seen = await readAll(viewer, list);
        expect(seen.ids.sort(), `${name}: ${list.name}`).toEqual(expected.sort());
        expect(seen.totalCount, `${name}: ${list.name} totalCount`).toBe(expected.length);
        if (expected.length > 0 && expected.length < objects.length) limited++;
      }
    }
    // The comparison is not passing on empty or unlimited answers only.
    expect(limited).toBeGreaterThan(10);
  });
});
