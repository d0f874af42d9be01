/**
 * `npm run bench:subscriptions`: how many live dashboards one hub instance holds (issue 5 §3).
 *
 * Three processes: this script, the hub (the real `src/main.ts`) and the load generator
 * (bench/subscriptions/clients.ts). For each level (--clients, default 1000,5000,10000) the load
 * generator opens that many graphql-ws clients, all subscribed to `attendanceMarked` with a mix
 * of filters (lesson, group, discipline, faculty, none) as administrators and as the demo dean
 * (whose row rule limits it to one faculty, so the guard is on the path). This script then
 * inserts accepted scans into QR-visit's `scan` table with plain SQL, --rate per second for
 * --seconds, on sessions of real lessons, and notes each row's commit time. The hub captures the
 * rows, ingests them and delivers them as QR_SCAN events. Reported per level:
 * - latency from COMMIT returning here to the event arriving at a client (same machine clock);
 * - deliveries against deliveries expected (each client's filter and row rule applied to the
 *   inserted rows) — lost, duplicated or unexpected ones are counted, and must all be zero;
 * - the hub's CPU (during the inserts) and peak RSS (whole level), and the load generator's CPU.
 *
 * Options: --scale (1), --clients (comma list), --rate (100), --seconds (20), --concurrency
 * (handshakes at once, 200). Exit code 1 when any level lost, doubled or leaked an event.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { toGlobalId } from '../src/domain/global-id';
import { benchDatabases, parseArgs } from './lib/bench-databases';
import { loginOverHttp, processUsage, ROOT, startHubProcess, type HubProcess } from './lib/hub-process';
import { appendResults, markdownTable } from './lib/results';
import type { ChildMessage, ClientReport, ClientSpec, ParentMessage } from './subscriptions/clients';

const options = parseArgs({ scale: 1, clients: '1000,5000,10000', rate: 100, seconds: 20, concurrency: 200 });

/** What every client selects: the event, its mark, and fields from AVN through the hub (lesson, student). */
const SUBSCRIPTION = `subscription Attendance($where: AttendanceEventWhere) {
  attendanceMarked(where: $where) {
    cursor origin at
    mark { presence source }
    lesson { id date period }
    student { id fullName }
  }
}`;

/** Share of clients per filter kind (a dashboard per lesson is the common case; whole-university feeds are few). */
const FILTER_MIX: [FilterKind, number][] = [['lesson', 0.5], ['group', 0.25], ['discipline', 0.13], ['faculty', 0.1], ['none', 0.02]];
/** Every DEAN_EVERY-th client is the demo dean (row rule: one faculty); the others are administrators. */
const DEAN_EVERY = 4;
/** Sessions the scans are spread over (a tenth of them of the dean's faculty, the rest of the others). */
const TARGET_SESSIONS = 200;

type FilterKind = 'lesson' | 'group' | 'discipline' | 'faculty' | 'none';

/** A lesson session the bench scans into, with what the filters compare. */
interface Target {
  sessionKey: number;
  lessonKey: number;
  groupKey: number;
  disciplineKey: number;
  facultyKey: number;
  studentBooks: string[];
}

interface ClientPlan {
  role: 'admin' | 'dean';
  kind: FilterKind;
  /** The key the filter compares (null for 'none'). */
  key: number | null;
}

interface Inserted {
  target: Target;
  commitAt: number;
}

interface LevelResult {
  clients: number;
  connectMs: number;
  inserted: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicates: number;
  /** Events a client should not have received (its filter or row rule excludes them): must be 0. */
  unexpected: number;
  /** Events of an earlier level that reached this level's clients (not counted either way). */
  earlier: number;
  errors: number;
  closed: number;
  p50: number;
  p99: number;
  max: number;
  hubCpu: number;
  /**
   * The hub's CPU time for the whole level's work (inserts and the drain after them) per second of
   * inserts, in % of one core: what the hub needs to keep up, even when a busy machine gave it
   * less (then the drain runs long and the latency shows the queue, not the hub's cost).
   */
  hubCpuPerSecond: number;
  /** How long the deliveries went on after the last insert. */
  drainS: number;
  hubRssMb: number;
  loadCpu: number;
  /** Commit in the source → row in the hub's event log (the change feed's share of the latency). */
  ingestP50: number;
  ingestP99: number;
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small deterministic generator, so two runs build the same clients and the same scans. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: T[]): T => items[Math.floor(random() * items.length)];

