/**
 * Smoke run of `npm run bench:reads`, so the script cannot rot: the real script, the hub and the
 * floor, every operation, one second each, on a copy of the test demo databases, results to a
 * temp file. PostGraphile is left out (`--systems hub,floor`): the bench installs it with `npm ci`
 * on demand, and `npm test` needs no network; the full bench still runs the head-to-head with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES, type SystemName } from '../../bench/reads/operations';
import { cloneDemoDatabases, type ClonedDatabases } from '../helpers/cloned-databases';
import { runBenchScript } from '../helpers/bench-script';

let databases: ClonedDatabases;
const SYSTEMS: readonly SystemName[] = ['hub', 'floor'];

beforeAll(async () => {
  databases = await cloneDemoDatabases();
});

afterAll(async () => {
  await databases?.drop();
});

describe('npm run bench:reads (smoke)', () => {
  it('measures every operation on the hub and the floor and finds the same head-to-head rows', async () => {
    const { code, output, results } = await runBenchScript(
      'bench/reads.ts',
      ['--duration', '1', '--warmup', '0', '--connections', '2', '--systems', SYSTEMS.join(',')],
      databases.env,
    );
    expect(code, output.slice(-4000)).toBe(0);
    expect(output).not.toContain('npm ci');

    expect(results).toContain('## Reads: hub vs PostGraphile vs floor');
    for (const operation of OPERATION_NAMES) {
      for (const system of SYSTEMS) {
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
    expect(results).toMatch(/Head-to-head check \(avnGroupGrades\): hub (\d+) rows, floor \1 rows — the same rows in every system/);
    // Every child process was stopped: nothing listens on the ports the run announced.
    for (const url of output.match(/http:\/\/127\.0\.0\.1:\d+/g) ?? []) {
      await expect(fetch(url, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    }
  }, 240_000);
});
