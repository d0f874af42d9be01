/**
 * Hardening (issue 9), findings B7, B10 and D14, against a real hub over real HTTP and WebSockets:
 *
 * - B7: a subscriber never receives a frame about an event it may not see — no per-event error,
 *   live or replayed — and a subscription the viewer may not use at all is refused with one
 *   graphql-ws `error` message when it subscribes (events are written with plain SQL into the
 *   sources, as their own software would, and an administrator's subscriber proves they happened).
 * - B10: anonymous callers see the organisation tree and curricula, never an employee.
 * - D14: a teacher cannot submit (lock) a grade sheet while every grade-entry window of its term is
 *   closed.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLBoolean, GraphQLID, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionResult } from 'graphql';
import { guardSchema } from '../../../src/graphql/guard/guard-schema';
import { subscribeGuarded } from '../../../src/graphql/guard/subscription-access';
import { ACCESS_POLICIES } from '../../../src/modules/access-policies';
import { scopeFor } from '../../../src/auth/roles';
import { ANONYMOUS, Domain, Role, type Viewer } from '../../../src/auth/viewer';
import { ErrorCode, HubError, sourceUnavailable } from '../../../src/common/errors';
import type { HubContext } from '../../../src/graphql/context';
import { toGlobalId } from '../../../src/domain/global-id';
import { startTestHub, type TestHub } from '../../helpers/test-hub';
import { onOperationSubscribed } from '../../../src/server/graphql-over-ws';
import { waitFor } from '../../helpers/subscriber';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});

afterAll(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  for (const stop of stopWatching.splice(0)) stop();
  await t?.close();
});

// ---- a raw graphql-transport-ws client: every frame the hub sends is kept ------------------------

interface Frame {
  id?: string;
  type: string;
  payload?: any;
}

interface RawSocket {
  frames: Frame[];
  subscribe(id: string, query: string, variables?: Record<string, unknown>): void;
  /** The frames of one operation, in order. */
  of(id: string): Frame[];
  /** Resolves once the hub is listening for these operations' events (not for a refused one). */
  listening(...ids: string[]): Promise<void>;
  close(): void;
}

const sockets: WebSocket[] = [];
const stopWatching: (() => void)[] = [];

/** Opens a WebSocket, authenticates with `authorization` (none: anonymous) and waits for the ack. */
async function openSocket(authorization: string | null): Promise<RawSocket> {
  const ws = new WebSocket(t.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  sockets.push(ws);
  const frames: Frame[] = [];
  // The hub says when it has subscribed an operation of a connection carrying this marker.
  const marker = randomUUID();
  const subscribed = new Set<string>();
  stopWatching.push(onOperationSubscribed((params, id) => {
    if (params?.testSubscriber === marker) subscribed.add(id);
  }));
  let acked!: () => void;
  const ack = new Promise<void>((resolve) => (acked = resolve));
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Frame;
    if (message.type === 'ping') return ws.send(JSON.stringify({ type: 'pong' }));
    if (message.type === 'connection_ack') return acked();
    frames.push(message);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'connection_init', payload: authorization ? { authorization, testSubscriber: marker } : { testSubscriber: marker } }));
  await ack;
  return {
    frames,
    subscribe: (id, query, variables = {}) => ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } })),
    of: (id) => frames.filter((f) => f.id === id),
    listening: (...ids) => waitFor(`the operations ${ids.join(', ')} subscribed`, () => ids.every((id) => subscribed.has(id))),
    close: () => ws.close(),
  };
}

/** One graphql-ws `error` message with one FORBIDDEN error: a refused subscription, and nothing else. */
function expectRefused(frames: Frame[], what: string): void {
  expect(frames.map((f) => f.type), what).toEqual(['error']);
  expect(frames[0].payload, what).toHaveLength(1);
  expect(frames[0].payload[0].extensions?.code, what).toBe('FORBIDDEN');
}

