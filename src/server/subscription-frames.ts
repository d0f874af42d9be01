/**
 * Writing a grouped subscription's results straight to its WebSocket: which socket and operation
 * id a subscription's context belongs to, the graphql-ws `next` frame around an already
 * serialised payload, and corking each socket for the rest of the event-loop turn.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** Where a subscription's messages go: its WebSocket and its graphql-ws operation id. */
export interface SubscriptionTarget {
  readonly socket: WebSocket;
  readonly id: string;
}

/** Writes one serialised result (the `payload` of a `next` message); drops it once the socket is closed. */
export type FrameWriter = (payload: Buffer) => void;

const targets = new WeakMap<object, SubscriptionTarget>();

/**
 * Marks a subscription's context with its socket and operation id, so a grouped subscription
 * can write the group's serialised result straight to the socket (see DirectMember).
 */
export function withSubscriptionTarget<C extends object>(context: C, target: SubscriptionTarget): C {
  targets.set(context, target);
  return context;
}

/** The socket and operation id a context was marked with, if any. */
export function subscriptionTargetOf(context: object): SubscriptionTarget | undefined {
  return targets.get(context);
}

/**
 * Sockets written to in this turn of the event loop. Each is corked on its first frame and
 * uncorked once the turn is over, so the frames of several events that arrive together leave in
 * one system call rather than one each (writes are most of the cost of a busy dashboard feed).
 */
const corked = new Set<Socket>();
function flushCorked(): void {
  for (const socket of corked) socket.uncork();
  corked.clear();
}
function sendText(socket: WebSocket, frame: Buffer): void {
  // `ws` keeps the TCP socket private; corking it is what batches a turn's frames into one write.
  const raw = (socket as unknown as { _socket?: Socket })._socket;
  if (raw && !corked.has(raw)) {
    raw.cork();
    corked.add(raw);
    if (corked.size === 1) setImmediate(flushCorked);
  }
  socket.send(frame, { binary: false });
}

const NEXT_SUFFIX = Buffer.from('}');

/**
 * A writer of graphql-ws `next` messages for one subscription: the payload framed as graphql-ws
 * itself would write it, with no per-subscriber serialisation or message validation.
 */
export function nextFrameWriter(target: SubscriptionTarget): FrameWriter {
  const prefix = Buffer.from(`{"id":${JSON.stringify(target.id)},"type":"next","payload":`);
  return (payload) => {
    const socket = target.socket;
    if (socket.readyState !== socket.OPEN) return;
    sendText(socket, Buffer.concat([prefix, payload, NEXT_SUFFIX]));
  };
}
