/**
 * One node:http server on one port: GraphQL over HTTP (GET and POST) and over WebSocket
 * (graphql-ws) on /graphql, GraphiQL and its assets, /healthz and /readyz.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { createContext, type HubContext, type HubRuntime } from '../graphql/context';
import { logger } from '../common/logger';
import { formatError } from './format-error';
import { GRAPHIQL_ASSET_PREFIX, graphiqlAsset, graphiqlLandingPage } from './graphiql';
import { readiness } from './health';
import { createQuerySafety } from './safety/query-safety';
import { authenticateHttp, CredentialFailures, watchSocketCredentials, type SocketExtra } from './authentication';
import { clientAddress } from './client-address';
import { auditPlugin } from '../auth/audit/audit.plugin';
import { createSubscriptionGroups, withSubscriptionTarget } from './subscription-groups';
import { statementCountsPlugin } from './statement-counts';
import { jitGateway } from './executor/jit-gateway';
import type { Config } from '../config';

export interface HubServer {
  readonly port: number;
  readonly url: string;
  readonly apollo: ApolloServer<HubContext>;
  /** The context of the most recent HTTP request (tests read its statement counts). */
  lastContext(): HubContext | null;
  /** What executes HTTP operations; with graphql-jit, how many operations are compiled now. */
  readonly executor: { readonly name: Config['executor']; compiledOperations(): number };
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

export async function startHttpServer(runtime: HubRuntime, schema: GraphQLSchema, options: { keepStatements?: boolean } = {}): Promise<HubServer> {
  const { config } = runtime;
  // Depth, cost and page limits, rate limit, trusted operations (src/server/safety).
  const safety = createQuerySafety(config, schema);
  const httpServer = http.createServer();
  // Assigned once the port is ours; Apollo's drain closes the subscriptions through it.
  let wsCleanup: { dispose(): void | Promise<void> } | null = null;

  const drain: ApolloServerPlugin = {
    async serverWillStart() {
      return {
        async drainServer() {
          await wsCleanup?.dispose();
        },
      };
    },
  };

  // graphql-jit runs queries and mutations unless EXECUTOR=graphql-js (subscriptions: graphql-ws, below).
  const jit = config.executor === 'graphql-jit' ? jitGateway(schema) : null;
  const apollo = new ApolloServer<HubContext>({
    ...(jit ? { gateway: jit } : { schema }),
    introspection: config.introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM/SIGINT (drain, then close databases); Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
    formatError,
    plugins: [
      drain,
      safety.plugin,
      // Writes the request's audit entries (mutations, personal-data reads) in one INSERT when it ends.
      auditPlugin,
      // STATEMENT_COUNTS=true (benchmarks): SQL statements per database in `extensions.sqlStatements`.
      ...(config.statementCounts ? [statementCountsPlugin] : []),
      // Cache control hooks every field (about 6 ms a request here) and nothing uses it yet.
      ApolloServerPluginCacheControlDisabled(),
      config.graphiql ? graphiqlLandingPage(config) : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  let last: HubContext | null = null;
  const authFailures = new CredentialFailures();

  httpServer.on('request', (req, res) => {
    handle(req, res).catch((error) => {
      logger.error('HTTP handler failed', { error: String(error?.message ?? error) });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') {
      return sendJson(res, 200, { status: 'ok' });
    }
    if (url.pathname === '/readyz') {
      const report = await readiness(runtime);
      return sendJson(res, report.status === 'unavailable' ? 503 : 200, report);
    }
    if (url.pathname.startsWith(GRAPHIQL_ASSET_PREFIX) && config.graphiql) {
      const asset = graphiqlAsset(url.pathname.slice(GRAPHIQL_ASSET_PREFIX.length));
      if (!asset) return sendJson(res, 404, { error: 'not found' });
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' });
      res.end(asset.body);
      return;
    }
    if (url.pathname !== '/graphql') {
      return sendJson(res, 404, { error: 'not found', graphql: '/graphql' });
    }

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const method = (req.method ?? 'GET').toUpperCase();
    let body: unknown = undefined;
    if (method === 'POST') {
      const raw = await readBody(req);
      if (raw === null) return sendJson(res, 413, { errors: [{ message: 'Request body too large', extensions: { code: 'BAD_REQUEST' } }] });
      const contentType = headers.get('content-type') ?? '';
      if (contentType.includes('json')) {
        try {
          body = raw.length ? JSON.parse(raw) : {};
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
        }
      } else {
        body = raw;
      }
    }

    // Trusted-operations mode: an operation id becomes its registered text; free text is refused.
    const admitted = safety.admitHttp(method, body, url.search);
    if ('error' in admitted) return sendJson(res, 400, { errors: [admitted.error.toJSON()] });

    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search: admitted.search, body: admitted.body },
      context: async () => {
        // The client behind the trusted proxies (TRUST_PROXY), for every per-address count.
        const address = clientAddress(req, config.trustProxy);
        const { viewer } = await authenticateHttp(runtime, headers, address, authFailures);
        return (last = safety.admitContext(createContext(runtime, { keepStatements: options.keepStatements, viewer, clientAddress: address }), address));
      },
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  // Listen before attaching the WebSocket server, so a busy port fails with one clear error.
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const sockets = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const watcher = watchSocketCredentials(runtime);
  const subscriptionGroups = createSubscriptionGroups({ contextFor: (viewer) => createContext(runtime, { viewer }) });
  wsCleanup = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      onSubscribe: (ctx, id, payload) => safety.onSubscribe(ctx, id, payload),
      // Identical live subscriptions (same viewer, document and variables) share one execution per event.
      subscribe: subscriptionGroups.subscribe,
      // A connection authenticates once, in connection_init: { authorization: 'Bearer …' | 'ApiKey …' }.
      onConnect: async (ctx) => {
        try {
          const authorization = ctx.connectionParams?.authorization;
          ctx.extra.auth = await runtime.access.registry.authenticate(typeof authorization === 'string' ? authorization : null);
          watcher.track(ctx.extra.socket, ctx.extra.auth);
          return true;
        } catch {
          // graphql-ws closes the socket with 4403 Forbidden.
          return false;
        }
      },
      context: (ctx, id) =>
        withSubscriptionTarget(createContext(runtime, { viewer: ctx.extra.auth?.viewer, clientAddress: clientAddress(ctx.extra.request, config.trustProxy) }), { socket: ctx.extra.socket, id }),
      onError: (_ctx, _id, _payload, errors) => {
        for (const error of errors) logger.warn('Subscription error', { message: error.message });
      },
    },
    sockets,
  );

  const port = (httpServer.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;

  return {
    port,
    url: `http://${host}:${port}/graphql`,
    apollo,
    lastContext: () => last,
    executor: { name: config.executor, compiledOperations: () => jit?.operations.size ?? 0 },
    async stop() {
      // Stop accepting, let Apollo drain (which closes the subscriptions), then close sockets.
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await apollo.stop();
      watcher.stop();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      httpServer.closeIdleConnections();
      const timer = setTimeout(() => httpServer.closeAllConnections(), 5000);
      await closed;
      clearTimeout(timer);
    },
  };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
