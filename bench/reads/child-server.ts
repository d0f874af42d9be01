/**
 * A peer server of the read benchmark (PostGraphile, the floor) in a child process: started with
 * its own environment, ready when it prints one JSON line `{"ready": "<url>", "settings": …}`,
 * stopped with SIGTERM (SIGKILL after a grace period).
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildServer {
  readonly name: string;
  readonly child: ChildProcess;
  /** The URL and the settings the server announced. */
  readonly ready: Promise<{ url: string; settings: Record<string, unknown> }>;
  output(): string;
  stop(graceMs?: number): Promise<void>;
}

export function startChildServer(name: string, command: string, args: string[], options: { cwd: string; env: Record<string, string> }): ChildServer {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...options.env };
  // Never hand vitest's variables on (the smoke test runs this script from vitest).
  for (const key of ['VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'TEST']) delete env[key];
  const child = spawn(command, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<{ url: string; settings: Record<string, unknown> }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // Only complete lines (a chunk may end mid-line).
      const line = output.split('\n').slice(0, -1).find((l) => l.startsWith('{"ready":'));
      if (!line) return;
      const announced = JSON.parse(line) as { ready: string; settings?: Record<string, unknown> };
      resolve({ url: announced.ready, settings: announced.settings ?? {} });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready:\n${output.slice(-3000)}`)));
  });
  ready.catch(() => undefined);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    ready,
    output: () => output,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
