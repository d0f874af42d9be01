/** The one server on one port: GraphQL over HTTP and WebSocket, GraphiQL offline, health. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.close();
});

const base = () => t.url.replace(/\/graphql$/, '');

describe('HTTP server', () => {
  it('answers /healthz while alive', async () => {
    const response = await fetch(`${base()}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('reports every database in /readyz', async () => {
    const response = await fetch(`${base()}/readyz`);
    expect(response.status).toBe(200);
    const body: any = await response.json();
    expect(body.status).toBe('ready');
    expect(Object.keys(body.databases).sort()).toEqual(['avn', 'dormitory', 'hub', 'library', 'qrvisit', 'registrar']);
    for (const db of Object.values<any>(body.databases)) expect(db.state).toBe('up');
    // The only instance on these databases ingests the sources' changes.
    expect(body.changeFeed).toEqual({ ingesting: true, lastPublishedCursor: expect.stringMatching(/^\d+$/) });
  });

  it('serves queries over POST', async () => {
    const result = await t.execute('{ faculties { id name } }');
    expect(result.errors).toBeUndefined();
    const [{ n }] = await t.rows('avn', 'select count(*)::int as n from fakultet');
    expect(result.data.faculties).toHaveLength(n);
  });

  it('serves queries over GET (GraphQL over HTTP), with CSRF prevention on', async () => {
    const url = `${t.url}?query=${encodeURIComponent('{ faculties { code } }')}`;
    const blocked = await fetch(url);
    expect(blocked.status).toBe(400);
    const allowed = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
    const body: any = await allowed.json();
    expect(body.data.faculties.length).toBeGreaterThan(0);
  });

  it('refuses mutations over GET', async () => {
    const url = `${t.url}?query=${encodeURIComponent('mutation { __typename }')}`;
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
  });

  it('answers malformed JSON with 400 and a code', async () => {
    const response = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    const body: any = await response.json();
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('opens GraphiQL in a browser from its own assets, with no CDN', async () => {
    const response = await fetch(t.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/https?:\/\//);
    const scripts = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBe(4);
    for (const asset of scripts) {
      const assetResponse = await fetch(`${base()}${asset}`);
      expect(assetResponse.status).toBe(200);
      expect((await assetResponse.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    }
  });

  it('answers unknown paths with 404', async () => {
    expect((await fetch(`${base()}/nowhere`)).status).toBe(404);
    expect((await fetch(`${base()}/graphiql/nothing.js`)).status).toBe(404);
  });
});

describe('WebSocket (graphql-ws) on the same path', () => {
  it('delivers a subscription', async () => {
    const client = createClient({ url: t.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const ticks: number[] = [];
      await new Promise<void>((resolve, reject) => {
        client.subscribe<{ heartbeat: { sequence: number } }>(
          { query: 'subscription { heartbeat(intervalSeconds: 1, count: 2) { sequence at } }' },
          {
            next: (value) => ticks.push(value.data!.heartbeat.sequence),
            error: reject,
            complete: resolve,
          },
        );
      });
      expect(ticks).toEqual([1, 2]);
    } finally {
      await client.dispose();
    }
  });

  it('answers a bad subscription argument with VALIDATION_FAILED', async () => {
    const client = createClient({ url: t.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const errors = await new Promise<readonly any[]>((resolve) => {
        client.subscribe({ query: 'subscription { heartbeat(intervalSeconds: 0) { sequence } }' }, {
          next: (value) => resolve(value.errors ?? []),
          error: (e) => resolve(Array.isArray(e) ? e : [e]),
          complete: () => resolve([]),
        });
      });
      expect(errors[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    } finally {
      await client.dispose();
    }
  });
});
