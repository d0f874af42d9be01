/**
 * The subscription benchmark's load generator (a process of its own, started by
 * bench/subscriptions.ts with an IPC channel): N WebSocket clients speaking the graphql-ws
 * protocol directly over `ws` (the protocol's three messages are all a dashboard needs, and a
 * full client per socket would cost this process more than the hub it measures). Each client
 * authenticates in connection_init, subscribes once, and records every event it receives as
 * (cursor, receipt time). Times are `performance.timeOrigin + performance.now()` — epoch
 * milliseconds on the machine's clock, the same clock the bench reads after each COMMIT.
 *
 * IPC: the parent sends `start` (url, operation, one spec per client), this process answers
 * `ready` once every client has its connection_ack and has sent its subscribe; `count` asks for
 * the number of events received so far; `report` for everything received.
 */
import WebSocket from 'ws';

export interface ClientSpec {
  authorization: string;
  variables: Record<string, unknown>;
}

export type ParentMessage =
  | { type: 'start'; url: string; query: string; clients: ClientSpec[]; concurrency: number }
  | { type: 'count' }
  | { type: 'report' };

export interface ClientReport {
  /** Pairs [cursor, receipt ms] as they arrived, flattened. */
  received: Float64Array;
  errors: string[];
  /** Close code when the socket closed before the report (null: still open). */
  closedWith: number | null;
}

export type ChildMessage =
  | { type: 'ready'; connectMs: number }
  | { type: 'failed'; message: string }
  | { type: 'count'; received: number; closed: number }
  | { type: 'report'; clients: ClientReport[] };

const now = () => performance.timeOrigin + performance.now();

class BenchClient {
  received: number[] = [];
  errors: string[] = [];
  closedWith: number | null = null;
  private socket: WebSocket | null = null;

  constructor(private readonly spec: ClientSpec) {}

  /** Connects, initialises and subscribes; resolves once the subscribe message is sent. */
  open(url: string, query: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, 'graphql-transport-ws');
      this.socket = socket;
      let subscribed = false;
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: this.spec.authorization } })));
      socket.on('message', (raw) => {
        const at = now();
        const message = JSON.parse(String(raw)) as { type: string; payload?: any };
        switch (message.type) {
          case 'connection_ack':
            socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables: this.spec.variables } }));
            subscribed = true;
            resolve();
            return;
          case 'next': {
            const payload = message.payload;
            if (payload.errors) this.errors.push(JSON.stringify(payload.errors).slice(0, 300));
            const event = payload.data && (Object.values(payload.data)[0] as { cursor?: string } | null);
            if (event?.cursor) this.received.push(Number(event.cursor), at);
            return;
          }
          case 'ping':
            socket.send(JSON.stringify({ type: 'pong' }));
            return;
          case 'error':
            this.errors.push(JSON.stringify(message.payload).slice(0, 300));
            return;
          default:
            return;
        }
      });
      socket.on('close', (code) => {
        this.closedWith = code;
        if (!subscribed) reject(new Error(`socket closed before connection_ack (${code})`));
      });
      socket.on('error', (error) => {
        if (!subscribed) reject(error);
      });
    });
  }

  close(): void {
    this.socket?.terminate();
  }

  report(): ClientReport {
    return { received: Float64Array.from(this.received), errors: this.errors, closedWith: this.closedWith };
  }
}

let clients: BenchClient[] = [];

async function start(message: Extract<ParentMessage, { type: 'start' }>): Promise<void> {
  const started = now();
  const wsUrl = message.url.replace(/^http/, 'ws');
  clients = message.clients.map((spec) => new BenchClient(spec));
  // A bounded number of handshakes at once: the hub's accept backlog is finite.
  let next = 0;
  const worker = async () => {
    while (next < clients.length) {
      const client = clients[next++];
      await client.open(wsUrl, message.query);
    }
  };
  await Promise.all(Array.from({ length: Math.min(message.concurrency, clients.length) }, worker));
  send({ type: 'ready', connectMs: Math.round(now() - started) });
}

function send(message: ChildMessage): void {
  process.send!(message);
}

process.on('message', (message: ParentMessage) => {
  switch (message.type) {
    case 'start':
      start(message).catch((error) => send({ type: 'failed', message: String(error?.message ?? error) }));
      return;
    case 'count':
      send({
        type: 'count',
        received: clients.reduce((n, c) => n + c.received.length / 2, 0),
        closed: clients.filter((c) => c.closedWith !== null).length,
      });
      return;
    case 'report':
      send({ type: 'report', clients: clients.map((c) => c.report()) });
      return;
  }
});

process.on('disconnect', () => {
  for (const client of clients) client.close();
  process.exit(0);
});
