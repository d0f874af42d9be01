/**
 * Finding 9.A1: the hub's objects in a source never make the source's own writes fail.
 *
 * - Every captured table of every source (the migrations' lists, checked against the triggers the
 *   source databases really have) takes INSERT, UPDATE and DELETE through plain SQL, and the log
 *   gets each captured operation — DELETE included, with the row's key.
 * - A deleted mark, scan, request, student or order reaches no subscriber and breaks no
 *   subscription, live or replayed.
 * - When capture cannot record a change (the change table refuses the row), the source's write
 *   still succeeds, the failure is recorded in the source without row data, logged by the hub and
 *   counted by /readyz; when even the record fails, only a WARNING reaches the writer.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SOURCE_NAMES, type SourceName } from '../../../src/config';
import { setLogSink } from '../../../src/common/logger';
import { capturedOps, type CapturedTable } from '../../../src/events/capture-sql';
import { CAPTURED_TABLES } from '../../../src/events/captured-tables';
import { startChangeFeed } from '../../../src/events/ingestor';
import { startTestHub, type TestHub } from '../../helpers/test-hub';
import { closeAll, subscribe } from '../../helpers/subscriber';
import { eventually } from '../../helpers/eventually';

let t: TestHub;
const logLines: string[] = [];

beforeAll(async () => {
  t = await startTestHub();
  setLogSink((line) => logLines.push(line));
}, 120_000);

afterAll(async () => {
  setLogSink((line) => process.stderr.write(line + '\n'));
  await closeAll();
  await t?.close();
});

const waitFor = <T>(what: string, check: () => Promise<T | null | undefined | false> | T | null | undefined | false, ms = 10_000) => eventually(what, check, ms);

/** Runs one plain-SQL statement on a source and returns how many rows it changed. */
async function write(source: SourceName, sql: string, params: unknown[] = []): Promise<number> {
  const result = await t.sql(source).query(sql, params);
  return result.rowCount ?? 0;
}

interface LoggedRow { cursor: number; op: string; row_key: string; row_data: Record<string, unknown>; old_data: Record<string, unknown> | null }

const loggedOf = (source: SourceName, table: string, key: string) =>
  t.rows<LoggedRow>(
    'hub',
    `select cursor::float8 as cursor, op, row_key, row_data, old_data from event_log where source = $1 and table_name = $2 and row_key = $3 order by cursor`,
    [source, table, key],
  );

const latestCursor = async () => Number((await t.rows('hub', 'select coalesce(max(cursor), 0)::float8 as c from event_log'))[0].c);

/**
 * How the test writes one new row into a captured table: a copy of the table's first row, with
 * these columns set to SQL over the copied row `src` (unique columns, a key without a default),
 * and an UPDATE that changes a column the capture watches.
 */
interface Recipe {
  overrides?: Record<string, string>;
  update: string;
}