const SUBSCRIPTIONS = {
  attendanceMarked: 'subscription ($after: String) { attendanceMarked(after: $after) { cursor mark { presence } student { id } } }',
  studentOrderChanged: 'subscription ($after: String) { studentOrderChanged(after: $after) { cursor change order { id } } }',
  studentStatusChanged: 'subscription ($after: String) { studentStatusChanged(after: $after) { cursor status student { id } } }',
  serviceRequestStatusChanged: 'subscription ($after: String) { serviceRequestStatusChanged(after: $after) { cursor status request { id } } }',
  clearanceRequired: 'subscription ($after: String) { clearanceRequired(after: $after) { cursor unit student { id } } }',
} as const;
type SubscriptionName = keyof typeof SUBSCRIPTIONS;
const ALL = Object.keys(SUBSCRIPTIONS) as SubscriptionName[];

/** Lesson × student pairs without a mark yet, of one faculty, for plain-SQL marks. */
async function freePairs(facultyKey: number, limit = 20): Promise<{ zan_id: number; stud_id: number; emp_id: number }[]> {
  return t.rows('avn', `
    select z.zan_id, s.stud_id, z.emp_id
      from jurnal_zanyatie z join gruppa g on g.grp_id = z.grp_id join specialnost sp on sp.spec_id = g.spec_id
      join students s on s.grp_id = z.grp_id
     where sp.fak_id = $1 and not exists (select 1 from jurnal_otmetka o where o.zan_id = z.zan_id and o.stud_id = s.stud_id)
     order by z.zan_id desc, s.stud_id limit $2`, [facultyKey, limit]);
}

async function insertMark(pair: { zan_id: number; stud_id: number }): Promise<number> {
  const [row] = await t.rows('avn', `insert into jurnal_otmetka (zan_id, stud_id, prisutstvie, istochnik) values ($1, $2, 'P', 'qr') returning otm_id`, [
    pair.zan_id, pair.stud_id,
  ]);
  return row.otm_id;
}

/** The two faculties with the most journal lessons. */
async function twoFaculties(): Promise<[number, number]> {
  const rows = await t.rows<{ fak_id: number }>('avn', `
    select sp.fak_id from jurnal_zanyatie z join gruppa g on g.grp_id = z.grp_id join specialnost sp on sp.spec_id = g.spec_id
     group by sp.fak_id order by count(*) desc, sp.fak_id limit 2`);
  expect(rows).toHaveLength(2);
  return [rows[0].fak_id, rows[1].fak_id];
}

const lastCursor = async () => (await t.rows('hub', 'select coalesce(max(cursor), 0)::text as c from event_log'))[0].c as string;

