/**
 * The hub's peers in the read benchmark, each in its own child process over the same databases:
 * PostGraphile 4.14.1 (pinned in bench/postgraphile, installed there on demand) over AVN, and the
 * hand-written floor server over all six databases.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseName } from '../../src/config';
import { ROOT } from '../lib/hub-process';
import { startChildServer, type ChildServer } from './child-server';

export const POSTGRAPHILE_DIR = path.join(ROOT, 'bench', 'postgraphile');

/**
 * `npm ci` in bench/postgraphile when its node_modules is missing (exact pins, committed lock file);
 * returns how long it took in ms (0 when already installed).
 */
export function ensurePostGraphileInstalled(log: (message: string) => void): number {
  if (fs.existsSync(path.join(POSTGRAPHILE_DIR, 'node_modules', 'postgraphile', 'package.json'))) return 0;
  log('Installing PostGraphile 4.14.1 in bench/postgraphile (npm ci)…');
  const started = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: POSTGRAPHILE_DIR, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm ci in bench/postgraphile failed (${result.status}):\n${result.stderr}`);
  return Date.now() - started;
}

/** PostGraphile over AVN in production mode, with the hub's per-source pool size. */
export function startPostGraphile(avnUrl: string, poolMax: number): ChildServer {
  return startChildServer('PostGraphile', process.execPath, ['server.js'], {
    cwd: POSTGRAPHILE_DIR,
    env: { DATABASE_URL: avnUrl, POOL_MAX: String(poolMax), PORT: '0', NODE_ENV: 'production' },
  });
}

/** The floor server (bench/reads/floor-server.ts) over the six databases. */
export function startFloor(urls: Record<DatabaseName, string>, poolMax: number): ChildServer {
  const env: Record<string, string> = { POOL_MAX: String(poolMax), PORT: '0', NODE_ENV: 'production' };
  for (const [name, url] of Object.entries(urls)) env[`DATABASE_URL_${name.toUpperCase()}`] = url;
  return startChildServer('floor', process.execPath, ['-r', '@swc-node/register', path.join('bench', 'reads', 'floor-server.ts')], { cwd: ROOT, env });
}
