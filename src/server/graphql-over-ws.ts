/**
 * GraphQL over WebSocket (graphql-ws) on /graphql, attached to the hub's HTTP server. A socket
 * authenticates once, in `connection_init`; each operation passes the same limits as HTTP in
 * `onSubscribe` (and a subscription the viewer may not use at all is refused there); identical
 * live subscriptions share one execution; every error frame passes the hub's error formatter.
 */
import type http from 'node:http';
import type { ExecutionArgs, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { createContext, type HubRuntime } from '../graphql/context';
import { logger } from '../common/logger';
import { admitSubscription } from '../graphql/guard/subscription-access';
import { ANONYMOUS } from '../auth/viewer';
import { watchSocketCredentials, type SocketExtra } from './authentication';
import { clientAddress } from './client-address';
import { formatErrors, formatResult } from './format-error';
import type { QuerySafety } from './safety/query-safety';
import { rateLimitKey } from './safety/rate-limiter';
import { quietClientErrors } from './socket-errors';
import { createSubscriptionGroups } from './subscription-groups';
import { withSubscriptionTarget } from './subscription-frames';

type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

export interface GraphqlOverWs {
  /** Completes every subscription (Apollo's drain calls it). */
  dispose(): void | Promise<void>;
  /** Ends the sockets and the server (after dispose). */
  close(): void;
}

/** An operation graphql-ws has subscribed: its stream is listening from now on. */
export type SubscribedListener = (connectionParams: Readonly<Record<string, unknown>> | undefined, id: string) => void;
const subscribedListeners = new Set<SubscribedListener>();

/**
 * Tests wait for a subscription to be listening, rather than sleeping, before they write the
 * change it should announce. Returns a function that stops listening.
 */
export function onOperationSubscribed(listener: SubscribedListener): () => void {
  subscribedListeners.add(listener);
  return () => subscribedListeners.delete(listener);
}

export function attachGraphqlOverWs(options: {
  httpServer: http.Server;
  runtime: HubRuntime;
  schema: GraphQLSchema;
  safety: QuerySafety;
  errorFormatter: ErrorFormatter;
}): GraphqlOverWs {
  const { httpServer, runtime, schema, safety, errorFormatter } = options;
  const { config } = runtime;
  // The size limit of HTTP bodies (with credentials): a larger message closes the socket (1009)
  // before it is read whole. A socket is authenticated only by its first message, so anonymous
  // sockets get their stricter limits per operation (document length, tokens…), in onSubscribe.
  const sockets = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: config.maxRequestBytes });
  // Before graphql-ws's own listener: a client's protocol errors stay out of the log (see socket-errors.ts).
  sockets.on('connection', quietClientErrors);
  const watcher = watchSocketCredentials(runtime);
  const callerOf = (viewer: SocketExtra['auth']['viewer'] | undefined, address: string | null) => ({
    key: rateLimitKey(viewer, address),
    anonymous: !viewer || viewer.kind === 'anonymous',
  });
  const subscriptionGroups = createSubscriptionGroups({
    formatResult: (result) => formatResult(result, errorFormatter),
    contextFor: (viewer) => createContext(runtime, { viewer, caller: callerOf(viewer, null) }),
  });
  const server = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      // Limits first; then a subscription the viewer may not use at all is refused here, as one
      // graphql-ws `error` message, before anything runs (src/graphql/guard/subscription-access.ts).
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
        return withSubscriptionTarget(createContext(runtime, { viewer, caller: callerOf(viewer, address), clientAddress: address }), { socket: ctx.extra.socket, id });
      },
      onError: (_ctx, _id, _payload, errors) => {
        // A refused operation is the client's error, not the operator's: one line each would let a
        // client flood the log. Unexpected ones are logged by the formatter (error level).
        for (const error of errors) logger.debug('WebSocket operation refused', { error: error.message, code: error.extensions?.code });
        return formatErrors(errors, errorFormatter);
      },
      onOperation: (ctx, id) => {
        for (const listener of subscribedListeners) listener(ctx.connectionParams, id);
      },
      // Results of WebSocket operations run alone (grouped ones are formatted by their group).
      onNext: (_ctx, _id, _payload, _args, result) => formatResult(result, errorFormatter),
    },
    sockets,
  );

  return {
    dispose: () => server.dispose(),
    close() {
      watcher.stop();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
    },
  };
}
