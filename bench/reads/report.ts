/**
 * The read benchmark's Markdown: one row per operation × system, the hub's ratios against
 * PostGraphile and the floor, the head-to-head target check, and how everything was measured.
 */
import { markdownTable } from '../lib/results';
import type { HeadToHeadCheck } from './head-to-head';
import type { LoadResult } from './load';
import { OPERATIONS, type BenchIds, type OperationName, type SystemName } from './operations';

export interface Measurement {
  operation: OperationName;
  system: SystemName;
  load: LoadResult;
  statements: number;
  byDatabase: Record<string, number> | null;
  bytes: number;
  /** Milliseconds of one request alone, before the load. */
  aloneMs: number;
}

export interface ReadsReportInput {
  scale: number;
  external: boolean;
  connections: number;
  duration: number;
  warmup: number;
  poolSize: number;
  ids: BenchIds;
  measurements: Measurement[];
  headToHead: HeadToHeadCheck | null;
  /** Extra node arguments and environment the hub ran with (room for seeding large scales). */
  hubExtras: string[];
  postgraphileSettings: Record<string, unknown> | null;
  installMs: number;
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? `${(a / b).toFixed(2)}×` : '—');

function statementsCell(m: Measurement): string {
  if (!m.byDatabase) return String(m.statements);
  const parts = Object.entries(m.byDatabase).filter(([, n]) => n > 0).map(([db, n]) => `${db} ${n}`);
  return `${m.statements} (${parts.join(', ')})`;
}

function answers(m: Measurement): string {
  if (m.system !== 'postgraphile') return 'full';
  return m.operation === 'avnGroupGrades' ? 'same rows' : 'AVN part';
}

export function readsReport(input: ReadsReportInput): string {
  const { measurements, ids } = input;
  const rows = measurements.map((m) => [
    m.operation, m.system, answers(m), fixed(m.load.rps), m.load.p50, m.load.p99, Math.round(m.aloneMs), statementsCell(m), fixed(m.bytes / 1024), m.load.failures,
  ]);
  const find = (operation: OperationName, system: SystemName) => measurements.find((m) => m.operation === operation && m.system === system);
  const operations = [...new Set(measurements.map((m) => m.operation))];
  const ratios = operations.map((operation) => {
    const hub = find(operation, 'hub')?.load;
    const pg = find(operation, 'postgraphile')?.load;
    const floor = find(operation, 'floor')?.load;
    // p99 ratio: hub's p99 over the other's (below 1 = the hub's tail is shorter).
    return [operation, ratio(hub?.rps, pg?.rps), ratio(hub?.p99, pg?.p99), ratio(hub?.rps, floor?.rps), ratio(hub?.p99, floor?.p99)];
  });

  const lines: string[] = [];
  lines.push(
    `Scale ${input.scale}${input.external ? ' (external databases)' : ''}; ${input.connections} connections per system; ` +
      `${input.duration} s measured after ${input.warmup} s of warm-up, per operation × system, one system at a time.`,
  );
  lines.push('');
  lines.push(markdownTable(['operation', 'system', 'answers', 'req/s', 'p50 ms', 'p99 ms', 'alone ms', 'SQL statements / request', 'response KB', 'failures'], rows));
  lines.push('');
  lines.push('"alone ms": one request with nothing else running, after a first one (the probe that counts the statements). ' +
    'req/s 0.0 with p50/p99 0 means no request completed within the measured seconds (each took longer under that load).');
  lines.push('');
  lines.push('Ratios of the hub to each peer (req/s: above 1 = the hub serves more; p99: below 1 = the hub\'s tail is shorter):');
  lines.push('');
  lines.push(markdownTable(['operation', 'hub/PostGraphile req/s', 'hub/PostGraphile p99', 'hub/floor req/s', 'hub/floor p99'], ratios));
  lines.push('');

  const hub = find('avnGroupGrades', 'hub')?.load;
  const pg = find('avnGroupGrades', 'postgraphile')?.load;
  if (input.headToHead) {
    lines.push(
      `Head-to-head check (avnGroupGrades): ${Object.entries(input.headToHead.rows).map(([s, n]) => `${s} ${n} rows`).join(', ')} — ` +
        `${input.headToHead.matched ? 'the same rows in every system after normalising shape' : 'DIFFERENT'}.`,
    );
  }
  if (hub && pg) {
    const rpsOk = hub.rps >= 1.5 * pg.rps;
    const p99Ok = hub.p99 <= pg.p99;
    lines.push(
      `Target (issue 5 §5) on avnGroupGrades: hub req/s ≥ 1.5× PostGraphile's — ${rpsOk ? 'met' : 'NOT met'} (${ratio(hub.rps, pg.rps)}); ` +
        `hub p99 ≤ PostGraphile's — ${p99Ok ? 'met' : 'NOT met'} (${hub.p99} ms vs ${pg.p99} ms).`,
    );
  }
  lines.push('');
  lines.push('Operations (rows picked from the data before measuring: ' +
    `group ${ids.groupName} with ${ids.groupSize} students, student ${ids.studentNumber}, faculty key ${ids.facultyKey}, the largest):`);
  lines.push('');
  for (const operation of operations) {
    const definition = OPERATIONS[operation];
    lines.push(`- **${operation}**: ${definition.description}. PostGraphile: ${definition.postgraphile(ids).scope}.`);
  }
  lines.push('');
  lines.push('How it was measured:');
  lines.push('');
  lines.push('- Each system in its own process on this machine, over the same PostgreSQL: the hub (`src/main.ts`, ' +
    `admin token, RATE_LIMIT_PER_MINUTE=0, STATEMENT_COUNTS=true${input.hubExtras.map((x) => `, ${x}`).join('')}), ` +
    'PostGraphile 4.14.1 (bench/postgraphile, library mode over `avn`), ' +
    'the floor (bench/reads/floor-server.ts: node:http + pg, one hand-written json_agg statement per source, no GraphQL).');
  lines.push(`- Load: autocannon 9 (programmatic), POST with a fixed body, ${input.connections} connections, from the bench process; ` +
    'req/s is the mean over the measured seconds, p50/p99 are autocannon\'s latency percentiles.');
  lines.push(`- Database pools: ${input.poolSize} connections per database for every system (the hub's pool per source).`);
  if (input.postgraphileSettings) {
    lines.push(`- PostGraphile settings: \`${JSON.stringify(input.postgraphileSettings)}\`${input.installMs ? ` (installed by this run with npm ci in ${fixed(input.installMs / 1000)} s)` : ''}.`);
  }
  lines.push('- SQL statements per request, counted for real on one request before the load: the hub reports its own per-request ' +
    'counts per database in `extensions.sqlStatements` (STATEMENT_COUNTS=true; the same QueryStats the N+1 tests use); ' +
    'PostGraphile\'s pool wraps every client\'s `query()` and the floor counts each statement, both read through GET /__statements ' +
    'before and after the request.');
  lines.push('- "AVN part": PostGraphile sees only AVN\'s native tables, so for the multi-source operations it answers only what AVN ' +
    'holds (and leaves GPA and rates to its client); its figures there are for less work and are shown for scale, not as a like-for-like comparison.');
  return lines.join('\n');
}
