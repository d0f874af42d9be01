/**
 * Issue 12: the cross-source statistics' design measured against the alternative (bench/RESULTS.md,
 * "Issue 12 statistics: cross-source design"). Starts the hub once (it seeds the databases at the
 * scale), then times, on the same databases:
 *
 * - pushed down (the design, src/hub/statistics/cross-source.ts): AVN's student cells (one
 *   statement), the registry's record keys (one hub statement), the other source aggregating per
 *   cell over `unnest`ed key arrays (one statement) — the hub's own source functions;
 * - fetch and merge: per-person partial rows from each source (AVN's students with their
 *   dimensions, the registry's links, the other source's per-record partial figures) fetched into
 *   the hub and merged there in JavaScript — the same numbers;
 * - end to end: the GraphQL query over HTTP (argument checks, disclosure control, paging).
 *
 *   node -r @swc-node/register bench/stats-cross-source.ts [--scale 1] [--runs 20]
 *
 * BENCH_PG_PORT / BENCH_DATA_DIR move the embedded cluster (see bench/lib/bench-databases.ts).
 */
import pg from 'pg';
import { BusinessClock } from '../src/common/business-time';
import { DATABASE_NAMES, DEMO_REFERENCE_DATE, type DatabaseName } from '../src/config';
import type { SourceContext } from '../src/db/read-context';
import { StatisticsDimension } from '../src/domain/statistics';
import { recordLinksOfStudents, studentPeople } from '../src/hub/identity/identity.cell-map';
import { crossSourceStatistics } from '../src/hub/statistics/cross-source';
import { studentCellMap } from '../src/sources/avn/avn.statistics';
import { libraryCellStatistics } from '../src/sources/library/library.statistics';
import { requestCellStatistics } from '../src/sources/registrar/registrar.statistics';
import { benchDatabases, parseArgs } from './lib/bench-databases';
import { loginOverHttp, startHubProcess } from './lib/hub-process';

const { FACULTY, STUDENT_STATUS, REQUEST_TYPE } = StatisticsDimension;
const log = (message: string) => console.log(`[bench:stats-cross-source] ${message}`);

async function timed<T>(runs: number, f: () => Promise<T>): Promise<{ median: number; p95: number; result: T }> {
  let result = await f(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = await f();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)], result };
}

