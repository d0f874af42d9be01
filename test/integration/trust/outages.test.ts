/**
 * Issue 10, item 2: an outage of one database costs that database's fields, never the whole answer.
 *
 * Every database of the hub is reached through a relay of its own (helpers/database-relay.ts) that
 * the test cuts: connections refused and the open ones dropped, as when a server goes away. For
 * each source in turn (and the hub's own database), while it is cut: one query with a root field
 * from every database and a sweep of every field the schema reaches without arguments
 * (helpers/schema-sweep.ts), each compared with its answer with everything up; `/readyz`; the
 * mutations that write it. Then the database comes back and both answer in full, without a
 * restart; the mutations refused during the outage changed nothing. Last, subscriptions through
 * outages of the registrar, the library, the hub and AVN.
 */
import { isNonNullType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_NAMES, SOURCE_NAMES, type DatabaseName } from '../../../src/config';
import { toGlobalId } from '../../../src/domain/global-id';
import { buildHubSchema } from '../../../src/modules/schema';
import { startDatabaseRelay, type DatabaseRelay } from '../../helpers/database-relay';
import { startTestHub, type GraphQLResponse, type TestHub } from '../../helpers/test-hub';
import { closeAll, sleep, subscribe, waitFor } from '../../helpers/subscriber';
import { schemaSweep } from '../../helpers/schema-sweep';

let t: TestHub;
const relays = {} as Record<DatabaseName, DatabaseRelay>;

beforeAll(async () => {
  t = await startTestHub({
    // The schema sweep (below) is one query over every field: far above the limits made for clients.
    env: { MAX_TOKENS: '50000', MAX_ROOT_FIELDS: '200', MAX_QUERY_COST: '100000000', MAX_STATEMENTS: '100000', SOURCE_QUEUE_PER_CALLER: '10000' },
    configure: async (config) => {
      const databases = { ...config.databases };
      for (const name of DATABASE_NAMES) {
        relays[name] = await startDatabaseRelay(config.databases[name].url!);
        databases[name] = { ...config.databases[name], url: relays[name].url };
      }
      return { ...config, databases };
    },
  });
});

afterAll(async () => {
  await closeAll();
  for (const relay of Object.values(relays)) await relay.restore();
  await t?.close();
  for (const relay of Object.values(relays)) await relay.close();
});

/**
 * Root fields from every database — the organisation tree, lists, single objects, `node` — and
 * on the study card and the debtors the nested fields that reach into another database.
 */
const QUERY = `query Outage($studentNumber: String!, $qrSession: ID!) {
  faculties { id name chairs { id name } }
  groups(first: 3) { totalCount nodes { id name } }
  students(first: 3) { totalCount nodes { id studentNumber fullName person { id } } }
  card: student(studentNumber: $studentNumber) {
    id studentNumber fullName gpa
    qrScans(last: 3) { scannedAt result }
    libraryDebt
    loans(first: 3) { totalCount nodes { id dueAt } }
    dormitoryPlacement { id status }
    serviceRequests(first: 3) { totalCount nodes { id number } }
    person { id records { source localKey } }
  }
  qrSession: node(id: $qrSession) { id ... on QrSession { openedAt groupName scans { studentNumber result } } }
  libraryDebtors(first: 3) { totalCount nodes { debt overdueLoanCount reader { id } student { id studentNumber } } }
  freeBeds(first: 3) { totalCount nodes { id label } }
  placements(first: 3) { totalCount nodes { id status } }
  serviceRequests(first: 3) { totalCount nodes { id number status } }
  people(first: 3) { totalCount nodes { id fullName } }
  gradeWindows(first: 3) { totalCount nodes { id academicYear control opensAt closesAt } }
  viewer { kind role }
}`;