async function loadTargets(urls: Record<string, string>, deanFaculty: number): Promise<Target[]> {
  const qrvisit = new pg.Client({ connectionString: urls.qrvisit });
  const avn = new pg.Client({ connectionString: urls.avn });
  await Promise.all([qrvisit.connect(), avn.connect()]);
  try {
    const { rows: sessions } = await qrvisit.query<{ id: string; avn_lesson_id: number }>(
      'select id, avn_lesson_id from lesson_session order by md5(id::text) limit 5000',
    );
    const { rows: lessons } = await avn.query<{ zan_id: number; grp_id: number; disc_id: number; fak_id: number }>(
      `select z.zan_id, z.grp_id, z.disc_id, sp.fak_id from jurnal_zanyatie z
         join gruppa g on g.grp_id = z.grp_id join specialnost sp on sp.spec_id = g.spec_id
        where z.zan_id = any($1::int[])`,
      [sessions.map((s) => s.avn_lesson_id)],
    );
    const lessonByKey = new Map(lessons.map((l) => [l.zan_id, l]));
    const { rows: books } = await avn.query<{ grp_id: number; zachetka: string }>(
      'select grp_id, zachetka from students where grp_id = any($1::int[]) order by stud_id',
      [[...new Set(lessons.map((l) => l.grp_id))]],
    );
    const booksByGroup = new Map<number, string[]>();
    for (const b of books) booksByGroup.set(b.grp_id, [...(booksByGroup.get(b.grp_id) ?? []), b.zachetka]);
    const all: Target[] = [];
    for (const s of sessions) {
      const lesson = lessonByKey.get(s.avn_lesson_id);
      const studentBooks = lesson ? booksByGroup.get(lesson.grp_id) : undefined;
      if (!lesson || !studentBooks?.length) continue;
      all.push({ sessionKey: Number(s.id), lessonKey: lesson.zan_id, groupKey: lesson.grp_id, disciplineKey: lesson.disc_id, facultyKey: lesson.fak_id, studentBooks });
    }
    const own = all.filter((t) => t.facultyKey === deanFaculty).slice(0, TARGET_SESSIONS / 10);
    const others = all.filter((t) => t.facultyKey !== deanFaculty).slice(0, TARGET_SESSIONS - own.length);
    return [...own, ...others];
  } finally {
    await Promise.all([qrvisit.end(), avn.end()]);
  }
}

function planClients(count: number, targets: Target[], deanFaculty: number): ClientPlan[] {
  const random = rng(20261129);
  const deanTargets = targets.filter((t) => t.facultyKey === deanFaculty);
  const plans: ClientPlan[] = [];
  for (let i = 0; i < count; i++) {
    const role = i % DEAN_EVERY === DEAN_EVERY - 1 ? 'dean' : 'admin';
    let roll = random();
    let kind: FilterKind = 'none';
    for (const [k, share] of FILTER_MIX) {
      if (roll < share) {
        kind = k;
        break;
      }
      roll -= share;
    }
    // A dean mostly watches its own faculty; one in five asks for another's (and must get nothing of it).
    const target = pick(random, role === 'dean' && deanTargets.length && random() < 0.8 ? deanTargets : targets);
    const key = { lesson: target.lessonKey, group: target.groupKey, discipline: target.disciplineKey, faculty: target.facultyKey, none: null }[kind];
    plans.push({ role, kind, key });
  }
  return plans;
}

function variablesOf(plan: ClientPlan): Record<string, unknown> {
  if (plan.kind === 'none') return {};
  const type = { lesson: 'Lesson', group: 'Group', discipline: 'Discipline', faculty: 'Faculty' }[plan.kind];
  return { where: { [`${plan.kind}Id`]: toGlobalId(type, plan.key!) } };
}

