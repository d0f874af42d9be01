/**
 * `npm start`'s process, started from a script (benchmarks) or a test: the real entry point in a
 * child process, so its CPU and memory are its own and it can be killed like a real instance.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface HubProcess {
  readonly child: ChildProcess;
  /** Resolves to the GraphQL URL once the hub logs "Campus Graph is ready". */
  readonly ready: Promise<string>;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Starts `node -r ./src/register.js src/main.ts` (npm start's command) with the caller's environment plus `env`, and
 * without vitest's variables (NODE_ENV=test changes Apollo's behaviour).
 */
export function startHubProcess(env: Record<string, string>, options: { nodeArgs?: string[] } = {}): HubProcess {
  const merged: Record<string, string> = { ...(process.env as Record<string, string>), PORT: '0', LOG_LEVEL: 'info', ...env };
  for (const key of ['NODE_ENV', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'TEST']) if (!(key in env)) delete merged[key];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '-r', './src/register.js', 'src/main.ts'], {
    cwd: ROOT,
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/"message":"Campus Graph is ready","url":"([^"]+)"/);
      if (match) resolve(match[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the hub exited with ${code} before it was ready:\n${output.slice(-4000)}`)));
  });
  ready.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    ready,
    output: () => output,
    exited,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** CPU time (user + system, ms) and resident memory (bytes) of a process, read from /proc. */
export function processUsage(pid: number): { cpuMs: number; rssBytes: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = 100; // USER_HZ on Linux
  const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuMs, rssBytes: rssKb * 1024 };
}

/** Logs in over HTTP and returns `Bearer <token>`. */
export async function loginOverHttp(url: string, login = 'admin', password = 'admin-demo-2026'): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($l: String!, $p: String!) { login(login: $l, password: $p) { accessToken } }', variables: { l: login, p: password } }),
  });
  const body = (await response.json()) as { data?: { login: { accessToken: string } }; errors?: unknown };
  if (!body.data) throw new Error(`login failed: ${JSON.stringify(body.errors)}`);
  return `Bearer ${body.data.login.accessToken}`;
}
