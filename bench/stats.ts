/**
 * `npm run bench:stats`: each statistic against a hand-written SQL floor for the same numbers
 * (issue 12, "Done when"). Per case (bench/stats/cases.ts): the answer checked against the floor's
 * numbers first (a bench that compares wrong numbers is worthless), then the latency of the
 * statistic alone (sequential requests over HTTP as the case's viewer) and of the floor SQL alone,
 * then throughput with a few concurrent clients, the hub against the floor (a pg pool of the hub's
 * size on the same database). Prints a table and appends it to bench/RESULTS.md.
 *
 *   npm run bench:stats -- [--scale 1] [--samples 15] [--duration 10] [--warmup 2] [--connections 4] [--cases a,b]
 *
 * The hub runs in a child process on the bench data folder of the scale (.data/bench-scale-<n>,
 * seeded on its first start and kept), as bench:reads does.
 */
import pg from 'pg';
import { benchDatabases, parseArgs } from './lib/bench-databases';
import { loginOverHttp, startHubProcess, type HubProcess } from './lib/hub-process';
import { appendResults, markdownTable, percentile } from './lib/results';
import { CASES, GRADE_FLOOR_SCALE, type BenchViewer, type FloorContext, type StatCase } from './stats/cases';

/** The hub's pool size per source database (src/db/source-db.ts); the floor's pool is the same. */
const POOL_SIZE = 10;
const PORT_ATTEMPTS = 6;
const PAGE = 100;
/** Targets of issue 12. */
const TARGET_ALONE_MS: Record<number, number> = { 1: 300, 10: 2000 };
const TARGET_RATIO = 0.5;

const log = (message: string) => console.log(`[bench:stats] ${message}`);

function seedingHeadroom(scale: number, external: boolean): { nodeArgs: string[]; env: Record<string, string> } {
  if (external || scale <= 1) return { nodeArgs: [], env: {} };
  return { nodeArgs: [`--max-old-space-size=${Math.max(4096, Math.ceil(scale * 1200))}`], env: { SOURCE_CONNECT_TIMEOUT_MS: '60000' } };
}

interface GraphQLBody {
  data?: Record<string, any>;
  errors?: { message: string; extensions?: { code?: string } }[];
}

function statisticQuery(c: StatCase, after: string | null): string {
  const measures = [...c.measures, ...(c.distribution ? ['distribution { label count }'] : [])].join(' ');
  const cell = `group { ${c.groupSelection} } suppressed suppression people ${measures}`;
  const paging = `first: ${PAGE}${after ? `, after: ${JSON.stringify(after)}` : ''}`;
  return `{ s: ${c.statistic}(${c.args}, ${paging}) { totalCount withheldCount minGroupSize total { ${cell} } nodes { ${cell} } pageInfo { hasNextPage endCursor } } }`;
}

async function post(url: string, authorization: string, query: string): Promise<GraphQLBody> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as GraphQLBody;
  if (body.errors?.length || !body.data) throw new Error(`${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 800)}`);
  return body;
}

/** Every group of a case's answer (all pages), and its total. */
async function wholeAnswer(url: string, authorization: string, c: StatCase) {
  const nodes: Record<string, any>[] = [];
  let after: string | null = null;
  let total: Record<string, any> | null = null;
  let minGroupSize = 1;
  for (;;) {
    const { data } = await post(url, authorization, statisticQuery(c, after));
    const s = data!.s;
    total = s.total;
    minGroupSize = s.minGroupSize;
    nodes.push(...s.nodes);
    if (!s.pageInfo.hasNextPage) break;
    after = s.pageInfo.endCursor;
  }
  return { nodes, total: total!, minGroupSize };
}

const same = (a: unknown, b: unknown, tolerance = 0) =>
  (a == null && b == null) || (a != null && b != null && (Number(a) === Number(b) || Math.abs(Number(a) - Number(b)) <= tolerance));

/**
 * Differences between the answer and the floor: every shown group's people and measures (and
 * letters) equal the floor's row of the same key; every floor group appears; a withheld group has
 * null measures and is one the rule may withhold (fewer than K people, or secondary: any size);
 * groups of fewer than K people are all withheld.
 */