/** The root fields of QUERY that read each database. */
const ROOTS: Record<DatabaseName, string[]> = {
  avn: ['faculties', 'groups', 'students', 'card'],
  qrvisit: ['qrSession'],
  library: ['libraryDebtors'],
  dormitory: ['freeBeds', 'placements'],
  registrar: ['serviceRequests'],
  hub: ['people', 'gradeWindows'],
};

/**
 * What an outage of each database costs QUERY beyond its root fields: the nested fields that read
 * it under a parent from another database (`*` for every list item). Each is nullable, so the
 * null stays on that field and its parent stands.
 */
const NESTED: Record<DatabaseName, string[]> = {
  avn: ['libraryDebtors.nodes.*.student', 'people.nodes.*.fullName'],
  qrvisit: ['card.qrScans'],
  library: ['card.libraryDebt', 'card.loans'],
  dormitory: ['card.dormitoryPlacement'],
  registrar: ['card.serviceRequests'],
  // The identity registry links a student to its library and dormitory records.
  hub: ['students.nodes.*.person', 'card.person', 'card.libraryDebt', 'card.loans', 'card.dormitoryPlacement', 'libraryDebtors.nodes.*.student'],
};

/** Root query fields answered without any database; every other root query field is nullable. */
const ANSWERED_FROM_MEMORY: Record<string, string> = {
  viewer: 'the caller as its credentials say, checked in memory',
  businessTime: "the institution's date and time (configuration and the clock)",
};

let variables: { studentNumber: string; qrSession: string };
let baseline: GraphQLResponse;
/** Every field reachable without arguments (helpers/schema-sweep.ts), and its answer with everything up. */
let sweep: { query: string; roots: string[] };
let sweepBaseline: GraphQLResponse;
/** The swept root fields each database's outage nulled. */
const sweptRootsDown = new Map<DatabaseName, string[]>();

const readyz = async () => {
  const response = await fetch(t.url.replace(/\/graphql$/, '/readyz'));
  return { status: response.status, body: (await response.json()) as { status: string; databases: Record<string, { state: string }> } };
};

/** `data` with the value at each error's path replaced by null (the answer an outage should give). */
function withNullsAt(data: unknown, paths: (string | number)[][]): unknown {
  const copy = structuredClone(data) as Record<string | number, any>;
  for (const path of paths) {
    let parent = copy;
    for (const key of path.slice(0, -1)) parent = parent[key];
    parent[path.at(-1)!] = null;
  }
  return copy;
}

/** An error path with list indices as `*` (students.nodes.0.person → students.nodes.*.person). */
const pattern = (path: readonly (string | number)[]) => path.map((key) => (typeof key === 'number' ? '*' : key)).join('.');

/** A mutation that writes one database, and the SQL showing afterwards that it changed nothing there. */
interface Write {
  name: string;
  query: string;
  variables?: () => Record<string, unknown>;
  /** The state the mutation would change, read with SQL (directly, not through the relay). */
  state: () => Promise<unknown>;
}

let sheet: { id: string; key: number };
let openSession: { id: string; key: number };