const RECIPES: Record<string, Recipe> = {
  'avn.jurnal_otmetka': {
    overrides: { zan_id: `(select min(z.zan_id) from jurnal_zanyatie z where not exists (select 1 from jurnal_otmetka o where o.zan_id = z.zan_id and o.stud_id = src.stud_id))` },
    update: `prisutstvie = case prisutstvie when 'P' then 'N' else 'P' end`,
  },
  'avn.prikaz': { update: `osnovanie = coalesce(osnovanie, '') || ' (test)'` },
  'avn.prikaz_student': { update: `prichina = coalesce(prichina, '') || ' (test)'` },
  'avn.students': {
    overrides: { zachetka: `'TEST-' || src.zachetka` },
    update: 'status_id = (select min(s.status_id) from student_status s where s.status_id <> students.status_id)',
  },
  'avn.sotrudnik': { overrides: { tabel_nomer: `'TEST-' || src.tabel_nomer` }, update: 'data_rojd = data_rojd + 1' },
  'avn.abiturient': { update: 'data_rojd = data_rojd + 1' },
  'avn.vedomost': { update: 'data_zakr = coalesce(data_zakr, data_otkr) + 1' },
  'avn.vedomost_str': {
    overrides: { ved_id: `(select min(v.ved_id) from vedomost v where not exists (select 1 from vedomost_str x where x.ved_id = v.ved_id and x.stud_id = src.stud_id))` },
    update: 'm1 = coalesce(m1, 0) + 1',
  },
  'qrvisit.scan': { update: `result = case result when 'duplicate' then 'expired_token' else 'duplicate' end` },
  'qrvisit.lesson_session': { update: `closed_at = coalesce(closed_at, opened_at) + interval '1 hour'` },
  'library.issues': {
    overrides: { itemnumber: '(select min(i.itemnumber) from items i where not exists (select 1 from issues x where x.itemnumber = i.itemnumber))' },
    update: 'renewals = renewals + 1',
  },
  'library.old_issues': {
    overrides: { issue_id: '(select greatest(max(o.issue_id), (select max(i.issue_id) from issues i)) + 1 from old_issues o)' },
    update: 'renewals = renewals + 1',
  },
  'library.borrowers': { overrides: { cardnumber: `'TEST-' || src.cardnumber` }, update: `dateofbirth = coalesce(dateofbirth, date '2000-01-01') + 1` },
  'library.borrower_attributes': { update: 'attribute = reverse(attribute)' },
  'dormitory.residents': { update: `birth_date = coalesce(birth_date, date '2000-01-01') + 1` },
  'dormitory.placements': { overrides: { status: `'ended'`, end_date: 'coalesce(src.end_date, src.start_date + 1)' }, update: 'monthly_fee = monthly_fee + 1' },
  'registrar.service_requests': {
    overrides: { request_no: `'TEST-' || src.request_no` },
    update: `status = case status when 'submitted' then 'in_progress' else 'submitted' end`,
  },
  'registrar.request_status_history': { update: `comment = coalesce(comment, '') || ' (test)'` },
};

/** Inserts a copy of the table's first row (see {@link Recipe}) with plain SQL; returns its key. */
async function insertCopy(source: SourceName, captured: CapturedTable, recipe: Recipe): Promise<string> {
  const columns = await t.rows<{ name: string; generated: boolean }>(
    source,
    `select column_name as name, (column_default is not null or is_identity = 'YES') as generated
       from information_schema.columns where table_schema = current_schema() and table_name = $1 order by ordinal_position`,
    [captured.table],
  );
  const overrides = recipe.overrides ?? {};
  const copied = columns.filter((c) => !(c.name === captured.key && c.generated && !(c.name in overrides)));
  const rows = await t.rows<{ key: string }>(
    source,
    `insert into ${captured.table} (${copied.map((c) => c.name).join(', ')})
     select ${copied.map((c) => overrides[c.name] ?? `src.${c.name}`).join(', ')}
       from ${captured.table} src where src.${captured.key} = (select min(${captured.key}) from ${captured.table})
     returning ${captured.key}::text as key`,
  );
  expect(rows, `a row copied into ${source}.${captured.table}`).toHaveLength(1);
  return rows[0].key;
}

const ALL_TABLES = SOURCE_NAMES.flatMap((source) => CAPTURED_TABLES[source].map((captured) => ({ source, captured })));