describe('9.B7 subscriptions never announce what they hide', () => {
  it('refuses each subscription anonymous callers and unit keys may not use, once, at subscribe time; no frame follows while events happen, live or replayed', async () => {
    const library = await t.as({ role: Role.LIBRARY, apiKey: true });
    const registrar = await t.as({ role: Role.REGISTRAR, apiKey: true });
    // Who may not use what: anonymous callers read only the organisation and curricula; the library
    // reads no attendance, orders or registrar data; the registrar reads neither the library nor
    // the dormitory, whose debts clearanceRequired is about.
    const refused: { who: string; authorization: string | null; subscriptions: SubscriptionName[] }[] = [
      { who: 'anonymous', authorization: null, subscriptions: ALL },
      { who: 'library key', authorization: library.authorization, subscriptions: ['attendanceMarked', 'studentOrderChanged', 'serviceRequestStatusChanged'] },
      { who: 'registrar key', authorization: registrar.authorization, subscriptions: ['clearanceRequired'] },
    ];

    // The administrator sees every event: its subscriber proves the events below happened.
    const admin = await openSocket(t.authorization);
    for (const name of ALL) admin.subscribe(name, SUBSCRIPTIONS[name]);

    const refusedSockets = await Promise.all(refused.map(async (r) => ({ ...r, socket: await openSocket(r.authorization) })));
    for (const r of refusedSockets) {
      for (const name of r.subscriptions) {
        r.socket.subscribe(`${name}/live`, SUBSCRIPTIONS[name]);
        r.socket.subscribe(`${name}/replay`, SUBSCRIPTIONS[name], { after: '0' });
      }
    }
    for (const r of refusedSockets) {
      for (const name of r.subscriptions) {
        for (const mode of ['live', 'replay']) {
          await waitFor(`${r.who}: the answer to ${name}/${mode}`, () => r.socket.of(`${name}/${mode}`).length > 0, 5_000);
          expectRefused(r.socket.of(`${name}/${mode}`), `${r.who} ${name}/${mode}`);
        }
      }
    }
    await admin.listening(...ALL);

    // One event of every kind, written with plain SQL as the sources' own software would.
    const [facultyA] = await twoFaculties();
    const [pair] = await freePairs(facultyA);
    await insertMark(pair);
    const [{ stud_id: statusStudent }] = await t.rows('avn', 'select stud_id from students where status_id = 1 order by stud_id desc limit 1');
    await t.rows('avn', 'update students set status_id = 2 where stud_id = $1', [statusStudent]);
    const [type] = await t.rows('registrar', 'select code from request_types order by code limit 1');
    await t.rows('registrar', `insert into service_requests (request_no, type_code, applicant_name, submitted_at, channel, status)
      values ('B7-REQ-1', $1, 'Hardening Test', now(), 'online', 'submitted')`, [type.code]);
    // An expulsion of a student who holds a library loan: order events, and a clearance event.
    const [debtor] = await t.rows('hub', `
      select s.local_key::int as stud_id from identity_link s join identity_link b on b.person_id = s.person_id and b.source = 'library.borrower'
       where s.source = 'avn.student' and b.local_key = any($1::text[]) order by s.local_key::int limit 1`,
    [(await t.rows('library', 'select distinct borrowernumber::text as b from issues')).map((r) => r.b)]);
    expect(debtor, 'a student with a library loan').toBeDefined();
    const [{ fak_id: debtorFaculty }] = await t.rows('avn', `select sp.fak_id from students s join gruppa g on g.grp_id = s.grp_id
      join specialnost sp on sp.spec_id = g.spec_id where s.stud_id = $1`, [debtor.stud_id]);
    const [{ prikaz_id: prikazId }] = await t.rows('avn', `insert into prikaz (nomer, data, tip_id, fak_id, status)
      values ('B7-1', current_date, (select tip_id from prikaz_tip where kod = 'otchislenie'), $1, 'proekt') returning prikaz_id`, [debtorFaculty]);
    await t.rows('avn', 'insert into prikaz_student (prikaz_id, stud_id) values ($1, $2)', [prikazId, debtor.stud_id]);
    // The draft order with its student is in the log (and published) before it is signed.
    await t.settled();
    await t.rows('avn', `update prikaz set status = 'podpisan' where prikaz_id = $1`, [prikazId]);

    for (const name of ALL) {
      await waitFor(`the administrator's ${name} event`, () => admin.of(name).some((f) => f.type === 'next'), 10_000);
    }
    for (const name of ALL) expect(admin.of(name).every((f) => f.type === 'next' && !f.payload.errors), name).toBe(true);

    // Replayed from the start of the log, which now holds those events: refused just the same.
    for (const r of refusedSockets) for (const name of r.subscriptions) r.socket.subscribe(`${name}/replay-again`, SUBSCRIPTIONS[name], { after: '0' });
    for (const r of refusedSockets) {
      for (const name of r.subscriptions) await waitFor(`${r.who}: the answer to ${name}/replay-again`, () => r.socket.of(`${name}/replay-again`).length > 0, 5_000);
    }
    await t.settled();
    for (const r of refusedSockets) {
      for (const name of r.subscriptions) {
        for (const mode of ['live', 'replay', 'replay-again']) expectRefused(r.socket.of(`${name}/${mode}`), `${r.who} ${name}/${mode} after the events`);
      }
      // Nothing else arrived on the socket at all.
      expect(r.socket.frames.filter((f) => f.type !== 'error'), r.who).toEqual([]);
    }
    for (const s of [admin, ...refusedSockets.map((r) => r.socket)]) s.close();
  });

  it('is refused by the guard itself, whatever the transport; an executed event carrying a refusal is never sent, other errors are', async () => {
    // A small schema with a required AttendanceEvent subscription, run through graphql-js.
    const pulled = { count: 0 };
    const Event = new GraphQLObjectType({
      name: 'AttendanceEvent',
      fields: {
        cursor: { type: new GraphQLNonNull(GraphQLID) },
        // Event 2 meets a refusal deeper down, event 3 a source that is down.
        detail: {
          type: GraphQLString,
          resolve: (e: { cursor: string }) => {
            if (e.cursor === '2') throw new HubError(ErrorCode.FORBIDDEN, 'not for you');
            if (e.cursor === '3') throw sourceUnavailable('avn');
            return 'ok';
          },
        },
      },
    });
    const schema = guardSchema(new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLBoolean } } }),
      subscription: new GraphQLObjectType({
        name: 'Subscription',
        fields: {
          attendanceMarked: {
            type: new GraphQLNonNull(Event),
            subscribe: async function* () {
              for (const cursor of ['1', '2', '3']) {
                pulled.count++;
                yield { __typename: 'AttendanceEvent', cursor, groupKey: 1, teacherKey: 1, studentKey: 1 };
              }
            },
            resolve: (event: unknown) => event,
          },
        },
      }),
    }), { policies: ACCESS_POLICIES });
    // AVN is down here: a row rule that must read it cannot decide.
    const avnDown = { avn: { query: async () => { throw sourceUnavailable('avn'); } } };
    const contextFor = (viewer: Viewer) => {
      const loaders = new Map<string, unknown>();
      return {
        viewer, requestId: 'test', runtime: { config: { identityPinKey: 'k' } }, db: avnDown,
        loader: (key: string, create: () => unknown) => (loaders.has(key) ? loaders.get(key) : (loaders.set(key, create()), loaders.get(key))),
      } as unknown as HubContext;
    };
    const run = async (viewer: Viewer): Promise<ExecutionResult[]> => {
      const result = await subscribeGuarded({ schema, document: parse('subscription { attendanceMarked { cursor detail } }'), contextValue: contextFor(viewer) });
      if (!(Symbol.asyncIterator in result)) return [result];
      const received: ExecutionResult[] = [];
      for await (const r of result) received.push(JSON.parse(JSON.stringify(r)));
      return received;
    };

    const refused = await run(ANONYMOUS);
    expect(refused).toHaveLength(1);
    expect(refused[0].errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(pulled.count, 'refused before the source was asked for anything').toBe(0);

    const analyst: Viewer = { kind: 'apiKey', id: '1', label: 'analyst', role: Role.ANALYST, purpose: 'tests', scope: scopeFor(Role.ANALYST) };
    const received = await run(analyst);
    expect(received.map((r) => (r.data as any)?.attendanceMarked?.cursor)).toEqual(['1', '3']);
    expect(received[0].errors).toBeUndefined();
    expect(received[1].errors?.map((e) => e.extensions?.code)).toEqual(['SOURCE_UNAVAILABLE']);

    // A dean's rule reads its faculty's groups from AVN, which is down: the event is not sent (not
    // even as an error); the subscription ends with the error, to be resumed with `after`.
    const dean: Viewer = { kind: 'account', id: '2', label: 'dean', role: Role.DEAN, purpose: null, scope: scopeFor(Role.DEAN, { facultyKey: 1 }) };
    const stream = await subscribeGuarded({ schema, document: parse('subscription { attendanceMarked { cursor } }'), contextValue: contextFor(dean) });
    expect(Symbol.asyncIterator in stream).toBe(true);
    await expect((stream as AsyncIterableIterator<ExecutionResult>).next()).rejects.toMatchObject({ extensions: { code: 'SOURCE_UNAVAILABLE' } });
  });

  it('a dean of another faculty receives no frame at all while other faculties\' marks are written, then exactly its own faculty\'s mark', async () => {
    const [facultyA, facultyB] = await twoFaculties();
    const dean = await t.as({ role: Role.DEAN, facultyKey: facultyB });
    const before = await lastCursor();
    const control = await openSocket(t.authorization);
    control.subscribe('a', 'subscription ($where: AttendanceEventWhere) { attendanceMarked(where: $where) { cursor } }', { where: { facultyId: toGlobalId('Faculty', facultyA) } });
    const deanSocket = await openSocket(dean.authorization);
    deanSocket.subscribe('live', 'subscription { attendanceMarked { cursor student { id } } }');
    await control.listening('a');
    await deanSocket.listening('live');

    const others = (await freePairs(facultyA, 3));
    for (const pair of others) await insertMark(pair);
    await waitFor('the other faculty\'s marks (administrator)', () => control.of('a').length >= 3);
    await t.settled();
    expect(deanSocket.frames).toEqual([]);

    const [own] = await freePairs(facultyB, 1);
    await insertMark(own);
    await waitFor('the dean\'s own faculty mark', () => deanSocket.of('live').length >= 1);
    await t.settled();
    expect(deanSocket.of('live')).toEqual([{ id: 'live', type: 'next', payload: { data: { attendanceMarked: { cursor: expect.any(String), student: { id: toGlobalId('Student', own.stud_id) } } } } }]);

    // Replayed from before all four marks: only its own, in one frame.
    deanSocket.subscribe('replay', 'subscription ($after: String) { attendanceMarked(after: $after) { cursor student { id } } }', { after: before });
    await waitFor('the replayed own mark', () => deanSocket.of('replay').length >= 1);
    await t.settled();
    expect(deanSocket.of('replay').map((f) => f.payload)).toEqual([{ data: { attendanceMarked: { cursor: expect.any(String), student: { id: toGlobalId('Student', own.stud_id) } } } }]);
    control.close();
    deanSocket.close();
  });

  it('refuses at subscribe time a selection of a required relation the access never reads; personal fields of visible events stay ordinary field errors', async () => {
    const [, facultyB] = await twoFaculties();
    // A dean's key narrowed to attendance: a lesson's group (organisation) is outside it.
    const narrow = await t.as({ role: Role.DEAN, apiKey: true, facultyKey: facultyB, read: [Domain.ATTENDANCE] });
    const socket = await openSocket(narrow.authorization);
    socket.subscribe('group', 'subscription { attendanceMarked { cursor lesson { id group { id } } } }');
    socket.subscribe('lesson', 'subscription { attendanceMarked { cursor lesson { id } } }');
    // A teacher reads no personal fields: the phone of a student in its own lesson's mark.
    const [pair] = await freePairs(facultyB, 1);
    const teacher = await t.as({ role: Role.TEACHER, employeeKey: pair.emp_id });
    const teacherSocket = await openSocket(teacher.authorization);
    teacherSocket.subscribe('phone', 'subscription { attendanceMarked { cursor student { id phone } } }');
    await waitFor('the refusal', () => socket.of('group').length > 0, 5_000);
    await socket.listening('lesson');
    await teacherSocket.listening('phone');

    await insertMark(pair);
    await waitFor('the narrow key\'s event', () => socket.of('lesson').length >= 1);
    await waitFor('the teacher\'s event', () => teacherSocket.of('phone').length >= 1);
    await t.settled();
    expectRefused(socket.of('group'), 'a required relation outside the key\'s domains');
    expect(socket.of('lesson')).toEqual([{ id: 'lesson', type: 'next', payload: { data: { attendanceMarked: { cursor: expect.any(String), lesson: { id: toGlobalId('Lesson', pair.zan_id) } } } } }]);
    const [frame] = teacherSocket.of('phone');
    expect(teacherSocket.of('phone')).toHaveLength(1);
    expect(frame.payload.data.attendanceMarked.student).toEqual({ id: toGlobalId('Student', pair.stud_id), phone: null });
    expect(frame.payload.errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN_FIELD']);
    socket.close();
    teacherSocket.close();
  });
});

