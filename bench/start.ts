/**
 * `npm run bench:start`: how long `npm start`'s process takes until it is ready.
 * - cold: an empty data folder, so the embedded PostgreSQL is initialised, the six databases are
 *   created and migrated and the demo university is seeded at --scale (full scale by default);
 * - warm: the same folder again (--warm-runs times): PostgreSQL starts on existing data, nothing
 *   to seed.
 * Time runs from spawning the process to its "Campus Graph is ready" line (Node, TypeScript
 * loading and everything the hub does before it serves), measured by this script.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appendResults, markdownTable, percentile } from './lib/results';
import { parseArgs } from './lib/bench-databases';
import { processUsage, startHubProcess } from './lib/hub-process';

const TARGET_COLD_S = 120;
const TARGET_WARM_S = 3;

interface Run {
  kind: 'cold' | 'warm';
  seconds: number;
  /** What the hub itself logged as its start-up time (from main to ready). */
  hubReportedMs: number | null;
  rssMb: number;
}

async function timeOneStart(kind: Run['kind'], env: Record<string, string>): Promise<Run> {
  const started = process.hrtime.bigint();
  const hub = startHubProcess({ ...env, LOG_LEVEL: 'info' });
  try {
    await hub.ready;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const reported = /"message":"Campus Graph is ready"[^\n]*"startupMs":(\d+)/.exec(hub.output());
    const rssMb = processUsage(hub.child.pid!).rssBytes / 2 ** 20;
    return { kind, seconds, hubReportedMs: reported ? Number(reported[1]) : null, rssMb };
  } finally {
    const code = await hub.stop();
    if (code !== 0) throw new Error(`the hub did not stop cleanly (exit ${code}):\n${hub.output().slice(-2000)}`);
  }
}

async function main(): Promise<void> {
  const options = parseArgs({ scale: 1, warmRuns: 3, keep: false });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'campus-graph-bench-start-'));
  // The embedded PostgreSQL runs as `postgres` when this runs as root: it must reach the folder.
  fs.chmodSync(dataDir, 0o755);
  const env = {
    DATA_DIR: dataDir,
    DEMO_SCALE: String(options.scale),
    EMBEDDED_PG_PORT: String(26700 + Math.floor(Math.random() * 300)),
  };
  const runs: Run[] = [];
  try {
    console.log(`cold start at scale ${options.scale} (empty data folder ${dataDir}) …`);
    runs.push(await timeOneStart('cold', env));
    console.log(`  ready after ${runs[0].seconds.toFixed(1)} s`);
    for (let i = 0; i < options.warmRuns; i++) {
      const run = await timeOneStart('warm', env);
      console.log(`warm start ${i + 1}: ready after ${run.seconds.toFixed(2)} s`);
      runs.push(run);
    }
  } finally {
    if (!options.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const cold = runs[0];
  const warm = runs.filter((r) => r.kind === 'warm');
  const warmMedian = percentile(warm.map((r) => r.seconds), 50);
  const rows = runs.map((r, i) => [
    r.kind === 'cold' ? 'cold (init + migrate + seed)' : `warm #${i}`,
    r.seconds.toFixed(2),
    r.hubReportedMs == null ? '–' : (r.hubReportedMs / 1000).toFixed(2),
    r.rssMb.toFixed(0),
  ]);
  const table = markdownTable(['start', 'seconds to ready', 'hub-reported start (s)', 'RSS at ready (MB)'], rows);
  const verdict = [
    `- Cold start: ${cold.seconds.toFixed(1)} s (target ≤ ${TARGET_COLD_S} s: ${cold.seconds <= TARGET_COLD_S ? 'met' : 'NOT met'})`,
    `- Warm start, median of ${warm.length}: ${warmMedian.toFixed(2)} s (target ≤ ${TARGET_WARM_S} s: ${warmMedian <= TARGET_WARM_S ? 'met' : 'NOT met'})`,
  ].join('\n');
  const body = `Scale ${options.scale}. Seconds from spawning \`npm start\`'s process to its ready line (Node and TypeScript loading included).\n\n${table}\n\n${verdict}`;
  console.log(`\n${table}\n\n${verdict}`);
  const file = appendResults(`Start: cold and warm (scale ${options.scale})`, body);
  console.log(`\nappended to ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