async function main(): Promise<void> {
  const args = parseArgs({ scale: 1, runs: 20 });
  const databases = benchDatabases(args.scale);
  log(`starting the hub at scale ${args.scale} (seeds the databases on the first start)…`);
  const hub = startHubProcess({ ...databases.hubEnv, RATE_LIMIT_PER_MINUTE: '0' });
  const pools = {} as Record<DatabaseName, pg.Pool>;
  try {
    const url = await hub.ready;
    for (const name of DATABASE_NAMES) pools[name] = new pg.Pool({ connectionString: databases.urls[name], max: 4 });
    const transferred = { rows: 0 };
    const db = Object.fromEntries(
      DATABASE_NAMES.map((name) => [name, { query: async (sql: string, params?: unknown[]) => {
        const rows = (await pools[name].query(sql, params)).rows;
        transferred.rows += rows.length;
        return rows;
      } }]),
    ) as unknown as SourceContext['db'];
    const clock = new BusinessClock({ timeZone: 'Asia/Bishkek', date: { date: DEMO_REFERENCE_DATE, startMinute: null } });
    const context: SourceContext = { db, runtime: { businessClock: clock }, loader: (_k, create) => create() };
    const reach = { kind: 'all' } as const;
    const filter = {};

    /** Milliseconds spent in each step of the pushed-down design, summed over the runs. */
    const steps: Record<string, number> = {};
    const step = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
      const start = process.hrtime.bigint();
      try {
        return await f();
      } finally {
        steps[name] = (steps[name] ?? 0) + Number(process.hrtime.bigint() - start) / 1e6;
      }
    };
    const stepSummary = (runs: number) => {
      const text = Object.entries(steps).map(([name, ms]) => `${name} ${(ms / runs).toFixed(1)}`).join(', ');
      for (const key of Object.keys(steps)) delete steps[key];
      return text;
    };

    // --- Library by faculty and student status ---
    const libraryPushed = () =>
      crossSourceStatistics([FACULTY, STUDENT_STATUS], {
        studentDimensions: new Set([FACULTY, STUDENT_STATUS]),
        studentCells: (dimensions) => step('avn', () => studentCellMap(context, { dimensions, filter, reach })),
        recordLinks: () => step('hub', () => recordLinksOfStudents(context, 'library.borrower')),
        aggregate: (request) => step('library', () => libraryCellStatistics(context, request)),
      });
    const now = clock.now().instant;
    const libraryMerged = async () => {
      const [studs, links, cards] = await Promise.all([
        db.avn.query<{ stud_id: number; fak: number; status_id: number }>(
          'select s.stud_id, sp.fak_id as fak, s.status_id from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id'),
        db.hub.query<{ k: string; person: string; stud: string }>(
          `select r.local_key as k, r.person_id::text as person, max(s.local_key::bigint)::text as stud from identity_link r
             join identity_link s on s.person_id = r.person_id and s.source = 'avn.student'
            where r.source = 'library.borrower' group by 1, 2`),
        db.library.query<{ b: number; loans: number; open: number; overdue: number; debt: string }>(
          `select b.borrowernumber as b, coalesce(l.loans, 0) as loans, coalesce(l.open, 0) as open, coalesce(l.overdue, 0) as overdue, coalesce(d.debt, 0) as debt
             from borrowers b
             left join (select borrowernumber, count(*)::int as loans, count(*) filter (where returndate is null)::int as open,
                               count(*) filter (where returndate is null and date_due < ($1::timestamptz at time zone 'Asia/Bishkek'))::int as overdue
                          from (select borrowernumber, date_due, null::timestamp as returndate from issues union all select borrowernumber, date_due, returndate from old_issues) x
                         group by 1) l on l.borrowernumber = b.borrowernumber
             left join (select borrowernumber, sum(amountoutstanding) as debt from accountlines where debit_type_code is not null group by 1) d on d.borrowernumber = b.borrowernumber`,
          [now]),
      ]);
      const student = new Map(studs.map((s) => [s.stud_id, s]));
      const link = new Map(links.map((l) => [Number(l.k), l]));
      const cells = new Map<string, { people: Set<string>; loans: number; open: number; overdue: number; debt: number }>();
      for (const c of cards) {
        const l = link.get(c.b);
        const s = l ? student.get(Number(l.stud)) : undefined;
        const key = s ? `${s.fak}/${s.status_id}` : 'null';
        const cell = cells.get(key) ?? { people: new Set<string>(), loans: 0, open: 0, overdue: 0, debt: 0 };
        cell.people.add(l?.person ?? `card:${c.b}`);
        cell.loans += c.loans; cell.open += c.open; cell.overdue += c.overdue; cell.debt += Number(c.debt);
        cells.set(key, cell);
      }
      return cells;
    };

    // --- Registrar by faculty and request type ---
    const requestsPushed = () =>
      crossSourceStatistics([FACULTY, REQUEST_TYPE], {
        studentDimensions: new Set([FACULTY]),
        studentCells: (dimensions) => step('avn', () => studentCellMap(context, { dimensions, filter, reach, numbers: true })),
        recordLinks: () => step('hub', () => studentPeople(context)),
        keyedByStudentNumber: true,
        aggregate: (request) => step('registrar', () => requestCellStatistics(context, request)),
      });
    const requestsMerged = async () => {
      const [studs, links, requests] = await Promise.all([
        db.avn.query<{ stud_id: number; zachetka: string; fak: number }>(
          'select s.stud_id, s.zachetka, sp.fak_id as fak from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id'),
        db.hub.query<{ k: string; person: string }>(`select local_key as k, person_id::text as person from identity_link where source = 'avn.student'`),
        // The merge needs each request's applicant key and days: per-request rows leave the registrar.
        db.registrar.query<{ type_code: string; number: string | null; who: string; days: number | null; overdue: boolean }>(
          `select sr.type_code, sr.applicant_student_no as number, coalesce(md5(nullif(trim(sr.applicant_pin), '')), 'request:' || sr.request_id) as who,
                  (select extract(epoch from min(h.changed_at) - sr.submitted_at) / 86400 from request_status_history h
                    where h.request_id = sr.request_id and h.status in ('ready', 'issued'))::float8 as days,
                  sr.status in ('submitted', 'in_progress') and sr.submitted_at + rt.sla_days * interval '1 day' < $1::timestamptz as overdue
             from service_requests sr join request_types rt on rt.code = sr.type_code`,
          [now]),
      ]);
      const person = new Map(links.map((l) => [Number(l.k), l.person]));
      const byNumber = new Map(studs.map((s) => [s.zachetka, s]));
      const cells = new Map<string, { people: Set<string>; requests: number; days: number[]; overdue: number }>();
      for (const r of requests) {
        const s = r.number != null ? byNumber.get(r.number) : undefined;
        const key = `${s?.fak ?? null}/${r.type_code}`;
        const cell = cells.get(key) ?? { people: new Set<string>(), requests: 0, days: [], overdue: 0 };
        cell.people.add(s ? (person.get(s.stud_id) ?? `student:${s.stud_id}`) : r.who);
        cell.requests++;
        if (r.days !== null) cell.days.push(r.days);
        if (r.overdue) cell.overdue++;
        cells.set(key, cell);
      }
      for (const cell of cells.values()) cell.days.sort((a, b) => a - b); // the median needs every value
      return cells;
    };

    const token = await loginOverHttp(url);
    const graphql = (query: string) => async () => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query }) });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body;
    };

    const lines: string[] = [];
    const measure = async (name: string, f: () => Promise<unknown>, cellsOf: (r: any) => number) => {
      transferred.rows = 0;
      const t = await timed(args.runs, f);
      const rowsPerRun = Math.round(transferred.rows / (args.runs + 1));
      const groups = cellsOf(t.result);
      const split = stepSummary(args.runs + 1);
      const line = `${name}: median ${t.median.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms${groups >= 0 ? `, ${groups} groups, ${rowsPerRun} rows from the databases per run` : ''}${split ? ` (mean ms per step: ${split})` : ''}`;
      lines.push(line);
      log(line);
    };
    await measure('library by FACULTY×STUDENT_STATUS, pushed down', libraryPushed, (r) => r.cells.length);
    await measure('library by FACULTY×STUDENT_STATUS, fetch and merge in the hub', libraryMerged, (r) => r.size);
    await measure('library by FACULTY×STUDENT_STATUS, GraphQL end to end', graphql('{ libraryStatistics(groupBy: [FACULTY, STUDENT_STATUS], first: 100) { totalCount nodes { loans overdueLoans debt } } }'), () => -1);
    await measure('requests by FACULTY×REQUEST_TYPE, pushed down', requestsPushed, (r) => r.cells.length);
    await measure('requests by FACULTY×REQUEST_TYPE, fetch and merge in the hub', requestsMerged, (r) => r.size);
    await measure('requests by FACULTY×REQUEST_TYPE, GraphQL end to end', graphql('{ serviceRequestStatistics(groupBy: [FACULTY, REQUEST_TYPE], first: 100) { totalCount nodes { requests medianDaysToComplete overdue } } }'), () => -1);
    console.log(lines.join('\n'));
  } finally {
    await Promise.all(Object.values(pools).map((p) => p.end()));
    await hub.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
