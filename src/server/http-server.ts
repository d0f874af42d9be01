/**
 * One node:http server on one port: GraphQL over HTTP (GET and POST) and over WebSocket
 * (graphql-ws) on /graphql, GraphiQL and its assets, the achievement report as CSV
 * (/reports/achievement.csv), /healthz and /readyz.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { HubContext, HubRuntime } from '../graphql/context';
import { logger } from '../common/logger';
import { auditPlugin } from '../auth/audit/audit.plugin';
import type { Config } from '../config';
import { createFormatError } from './format-error';
import { ACHIEVEMENT_CSV_PATH, achievementCsv } from './achievement-csv';
import { GRAPHIQL_ASSET_PREFIX, graphiqlAsset, graphiqlLandingPage } from './graphiql';
import { graphqlOverHttp } from './graphql-over-http';
import { attachGraphqlOverWs, type GraphqlOverWs } from './graphql-over-ws';
import { readiness } from './health';
import { sendJson } from './http-io';
import { createQuerySafety } from './safety/query-safety';
import { statementCountsPlugin } from './statement-counts';
import { jitGateway } from './executor/jit-gateway';

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
  // Attached once the port is ours; Apollo's drain closes the subscriptions through it.
  let webSocket: GraphqlOverWs | null = null;

  const drain: ApolloServerPlugin = {
    async serverWillStart() {
      return {
        async drainServer() {
          await webSocket?.dispose();
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

  const graphql = graphqlOverHttp({ runtime, apollo, safety, keepStatements: options.keepStatements });
  // The achievement report as CSV: the GraphQL field run for the caller (same credentials, rules and figures).
  const achievementReportCsv = achievementCsv({ runtime, schema, safety });

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
    if (url.pathname === ACHIEVEMENT_CSV_PATH) {
      return achievementReportCsv(req, res, url);
    }
    if (url.pathname !== '/graphql') {
      return sendJson(res, 404, { error: 'not found', graphql: '/graphql' });
    }

    return graphql.handle(req, res, url);
  }

  // Listen before attaching the WebSocket server, so a busy port fails with one clear error.
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  webSocket = attachGraphqlOverWs({ httpServer, runtime, schema, safety, errorFormatter });

  const port = (httpServer.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;

  return {
    port,
    url: `http://${host}:${port}/graphql`,
    apollo,
    lastContext: () => graphql.lastContext(),
    executor: { name: config.executor, compiledOperations: () => jit?.operations.size ?? 0 },
    async stop() {
      // Stop accepting, let Apollo drain (which closes the subscriptions), then close sockets.
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await apollo.stop();
      webSocket?.close();
      httpServer.closeIdleConnections();
      const timer = setTimeout(() => httpServer.closeAllConnections(), 5000);
      await closed;
      clearTimeout(timer);
    },
  };
}