function compare(c: StatCase, answer: Awaited<ReturnType<typeof wholeAnswer>>, floorRows: Record<string, any>[]): { differences: string[]; groups: number; withheld: number } {
  const differences: string[] = [];
  const byKey = new Map(floorRows.filter((r) => !r._total).map((r) => [JSON.stringify(Object.keys(r).filter((k) => /^_k\d+$/.test(k)).sort().map((k) => r[k] ?? null)), r]));
  const floorTotal = floorRows.find((r) => r._total);
  const check = (label: string, node: Record<string, any>, row: Record<string, any> | undefined) => {
    if (!row) return differences.push(`${label}: not in the floor`);
    if (node.suppressed) {
      for (const m of ['people', ...c.measures]) if (node[m] !== null) differences.push(`${label}: withheld but ${m} = ${node[m]}`);
      if (node.suppression === 'PRIMARY' && !(row.people > 0 && row.people < answer.minGroupSize)) differences.push(`${label}: PRIMARY with ${row.people} people`);
      return;
    }
    if (row.people > 0 && row.people < answer.minGroupSize) differences.push(`${label}: ${row.people} people but shown`);
    for (const m of ['people', ...c.measures]) if (!same(node[m], row[m], c.tolerance?.[m])) differences.push(`${label}: ${m} ${node[m]} ≠ floor ${row[m]}`);
    if (c.distribution) for (const { label: letter, count } of node.distribution ?? []) if (!same(count, row[`dist_${letter}`])) differences.push(`${label}: ${letter} ${count} ≠ floor ${row[`dist_${letter}`]}`);
  };
  const seen = new Set<string>();
  for (const node of answer.nodes) {
    const key = JSON.stringify(c.keyOf(node.group));
    seen.add(key);
    check(key, node, byKey.get(key));
  }
  for (const key of byKey.keys()) if (!seen.has(key)) differences.push(`${key}: in the floor, not in the answer`);
  check('total', answer.total, floorTotal);
  return { differences, groups: answer.nodes.length, withheld: answer.nodes.filter((n) => n.suppressed).length };
}

async function timeSequential(samples: number, run: () => Promise<unknown>): Promise<number[]> {
  await run(); // warm (plans, caches)
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  return ms;
}

/** Closed loop: `connections` clients repeat `run` for `seconds`; requests per second completed. */
async function throughput(connections: number, seconds: number, warmup: number, run: () => Promise<unknown>): Promise<{ rps: number; failures: number }> {
  const loop = async (until: number, count: { done: number; failures: number }) => {
    while (performance.now() < until) {
      try {
        await run();
        count.done++;
      } catch (error) {
        if (count.failures++ === 0) log(`a request failed under load: ${(error as Error).message.slice(0, 300)}`);
      }
    }
  };
  if (warmup > 0) {
    const until = performance.now() + warmup * 1000;
    await Promise.all(Array.from({ length: connections }, () => loop(until, { done: 0, failures: 0 })));
  }
  const started = performance.now();
  const until = started + seconds * 1000;
  const count = { done: 0, failures: 0 };
  await Promise.all(Array.from({ length: connections }, () => loop(until, count)));
  return { rps: count.done / ((performance.now() - started) / 1000), failures: count.failures };
}

interface Row {
  name: string;
  groups: number;
  withheld: number;
  matched: boolean;
  hubP50: number;
  hubP95: number;
  floorP50: number;
  floorP95: number;
  hubRps: number;
  floorRps: number;
  failures: number;
}

