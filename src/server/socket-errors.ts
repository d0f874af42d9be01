/**
 * A WebSocket client that breaks the protocol — a message over the size limit, an invalid frame —
 * makes `ws` emit an error on its socket and close it with the matching code (1009, 1002…).
 * graphql-ws answers every socket error with a console.error line and a stack trace, written
 * synchronously: a client sending oversized frames could then fill the log and stall the event
 * loop on it. Such errors are the client's, not the hub's: they are logged at debug level and the
 * socket closes with ws's own code, as it would anyway. Anything else reaches graphql-ws as before.
 */
import type { WebSocket } from 'ws';
import { logger } from '../common/logger';

/** ws marks the errors it raises for a client's frames with the close code it sends. */
const isClientProtocolError = (error: unknown): boolean =>
  error instanceof Error && Object.getOwnPropertySymbols(error).some((symbol) => symbol.description === 'status-code');

/** Registered on the server's 'connection' event before graphql-ws's own listener. */
export function quietClientErrors(socket: WebSocket): void {
  const once = socket.once.bind(socket);
  socket.once = ((event: string, listener: (...args: unknown[]) => void) => {
    if (event !== 'error') return once(event, listener);
    return once('error', (error: unknown) => {
      if (!isClientProtocolError(error)) return listener(error);
      logger.debug('WebSocket client broke the protocol; socket closed', { error: (error as Error).message });
    });
  }) as WebSocket['once'];
}