/** The mutations of each database (library, dormitory and registrar take none). */
const WRITES: Partial<Record<DatabaseName, Write[]>> = {
  avn: [{
    name: 'reopenGradeSheet',
    // The hub's mutation after it would succeed alone: a mutation that failed stops the operation.
    query: `mutation($id: ID!) { reopenGradeSheet(id: $id, reason: "during an outage") { id status }
      createGradeWindow(input: { academicYear: "2026-2027", term: AUTUMN, control: FINAL,
        opensAt: "2026-12-01T00:00:00Z", closesAt: "2026-12-10T00:00:00Z" }) { id } }`,
    variables: () => ({ id: sheet.id }),
    state: async () => [
      await t.rows('avn', 'select status, data_zakr from vedomost where ved_id = $1', [sheet.key]),
      await t.rows('hub', 'select count(*)::int as n from grade_window'),
    ],
  }],
  qrvisit: [{
    name: 'closeLessonSession',
    query: 'mutation($id: ID!) { closeLessonSession(sessionId: $id) { id closedAt } }',
    variables: () => ({ id: openSession.id }),
    state: () => t.rows('qrvisit', 'select closed_at from lesson_session where id = $1', [openSession.key]),
  }],
  hub: [
    {
      name: 'createGradeWindow',
      query: `mutation { createGradeWindow(input: { academicYear: "2026-2027", term: AUTUMN, control: FINAL,
        opensAt: "2026-12-01T00:00:00Z", closesAt: "2026-12-10T00:00:00Z" }) { id } }`,
      state: () => t.rows('hub', 'select count(*)::int as n from grade_window'),
    },
    {
      name: 'registerAccount',
      query: 'mutation { registerAccount(input: { login: "during-an-outage", password: "outage-password-1", role: ANALYST }) { id } }',
      state: () => t.rows('hub', "select count(*)::int as n from account where login = 'during-an-outage'"),
    },
    {
      name: 'login',
      query: 'mutation { login(login: "nobody-during-an-outage", password: "not-a-password") { accessToken } }',
      state: () => t.rows('hub', 'select count(*)::int as n from refresh_token'),
    },
  ],
};

