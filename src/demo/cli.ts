/**
 * Seeds the demo university into existing databases:
 *
 *   node -r @swc-node/register src/demo/cli.ts --scale 0.01 --seed 1 \
 *     --url-avn postgres://… --url-qrvisit … --url-library … --url-dormitory … --url-registrar …
 *
 * Options: --migrate (create the native tables first, on empty databases), --truncate (empty the
 * generated tables first), --only avn,library (write a subset; the rest is still generated so the
 * data stays the same). Progress and timing go to stderr; only counts are printed, never personal
 * data.
 */
import pg from 'pg';
import { redact } from '../common/logger';
import { SOURCE_NAMES, type SourceName } from '../config';
import { seedDemo, sourceTableNames, type DemoProgress } from './generate';
import { nativeSchemaSql } from './native-schema';

interface CliOptions {
  scale: number;
  seed: number;
  urls: Partial<Record<SourceName, string>>;
  targets: SourceName[];
  migrate: boolean;
  truncate: boolean;
}

const USAGE = `usage: cli.ts [--scale 1] [--seed 20260119] --url-avn URL --url-qrvisit URL --url-library URL --url-dormitory URL --url-registrar URL
                [--only avn,library] [--migrate] [--truncate]`;

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { scale: 1, seed: 20260119, urls: {}, targets: [], migrate: false, truncate: false };
  let only: SourceName[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${arg} needs a value`);
      return v;
    };
    if (arg === '--scale') options.scale = Number(value());
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--migrate') options.migrate = true;
    else if (arg === '--truncate') options.truncate = true;
    else if (arg === '--only') only = value().split(',').map((s) => s.trim()) as SourceName[];
    else if (arg.startsWith('--url-') && SOURCE_NAMES.includes(arg.slice(6) as SourceName)) options.urls[arg.slice(6) as SourceName] = value();
    else if (arg === '--help' || arg === '-h') fail(USAGE, 0);
    else fail(`unknown argument ${arg}\n${USAGE}`);
  }
  if (!(options.scale > 0 && options.scale <= 20)) fail('--scale must be a number in (0, 20]');
  if (!Number.isInteger(options.seed) || options.seed < 0) fail('--seed must be a whole number ≥ 0');
  options.targets = only ?? (SOURCE_NAMES.filter((s) => options.urls[s]) as SourceName[]);
  if (!options.targets.length) fail(`no database URL given\n${USAGE}`);
  for (const s of options.targets) {
    if (!SOURCE_NAMES.includes(s)) fail(`unknown source ${s} (sources: ${SOURCE_NAMES.join(', ')})`);
    if (!options.urls[s]) fail(`--url-${s} is required to write ${s}`);
  }
  return options;
}

function fail(message: string, code = 2): never {
  process.stderr.write(message + '\n');
  process.exit(code);
}

const seconds = (ms: number) => (ms / 1000).toFixed(1).padStart(6) + 's';

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const pools = Object.fromEntries(options.targets.map((s) => [s, new pg.Pool({ connectionString: options.urls[s], max: 4, application_name: `campus-graph-demo:${s}` })])) as Record<SourceName, pg.Pool>;
  try {
    for (const source of options.targets) {
      if (options.migrate) {
        for (const sql of await nativeSchemaSql(source)) await pools[source].query(sql);
        process.stderr.write(`${seconds(performance.now() - started)} ${source}: native tables created\n`);
      }
      if (options.truncate) {
        await pools[source].query(`truncate ${sourceTableNames(source).map((t) => `"${t}"`).join(', ')} restart identity cascade`);
        process.stderr.write(`${seconds(performance.now() - started)} ${source}: emptied\n`);
      }
    }
    const lastShown = new Map<string, number>();
    const onProgress = (p: DemoProgress) => {
      const now = performance.now();
      if (p.done !== p.total && now - (lastShown.get(p.source) ?? 0) < 1000) return;
      lastShown.set(p.source, now);
      const pct = p.total ? Math.floor((100 * p.done) / p.total) : 100;
      process.stderr.write(`${seconds(now - started)} ${p.source.padEnd(9)} ${p.step.padEnd(22)} ${String(p.done).padStart(9)} / ${String(p.total).padEnd(9)} ${String(pct).padStart(3)}%\n`);
    };
    process.stderr.write(`seeding the demo university: scale ${options.scale}, seed ${options.seed}, writing ${options.targets.join(', ')}\n`);
    const result = await seedDemo(pools, { seed: options.seed, scale: options.scale, targets: options.targets, onProgress });
    process.stderr.write(`\ngenerated in ${seconds(result.timings.generateMs)}, written in ${seconds(result.timings.writeMs)}, total ${seconds(performance.now() - started)}\n`);
    for (const source of options.targets) {
      const tables = Object.entries(result.counts).filter(([key]) => key.startsWith(`${source}.`));
      const rows = tables.reduce((n, [, c]) => n + c, 0);
      process.stderr.write(`  ${source.padEnd(9)} ${String(rows).padStart(9)} rows: ${tables.map(([key, c]) => `${key.slice(source.length + 1)} ${c}`).join(', ')}\n`);
    }
    process.stderr.write(`  ground truth: ${result.groundTruth.records.size} person-bearing records\n`);
  } finally {
    await Promise.all(Object.values(pools).map((p) => p.end()));
  }
}

main().catch((error: unknown) => {
  // pg's messages carry no row values (those are in `detail`, not printed); PIN-shaped digits are masked anyway
  process.stderr.write(`demo seed failed: ${redact(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
});
