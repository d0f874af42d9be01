/**
 * `npm run bench:reads`: the hub side by side with PostGraphile 4.14.1 (over the same AVN
 * database) and a hand-written `pg` floor, on the same data, at the same concurrency, in one run
 * (issue 5 §2). Prints a table and appends it to bench/RESULTS.md (or $BENCH_RESULTS_FILE).
 *
 *   npm run bench:reads -- [--scale 1] [--duration 10] [--warmup 3] [--connections 16]
 *                          [--operations studyCard,groupPage,facultyDashboard,avnGroupGrades]
 *                          [--systems hub,postgraphile,floor]
 *
 * Every system runs in its own child process: the hub (src/main.ts), PostGraphile
 * (bench/postgraphile/server.js, installed there with `npm ci` when missing) and the floor
 * (bench/reads/floor-server.ts). All are stopped at the end, on error and on Ctrl-C.
 */
import { benchDatabases, parseArgs } from './lib/bench-databases';
import { loginOverHttp, startHubProcess, type HubProcess } from './lib/hub-process';
import { appendResults } from './lib/results';
import type { ChildServer } from './reads/child-server';
import { compareGroupGrades, type HeadToHeadCheck } from './reads/head-to-head';
import { measure, type LoadResult } from './reads/load';
import { OPERATION_NAMES, OPERATIONS, SYSTEM_NAMES, type OperationName, type SystemName } from './reads/operations';
import { ensurePostGraphileInstalled, startFloor, startPostGraphile } from './reads/peers';
import { pickIds } from './reads/pick-ids';
import { readsReport, type Measurement } from './reads/report';
import { floorTarget, hubTarget, postGraphileTarget, type Target } from './reads/targets';

/**
 * The hub's pool size per source database (src/db/source-db.ts, `max ?? 10`); PostGraphile and
 * the floor get the same, so every system has the same database concurrency.
 */
const HUB_POOL_SIZE = 10;

/**
 * The demo generator builds a whole university in memory before writing it (about 1 GB of heap per
 * scale unit: scale 10 ran out of Node's default 4 GB), and its long garbage collections can stall
 * a pool's 2 s connect timer. Above scale 1 on the embedded databases the hub gets room for that;
 * both settings only matter while seeding (a heap ceiling, a connect timeout).
 */
function seedingHeadroom(scale: number, external: boolean): { nodeArgs: string[]; env: Record<string, string> } {
  if (external || scale <= 1) return { nodeArgs: [], env: {} };
  return { nodeArgs: [`--max-old-space-size=${Math.max(4096, Math.ceil(scale * 1200))}`], env: { SOURCE_CONNECT_TIMEOUT_MS: '60000' } };
}

/** Starts of the hub tried while the embedded PostgreSQL's port is busy (15 s apart: a TIME-WAIT lasts 60 s). */
const PORT_ATTEMPTS = 6;

const log = (message: string) => console.log(`[bench:reads] ${message}`);

function listOption<T extends string>(raw: string, known: readonly T[], option: string): T[] {
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) if (!known.includes(item as T)) throw new Error(`--${option}: unknown "${item}"; known: ${known.join(', ')}`);
  return items as T[];
}