describe('9.B10 anonymous callers see the organisation tree and curricula, never the staff', () => {
  it('lists no employee and resolves no employee id', async () => {
    const [{ n, emp_id }] = await t.rows('avn', 'select count(*)::int as n, min(emp_id) as emp_id from sotrudnik');
    expect(n).toBeGreaterThan(0);
    const anonymous = await t.anonymous.data(`query($id: ID!) {
      employees(first: 5) { totalCount nodes { id personnelNumber } }
      teaching: employees(first: 5, where: { isTeachingStaff: true }) { totalCount }
      node(id: $id) { id }
      nodes(ids: [$id]) { id }
    }`, { id: toGlobalId('Employee', emp_id) });
    expect(anonymous).toEqual({ employees: { totalCount: 0, nodes: [] }, teaching: { totalCount: 0 }, node: null, nodes: [null] });
    // The same question from an administrator: the directory is there.
    const admin = await t.data('{ employees(first: 1) { totalCount } }');
    expect(admin.employees.totalCount).toBe(n);
  });

  it('answers the organisation tree and curricula without deans, heads, curators or teachers', async () => {
    const faculties = await t.rows('avn', 'select fak_id, dekan_emp_id from fakultet order by fak_id');
    const chairs = await t.rows('avn', 'select kaf_id, zav_emp_id from kafedra order by kaf_id');
    const [{ groups }] = await t.rows('avn', 'select count(*)::int as groups from gruppa');
    const [{ curated }] = await t.rows('avn', 'select count(*)::int as curated from gruppa where kurator_emp_id is not null');
    const [{ programmes }] = await t.rows('avn', 'select count(*)::int as programmes from specialnost');
    expect(faculties.some((f) => f.dekan_emp_id != null) && chairs.some((c) => c.zav_emp_id != null) && curated > 0, 'the demo names deans, heads and curators').toBe(true);

    // Three requests: anonymous callers have a smaller cost budget than one request for the whole tree.
    const parts = [
      '{ faculties { id dean { id personnelNumber } chairs { id head { id personnelNumber } teachers { id } } } }',
      '{ groups(first: 100) { totalCount nodes { id name curator { id } teachingLoad { items { hours teacher { id } } } } } }',
      '{ programmes(first: 20) { totalCount nodes { id curricula { id items(semester: 1) { discipline { name } } } } } }',
    ];
    const data: any = {};
    for (const part of parts) {
      const anonymous = await t.anonymous.execute(part);
      expect(anonymous.errors).toBeUndefined();
      Object.assign(data, anonymous.data);
    }
    expect(data.faculties.map((f: any) => f.id).sort()).toEqual(faculties.map((f) => toGlobalId('Faculty', f.fak_id)).sort());
    expect(data.faculties.every((f: any) => f.dean === null)).toBe(true);
    const anonymousChairs = data.faculties.flatMap((f: any) => f.chairs);
    expect(anonymousChairs).toHaveLength(chairs.length);
    expect(anonymousChairs.every((c: any) => c.head === null && c.teachers.length === 0)).toBe(true);
    expect(data.groups.totalCount).toBe(groups);
    expect(data.groups.nodes.every((g: any) => g.curator === null)).toBe(true);
    const loadItems = data.groups.nodes.flatMap((g: any) => g.teachingLoad.items);
    expect(loadItems.length, 'some group has a teaching load').toBeGreaterThan(0);
    expect(loadItems.every((i: any) => i.teacher === null && i.hours > 0)).toBe(true);
    expect(data.programmes.totalCount).toBe(programmes);
    expect(data.programmes.nodes.some((p: any) => p.curricula.some((c: any) => c.items.length > 0))).toBe(true);
    expect(JSON.stringify(data)).not.toMatch(/personnelNumber":"/);

    // An administrator asking the same sees the people.
    const admin = await t.data(`{ ${parts.map((part) => part.slice(1, -1)).join(' ')} }`);
    expect(admin.faculties.some((f: any) => f.dean !== null)).toBe(true);
    expect(admin.groups.nodes.some((g: any) => g.curator !== null)).toBe(true);
  });

  it('a dean still lists exactly its own faculty\'s people', async () => {
    const [facultyA] = await twoFaculties();
    const expected = await t.rows('avn', `
      select distinct sd.emp_id from sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id left join kafedra k on k.kaf_id = sh.kaf_id
       where coalesce(sh.fak_id, k.fak_id) = $1 and sd.data_nach <= $2::date and (sd.data_kon is null or sd.data_kon >= $2::date)
      union select dekan_emp_id from fakultet where fak_id = $1 and dekan_emp_id is not null`, [facultyA, t.hub.runtime.businessClock.today()]);
    expect(expected.length).toBeGreaterThan(0);
    const dean = await t.as({ role: Role.DEAN, facultyKey: facultyA });
    const data = await dean.data('{ employees(first: 100) { totalCount nodes { id personnelNumber } } }');
    expect(data.employees.totalCount).toBe(expected.length);
    expect(data.employees.nodes.map((e: any) => e.id).sort()).toEqual(expected.map((e) => toGlobalId('Employee', e.emp_id)).sort());
    expect(data.employees.nodes.every((e: any) => typeof e.personnelNumber === 'string')).toBe(true);
  });
});