/** Would this client receive an event of this target (its filter, then the dean's row rule)? */
function expects(plan: ClientPlan, target: Target, deanFaculty: number): boolean {
  if (plan.role === 'dean' && target.facultyKey !== deanFaculty) return false;
  switch (plan.kind) {
    case 'none':
      return true;
    case 'lesson':
      return target.lessonKey === plan.key;
    case 'group':
      return target.groupKey === plan.key;
    case 'discipline':
      return target.disciplineKey === plan.key;
    case 'faculty':
      return target.facultyKey === plan.key;
  }
}

/** The load generator as a child process with request/answer over IPC. */
class LoadGenerator {
  readonly child: ChildProcess;
  private waiting = new Map<string, (message: ChildMessage) => void>();

  constructor() {
    this.child = fork(path.join(__dirname, 'subscriptions', 'clients.ts'), [], {
      cwd: ROOT,
      execArgv: ['-r', '@swc-node/register'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message: ChildMessage) => {
      const type = message.type === 'failed' ? 'ready' : message.type;
      const resolve = this.waiting.get(type);
      this.waiting.delete(type);
      resolve?.(message);
    });
  }

  ask<T extends ChildMessage['type']>(message: ParentMessage, answer: T): Promise<Extract<ChildMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the load generator exited (${code})`));
      this.child.once('exit', onExit);
      this.waiting.set(answer, (reply) => {
        this.child.off('exit', onExit);
        if (reply.type === 'failed') reject(new Error(`load generator: ${reply.message}`));
        else resolve(reply as Extract<ChildMessage, { type: T }>);
      });
      this.child.send(message);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

function sortedPercentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function runLevel(
  hub: HubProcess,
  url: string,
  urls: Record<string, string>,
  count: number,
  targets: Target[],
  deanFaculty: number,
  tokens: { admin: string; dean: string },
): Promise<LevelResult> {
  const plans = planClients(count, targets, deanFaculty);
  const specs: ClientSpec[] = plans.map((plan) => ({ authorization: tokens[plan.role], variables: variablesOf(plan) }));
  const hubPid = hub.child.pid!;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, processUsage(hubPid).rssBytes)), 250);

  const load = new LoadGenerator();
  const qrvisit = new pg.Client({ connectionString: urls.qrvisit });
  const hubDb = new pg.Client({ connectionString: urls.hub });
  await Promise.all([qrvisit.connect(), hubDb.connect()]);
  try {
    const { connectMs } = await load.ask({ type: 'start', url, query: SUBSCRIPTION, clients: specs, concurrency: options.concurrency }, 'ready');
    // The hub attaches a subscription just after its subscribe message: let the last ones settle.
    await sleep(2000 + count / 5);
    console.log(`  ${count} clients subscribed in ${connectMs} ms; inserting ${options.rate}/s for ${options.seconds} s`);

    const random = rng(count);
    const inserted = new Map<string, Inserted>();
    const total = Math.round(options.rate * options.seconds);
    const interval = 1000 / options.rate;
    const hubBefore = processUsage(hubPid);
    const loadBefore = processUsage(load.child.pid!);
    const startedAt = now();
    for (let k = 0; k < total; k++) {
      const due = startedAt + k * interval;
      const wait = due - now();
      if (wait > 1) await sleep(wait);
      const target = targets[k % targets.length];
      const book = pick(random, target.studentBooks);
      await qrvisit.query('begin');
      const { rows } = await qrvisit.query<{ id: string }>(
        `insert into scan (session_id, student_book, scanned_at, result, device) values ($1, $2, now(), 'accepted', 'bench') returning id::text`,
        [target.sessionKey, book],
      );
      await qrvisit.query('commit');
      inserted.set(rows[0].id, { target, commitAt: now() });
    }
    const insertWall = now() - startedAt;
    const hubAfter = processUsage(hubPid);
    const loadAfter = processUsage(load.child.pid!);

    // Which events will arrive, then wait for them (or for the count to stop growing).
    let expectedTotal = 0;
    for (const plan of plans) for (const { target } of inserted.values()) if (expects(plan, target, deanFaculty)) expectedTotal++;
    let last = -1;
    let stableSince = now();
    const drainUntil = now() + 60_000;
    for (;;) {
      const { received } = await load.ask({ type: 'count' }, 'count');
      if (received >= expectedTotal) break;
      if (received !== last) {
        last = received;
        stableSince = now();
      } else if (now() - stableSince > 5000) break;
      if (now() > drainUntil) break;
      await sleep(200);
    }
    await sleep(500);
    const hubDone = processUsage(hubPid);
    const workWall = now() - startedAt;

    // The cursor the hub gave each inserted row.
    const { rows: logged } = await hubDb.query<{ cursor: string; row_key: string }>(
      `select cursor::text, row_key from event_log where source = 'qrvisit' and table_name = 'scan' and row_key = any($1::text[])`,
      [[...inserted.keys()]],
    );
    const scanByCursor = new Map(logged.map((r) => [Number(r.cursor), r.row_key]));
    // How long the change feed took to copy the rows into the hub's log (part of the latency).
    const { rows: [lag] } = await hubDb.query<{ p50: number; p99: number }>(
      `select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.99) within group (order by ms) as p99
         from (select extract(epoch from ingested_at - changed_at) * 1000 as ms from event_log
                where source = 'qrvisit' and table_name = 'scan' and row_key = any($1::text[])) l`,
      [[...inserted.keys()]],
    );
    const { clients: reports } = await load.ask({ type: 'report' }, 'report');

    let delivered = 0;
    let duplicates = 0;
    let unexpected = 0;
    let earlier = 0;
    let errors = 0;
    let closed = 0;
    const latencies: number[] = [];
    reports.forEach((report: ClientReport, i) => {
      const plan = plans[i];
      const seen = new Set<number>();
      errors += report.errors.length;
      if (report.closedWith !== null) closed++;
      for (let j = 0; j < report.received.length; j += 2) {
        const cursor = report.received[j];
        const scan = scanByCursor.get(cursor);
        const row = scan === undefined ? undefined : inserted.get(scan);
        // Not one of this level's scans: the previous level's, still draining when these clients subscribed.
        if (!row) {
          earlier++;
          continue;
        }
        if (!expects(plan, row.target, deanFaculty)) {
          unexpected++;
          continue;
        }
        if (seen.has(cursor)) {
          duplicates++;
          continue;
        }
        seen.add(cursor);
        delivered++;
        latencies.push(report.received[j + 1] - row.commitAt);
      }
      if (report.errors.length && errors === report.errors.length) console.log(`  first client error: ${report.errors[0]}`);
    });
    const sorted = Float64Array.from(latencies).sort();
    return {
      clients: count,
      connectMs,
      inserted: inserted.size,
      expected: expectedTotal,
      delivered,
      lost: expectedTotal - delivered,
      duplicates,
      unexpected,
      earlier,
      errors,
      closed,
      p50: sortedPercentile(sorted, 50),
      p99: sortedPercentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1] : NaN,
      hubCpu: ((hubAfter.cpuMs - hubBefore.cpuMs) / insertWall) * 100,
      hubCpuPerSecond: ((hubDone.cpuMs - hubBefore.cpuMs) / (options.seconds * 1000)) * 100,
      drainS: (workWall - insertWall) / 1000,
      hubRssMb: peakRss / 2 ** 20,
      loadCpu: ((loadAfter.cpuMs - loadBefore.cpuMs) / insertWall) * 100,
      ingestP50: Number(lag?.p50),
      ingestP99: Number(lag?.p99),
    };
  } finally {
    clearInterval(sampler);
    await load.stop();
    await Promise.all([qrvisit.end(), hubDb.end()]);
  }
}

async function main(): Promise<void> {
  const levels = String(options.clients).split(',').map((n) => Number(n.trim())).filter((n) => n > 0);
  const dbs = benchDatabases(options.scale);
  console.log(`Subscription benchmark: scale ${options.scale}, clients ${levels.join(', ')}, ${options.rate} scans/s for ${options.seconds} s per level`);
  const hub = startHubProcess({
    ...dbs.hubEnv,
    RATE_LIMIT_PER_MINUTE: '0',
    // Tokens must outlive the largest level's connect + run.
    ACCESS_TOKEN_TTL_SECONDS: '7200',
  }, { nodeArgs: process.env.BENCH_HUB_NODE_ARGS ? process.env.BENCH_HUB_NODE_ARGS.split(' ') : [] });
  const results: LevelResult[] = [];
  try {
    const url = await hub.ready;
    const hubDb = new pg.Client({ connectionString: dbs.urls.hub });
    await hubDb.connect();
    const { rows } = await hubDb.query<{ faculty_key: number }>(`select faculty_key from account where login = 'dean'`);
    await hubDb.end();
    const deanFaculty = rows[0]?.faculty_key;
    if (deanFaculty == null) throw new Error('the demo dean account is missing (DEMO_ACCOUNTS must be on)');
    const targets = await loadTargets(dbs.urls, deanFaculty);
    if (targets.length === 0) throw new Error('no QR-visit sessions of known lessons to scan into');
    const tokens = { admin: await loginOverHttp(url), dean: await loginOverHttp(url, 'dean', 'dean-demo-2026') };
    console.log(`  hub ready at ${url}; ${targets.length} sessions (${targets.filter((t) => t.facultyKey === deanFaculty).length} of the dean's faculty)`);
    for (const count of levels) {
      const result = await runLevel(hub, url, dbs.urls, count, targets, deanFaculty, tokens);
      results.push(result);
      console.log(`  ${JSON.stringify(result)}`);
    }
  } finally {
    // A generous grace: an instance that was overloaded may take a while to drain, and a SIGKILL would orphan its embedded PostgreSQL.
    await hub.stop(60_000);
  }

