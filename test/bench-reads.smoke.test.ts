/**
 * Smoke run of `npm run bench:reads`, so the script cannot rot: the real script, all three
 * systems (hub, PostGraphile — installed in bench/postgraphile on demand — and the floor), every
 * operation, one second each, on a copy of the test demo databases, results to a temp file.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DATABASE_NAMES } from '../src/config';
import { OPERATION_NAMES, SYSTEM_NAMES } from '../bench/reads/operations';
import { createDatabases } from './global-setup';
import { urlOf } from './helpers/test-config';

const ROOT = path.resolve(__dirname, '..');
let prefix: string;
let adminUrl: string;
let resultsFile: string;

beforeAll(async () => {
  adminUrl = inject('pgAdminUrl');
  const templatePrefix = inject('templatePrefix');
  prefix = `cgt_${randomBytes(4).toString('hex')}`;
  await createDatabases(adminUrl, DATABASE_NAMES.map((n) => `${prefix}_${n}`), (name) => name.replace(prefix, templatePrefix));
  resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reads-')), 'RESULTS.md');
});

afterAll(async () => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  for (const name of DATABASE_NAMES) await client.query(`drop database if exists "${prefix}_${name}" with (force)`);
  await client.end();
  fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
});

function runBench(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const merged: Record<string, string> = { ...(process.env as Record<string, string>), ...env };
  for (const key of ['NODE_ENV', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'TEST']) delete merged[key];
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'bench/reads.ts', ...args], { cwd: ROOT, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('npm run bench:reads (smoke)', () => {
  it('measures every operation on every system and finds the same head-to-head rows', async () => {
    const env: Record<string, string> = { BENCH_RESULTS_FILE: resultsFile };
    for (const name of DATABASE_NAMES) env[`DATABASE_URL_${name.toUpperCase()}`] = urlOf(adminUrl, `${prefix}_${name}`);
    const started = Date.now();
    const { code, output } = await runBench(['--duration', '1', '--warmup', '0', '--connections', '2'], env);
    expect(code, output.slice(-4000)).toBe(0);
    // Installing PostGraphile (npm ci) on a fresh checkout is the slow part; say how slow.
    const install = /PostGraphile installed in ([\d.]+) s/.exec(output);
    console.log(`bench:reads smoke run: ${((Date.now() - started) / 1000).toFixed(1)} s${install ? `, of which npm ci ${install[1]} s` : ''}`);

    const results = fs.readFileSync(resultsFile, 'utf8');
    expect(results).toContain('## Reads: hub vs PostGraphile vs floor');
    for (const operation of OPERATION_NAMES) {
      for (const system of SYSTEM_NAMES) {
        // | operation | system | answers | req/s | p50 ms | p99 ms | alone ms | SQL statements | response KB | failures |
        const row = new RegExp(`^\\| ${operation} \\| ${system} \\| [^|]+ \\| ([\\d.]+) \\| ([\\d.]+) \\| ([\\d.]+) \\| (\\d+) \\| (\\d+)[^|]* \\| ([\\d.]+) \\| (\\d+) \\|$`, 'm').exec(results);
        expect(row, `${operation} × ${system} in\n${results}`).not.toBeNull();
        const [, rps, p50, p99, , statements, kb, failures] = row!.map(Number);
        expect(rps, `${operation} × ${system} req/s`).toBeGreaterThan(0);
        expect(p99, `${operation} × ${system} p99`).toBeGreaterThan(0);
        expect(p99).toBeGreaterThanOrEqual(p50);
        expect(statements, `${operation} × ${system} SQL statements`).toBeGreaterThan(0);
        expect(kb).toBeGreaterThan(0);
        expect(failures).toBe(0);
      }
    }
    expect(results).toMatch(/Head-to-head check \(avnGroupGrades\): hub (\d+) rows, postgraphile \1 rows, floor \1 rows — the same rows in every system/);
    // Every child process was stopped: nothing listens on the ports the run announced.
    for (const url of output.match(/http:\/\/127\.0\.0\.1:\d+/g) ?? []) {
      await expect(fetch(url, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    }
  }, 240_000);
});
