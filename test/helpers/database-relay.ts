/**
 * A TCP relay between a hub and one database on the test PostgreSQL server, which a test can cut
 * and restore: an outage of that database as the hub meets it in production — a server or host
 * that went away. Cutting closes the relay's port (new connections are refused: ECONNREFUSED) and
 * drops every open connection (the hub's pooled and in-flight connections end: ECONNRESET /
 * "Connection terminated"). Restoring listens on the same port again: the same URL works again,
 * with the same data, without restarting the hub or the server.
 *
 * Why a relay rather than stopping a PostgreSQL server: one relay per database costs nothing, while
 * each source on a server of its own must be seeded again (tens of seconds; the templates cannot be
 * copied across servers without pg_dump); and refusing connections inside PostgreSQL
 * (`ALLOW_CONNECTIONS false`) is a server that still answers, not one that is gone.
 * test/integration/source-down.test.ts stops a real server for the library.
 */
import net from 'node:net';

export interface DatabaseRelay {
  /** `url` with its host and port replaced by the relay's. */
  readonly url: string;
  /** True while the relay is cut. */
  readonly isCut: boolean;
  /** Refuses new connections and drops the open ones. */
  cut(): Promise<void>;
  /** Accepts connections again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Ports below 32768 are not handed out as local ports of outgoing connections here (the ephemeral
 * range is 32768–60999), so the port a cut relay gave up is still free when it is restored.
 */
const PORT_RANGE = { from: 26000, to: 31999 };

export async function startDatabaseRelay(url: string): Promise<DatabaseRelay> {
  const target = new URL(url);
  const targetPort = Number(target.port || 5432);
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let cut = false;

  function serve(port: number): Promise<void> {
    const listening = net.createServer((client) => {
      const upstream = net.connect(targetPort, target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      // Either side ending ends the other, as a broken path would.
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    return new Promise((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, '127.0.0.1', () => {
        listening.off('error', reject);
        server = listening;
        resolve();
      });
    });
  }

  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = PORT_RANGE.from + Math.floor(Math.random() * (PORT_RANGE.to - PORT_RANGE.from));
    try {
      await serve(port);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EADDRINUSE' || attempt >= 20) throw error;
    }
  }

  const relayed = new URL(url);
  relayed.hostname = '127.0.0.1';
  relayed.port = String(port);

  async function stop(): Promise<void> {
    const current = server;
    server = null;
    // Reset, not a polite end: the hub sees its connections break, as when a server dies.
    for (const socket of sockets) socket.resetAndDestroy();
    sockets.clear();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  }

  return {
    url: relayed.toString(),
    get isCut() {
      return cut;
    },
    async cut() {
      cut = true;
      await stop();
    },
    async restore() {
      if (!cut) return;
      await serve(port);
      cut = false;
    },
    async close() {
      cut = false;
      await stop();
    },
  };
}
