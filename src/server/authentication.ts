/**
 * Credentials at the edge: the viewer of an HTTP request (Authorization header, or X-Api-Key),
 * and of a WebSocket connection (connection_init), whose socket is closed when its key is
 * revoked, its account deactivated, or its credentials expire.
 */
import { HeaderMap } from '@apollo/server';
import type { WebSocket } from 'ws';
import type { Extra } from 'graphql-ws/use/ws';
import { GraphQLError } from 'graphql';
import type { Authenticated } from '../auth/credentials/access-registry';
import type { HubRuntime } from '../graphql/context';
import { ErrorCode, HubError } from '../common/errors';
import { logger } from '../common/logger';
import { RateLimiter } from './safety/rate-limiter';
import { addressBucket } from '../common/address-bucket';
import { sha256 } from '../auth/credentials/secrets';

/** What the hub keeps on each connection (graphql-ws's `extra`, next to socket and request). */
export type SocketExtra = { auth: Authenticated };
export type SocketContextExtra = Extra & Partial<SocketExtra>;

/** Close codes a dashboard can act on (4xxx are the application's own). */
export const CLOSE_REVOKED = 4403;
export const CLOSE_EXPIRED = 4401;

/**
 * Guessing keys or tokens. Every credential is checked first (a signature or a hash: cheap), so a
 * valid one is always served, whoever failed before it from the same address. Only failures are
 * counted — per client address (IPv6 per /64) and per presented credential — and once either has
 * failed 20 times at once (then once every 3 seconds), a failing credential gets 429 with
 * Retry-After instead of 401. Per instance, in memory.
 */
export class CredentialFailures {
  private readonly byAddress = new RateLimiter(20, 20);
  private readonly byCredential = new RateLimiter(20, 20);

  /** Counts a failed credential; the refusal to send instead of 401, or null while under budget. */
  fail(address: string, credential: string): HubError | null {
    const fromAddress = this.byAddress.take(`address:${addressBucket(address)}`);
    // An address over budget is refused without creating per-credential state (each garbage
    // credential would otherwise be a new entry).
    const decision = fromAddress.allowed ? this.byCredential.take(`credential:${sha256(credential).slice(0, 32)}`) : fromAddress;
    if (decision.allowed) return null;
    return new HubError(
      ErrorCode.RATE_LIMITED,
      `Too many invalid credentials from this address; retry in ${decision.retryAfterSeconds} s. A valid token or key is always accepted.`,
      {
        retryAfterSeconds: decision.retryAfterSeconds,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(decision.retryAfterSeconds)]]) },
      },
    );
  }
}

/**
 * The viewer of an HTTP request. `address` is the client's (src/server/client-address.ts);
 * failed credentials are counted against it (and against the credential) when `failures` is given.
 */
export async function authenticateHttp(runtime: HubRuntime, headers: HeaderMap, address?: string | null, failures?: CredentialFailures): Promise<Authenticated> {
  const apiKey = headers.get('x-api-key');
  const authorization = headers.get('authorization') ?? (apiKey ? `ApiKey ${apiKey}` : null);
  try {
    return await runtime.access.registry.authenticate(authorization);
  } catch (error) {
    if (error instanceof HubError && error.extensions.code === ErrorCode.UNAUTHENTICATED) {
      const refusal = authorization ? failures?.fail(address ?? 'unknown', authorization) : null;
      if (refusal) throw refusal;
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
