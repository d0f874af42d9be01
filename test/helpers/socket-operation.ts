/** One operation over a real graphql-ws WebSocket, for the tests of limits and refusals. */
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';

export interface SocketPayload {
  query: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

/** Runs one operation and returns its data and errors ([] when it completed cleanly). */
export async function overSocket(url: string, payload: SocketPayload, authorization?: string | null): Promise<{ data: any; errors: readonly any[] }> {
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
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