async function main(): Promise<void> {
  const args = parseArgs({ scale: 1, duration: 10, warmup: 3, connections: 16, operations: OPERATION_NAMES.join(','), systems: SYSTEM_NAMES.join(',') });
  const operations = listOption<OperationName>(args.operations, OPERATION_NAMES, 'operations');
  const systems = listOption<SystemName>(args.systems, SYSTEM_NAMES, 'systems');
  if (!systems.includes('hub')) throw new Error('--systems must include hub (the others are measured against it)');
  const databases = benchDatabases(args.scale);

  let hub: HubProcess | null = null;
  const peers: Partial<Record<SystemName, ChildServer>> = {};
  // Peers first: stopping the hub stops the embedded PostgreSQL, and a server that closes its
  // clients' connections itself leaves its port in TIME-WAIT (the next run could not bind it).
  const stopAll = async () => {
    await Promise.all(Object.values(peers).map((peer) => peer.stop().catch(() => undefined)));
    await hub?.stop().catch(() => undefined);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the servers…`);
      void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }

  try {
    const installMs = systems.includes('postgraphile') ? ensurePostGraphileInstalled(log) : 0;
    if (installMs) log(`PostGraphile installed in ${(installMs / 1000).toFixed(1)} s`);

    log(databases.external ? 'Starting the hub on the given databases…' : `Starting the hub at scale ${args.scale} (the first start at a scale seeds it; minutes)…`);
    const headroom = seedingHeadroom(args.scale, databases.external);
    if (headroom.nodeArgs.length) log(`The hub gets ${headroom.nodeArgs.join(' ')} and SOURCE_CONNECT_TIMEOUT_MS=${headroom.env.SOURCE_CONNECT_TIMEOUT_MS} (room for a first seed at this scale)`);
    const hubEnv = {
      ...databases.hubEnv,
      ...headroom.env,
      RATE_LIMIT_PER_MINUTE: '0',
      STATEMENT_COUNTS: 'true',
      // One token for the whole run, however long the measurements take.
      ACCESS_TOKEN_TTL_SECONDS: '86400',
    };
    let hubUrl: string;
    for (let attempt = 1; ; attempt++) {
      hub = startHubProcess(hubEnv, { nodeArgs: headroom.nodeArgs });
      try {
        hubUrl = await hub.ready;
        break;
      } catch (error) {
        // The bench ports (544xx/545xx) lie in Linux's ephemeral range: an outgoing connection of
        // any process may hold the port for a while (TIME-WAIT). Wait it out rather than fail.
        if (attempt >= PORT_ATTEMPTS || !/did not start on port/.test(hub.output())) throw error;
        log(`The embedded PostgreSQL's port is taken (attempt ${attempt} of ${PORT_ATTEMPTS}); retrying in 15 s…`);
        await new Promise((resolve) => setTimeout(resolve, 15_000));
      }
    }
    log(`Hub ready at ${hubUrl}`);

    // The peers use the databases the hub brought up (the embedded cluster, or the given URLs).
    if (systems.includes('postgraphile')) peers.postgraphile = startPostGraphile(databases.urls.avn, HUB_POOL_SIZE);
    if (systems.includes('floor')) peers.floor = startFloor(databases.urls, HUB_POOL_SIZE);
    const announced: Partial<Record<SystemName, { url: string; settings: Record<string, unknown> }>> = {};
    for (const [system, server] of Object.entries(peers)) announced[system as SystemName] = await server.ready;

    const authorization = await loginOverHttp(hubUrl);
    const ids = await pickIds(databases.urls);
    log(`Rows: group ${ids.groupName} (${ids.groupSize} students), student ${ids.studentNumber}, faculty ${ids.facultyKey}`);

    const targets: Target[] = [hubTarget(hubUrl, authorization)];
    if (announced.postgraphile) targets.push(postGraphileTarget(announced.postgraphile.url));
    if (announced.floor) targets.push(floorTarget(announced.floor.url));

    const measurements: Measurement[] = [];
    let headToHead: HeadToHeadCheck | null = null;
    for (const name of operations) {
      const operation = OPERATIONS[name];
      // Two requests per system first, one at a time: the first warms (compiles, plans), the second
      // is timed alone; both must answer without errors, and they tell the statements.
      const probes = new Map<SystemName, Awaited<ReturnType<Target['probe']>>>();
      for (const target of targets) {
        await target.probe(operation, ids);
        const probe = await target.probe(operation, ids);
        if (probe.errors?.length || probe.data == null) throw new Error(`${target.system} failed ${name}: ${JSON.stringify(probe.errors ?? probe.data).slice(0, 1000)}`);
        probes.set(target.system, probe);
      }
      if (name === 'avnGroupGrades') {
        headToHead = compareGroupGrades(Object.fromEntries([...probes].map(([system, probe]) => [system, probe.data])));
        log(`Head-to-head rows: ${JSON.stringify(headToHead.rows)} — ${headToHead.matched ? 'the same in every system' : 'DIFFERENT'}`);
        if (!headToHead.matched) throw new Error(`avnGroupGrades: the systems disagree:\n${headToHead.differences.join('\n')}`);
      }
      for (const target of targets) {
        const load: LoadResult = await measure(target.request(operation, ids), { connections: args.connections, duration: args.duration, warmup: args.warmup });
        const probe = probes.get(target.system)!;
        measurements.push({ operation: name, system: target.system, load, statements: probe.statements, byDatabase: probe.byDatabase, bytes: probe.bytes, aloneMs: probe.ms });
        log(`${name} × ${target.system}: ${load.rps.toFixed(1)} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms, alone ${Math.round(probe.ms)} ms, ${probe.statements} SQL, ${load.failures} failures`);
      }
    }

    const report = readsReport({
      scale: args.scale,
      external: databases.external,
      connections: args.connections,
      duration: args.duration,
      warmup: args.warmup,
      poolSize: HUB_POOL_SIZE,
      ids,
      measurements,
      headToHead,
      hubExtras: [...headroom.nodeArgs, ...Object.entries(headroom.env).map(([k, v]) => `${k}=${v}`)],
      postgraphileSettings: announced.postgraphile?.settings ?? null,
      installMs,
    });
    console.log(`\n${report}\n`);
    const file = appendResults(`Reads: hub vs PostGraphile vs floor (scale ${args.scale})`, report);
    log(`Appended to ${file}`);
  } catch (error) {
    // The hub logs what went wrong inside it (an INTERNAL_SERVER_ERROR's cause): show its errors.
    const logged = hub?.output().split('\n').filter((l) => /"level":"(error|warn)"/.test(l)).slice(-5) ?? [];
    if (logged.length) console.error(`[bench:reads] the hub logged:\n${logged.join('\n')}`);
    throw error;
  } finally {
    await stopAll();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`[bench:reads] failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