async function main(): Promise<void> {
  const args = parseArgs({ scale: 1, samples: 15, duration: 10, warmup: 2, connections: 4, cases: CASES.map((c) => c.name).join(',') });
  const picked = args.cases.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of picked) if (!CASES.some((c) => c.name === name)) throw new Error(`--cases: unknown "${name}"; known: ${CASES.map((c) => c.name).join(', ')}`);
  const cases = CASES.filter((c) => picked.includes(c.name));
  const databases = benchDatabases(args.scale);

  let hub = null as HubProcess | null;
  const pools: pg.Pool[] = [];
  const stopAll = async () => {
    await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
    await hub?.stop().catch(() => undefined);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143)));
  }

  try {
    log(databases.external ? 'Starting the hub on the given databases…' : `Starting the hub at scale ${args.scale} (the first start at a scale seeds it: about 35 s at scale 1, 9 min at scale 10)…`);
    const headroom = seedingHeadroom(args.scale, databases.external);
    // A statistic at scale 10 on a busy machine can outlast the default 15 s statement timeout: the bench measures it rather than fail.
    const env = { ...databases.hubEnv, ...headroom.env, RATE_LIMIT_PER_MINUTE: '0', ACCESS_TOKEN_TTL_SECONDS: '86400', STATEMENT_TIMEOUT_MS: '180000' };
    let url = '';
    const tokens = {} as Record<BenchViewer, string>;
    const startHub = async () => {
      const started = performance.now();
      for (let attempt = 1; ; attempt++) {
        hub = startHubProcess(env, { nodeArgs: headroom.nodeArgs });
        try {
          url = await hub.ready;
          break;
        } catch (error) {
          if (attempt >= PORT_ATTEMPTS || !/did not start on port/.test(hub.output())) throw error;
          log(`The embedded PostgreSQL's port is taken (attempt ${attempt} of ${PORT_ATTEMPTS}); retrying in 15 s…`);
          await new Promise((resolve) => setTimeout(resolve, 15_000));
        }
      }
      log(`Hub ready at ${url} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      tokens.admin = await loginOverHttp(url);
      tokens.analyst = await loginOverHttp(url, 'analyst', 'analyst-demo-2026');
    };
    await startHub();
    /** The hub process stopped under the bench (on a shared machine something else may end it). */
    const hubGone = () => hub !== null && (hub.child.exitCode !== null || hub.child.signalCode !== null);
    const poolOf = new Map<string, pg.Pool>();
    const floorPool = (database: keyof typeof databases.urls) => {
      let pool = poolOf.get(database);
      if (!pool) {
        pool = new pg.Pool({ connectionString: databases.urls[database], max: POOL_SIZE });
        // An idle connection dropped (the hub's PostgreSQL stopping) is not a crash of the bench.
        pool.on('error', (error) => log(`floor pool (${database}): ${error.message}`));
        pools.push(pool);
        poolOf.set(database, pool);
      }
      return pool;
    };

    const scale = (await floorPool(GRADE_FLOOR_SCALE.database).query<{ letters: string }>(GRADE_FLOOR_SCALE.sql)).rows[0]?.letters;
    if (scale !== GRADE_FLOOR_SCALE.expected) throw new Error(`The grade floor is written for the scale ${GRADE_FLOOR_SCALE.expected}; this database has ${scale}.`);

    // The business date and instant the hub answers for (overdue loans and requests, current staff, dormitory fees).
    const time = (await post(url, tokens.admin, '{ businessTime { date now timeZone } }')).data!.businessTime as { date: string; now: string; timeZone: string };
    const ctx: FloorContext = {
      ...time,
      query: async (database, sql, params) => (await floorPool(database).query(sql, params as unknown[] | undefined)).rows,
    };

    const rows: Row[] = [];
    const runCase = async (c: StatCase): Promise<Row> => {
      const floor = c.floor;
      const floorRun =
        'run' in floor
          ? () => floor.run(ctx)
          : async () => {
              const sql = typeof floor.sql === 'function' ? floor.sql(ctx) : floor.sql;
              const params = typeof floor.params === 'function' ? floor.params(ctx) : floor.params;
              return (await floorPool(floor.database).query(sql, params as unknown[] | undefined)).rows;
            };
      const hubRun = () => post(url, tokens[c.viewer], statisticQuery(c, null));

      const answer = await wholeAnswer(url, tokens[c.viewer], c);
      const check = compare(c, answer, await floorRun());
      if (check.differences.length) log(`${c.name}: the answer differs from the floor:\n  ${check.differences.slice(0, 20).join('\n  ')}`);
      else log(`${c.name}: ${check.groups} groups (${check.withheld} withheld), the same numbers as the floor`);

      const hubMs = await timeSequential(args.samples, hubRun);
      const floorMs = await timeSequential(args.samples, floorRun);
      const hubLoad = await throughput(args.connections, args.duration, args.warmup, hubRun);
      const floorLoad = await throughput(args.connections, args.duration, args.warmup, floorRun);
      const row: Row = {
        name: c.name,
        groups: check.groups,
        withheld: check.withheld,
        matched: check.differences.length === 0,
        hubP50: percentile(hubMs, 50),
        hubP95: percentile(hubMs, 95),
        floorP50: percentile(floorMs, 50),
        floorP95: percentile(floorMs, 95),
        hubRps: hubLoad.rps,
        floorRps: floorLoad.rps,
        failures: hubLoad.failures + floorLoad.failures,
      };
      if (hubGone()) throw new Error(`the hub stopped during ${c.name}`);
      return row;
    };
    for (const c of cases) {
      for (let attempt = 1; ; attempt++) {
        try {
          const row = await runCase(c);
          rows.push(row);
          log(`${c.name}: alone p50 ${row.hubP50.toFixed(0)} ms (floor ${row.floorP50.toFixed(0)} ms); ${row.hubRps.toFixed(2)} req/s vs floor ${row.floorRps.toFixed(2)} (${(row.hubRps / row.floorRps).toFixed(2)}×)`);
          break;
        } catch (error) {
          if (!hubGone() || attempt >= 3) throw error;
          log(`${c.name}: the hub stopped (${hub!.child.signalCode ?? hub!.child.exitCode}) — not by this bench; restarting it and running the case again (attempt ${attempt + 1} of 3)`);
          await startHub();
        }
      }
    }

    const target = TARGET_ALONE_MS[args.scale];
    const table = markdownTable(
      ['case', 'groups (withheld)', 'same numbers as floor', 'statistic alone p50 / p95 ms', 'floor alone p50 / p95 ms', 'statistic req/s', 'floor req/s', 'ratio', 'targets'],
      rows.map((r) => {
        const ratio = r.hubRps / r.floorRps;
        const met = [target ? (r.hubP50 <= target ? `≤${target} ms met` : `≤${target} ms MISSED`) : null, ratio >= TARGET_RATIO ? `≥${TARGET_RATIO}× met` : `≥${TARGET_RATIO}× MISSED`].filter(Boolean).join(', ');
        return [r.name, `${r.groups} (${r.withheld})`, r.matched ? 'yes' : 'NO', `${r.hubP50.toFixed(0)} / ${r.hubP95.toFixed(0)}`, `${r.floorP50.toFixed(0)} / ${r.floorP95.toFixed(0)}`, r.hubRps.toFixed(2), r.floorRps.toFixed(2), `${ratio.toFixed(2)}×`, met + (r.failures ? `, ${r.failures} failures` : '')];
      }),
    );
    const report = [
      `Scale ${args.scale}; ${args.samples} sequential requests per case after one warm-up (alone); throughput: ${args.connections} concurrent clients for ${args.duration} s after ${args.warmup} s of warm-up, the hub over HTTP (first page of ${PAGE} groups, the whole statistic computed) against the floor SQL on a pg pool of ${POOL_SIZE}. Load average at the end: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}.`,
      '',
      table,
    ].join('\n');
    console.log(`\n${report}\n`);
    const file = appendResults(`Statistics vs hand-written SQL floor (scale ${args.scale})`, report);
    log(`Appended to ${file}`);
    if (rows.some((r) => !r.matched)) throw new Error('Some statistics differ from their floor (see above).');
  } catch (error) {
    const logged = hub?.output().split('\n').filter((l) => /"level":"(error|warn)"/.test(l)).slice(-5) ?? [];
    if (logged.length) console.error(`[bench:stats] the hub logged:\n${logged.join('\n')}`);
    throw error;
  } finally {
    await stopAll();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`[bench:stats] failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