  const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
  const table = markdownTable(
    ['clients', 'scans inserted', 'deliveries expected', 'delivered', 'lost', 'duplicates / unexpected', 'p50 ms', 'p99 ms', 'max ms', 'ingest p50 / p99 ms', 'hub CPU % (inserts)', 'hub CPU needed % (work / insert seconds)', 'drain s', 'hub peak RSS MB', 'load generator CPU %', 'connect s'],
    results.map((r) => [
      r.clients, r.inserted, r.expected, r.delivered, r.lost, `${r.duplicates} / ${r.unexpected}`, fmt(r.p50, 1), fmt(r.p99, 1), fmt(r.max, 1), `${fmt(r.ingestP50, 1)} / ${fmt(r.ingestP99, 1)}`,
      fmt(r.hubCpu), fmt(r.hubCpuPerSecond), fmt(r.drainS, 1), fmt(r.hubRssMb), fmt(r.loadCpu), fmt(r.connectMs / 1000, 1),
    ]),
  );
  const mix = FILTER_MIX.map(([k, share]) => `${k} ${Math.round(share * 100)} %`).join(', ');
  const body = [
    `One hub instance; ${options.rate} accepted scans/s inserted into qrvisit.scan with plain SQL for ${options.seconds} s per level, over ` +
      `${TARGET_SESSIONS} sessions of real lessons; clients subscribe to \`attendanceMarked\` (filters: ${mix}); every ${DEAN_EVERY}th client is the ` +
      'demo dean (row rule: its faculty), the others administrators. Latency: COMMIT returned → event received by the client (same clock). ' +
      'Three processes: bench script, hub, load generator. Hub CPU % (inserts) is over the insert window (100 % = one core); ' +
      '"CPU needed" is the hub\'s CPU time for the whole level (inserts + drain) per insert second — above 100 % one instance cannot keep up; ' +
      '"drain" is how long deliveries went on after the last insert.',
    '',
    'Selection set:',
    '',
    '```graphql',
    SUBSCRIPTION,
    '```',
    '',
    table,
    '',
    `Targets (issue 5): at 10,000 clients p99 ≤ 200 ms, nothing lost, RSS ≤ 600 MB.`,
  ].join('\n');
  const file = appendResults(`Subscriptions: attendanceMarked, scale ${options.scale}`, body);
  console.log(table);
  console.log(`Appended to ${file}`);
  const wrong = results.some((r) => r.lost !== 0 || r.duplicates !== 0 || r.unexpected !== 0 || r.errors !== 0);
  process.exitCode = wrong ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
