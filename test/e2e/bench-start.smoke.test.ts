/** Smoke run of `npm run bench:start` at a tiny scale: it must start cold and warm and write its figures. */
import { describe, expect, it } from 'vitest';
import { runBenchScript } from '../helpers/bench-script';

describe('bench/start.ts (smoke)', () => {
  it('times a cold and a warm start and appends both to the results file', async () => {
    const run = await runBenchScript('bench/start.ts', ['--scale', '0.01', '--warm-runs', '1']);
    expect(run.code, run.output.slice(-3000)).toBe(0);
    expect(run.results).toContain('## Start: cold and warm (scale 0.01)');
    expect(run.results).toContain('- Command: `node bench/start.ts --scale 0.01 --warm-runs 1`');
    const cold = /\| cold \(init \+ migrate \+ seed\) \| ([\d.]+) \|/.exec(run.results);
    const warm = /\| warm #1 \| ([\d.]+) \|/.exec(run.results);
    expect(Number(cold?.[1])).toBeGreaterThan(0);
    expect(Number(warm?.[1])).toBeGreaterThan(0);
    // Seeding makes the cold start the slower one.
    expect(Number(cold![1])).toBeGreaterThan(Number(warm![1]));
  }, 240_000);
});