describe('9.A1 deletes never fail in a source', () => {
  test('the captured-table lists name every table that has a capture trigger, and every one captures what its list says (DELETE everywhere)', async () => {
    // pg_trigger.tgtype bits: 4 INSERT, 8 DELETE, 16 UPDATE.
    for (const source of SOURCE_NAMES) {
      const triggers = await t.rows<{ table: string; tgtype: number }>(
        source,
        `select c.relname as table, t.tgtype from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
          where p.proname = 'campus_graph_capture' and not t.tgisinternal`,
      );
      const listed = CAPTURED_TABLES[source].map((c) => c.table).sort();
      expect([...new Set(triggers.map((r) => r.table))].sort(), source).toEqual(listed);
      for (const captured of CAPTURED_TABLES[source]) {
        const types = triggers.filter((r) => r.table === captured.table).reduce((bits, r) => bits | r.tgtype, 0);
        const ops = [types & 4 ? 'INSERT' : null, types & 16 ? 'UPDATE' : null, types & 8 ? 'DELETE' : null].filter(Boolean);
        expect(ops, `${source}.${captured.table}`).toEqual(capturedOps(captured));
      }
    }
  });

  test('every captured table has a recipe in this test (a newly captured table must be added here)', () => {
    expect(ALL_TABLES.map(({ source, captured }) => `${source}.${captured.table}`).filter((name) => !RECIPES[name])).toEqual([]);
  });

  test.each(ALL_TABLES.map(({ source, captured }) => [`${source}.${captured.table}`, source, captured] as const))(
    '%s: INSERT, UPDATE and DELETE through plain SQL succeed, and the log gets each captured one with the key',
    async (name, source, captured) => {
      const recipe = RECIPES[name];
      expect(recipe, `a recipe for ${name}`).toBeDefined();
      const key = await insertCopy(source, captured, recipe);
      expect(await write(source, `update ${captured.table} set ${recipe.update} where ${captured.key} = $1`, [key])).toBe(1);
      expect(await write(source, `delete from ${captured.table} where ${captured.key} = $1`, [key])).toBe(1);
      const expected = capturedOps(captured);
      const logged = await waitFor(`${name} ${expected.join(', ')} in the log`, async () => {
        const rows = await loggedOf(source, captured.table, key);
        return rows.length >= expected.length && rows;
      });
      expect(logged.map((r) => r.op)).toEqual(expected);
      const deleted = logged.at(-1)!;
      expect(deleted.row_key).toBe(key);
      expect(deleted.old_data).toBeNull();
      expect(String(deleted.row_data[captured.key])).toBe(key);
      // The deleted row carries only the kept columns, like any other event of the table.
      if (captured.keep) expect(Object.keys(deleted.row_data).sort()).toEqual([...captured.keep].sort());
      expect(await t.rows(source, 'select 1 from campus_graph_capture_failure')).toEqual([]);
    },
  );

  test('a deleted mark, scan, request, student or order reaches no subscriber and breaks no subscription, live or replayed', async () => {
    const SUBSCRIPTIONS = [
      'subscription ($after: String) { attendanceMarked(after: $after) { cursor } }',
      'subscription ($after: String) { serviceRequestStatusChanged(after: $after) { cursor } }',
      'subscription ($after: String) { studentStatusChanged(after: $after) { cursor } }',
      'subscription ($after: String) { studentOrderChanged(after: $after) { cursor } }',
    ];
    const from = await latestCursor();
    const live = await Promise.all(SUBSCRIPTIONS.map((query) => subscribe<{ cursor: string }>(t.url, t.authorization!, query)));

    // Deletes of existing rows (a mark, a scan) and of new ones (a request, a student, an order).
    await write('avn', 'delete from jurnal_otmetka where otm_id = (select min(otm_id) from jurnal_otmetka)');
    await write('qrvisit', `delete from scan where id = (select min(id) from scan where result = 'accepted')`);
    const requestKey = await insertCopy('registrar', CAPTURED_TABLES.registrar.find((c) => c.table === 'service_requests')!, RECIPES['registrar.service_requests']);
    await write('registrar', 'delete from service_requests where request_id = $1', [requestKey]);
    const studentKey = await insertCopy('avn', CAPTURED_TABLES.avn.find((c) => c.table === 'students')!, RECIPES['avn.students']);
    await write('avn', 'delete from students where stud_id = $1', [studentKey]);
    const orderKey = await insertCopy('avn', CAPTURED_TABLES.avn.find((c) => c.table === 'prikaz')!, RECIPES['avn.prikaz']);
    await write('avn', 'delete from prikaz where prikaz_id = $1', [orderKey]);

    // Then one change each subscription delivers: it must still arrive.
    const [pair] = await t.rows<{ zan_id: number; stud_id: number }>(
      'avn',
      `select z.zan_id, s.stud_id from jurnal_zanyatie z join students s on s.grp_id = z.grp_id
        where not exists (select 1 from jurnal_otmetka o where o.zan_id = z.zan_id and o.stud_id = s.stud_id) order by 1, 2 limit 1`,
    );
    const [mark] = await t.rows('avn', `insert into jurnal_otmetka (zan_id, stud_id, prisutstvie) values ($1, $2, 'P') returning otm_id::text as key`, [pair.zan_id, pair.stud_id]);
    const [request] = await t.rows(
      'registrar',
      `update service_requests set status = case status when 'submitted' then 'in_progress' else 'submitted' end
        where request_id = (select min(request_id) from service_requests) returning request_id::text as key`,
    );
    const [student] = await t.rows(
      'avn',
      `update students set status_id = (select min(s.status_id) from student_status s where s.status_id <> students.status_id)
        where stud_id = (select max(stud_id) from students) returning stud_id::text as key`,
    );
    const order = await insertCopy('avn', CAPTURED_TABLES.avn.find((c) => c.table === 'prikaz')!, RECIPES['avn.prikaz']);
    const markers = [['avn', 'jurnal_otmetka', mark.key], ['registrar', 'service_requests', request.key], ['avn', 'students', student.key], ['avn', 'prikaz', order]] as const;
    const markerCursors = await waitFor('the four later changes in the log', async () => {
      const cursors = await Promise.all(markers.map(async ([source, table, key]) => (await loggedOf(source, table, key)).at(-1)?.cursor));
      return cursors.every((c) => c != null) && cursors.map(String);
    });
    // The five deletes are events in the log (a mark, a scan, a request, a student, an order).
    const deleteCursors = new Set(
      await waitFor('the five deletes in the log', async () => {
        const rows = await t.rows<{ cursor: string }>('hub', `select cursor::text as cursor from event_log where cursor > $1 and op = 'DELETE'`, [from]);
        return rows.length === 5 && rows.map((r) => r.cursor);
      }),
    );

    const replayed = await Promise.all(SUBSCRIPTIONS.map((query) => subscribe<{ cursor: string }>(t.url, t.authorization!, query, { after: String(from) })));
    for (const [i, subscriber] of [...live.entries(), ...replayed.entries()]) {
      await waitFor(`subscription ${i} receives its later change`, () => subscriber.events.some((e) => e.cursor === markerCursors[i]));
      expect(subscriber.errors).toEqual([]);
      expect(subscriber.events.filter((e) => deleteCursors.has(e.cursor))).toEqual([]);
    }
    await closeAll();
  });
});

