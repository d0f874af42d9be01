/**
 * A small run of `npm run bench:abuse` so the script cannot rot: against a copy of the test
 * databases, a few seconds per phase and a few attackers of every kind. The speed target is the
 * full run's (bench/RESULTS.md); here the functional ones must hold: no legitimate request refused
 * or failed, no source marked down, every attack answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACK_KINDS } from '../../bench/abuse/attacks';
import { cloneDemoDatabases, type ClonedDatabases } from '../helpers/cloned-databases';
import { runBenchScript } from '../helpers/bench-script';

let databases: ClonedDatabases;

beforeAll(async () => {
  databases = await cloneDemoDatabases();
});

afterAll(async () => {
  await databases?.drop();
});

describe('bench:abuse (smoke)', () => {
  it('measures the legitimate client alone and under every attack, and writes the figures', async () => {
    const { code, output, results } = await runBenchScript(
      'bench/abuse.ts',
      ['--duration', '3', '--warmup', '0', '--rate', '4', '--attack-rate', '2', '--aliases', '2', '--searches', '2', '--frames', '1', '--tokens', '2', '--passwords', '2'],
      databases.env,
    );
    expect(code, output.slice(-3000)).toBe(0);
    expect(results).toContain('## Abuse: a legitimate client while anonymous clients attack');
    // | alone | requests | p50 | p99 | max | failed |
    for (const phase of ['alone', 'under attack']) {
      const row = new RegExp(`^\\| ${phase} \\| (\\d+) \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| (\\d+) \\|$`, 'm').exec(results);
      expect(row, `${phase} in\n${results}`).not.toBeNull();
      expect(Number(row![1])).toBe(12);
      expect(Number(row![2]), `${phase}: failed legitimate requests`).toBe(0);
    }
    for (const kind of ATTACK_KINDS) expect(results, kind).toMatch(new RegExp(`^\\| ${kind}: .* \\| \\d+ \\| [1-9]\\d* \\| .+ \\|$`, 'm'));
    expect(results).toMatch(/\| sources marked down \| none \| yes \|/);
    expect(results).toMatch(/\| \/readyz not `ready` \| 0 of \d+ checks \| yes \|/);
  }, 180_000);
});