describe('10.2 A source outage costs only its own fields', () => {
  it('makes every root query field that reads a database nullable', async () => {
    const schema = await buildHubSchema();
    const fields = Object.values(schema.getQueryType()!.getFields());
    const nonNull = fields.filter((field) => isNonNullType(field.type)).map((field) => field.name);
    expect(nonNull.sort()).toEqual(Object.keys(ANSWERED_FROM_MEMORY).sort());
  });

  it('answers the query in full with everything up, as SQL counts', async () => {
    const [session] = await t.rows<{ id: number }>('qrvisit', 'select session_id as id from scan order by id limit 1');
    const [student] = await t.rows<{ zachetka: string }>('avn', 'select zachetka from students order by stud_id limit 1');
    const [submitted] = await t.rows<{ ved_id: number }>('avn', "select ved_id from vedomost where status = 'sdana' order by ved_id limit 1");
    expect(session && student && submitted, 'a QR session with scans, a student and a submitted grade sheet').toBeTruthy();
    // A session still open, for the mutation that would close it (the demo's are all closed).
    const [open] = await t.rows<{ id: number }>('qrvisit', `insert into lesson_session (avn_lesson_id, teacher_tabel, group_name, opened_at, secret, rotate_seconds)
      select avn_lesson_id, teacher_tabel, group_name, now(), 'a secret of the outage test', rotate_seconds from lesson_session where id = $1 returning id`, [session.id]);
    openSession = { id: toGlobalId('QrSession', open.id), key: open.id };
    sheet = { id: toGlobalId('GradeSheet', submitted.ved_id), key: submitted.ved_id };
    variables = { studentNumber: student.zachetka, qrSession: toGlobalId('QrSession', session.id) };

    baseline = await t.execute(QUERY, variables);
    expect(baseline.errors).toBeUndefined();
    const data = baseline.data;
    const count = async (database: DatabaseName, sql: string) => (await t.rows<{ n: number }>(database, `select count(*)::int as n from ${sql}`))[0].n;
    expect(data.faculties).toHaveLength(await count('avn', 'fakultet'));
    expect(data.groups.totalCount).toBe(await count('avn', 'gruppa'));
    expect(data.students.totalCount).toBe(await count('avn', 'students'));
    expect(data.card.studentNumber).toBe(student.zachetka);
    expect(data.qrSession.id).toBe(variables.qrSession);
    expect(data.qrSession.scans.length).toBe(await count('qrvisit', `scan where session_id = ${session.id}`));
    expect(data.freeBeds.totalCount).toBe(await count('dormitory', `beds b where not b.is_blocked
      and not exists (select 1 from placements p where p.bed_id = b.bed_id and p.status = 'active')`));
    expect(data.placements.totalCount).toBe(await count('dormitory', 'placements'));
    expect(data.serviceRequests.totalCount).toBe(await count('registrar', 'service_requests'));
    expect(data.people.totalCount).toBe(await count('hub', 'person'));
    expect(data.gradeWindows.totalCount).toBe(await count('hub', 'grade_window'));
    expect(data.libraryDebtors.totalCount).toBeGreaterThan(0);
    expect((await readyz()).body.status).toBe('ready');

    // The audit log grows with every request that reads personal data: not comparable over time.
    // businessTime reads no database, and its `now` moves between two answers.
    sweep = schemaSweep(await buildHubSchema(), ['auditLog', 'businessTime']);
    sweepBaseline = await t.execute(sweep.query);
    expect(sweepBaseline.errors).toBeUndefined();
    expect(sweep.roots.length).toBeGreaterThan(25);
  });

  for (const database of [...SOURCE_NAMES, 'hub'] as DatabaseName[]) {
    it(`with ${database} down: nulls its fields with SOURCE_UNAVAILABLE, keeps the rest, refuses its mutations; back in full when it returns`, async () => {
      const writes = WRITES[database] ?? [];
      const before = await Promise.all(writes.map((w) => w.state()));
      await relays[database].cut();
      try {
        const result = await t.execute(QUERY, variables);
        expect(result.data, 'the answer stands').not.toBeNull();
        const errors = result.errors ?? [];
        for (const error of errors) {
          expect(error.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: database });
          expect(error.message).toContain(database);
        }
        expect(new Set(errors.map((e) => pattern(e.path!)))).toEqual(new Set([...ROOTS[database], ...NESTED[database]]));
        for (const root of ROOTS[database]) expect(result.data[root], root).toBeNull();
        // Each null stays where its error is: the parent of every failed field is there.
        for (const error of errors) {
          const parent = error.path!.slice(0, -1).reduce((value: any, key) => value?.[key], result.data);
          expect(parent, `parent of ${error.path!.join('.')}`).toBeTypeOf('object');
          expect(parent).not.toBeNull();
        }
        // Everything else is what it was with everything up.
        expect(result.data).toEqual(withNullsAt(baseline.data, errors.map((e) => e.path!)));

        // Every field the schema lets a client reach without arguments, two levels down: the fields
        // that read this database are null with its error — root fields, or nested ones under a
        // parent from another database, which are therefore nullable — and the rest is unchanged.
        const swept = await t.execute(sweep.query);
        expect(swept.data).not.toBeNull();
        expect(swept.errors?.length, 'some field reads it').toBeGreaterThan(0);
        for (const error of swept.errors!) {
          expect(error.extensions, error.path!.join('.')).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: database });
          const parent = error.path!.slice(0, -1).reduce((value: any, key) => value?.[key], swept.data);
          expect(parent, `parent of ${error.path!.join('.')}`).toBeTypeOf('object');
          expect(parent, `parent of ${error.path!.join('.')}`).not.toBeNull();
        }
        expect(swept.data).toEqual(withNullsAt(sweepBaseline.data, swept.errors!.map((e) => e.path!)));
        sweptRootsDown.set(database, swept.errors!.filter((e) => e.path!.length === 1).map((e) => String(e.path![0])));

        const ready = await readyz();
        expect(ready.status).toBe(database === 'hub' ? 503 : 200);
        expect(ready.body.status).toBe(database === 'hub' ? 'unavailable' : 'degraded');
        for (const name of DATABASE_NAMES) expect(ready.body.databases[name].state, name).toBe(name === database ? 'down' : 'up');

        for (const write of writes) {
          const refused = await t.execute(write.query, write.variables?.());
          expect(refused.errors, write.name).toHaveLength(1);
          expect(refused.errors![0].extensions, write.name).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: database });
          expect(refused.data?.[write.name] ?? null).toBeNull();
        }
      } finally {
        await relays[database].restore();
      }

      const again = await t.execute(QUERY, variables);
      expect(again.errors).toBeUndefined();
      expect(again.data).toEqual(baseline.data);
      const sweptAgain = await t.execute(sweep.query);
      expect(sweptAgain.errors).toBeUndefined();
      expect(sweptAgain.data).toEqual(sweepBaseline.data);
      expect((await readyz()).body.status).toBe('ready');
      expect(await Promise.all(writes.map((w) => w.state())), 'the refused mutations changed nothing').toEqual(before);
    });
  }

  it('has every swept root field but those answered from memory read exactly one database', () => {
    const readers = new Map<string, DatabaseName[]>();
    for (const [database, roots] of sweptRootsDown) for (const root of roots) readers.set(root, [...(readers.get(root) ?? []), database]);
    expect(sweptRootsDown.size).toBe(DATABASE_NAMES.length);
    for (const root of sweep.roots) {
      expect(readers.get(root)?.length ?? 0, root).toBe(root in ANSWERED_FROM_MEMORY ? 0 : 1);
    }
  });

  it('answers the fields that need no database with every database down', async () => {
    await Promise.all(DATABASE_NAMES.map((name) => relays[name].cut()));
    try {
      const result = await t.execute(`{ ${Object.keys(ANSWERED_FROM_MEMORY).map((f) => `${f} { __typename }`).join(' ')} faculties { id } }`);
      for (const field of Object.keys(ANSWERED_FROM_MEMORY)) expect(result.data[field], field).not.toBeNull();
      expect(result.data.faculties).toBeNull();
      expect(result.errors!.map((e) => e.extensions)).toEqual([{ code: 'SOURCE_UNAVAILABLE', source: 'avn' }]);
    } finally {
      await Promise.all(DATABASE_NAMES.map((name) => relays[name].restore()));
    }
  });

  it('keeps subscriptions open: a down source\'s events arrive once it is back; one that needs it ends with SOURCE_UNAVAILABLE and `after` replays it', async () => {
    const auth = t.authorization!;
    const requests = await subscribe(t.url, auth, 'subscription { serviceRequestStatusChanged { cursor status request { id student { id } } } }');
    const orders = await subscribe(t.url, auth, 'subscription { studentOrderChanged { cursor change order { id } } }');
    const CLEARANCE = 'subscription($after: String) { clearanceRequired(after: $after) { cursor unit student { id } } }';
    const clearance = await subscribe(t.url, auth, CLEARANCE);

    // A student with a copy on loan now (through the identity registry), to be expelled.
    const out = await t.rows<{ borrowernumber: number }>('library', 'select distinct borrowernumber from issues');
    const [debtor] = await t.rows<{ stud_key: string }>('hub', `select s.local_key as stud_key from identity_link s
      join identity_link b on b.person_id = s.person_id and b.source = 'library.borrower'
      where s.source = 'avn.student' and b.local_key = any($1::text[]) order by s.local_key::int limit 1`, [out.map((o) => String(o.borrowernumber))]);
    const studKey = Number(debtor.stud_key);
    // Requests of AVN students (the event's `request.student` reads AVN).
    const numbers = (await t.rows<{ zachetka: string }>('avn', 'select zachetka from students')).map((r) => r.zachetka);
    const open = await t.rows<{ request_id: number; student: string }>('registrar', `select request_id, applicant_student_no as student from service_requests
      where status <> 'rejected' and applicant_student_no = any($1::text[]) order by request_id limit 3`, [numbers]);
    expect(open).toHaveLength(3);
    const studentOf = async (request: { student: string }) =>
      toGlobalId('Student', (await t.rows<{ stud_id: number }>('avn', 'select stud_id from students where zachetka = $1', [request.student]))[0].stud_id);

    // The registrar down: its change waits in the registrar; AVN's goes on.
    await relays.registrar.cut();
    await t.rows('registrar', "update service_requests set status = 'rejected' where request_id = $1", [open[0].request_id]);
    const [{ prikaz_id: orderKey }] = await t.rows<{ prikaz_id: number }>('avn', `insert into prikaz (nomer, data, tip_id, fak_id, status)
      select 'OUTAGE-1', current_date, (select tip_id from prikaz_tip where kod = 'otchislenie'), sp.fak_id, 'proekt'
        from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id where s.stud_id = $1
      returning prikaz_id`, [studKey]);
    await t.rows('avn', 'insert into prikaz_student (prikaz_id, stud_id) values ($1, $2)', [orderKey, studKey]);
    await waitFor('the AVN order while the registrar is down', () => orders.events.length === 1);
    expect(orders.events[0]).toMatchObject({ change: 'CREATED', order: { id: toGlobalId('Order', orderKey) } });
    expect(requests.events).toEqual([]);
    await relays.registrar.restore();
    await waitFor('the registrar change once it is back', () => requests.events.length === 1);
    expect(requests.events[0]).toMatchObject({ status: 'REJECTED', request: { id: toGlobalId('ServiceRequest', open[0].request_id), student: { id: await studentOf(open[0]) } } });

    // The library down: whether the signed expulsion needs a library clearance cannot be decided.
    await relays.library.cut();
    await t.rows('avn', "update prikaz set status = 'podpisan' where prikaz_id = $1", [orderKey]);
    await waitFor('the signing', () => orders.events.length === 2);
    await waitFor('the clearance subscription ended', () => clearance.errors.length === 1);
    expect(clearance.errors[0]).toEqual([expect.objectContaining({ extensions: { code: 'SOURCE_UNAVAILABLE', source: 'library' } })]);
    expect(clearance.events).toEqual([]);
    await relays.library.restore();
    const resumed = await subscribe(t.url, auth, CLEARANCE, { after: orders.events[0].cursor });
    await waitFor('the clearance, replayed', () => resumed.events.some((e: any) => e.unit === 'LIBRARY'));
    expect(resumed.events).toContainEqual(expect.objectContaining({ unit: 'LIBRARY', student: { id: toGlobalId('Student', studKey) } }));

    // The hub's own database down: nothing can enter the event log; once it is back the change arrives.
    await relays.hub.cut();
    await t.rows('registrar', "update service_requests set status = 'rejected' where request_id = $1", [open[1].request_id]);
    // Time passing on purpose: with the hub's database down nothing can settle, the feed can only
    // retry; a second of retries must not deliver the change.
    await sleep(1000);
    expect(requests.events).toHaveLength(1);
    await relays.hub.restore();
    await waitFor('the registrar change once the hub is back', () => requests.events.length === 2, 15_000);
    expect(requests.events[1]).toMatchObject({ status: 'REJECTED', request: { id: toGlobalId('ServiceRequest', open[1].request_id), student: { id: await studentOf(open[1]) } } });
    expect(requests.errors).toEqual([]);

    // AVN down: the registrar's event comes, its student (read from AVN) is null with the error.
    await relays.avn.cut();
    await t.rows('registrar', "update service_requests set status = 'rejected' where request_id = $1", [open[2].request_id]);
    await waitFor('the registrar change while AVN is down', () => requests.events.length === 3);
    await relays.avn.restore();
    expect(requests.events[2]).toMatchObject({ status: 'REJECTED', request: { id: toGlobalId('ServiceRequest', open[2].request_id), student: null } });
    expect(requests.errors).toEqual([[expect.objectContaining({
      path: ['serviceRequestStatusChanged', 'request', 'student'], extensions: { code: 'SOURCE_UNAVAILABLE', source: 'avn' },
    })]]);

    await t.settled();
    // Nothing twice, and the subscriptions that needed nothing down never failed.
    expect(requests.events).toHaveLength(3);
    expect(orders.events).toHaveLength(2);
    expect([...orders.errors, ...resumed.errors]).toEqual([]);
  });
});