/** The hub's /readyz report. */
async function readyz(): Promise<any> {
  const response = await fetch(t.url.replace(/\/graphql$/, '/readyz'));
  return response.json();
}

describe('9.A1 capture never makes a source write fail', () => {
  test('a source application role with no privilege on the hub\'s objects (and a temporary table named like the hub\'s) writes, and its changes are captured', async () => {
    const role = `cg_app_${randomBytes(4).toString('hex')}`;
    await write('qrvisit', `create role ${role}`);
    await write('qrvisit', `grant select, insert, update, delete on scan to ${role}; grant select on lesson_session to ${role}; grant usage on sequence scan_id_seq to ${role}`);
    const client = await t.sql('qrvisit').connect();
    let key: string;
    try {
      await client.query(`set role ${role}`);
      // A temporary table of the writer's, named like the hub's change table, must not catch the capture.
      await client.query('create temp table campus_graph_change (id int)');
      const { rows } = await client.query(
        `insert into scan (session_id, student_book, scanned_at, result) values ((select min(id) from lesson_session), 'TEST-ROLE', now(), 'duplicate') returning id::text as key`,
      );
      key = rows[0].key;
      expect((await client.query(`update scan set result = 'expired_token' where id = $1`, [key])).rowCount).toBe(1);
      expect((await client.query('delete from scan where id = $1', [key])).rowCount).toBe(1);
    } finally {
      // Its temporary table would shadow the hub's for later queries on this connection: drop both.
      await client.query('drop table if exists pg_temp.campus_graph_change').catch(() => undefined);
      await client.query('reset role').catch(() => undefined);
      client.release(true);
      await write('qrvisit', `drop owned by ${role}; drop role ${role}`);
    }
    const logged = await waitFor('the role\'s three changes in the log', async () => {
      const rows = await loggedOf('qrvisit', 'scan', key);
      return rows.length === 3 && rows;
    });
    expect(logged.map((r) => r.op)).toEqual(['INSERT', 'UPDATE', 'DELETE']);
    const [fn] = await t.rows('qrvisit', `select p.proconfig from pg_proc p where p.proname = 'campus_graph_capture'`);
    expect(fn.proconfig).toEqual([`search_path=pg_catalog, ${(await t.rows('qrvisit', 'select current_schema() as s'))[0].s}, pg_temp`]);
  });

  test('when the change table refuses a row, the write succeeds; the failure is recorded without row data, logged and counted by /readyz', async () => {
    const before = await readyz();
    expect(before.captureFailures).toEqual(Object.fromEntries(SOURCE_NAMES.map((s) => [s, { count: 0, lastAt: null }])));
    const book = `TEST-FAIL-${randomBytes(3).toString('hex')}`;
    await write('qrvisit', `alter table campus_graph_change add constraint hardening_refuses_scans check (table_name <> 'scan') not valid`);
    let key: string;
    try {
      const [row] = await t.rows(
        'qrvisit',
        `insert into scan (session_id, student_book, scanned_at, result, device, lat, lon)
         values ((select min(id) from lesson_session), $1, now(), 'duplicate', 'test-device', 42.87, 74.6) returning id::text as key`,
        [book],
      );
      key = row.key;
      expect(await write('qrvisit', `update scan set result = 'expired_token' where id = $1`, [key])).toBe(1);
      expect(await write('qrvisit', 'delete from scan where id = $1', [key])).toBe(1);
      expect(await t.rows('qrvisit', 'select 1 from scan where id = $1', [key])).toEqual([]);
    } finally {
      await write('qrvisit', 'alter table campus_graph_change drop constraint hardening_refuses_scans');
    }

    // Recorded in the source: what, when and why — never the row's data.
    const recorded = await t.rows('qrvisit', 'select * from campus_graph_capture_failure order by id');
    expect(recorded.map((r) => [r.table_name, r.op, r.row_key, r.sqlstate, r.constraint_name])).toEqual([
      ['scan', 'INSERT', key, '23514', 'hardening_refuses_scans'],
      ['scan', 'UPDATE', key, '23514', 'hardening_refuses_scans'],
      ['scan', 'DELETE', key, '23514', 'hardening_refuses_scans'],
    ]);
    expect(JSON.stringify(recorded)).not.toContain(book);
    expect(await t.rows('qrvisit', `select 1 from campus_graph_change where table_name = 'scan' and row_key = $1`, [key])).toEqual([]);

    // Reported by the hub: copied into its own record, logged (without data), counted by /readyz.
    const reported = await waitFor('the three failures reported by the hub', async () => {
      const rows = await t.rows(
        'hub',
        `select source, table_name, op, row_key, sqlstate, failed_at from capture_failure where source = 'qrvisit' order by source_failure_id`,
      );
      return rows.length === 3 && rows;
    });
    expect(reported.map((r) => [r.table_name, r.op, r.row_key, r.sqlstate])).toEqual(recorded.map((r) => [r.table_name, r.op, r.row_key, r.sqlstate]));
    const warnings = await waitFor('the failures logged', () => {
      const lines = logLines.filter((line) => line.includes('capture failed') && line.includes('"qrvisit"'));
      return lines.length === 3 && lines;
    });
    for (const line of warnings) {
      expect(JSON.parse(line)).toMatchObject({ level: 'warn', source: 'qrvisit', table: 'scan', key, sqlstate: '23514' });
      expect(line).not.toContain(book);
    }
    const report = await readyz();
    expect(report.status).toBe('ready'); // visible, not "degraded": reads are unaffected
    const lastAt = reported.map((r) => (r.failed_at as Date).getTime()).reduce((a, b) => Math.max(a, b));
    expect(report.captureFailures.qrvisit).toEqual({ count: 3, lastAt: new Date(lastAt).toISOString() });
    for (const source of SOURCE_NAMES.filter((s) => s !== 'qrvisit')) expect(report.captureFailures[source]).toEqual({ count: 0, lastAt: null });

    // The constraint gone, capture works again.
    const [again] = await t.rows(
      'qrvisit',
      `insert into scan (session_id, student_book, scanned_at, result) values ((select min(id) from lesson_session), 'TEST-AGAIN', now(), 'duplicate') returning id::text as key`,
    );
    await waitFor('a capture after the failure', async () => (await loggedOf('qrvisit', 'scan', again.key)).length === 1);
  });

  test('when even recording the failure fails, the write still succeeds and the writer gets only a WARNING', async () => {
    await write('qrvisit', `alter table campus_graph_change add constraint hardening_refuses_scans check (table_name <> 'scan') not valid`);
    await write('qrvisit', 'alter table campus_graph_capture_failure add constraint hardening_refuses_failures check (false) not valid');
    const client = await t.sql('qrvisit').connect();
    const notices: { severity?: string; message?: string }[] = [];
    const onNotice = (notice: { severity?: string; message?: string }) => notices.push(notice);
    client.on('notice', onNotice);
    const failuresBefore = (await t.rows('qrvisit', 'select count(*)::int as n from campus_graph_capture_failure'))[0].n;
    try {
      const { rows } = await client.query(
        `insert into scan (session_id, student_book, scanned_at, result) values ((select min(id) from lesson_session), 'TEST-WARN', now(), 'duplicate') returning id::text as key`,
      );
      expect(await t.rows('qrvisit', 'select 1 from scan where id = $1', [rows[0].key])).toHaveLength(1);
    } finally {
      client.off('notice', onNotice);
      client.release();
      await write('qrvisit', 'alter table campus_graph_capture_failure drop constraint hardening_refuses_failures');
      await write('qrvisit', 'alter table campus_graph_change drop constraint hardening_refuses_scans');
    }
    expect(notices.map((n) => n.severity)).toEqual(['WARNING']);
    expect(notices[0].message).toMatch(/^Campus Graph could not capture INSERT on scan \(SQLSTATE 23514\) nor record the failure \(SQLSTATE 23514\)/);
    expect(notices[0].message).not.toContain('TEST-WARN');
    expect((await t.rows('qrvisit', 'select count(*)::int as n from campus_graph_capture_failure'))[0].n).toBe(failuresBefore);
  });

  test('reported failures are trimmed from the source once older than the retention; the hub keeps them', async () => {
    // The hub's own feed stops; a bare feed with a one-minute retention takes over the ingesting.
    await t.hub.stop();
    const failures = () => t.rows<{ id: string }>('qrvisit', 'select id::text from campus_graph_capture_failure order by id');
    const all = await failures();
    expect(all.length).toBeGreaterThanOrEqual(3);
    const feed = await startChangeFeed({
      hubUrl: t.config.databases.hub.url!, sources: { qrvisit: t.config.databases.qrvisit.url! }, name: 'test_trim_failures',
      retainChangesMs: 60_000, trimEveryMs: 100, publish: () => undefined,
    });
    try {
      await waitFor('leads', () => feed.isLeader());
      // All but the newest failed two minutes ago (past the retention).
      await t.rows('qrvisit', `update campus_graph_capture_failure set failed_at = now() - interval '2 minutes' where id < $1`, [all.at(-1)!.id]);
      await waitFor('the old failures trimmed', async () => (await failures()).length === 1);
      expect((await failures()).map((r) => r.id)).toEqual([all.at(-1)!.id]);
      const kept = await t.rows('hub', `select source_failure_id::text as id from capture_failure where source = 'qrvisit' order by source_failure_id`);
      expect(kept.map((r) => r.id)).toEqual(all.map((r) => r.id));
    } finally {
      await feed.stop();
    }
  });
});
