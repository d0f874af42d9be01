/**
 * `npm start`'s process, for real: it starts against existing databases (configured as external,
 * so it neither migrates their native schema nor seeds them) and closes gracefully on SIGTERM.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { startHubProcess } from '../../bench/lib/hub-process';
import { cloneDemoDatabases, type ClonedDatabases } from '../helpers/cloned-databases';

let databases: ClonedDatabases;

beforeAll(async () => {
  databases = await cloneDemoDatabases();
});

afterAll(async () => {
  await databases?.drop();
});

/** `npm start`'s command with the given environment (and none of vitest's: NODE_ENV=test changes Apollo). */
const startProcess = (env: Record<string, string>) => startHubProcess(env);

describe('the hub process', () => {
  it('starts on existing databases and stops gracefully on SIGTERM', async () => {
    const hub = startProcess({ ...databases.env });
    const url = await hub.ready;

    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ faculties { code } }' }) });
    expect(((await response.json()) as any).data.faculties.length).toBeGreaterThan(0);

    // A dashboard is subscribed when the hub is asked to stop.
    const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined });
    let beat!: () => void;
    const beating = new Promise<void>((resolve) => (beat = resolve));
    const subscriptionEnded = new Promise<string>((resolve) => {
      client.subscribe({ query: 'subscription { heartbeat(intervalSeconds: 1) { sequence } }' }, {
        next: () => beat(),
        error: () => resolve('error'),
        complete: () => resolve('complete'),
      });
    });
    // Subscribed for sure: its first heartbeat arrived.
    await beating;

    hub.child.kill('SIGTERM');
    const code = await hub.exited;
    expect(code).toBe(0);
    expect(await subscriptionEnded).toMatch(/complete|error/);
    expect(hub.output()).toContain('Stopped cleanly');
    // External databases: nothing seeded, no embedded PostgreSQL.
    expect(hub.output()).not.toContain('Seeding');
    expect(hub.output()).not.toContain('embedded PostgreSQL');
    await client.dispose();
  });

  it('needs no configuration: embedded PostgreSQL, seeded on the first start, reused on the second', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'campus-graph-start-'));
    fs.chmodSync(dataDir, 0o755);
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(25800 + Math.floor(Math.random() * 600)), DEMO_SCALE: '0.01' };
    try {
      for (const run of ['first', 'second']) {
        const hub = startProcess(env);
        const url = await hub.ready;
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ groups(first: 1) { totalCount } }' }) });
        const body = (await response.json()) as any;
        expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
        expect(body.data.groups.totalCount).toBeGreaterThan(0);
        hub.child.kill('SIGTERM');
        expect(await hub.exited).toBe(0);
        expect(hub.output()).toContain('Stopped cleanly');
        if (run === 'first') expect(hub.output()).toContain('Demo university seeded');
        else expect(hub.output()).not.toContain('Seeding');
      }
      // The embedded PostgreSQL stopped with the hub: its pid file is gone.
      expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