describe('9.D14 a teacher cannot submit a grade sheet while every window of its term is closed', () => {
  const SUBMIT = 'mutation($id: ID!) { submitGradeSheet(id: $id) { id status closedOn } }';
  const HOUR = 3600_000;

  /** Open sheets of one faculty, academic year and term, with their teacher. */
  async function openSheets(): Promise<{ ved_id: number; emp_id: number; uch_god: string; fak_id: number; term: 'AUTUMN' | 'SPRING' }[]> {
    const [first] = await t.rows('avn', `
      select v.uch_god, sp.fak_id, v.semestr % 2 as odd from vedomost v join gruppa g on g.grp_id = v.grp_id join specialnost sp on sp.spec_id = g.spec_id
       where v.status = 'otkryta' group by v.uch_god, sp.fak_id, v.semestr % 2 having count(*) >= 2 order by v.uch_god desc, sp.fak_id limit 1`);
    expect(first, 'two open sheets of one faculty and term').toBeDefined();
    const rows = await t.rows('avn', `
      select v.ved_id, v.emp_id, v.uch_god, sp.fak_id from vedomost v join gruppa g on g.grp_id = v.grp_id join specialnost sp on sp.spec_id = g.spec_id
       where v.status = 'otkryta' and v.uch_god = $1 and sp.fak_id = $2 and v.semestr % 2 = $3 order by v.ved_id limit 2`, [first.uch_god, first.fak_id, first.odd]);
    return rows.map((r) => ({ ...r, term: first.odd === 1 ? 'AUTUMN' : 'SPRING' }));
  }

  /** Every window that governs these sheets (the faculty's and those for all faculties). */
  async function windowsOf(sheet: { uch_god: string; fak_id: number; term: string }) {
    const data = await t.data(`query($f: ID!, $y: String!, $term: AcademicTerm!) {
      gradeWindows(first: 100, where: { facultyId: $f, academicYear: $y, term: $term }) { nodes { id control } } }`,
    { f: toGlobalId('Faculty', sheet.fak_id), y: sheet.uch_god, term: sheet.term });
    return data.gradeWindows.nodes as { id: string; control: string }[];
  }

  async function moveWindow(id: string, opensAt: Date, closesAt: Date) {
    await t.data('mutation($input: UpdateGradeWindowInput!) { updateGradeWindow(input: $input) { id } }', {
      input: { id, opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() },
    });
  }

  const sheetRow = async (vedId: number) => (await t.rows('avn', 'select status, data_zakr::text as data_zakr from vedomost where ved_id = $1', [vedId]))[0];

  it('refuses with GRADE_WINDOW_CLOSED and when the next window opens; nothing changes; an open window of any control allows it; administrators are not bound', async () => {
    const [sheet, adminSheet] = await openSheets();
    const windows = await windowsOf(sheet);
    expect(windows.length, 'the demo schedules windows for the term').toBeGreaterThan(0);
    // Every window of the term closed: the finals' opens in two days, the others closed yesterday
    // (days of the business clock, against which windows are judged: src/common/business-time.ts).
    const businessNow = t.hub.runtime.businessClock.now().instant;
    const now = +businessNow;
    for (const w of windows) {
      if (w.control === 'FINAL') await moveWindow(w.id, new Date(now + 48 * HOUR), new Date(now + 240 * HOUR));
      else await moveWindow(w.id, new Date(now - 240 * HOUR), new Date(now - 24 * HOUR));
    }
    const [expected] = await t.rows('hub', `
      select min(opens_at) filter (where opens_at > $4) as opens_at, max(closes_at) filter (where closes_at <= $4) as closed_at,
             bool_or(opens_at <= $4 and $4 < closes_at) as any_open
        from grade_window where (faculty_key is null or faculty_key = $1) and academic_year = $2 and term = $3`,
    [sheet.fak_id, sheet.uch_god, sheet.term.toLowerCase(), businessNow]);
    expect(expected.any_open).toBe(false);

    const teacher = await t.as({ role: Role.TEACHER, employeeKey: sheet.emp_id });
    const before = await sheetRow(sheet.ved_id);
    const refused = await teacher.execute(SUBMIT, { id: toGlobalId('GradeSheet', sheet.ved_id) });
    expect(refused.data?.submitGradeSheet ?? null).toBeNull();
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0].extensions).toMatchObject({
      code: 'GRADE_WINDOW_CLOSED',
      gradeSheetId: toGlobalId('GradeSheet', sheet.ved_id),
      opensAt: new Date(expected.opens_at).toISOString(),
      closedAt: new Date(expected.closed_at).toISOString(),
    });
    expect(await sheetRow(sheet.ved_id)).toEqual(before);
    expect(before.status).toBe('otkryta');
    expect(await t.rows('hub', "select 1 from audit_log where operation = 'submitGradeSheet' and objects::text like $1", [`%${toGlobalId('GradeSheet', sheet.ved_id)}%`])).toEqual([]);

    // An administrator is not bound by windows (it closes sheets late on the dean's word).
    const byAdmin = await t.execute(SUBMIT, { id: toGlobalId('GradeSheet', adminSheet.ved_id) });
    expect(byAdmin.errors).toBeUndefined();
    expect((await sheetRow(adminSheet.ved_id)).status).toBe('sdana');

    // Any one window of the term open (here module 1's) lets the teacher submit.
    const module1 = windows.find((w) => w.control === 'MODULE_1') ?? windows.find((w) => w.control !== 'FINAL')!;
    await moveWindow(module1.id, new Date(now - HOUR), new Date(now + HOUR));
    const submitted = await teacher.execute(SUBMIT, { id: toGlobalId('GradeSheet', sheet.ved_id) });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitGradeSheet.status).toBe('SUBMITTED');
    expect((await sheetRow(sheet.ved_id)).status).toBe('sdana');
  });
});
