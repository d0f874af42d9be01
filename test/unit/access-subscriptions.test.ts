/**
 * Subscriptions are guarded by construction: any Subscription field that returns a guarded type
 * gets the same row rules as a query, and an event about an object the viewer may not see is not
 * sent at all. Shown on a small schema with a `studentChanged` subscription (the live-data
 * subscriptions that come next are built the same way), run through graphql-js's `subscribe`.
 */
import { describe, expect, it } from 'vitest';
import { GraphQLBoolean, GraphQLID, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, parse, subscribe, type ExecutionResult } from 'graphql';
import { guardSchema } from '../../src/graphql/guard/guard-schema';
import { ACCESS_POLICIES } from '../../src/modules/access-policies';
import { scopeFor } from '../../src/auth/roles';
import { Role, type Viewer } from '../../src/auth/viewer';
import type { HubContext } from '../../src/graphql/context';

interface Change {
  student: { __typename: 'Student'; id: string; key: number; facultyKey: number; groupKey: number; fullName: string };
}

const changes: Change[] = [1, 2, 1, 3].map((facultyKey, i) => ({
  student: { __typename: 'Student', id: `s${i}`, key: i, facultyKey, groupKey: 100 + i, fullName: `Name ${i}` },
}));

function schemaWith(returned: { value: boolean }): GraphQLSchema {
  const Student = new GraphQLObjectType({
    name: 'Student',
    fields: {
      id: { type: new GraphQLNonNull(GraphQLID) },
      fullName: { type: new GraphQLNonNull(GraphQLString), extensions: { identifying: true } },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLBoolean } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        studentChanged: {
          type: Student,
          subscribe: () => {
            let i = 0;
            const iterator: AsyncIterableIterator<Change> = {
              [Symbol.asyncIterator]: () => iterator,
              next: async () => (i < changes.length ? { done: false, value: changes[i++] } : { done: true, value: undefined }),
              return: async () => {
                returned.value = true;
                return { done: true, value: undefined };
              },
            };
            return iterator;
          },
          resolve: (change: Change) => change.student,
        },
      },
    }),
  });
  return guardSchema(schema, { policies: ACCESS_POLICIES });
}

function contextFor(viewer: Viewer): HubContext {
  const loaders = new Map<string, unknown>();
  return {
    viewer,
    requestId: 'test',
    runtime: { config: { identityPinKey: 'test-key' } },
    loader<T>(key: string, create: () => T): T {
      if (!loaders.has(key)) loaders.set(key, create());
      return loaders.get(key) as T;
    },
  } as unknown as HubContext;
}

const viewer = (role: Role, limits = {}): Viewer => ({ kind: 'account', id: '1', label: role, role, purpose: null, scope: scopeFor(role, limits) });

async function events(role: Role, limits = {}): Promise<ExecutionResult[]> {
  const returned = { value: false };
  const stream = await subscribe({ schema: schemaWith(returned), document: parse('subscription { studentChanged { id fullName } }'), contextValue: contextFor(viewer(role, limits)) });
  // Refused when subscribing: the one answer instead of a stream.
  if (!(Symbol.asyncIterator in stream)) return [stream];
  const received: ExecutionResult[] = [];
  for await (const event of stream as AsyncIterable<ExecutionResult>) received.push(event);
  return received;
}

describe('a guarded subscription', () => {
  it('sends an administrator every event', async () => {
    expect((await events(Role.ADMIN)).map((e) => (e.data as any).studentChanged.id)).toEqual(['s0', 's1', 's2', 's3']);
  });

  it('sends a dean only the events of its faculty\'s students — the others are not sent at all', async () => {
    const received = await events(Role.DEAN, { facultyKey: 1 });
    expect(received).toEqual([{ data: { studentChanged: { id: 's0', fullName: 'Name 0' } } }, { data: { studentChanged: { id: 's2', fullName: 'Name 2' } } }]);
  });

  it('refuses a viewer without the domain when it subscribes (one FORBIDDEN, no event), and sends pseudonyms to an analyst', async () => {
    const refused = await events(Role.HR);
    expect(refused).toHaveLength(1);
    expect(refused[0].data).toBeUndefined();
    expect(refused[0].errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const analyst = await events(Role.ANALYST);
    expect(analyst).toHaveLength(4);
    for (const event of analyst) expect((event.data as any).studentChanged.fullName).toMatch(/^Student-[0-9a-f]{8}$/);
  });

  it('reaches the source at once when the client unsubscribes', async () => {
    const returned = { value: false };
    const stream = (await subscribe({
      schema: schemaWith(returned),
      document: parse('subscription { studentChanged { id } }'),
      contextValue: contextFor(viewer(Role.DEAN, { facultyKey: 1 })),
    })) as AsyncIterableIterator<ExecutionResult>;
    expect((await stream.next()).value).toEqual({ data: { studentChanged: { id: 's0' } } });
    await stream.return!();
    expect(returned.value).toBe(true);
  });
});
