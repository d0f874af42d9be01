/**
 * A small run of `npm run bench:subscriptions` so the script cannot rot: against a copy of the
 * test databases (DATABASE_URL_* → benchDatabases uses them), 20 clients, 3 s at 20 scans/s. The
 * script starts the hub and its load generator itself; every expected event must arrive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneDemoDatabases, type ClonedDatabases } from '../helpers/cloned-databases';
import { runBenchScript } from '../helpers/bench-script';

let databases: ClonedDatabases;

beforeAll(async () => {
  databases = await cloneDemoDatabases();
});

afterAll(async () => {
  await databases?.drop();
});

describe('bench:subscriptions (smoke)', () => {
  it('runs a small level end to end: exit 0, delivered == expected, a results section written', async () => {
    const { code, output, results: written } = await runBenchScript(
      'bench/subscriptions.ts', ['--scale', '0.02', '--clients', '20', '--seconds', '3', '--rate', '20'], databases.env,
    );
    expect(code, output.slice(-3000)).toBe(0);

    const level = output.split('\n').map((line) => line.trim()).find((line) => line.startsWith('{"clients":20'));
    expect(level, output.slice(-3000)).toBeDefined();
    const result = JSON.parse(level!);
    expect(result.inserted).toBe(60);
    expect(result.expected).toBeGreaterThan(0);
    expect(result.delivered).toBe(result.expected);
    expect(result).toMatchObject({ lost: 0, duplicates: 0, unexpected: 0, errors: 0 });

    expect(written).toContain('## Subscriptions: attendanceMarked');
    expect(written).toMatch(/\| 20 \| 60 \| \d+ \| \d+ \| 0 \| 0 \/ 0 \|/);
  }, 180_000);
});
