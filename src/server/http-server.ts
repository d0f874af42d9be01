/**
 * One node:http server on one port: GraphQL over HTTP (GET and POST) and over WebSocket
 * (graphql-ws) on /graphql, GraphiQL and its assets, /healthz and /readyz.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { ExecutionArgs, GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { createContext, type HubContext, type HubRuntime } from '../graphql/context';
import { logger } from '../common/logger';
import { createFormatError, formatErrors, formatResult } from './format-error';
import { GRAPHIQL_ASSET_PREFIX, graphiqlAsset, graphiqlLandingPage } from './graphiql';
import { readiness } from './health';
import { createQuerySafety } from './safety/query-safety';
import { profileOf } from './safety/request-limits';
import { readBody, sendGraphQLError, sendJson } from './http-io';
import { authenticateHttp, CredentialFailures, watchSocketCredentials, type SocketExtra } from './authentication';
import { clientAddress } from './client-address';
import { quietClientErrors } from './socket-errors';
import { auditPlugin } from '../auth/audit/audit.plugin';
import { admitSubscription } from '../auth/guard/subscription-access';
import { ANONYMOUS } from '../auth/viewer';
import { createSubscriptionGroups, withSubscriptionTarget } from './subscription-groups';
import { statementCountsPlugin } from './statement-counts';
import { jitGateway } from './executor/jit-gateway';
import type { Config } from '../config';
import { ErrorCode } from '../common/errors';
import { rateLimitKey } from './safety/rate-limiter';

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

  // One formatter for every error that leaves: Apollo's answers and graphql-ws frames alike.
  const errorFormatter = createFormatError({ hideSuggestions: !config.introspection });
  // graphql-jit runs queries and mutations unless EXECUTOR=graphql-js (subscriptions: graphql-ws, below).
  const jit = config.executor === 'graphql-jit' ? jitGateway(schema) : null;
  const apollo = new ApolloServer<HubContext>({
    ...(jit ? { gateway: jit } : { schema }),
    introspection: config.introspection,
    // With introspection off, validation errors do not suggest field names ("Did you mean …?").
    hideSchemaDetailsFromClientErrors: !config.introspection,
    // A second bound on the parser, behind the scan that counts tokens before Apollo sees the text.
    parseOptions: { maxTokens: Math.max(config.limits.authenticated.maxTokens, config.limits.anonymous.maxTokens) },
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM/SIGINT (drain, then close databases); Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
    formatError: errorFormatter,
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
    // The client behind the trusted proxies (TRUST_PROXY), for every per-address count.
    const address = clientAddress(req, config.trustProxy);

    // Who asks and at what rate, from the headers alone: a caller over its rate, or with failing
    // credentials, is answered before its body is read (and the connection is closed, so a flood
    // of large bodies costs the hub nothing but the refusal).
    let viewer;
    try {
      ({ viewer } = await authenticateHttp(runtime, headers, address, authFailures));
    } catch (error) {
      return sendGraphQLError(res, error, { close: method === 'POST' });
    }
    const overRate = safety.admitCaller(viewer, address, true);
    if (overRate) return sendGraphQLError(res, overRate, { close: method === 'POST' });

    const profile = profileOf(safety.limits, viewer);
    let body: unknown = undefined;
    if (method === 'POST') {
      const raw = await readBody(req, profile.maxRequestBytes);
      if (raw === null) {
        return sendJson(res, 413, {
          errors: [{ message: `The request body is larger than ${profile.maxRequestBytes} bytes.`, extensions: { code: ErrorCode.REQUEST_TOO_LARGE, limit: profile.maxRequestBytes } }],
        }, { connection: 'close' });
      }
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

    // The text's tokens, aliases and directives, before Apollo parses it.
    const overScan = safety.scanHttp(viewer, admitted.body, admitted.search);
    if (overScan) return sendGraphQLError(res, overScan);

    const caller = { key: rateLimitKey(viewer, address), anonymous: viewer.kind === 'anonymous' };
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search: admitted.search, body: admitted.body },
      context: async () =>
        (last = createContext(runtime, { keepStatements: options.keepStatements, viewer, caller, maxStatements: profile.operation.maxStatements, clientAddress: address })),
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
  // The size limit of HTTP bodies (with credentials): a larger message closes the socket (1009)
  // before it is read whole. A socket is authenticated only by its first message, so anonymous
  // sockets get their stricter limits per operation (document length, tokens…), in onSubscribe.
  const sockets = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: config.maxRequestBytes });
  // Before graphql-ws's own listener: a client's protocol errors stay out of the log (see socket-errors.ts).
  sockets.on('connection', quietClientErrors);
  const watcher = watchSocketCredentials(runtime);
  const subscriptionGroups = createSubscriptionGroups({
    formatResult: (result) => formatResult(result, errorFormatter),
    contextFor: (viewer) => createContext(runtime, { viewer, caller: { key: rateLimitKey(viewer, null), anonymous: !viewer || viewer.kind === 'anonymous' } }),
  });
  wsCleanup = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      // Limits first; then a subscription the viewer may not use at all is refused here, as one
      // graphql-ws `error` message, before anything runs (src/auth/guard/subscription-access.ts).
      onSubscribe: async (ctx, id, payload) => {
        const admitted = await safety.onSubscribe(ctx, id, payload);
        if (Array.isArray(admitted)) return admitted;
        return admitSubscription(admitted as ExecutionArgs, ctx.extra.auth?.viewer ?? ANONYMOUS) ?? admitted;
      },
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
      context: (ctx, id) => {
        const viewer = ctx.extra.auth?.viewer;
        const address = clientAddress(ctx.extra.request, config.trustProxy);
        const caller = { key: rateLimitKey(viewer, address), anonymous: !viewer || viewer.kind === 'anonymous' };
        return withSubscriptionTarget(createContext(runtime, { viewer, caller, clientAddress: address }), { socket: ctx.extra.socket, id });
      },
      onError: (_ctx, _id, _payload, errors) => {
        // A refused operation is the client's error, not the operator's: one line each would let a
        // client flood the log. Unexpected ones are logged by the formatter (error level).
        for (const error of errors) logger.debug('WebSocket operation refused', { error: error.message, code: error.extensions?.code });
        return formatErrors(errors, errorFormatter);
      },
      // Results of WebSocket operations run alone (grouped ones are formatted by their group).
      onNext: (_ctx, _id, _payload, _args, result) => formatResult(result, errorFormatter),
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
