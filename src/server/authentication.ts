/**
 * Credentials at the edge: the viewer of an HTTP request (Authorization header, or X-Api-Key),
 * and of a WebSocket connection (connection_init), whose socket is closed when its key is
 * revoked, its account deactivated, or its credentials expire.
 */
import type { HeaderMap } from '@apollo/server';
import type { WebSocket } from 'ws';
import type { Extra } from 'graphql-ws/use/ws';
import { GraphQLError } from 'graphql';
import type { Authenticated } from '../auth/credentials/access-registry';
import type { HubRuntime } from '../graphql/context';
import { ErrorCode, HubError } from '../common/errors';
import { logger } from '../common/logger';
import { RateLimiter, rateLimited } from './safety/rate-limiter';

/** What the hub keeps on each connection (graphql-ws's `extra`, next to socket and request). */
export type SocketExtra = { auth: Authenticated };
export type SocketContextExtra = Extra & Partial<SocketExtra>;

/** Close codes a dashboard can act on (4xxx are the application's own). */
export const CLOSE_REVOKED = 4403;
export const CLOSE_EXPIRED = 4401;

/**
 * Guessing keys or tokens: each remote address may fail authentication 20 times at once, then
 * once every 3 seconds (per instance, in memory); beyond that it gets 429 without a check.
 */
export function failedAuthLimiter(): RateLimiter {
  return new RateLimiter(20, 20);
}

export async function authenticateHttp(runtime: HubRuntime, headers: HeaderMap, remoteAddress?: string | null, failures?: RateLimiter): Promise<Authenticated> {
  const apiKey = headers.get('x-api-key');
  const authorization = headers.get('authorization') ?? (apiKey ? `ApiKey ${apiKey}` : null);
  const address = `address:${remoteAddress ?? 'unknown'}`;
  if (authorization && failures) {
    const budget = failures.peek(address);
    if (!budget.allowed) throw rateLimited(budget, failures.perMinute, true);
  }
  try {
    return await runtime.access.registry.authenticate(authorization);
  } catch (error) {
    if (error instanceof HubError && error.extensions.code === ErrorCode.UNAUTHENTICATED) {
      failures?.take(address);
      // 401 with a GraphQL error body: Apollo uses extensions.http for the status.
      throw new GraphQLError(error.message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
    }
    throw error;
  }
}

export interface SocketWatcher {
  track(socket: WebSocket, auth: Authenticated): void;
  stop(): void;
}

export function watchSocketCredentials(runtime: HubRuntime): SocketWatcher {
  const open = new Map<WebSocket, { auth: Authenticated; timer: NodeJS.Timeout | null }>();

  const onRevoked = (revoked: { kind: string; id: string }) => {
    for (const [socket, { auth }] of open) {
      if (auth.viewer.kind === revoked.kind && auth.viewer.id === revoked.id) {
        logger.info('Closing a socket whose access was revoked', { kind: revoked.kind, id: revoked.id });
        socket.close(CLOSE_REVOKED, 'Access revoked');
      }
    }
  };
  runtime.access.registry.on('revoked', onRevoked);

  return {
    track(socket, auth) {
      let timer: NodeJS.Timeout | null = null;
      if (auth.expiresAt) {
        const ms = Math.max(0, Math.min(auth.expiresAt.getTime() - Date.now(), 2 ** 31 - 1));
        timer = setTimeout(() => socket.close(CLOSE_EXPIRED, 'Credentials expired'), ms);
        timer.unref();
      }
      open.set(socket, { auth, timer });
      socket.once('close', () => {
        const entry = open.get(socket);
        if (entry?.timer) clearTimeout(entry.timer);
        open.delete(socket);
      });
    },
    stop() {
      runtime.access.registry.off('revoked', onRevoked);
      for (const { timer } of open.values()) if (timer) clearTimeout(timer);
      open.clear();
    },
  };
}
