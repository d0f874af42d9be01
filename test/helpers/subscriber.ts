/**
 * A dashboard over a real WebSocket (graphql-ws) for the live-data tests: subscribes with given
 * credentials and collects the value of the operation's one root field, and any errors.
 */
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export interface Subscriber<T> {
  events: T[];
  errors: unknown[];
  close(): Promise<void>;
}

/** Every client opened by `subscribe`, so a test file can dispose of them all in afterAll. */
export const openClients: Client[] = [];

export async function subscribe<T = any>(httpUrl: string, authorization: string, query: string, variables: Record<string, unknown> = {}): Promise<Subscriber<T>> {
  const events: T[] = [];
  const errors: unknown[] = [];
  let connected!: () => void;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: { authorization },
    on: { connected: () => connected() },
  });
  openClients.push(client);
  client.subscribe<Record<string, unknown>>({ query, variables }, {
    next: (result) => {
      if (result.errors) errors.push(result.errors);
      if (result.data) events.push(Object.values(result.data)[0] as T);
    },
    error: (error) => errors.push(error),
    complete: () => undefined,
  });
  await ready;
  // The server attaches the subscription right after the subscribe message; give it a moment.
  await sleep(800);
  return { events, errors, close: async () => client.dispose() };
}

export async function closeAll(): Promise<void> {
  await Promise.all(openClients.splice(0).map((c) => c.dispose()));
}
