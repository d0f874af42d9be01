/** One operation over a real graphql-ws WebSocket, for the tests of limits and refusals. */
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';

export interface SocketPayload {
  query: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

/**
 * Runs one operation and returns its data and errors ([] when it completed cleanly). `localAddress`
 * connects from another loopback address (127.0.0.x): a client of its own to the hub's limits.
 */
export async function overSocket(
  url: string,
  payload: SocketPayload,
  authorization?: string | null,
  options: { localAddress?: string } = {},
): Promise<{ data: any; errors: readonly any[] }> {
  const { localAddress } = options;
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: localAddress
      ? class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, { localAddress });
          }
        }
      : WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: authorization ? { authorization } : undefined,
  });
  try {
    return await new Promise((resolve) => {
      let data: any = null;
      client.subscribe(payload, {
        next: (value) => {
          data = value.data;
          if (value.errors) resolve({ data, errors: value.errors });
        },
        error: (e) => resolve({ data, errors: Array.isArray(e) ? e : [e] }),
        complete: () => resolve({ data, errors: [] }),
      });
    });
  } finally {
    await client.dispose();
  }
}
