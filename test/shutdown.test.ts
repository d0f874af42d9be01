/**
 * `npm start`'s process, for real: it starts against existing databases (configured as external,
 * so it neither migrates their native schema nor seeds them) and closes gracefully on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import { DATABASE_NAMES } from '../src/config';
import { createDatabases } from './global-setup';
import { urlOf } from './helpers/test-config';

const ROOT = path.resolve(__dirname, '..');
let prefix: string;
let adminUrl: string;

beforeAll(async () => {
  adminUrl = inject('pgAdminUrl');
  const templatePrefix = inject('templatePrefix');
  prefix = `cgt_${randomBytes(4).toString('hex')}`;
  await createDatabases(adminUrl, DATABASE_NAMES.map((n) => `${prefix}_${n}`), (name) => name.replace(prefix, templatePrefix));
});

afterAll(async () => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  for (const name of DATABASE_NAMES) await client.query(`drop database if exists "${prefix}_${name}" with (force)`);
  await client.end();
});

function startProcess(): { child: ChildProcess; ready: Promise<string>; output: () => string; exited: Promise<number | null> } {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: '0', LOG_LEVEL: 'info' };
  for (const name of DATABASE_NAMES) env[`DATABASE_URL_${name.toUpperCase()}`] = urlOf(adminUrl, `${prefix}_${name}`);
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/"message":"Campus Graph is ready","url":"([^"]+)"/);
      if (match) resolve(match[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ready:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, output: () => output, exited };
}

describe('the hub process', () => {
  it('starts on existing databases and stops gracefully on SIGTERM', async () => {
    const hub = startProcess();
    const url = await hub.ready;

    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ faculties { code } }' }) });
    expect(((await response.json()) as any).data.faculties.length).toBeGreaterThan(0);

    // A dashboard is subscribed when the hub is asked to stop.
    const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    const subscriptionEnded = new Promise<string>((resolve) => {
      client.subscribe({ query: 'subscription { heartbeat(intervalSeconds: 1) { sequence } }' }, {
        next: () => undefined,
        error: () => resolve('error'),
        complete: () => resolve('complete'),
      });
    });
    await new Promise((r) => setTimeout(r, 1500));

    const t0 = Date.now();
    hub.child.kill('SIGTERM');
    const code = await hub.exited;
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await subscriptionEnded).toMatch(/complete|error/);
    expect(hub.output()).toContain('Stopped cleanly');
    await client.dispose();
  });
});
