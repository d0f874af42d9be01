/**
 * The databases a benchmark runs on. By default each scale gets its own embedded PostgreSQL data
 * folder (`.data/bench-scale-<scale>`, seeded by the hub on its first start and reused after);
 * when DATABASE_URL_<NAME> variables are set (the smoke tests), those external databases are used.
 */
import path from 'node:path';
import { DATABASE_NAMES, type DatabaseName } from '../../src/config';
import { ROOT } from './hub-process';
import { setOpaqueSecret } from '../../src/domain/opaque-keys';

export interface BenchDatabases {
  /** Environment for the hub process (data folder, scale, embedded port, or the external URLs). */
  readonly hubEnv: Record<string, string>;
  /** A connection URL per database (for PostGraphile, the floor and the load generators). */
  readonly urls: Record<DatabaseName, string>;
  readonly external: boolean;
}

const EMBEDDED_PASSWORD = 'campus-graph';

export function benchDatabases(scale: number): BenchDatabases {
  const given = DATABASE_NAMES.filter((name) => process.env[`DATABASE_URL_${name.toUpperCase()}`]);
  if (given.length === DATABASE_NAMES.length) {
    const urls = {} as Record<DatabaseName, string>;
    const hubEnv: Record<string, string> = {};
    for (const name of DATABASE_NAMES) {
      const key = `DATABASE_URL_${name.toUpperCase()}`;
      urls[name] = process.env[key]!;
      hubEnv[key] = process.env[key]!;
    }
    // The hub keys its opaque IDs with IDENTITY_PIN_KEY: IDs this script computes must use the same key.
    if (process.env.IDENTITY_PIN_KEY) setOpaqueSecret(process.env.IDENTITY_PIN_KEY);
    return { hubEnv, urls, external: true };
  }
  if (given.length > 0) throw new Error('Set DATABASE_URL_<NAME> for all six databases or for none.');
  // One port and folder per scale, away from `npm start`'s 54329 and below the ephemeral port range
  // (32768–60999, where outgoing connections could hold it), so a bench never meets the demo
  // cluster; BENCH_PG_PORT / BENCH_DATA_DIR move them (two benchmarks developed side by side).
  const port = Number(process.env.BENCH_PG_PORT) || 26400 + Math.round(scale * 10);
  const dataDir = process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : path.join(ROOT, '.data', `bench-scale-${scale}`);
  const urls = {} as Record<DatabaseName, string>;
  for (const name of DATABASE_NAMES) urls[name] = `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${name}`;
  return {
    hubEnv: { DATA_DIR: dataDir, DEMO_SCALE: String(scale), EMBEDDED_PG_PORT: String(port) },
    urls,
    external: false,
  };
}

/** `--name value` and `--flag` arguments of a bench script, with defaults. */
export function parseArgs<T extends Record<string, string | number | boolean>>(defaults: T, argv = process.argv.slice(2)): T {
  const result: Record<string, string | number | boolean> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument ${arg}`);
    const [name, inline] = arg.slice(2).split('=', 2);
    const key = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`Unknown option --${name}; known: ${Object.keys(defaults).map((k) => '--' + k).join(', ')}`);
    const fallback = defaults[key];
    if (typeof fallback === 'boolean') {
      result[key] = inline === undefined ? true : inline !== 'false';
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new Error(`--${name} needs a value`);
    result[key] = typeof fallback === 'number' ? Number(raw) : raw;
    if (typeof fallback === 'number' && !Number.isFinite(result[key] as number)) throw new Error(`--${name} must be a number`);
  }
  return result as T;
}
