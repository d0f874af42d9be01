/**
 * Runs a bench script the way the README says (`node -r @swc-node/register bench/<name>.ts …`),
 * with a results file of its own, so the smoke tests keep the scripts from rotting without
 * touching the committed bench/RESULTS.md.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../bench/lib/hub-process';

export interface BenchRun {
  code: number | null;
  output: string;
  /** What the script appended to its results file. */
  results: string;
}

export async function runBenchScript(script: string, args: string[], env: Record<string, string> = {}, timeoutMs = 240_000): Promise<BenchRun> {
  const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'campus-graph-bench-smoke-')), 'RESULTS.md');
  const merged: Record<string, string> = { ...(process.env as Record<string, string>), ...env, BENCH_RESULTS_FILE: resultsFile };
  for (const key of ['NODE_ENV', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'TEST']) delete merged[key];
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], { cwd: ROOT, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  const results = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '';
  fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
  return { code, output, results };
}
