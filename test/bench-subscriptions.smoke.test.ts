/**
 * A small run of `npm run bench:subscriptions` so the script cannot rot: against a copy of the
 * test databases (DATABASE_URL_* → benchDatabases uses them), 20 clients, 3 s at 20 scans/s. The
 * script starts the hub and its load generator itself; every expected event must arrive.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { DATABASE_NAMES } from '../src/config';
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
  resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-subs-')), 'RESULTS.md');
});

afterAll(async () => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  for (const name of DATABASE_NAMES) await client.query(`drop database if exists "${prefix}_${name}" with (force)`);
  await client.end();
});

describe('bench:subscriptions (smoke)', () => {
  it('runs a small level end to end: exit 0, delivered == expected, a results section written', async () => {
    const env: Record<string, string> = { ...(process.env as Record<string, string>), BENCH_RESULTS_FILE: resultsFile };
    for (const key of ['NODE_ENV', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'TEST']) delete env[key];
    for (const name of DATABASE_NAMES) env[`DATABASE_URL_${name.toUpperCase()}`] = urlOf(adminUrl, `${prefix}_${name}`);
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'bench/subscriptions.ts', '--scale', '0.02', '--clients', '20', '--seconds', '3', '--rate', '20'], {
      cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output.slice(-3000)).toBe(0);

    const level = output.split('\n').map((line) => line.trim()).find((line) => line.startsWith('{"clients":20'));
    expect(level, output.slice(-3000)).toBeDefined();
    const result = JSON.parse(level!);
    expect(result.inserted).toBe(60);
    expect(result.expected).toBeGreaterThan(0);
    expect(result.delivered).toBe(result.expected);
    expect(result).toMatchObject({ lost: 0, duplicates: 0, unexpected: 0, errors: 0 });

    const written = fs.readFileSync(resultsFile, 'utf8');
    expect(written).toContain('## Subscriptions: attendanceMarked');
    expect(written).toMatch(/\| 20 \| 60 \| \d+ \| \d+ \| 0 \| 0 \/ 0 \|/);
  }, 180_000);
});
