/**
 * A dashboard over a real WebSocket (graphql-ws) for the live-data tests: subscribes with given
 * credentials and collects the value of the operation's one root field, and any errors.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { onOperationSubscribed } from '../../src/server/graphql-over-ws';

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

/**
 * How long a subscriber waits after the connection's acknowledgement when its hub runs in another
 * process, which cannot say when the operation is subscribed.
 */
const SETTLE_MS_OTHER_PROCESS = 800;

/**
 * Subscribes and returns once the hub's stream is listening (or the hub answered: an error, a
 * first event), so that a change written next is the subscription's to announce. A hub in this
 * process says when an operation is subscribed (its WebSocket server recognises this client by a
 * marker in the connection's parameters); for a hub in another process (`otherProcess`), the
 * subscriber can only give it a moment after the connection is acknowledged.
 */
export async function subscribe<T = any>(
  httpUrl: string,
  authorization: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { otherProcess?: boolean } = {},
): Promise<Subscriber<T>> {
  const events: T[] = [];
  const errors: unknown[] = [];
  const marker = randomUUID();
  let answered!: () => void;
  const ready = new Promise<void>((resolve) => (answered = resolve));
  const stopWatching = onOperationSubscribed((params) => {
    if (params?.testSubscriber === marker) answered();
  });
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: { authorization, testSubscriber: marker },
    on: { connected: () => (options.otherProcess ? void sleep(SETTLE_MS_OTHER_PROCESS).then(answered) : undefined) },
  });
  openClients.push(client);
  client.subscribe<Record<string, unknown>>({ query, variables }, {
    next: (result) => {
      if (result.errors) errors.push(result.errors);
      if (result.data) events.push(Object.values(result.data)[0] as T);
      answered();
    },
    error: (error) => {
      errors.push(error);
      answered();
    },
    complete: () => answered(),
  });
  try {
    await ready;
  } finally {
    stopWatching();
  }
  return { events, errors, close: async () => client.dispose() };
}

export async function closeAll(): Promise<void> {
  await Promise.all(openClients.splice(0).map((c) => c.dispose()));
}
