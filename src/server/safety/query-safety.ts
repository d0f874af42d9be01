/**
 * Query safety in one place, plugged into the server at four points: the HTTP request before
 * Apollo (trusted operations), context creation (rate limit), Apollo after validation (depth,
 * cost and page limits) and graphql-ws `onSubscribe` (all of them for WebSocket operations).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  GraphQLError,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import type { Config } from '../../config';
import type { Viewer } from '../../auth/viewer';
import { ErrorCode, HubError } from '../../common/errors';
import { logger } from '../../common/logger';
import type { HubContext } from '../../graphql/context';
import { limitsFrom, validateOperationLimits, type OperationLimits } from './operation-limits';
import { RateLimiter, rateLimitKey, rateLimited } from './rate-limiter';
import { TrustedOperations } from './trusted-operations';
import { clientAddress, type AddressedRequest } from '../client-address';

/** What graphql-ws hands `onSubscribe` (its Context, kept loose so this file needs no ws types). */
export interface SubscribeContext {
  readonly extra?: unknown;
  readonly connectionParams?: Readonly<Record<string, unknown>>;
}

export interface SubscribePayload {
  readonly query?: string;
  readonly operationName?: string | null;
  readonly variables?: Record<string, unknown> | null;
  readonly extensions?: Record<string, unknown> | null;
  readonly documentId?: string;
}

export interface QuerySafetyOptions {
  /**
   * The viewer of a WebSocket connection, for its rate-limit bucket (by default the one
   * authentication.ts resolved from `connection_init`); anonymous connections are limited by
   * their remote address.
   */
  viewerOf?: (ctx: SubscribeContext) => Viewer | null | undefined;
}

/** The viewer src/server/authentication.ts keeps on a connection (`extra.auth`, set in onConnect). */
const connectionViewer = (ctx: SubscribeContext): Viewer | undefined => (ctx.extra as { auth?: { viewer?: Viewer } } | undefined)?.auth?.viewer;

export interface QuerySafety {
  readonly limits: OperationLimits;
  readonly limiter: RateLimiter;
  /** The registered operations when TRUSTED_OPERATIONS is set, else null. */
  readonly trusted: TrustedOperations | null;
  /** Apollo plugin: refuses an operation over the depth, cost or page limits before it executes. */
  readonly plugin: ApolloServerPlugin<HubContext>;
  /** Before Apollo: in trusted mode, swaps an operation id for its registered text or refuses the request. */
  admitHttp(method: string, body: unknown, search: string): { body: unknown; search: string } | { error: HubError };
  /** At context creation: takes a token from the caller's bucket or throws RATE_LIMITED (HTTP 429); `clientAddress` from src/server/client-address.ts. */
  admitContext<C extends HubContext>(context: C, clientAddress: string | null | undefined): C;
  /** graphql-ws `onSubscribe`: rate limit, trusted operations, validation and limits for a WebSocket operation. */
  onSubscribe(ctx: SubscribeContext, id: string, payload: SubscribePayload): Promise<ExecutionArgs | readonly GraphQLError[]>;
}

/** How many distinct WebSocket operation texts keep their parse and validation. */
const CHECKED_DOCUMENTS_MAX = 500;

export function createQuerySafety(config: Config, schema: GraphQLSchema, options: QuerySafetyOptions = {}): QuerySafety {
  const limits = limitsFrom(config);
  const limiter = new RateLimiter(config.rateLimitPerMinute, config.rateLimitBurst);
  const trusted = config.trustedOperations ? TrustedOperations.load(config.trustedOperations, schema) : null;
  if (trusted) {
    logger.info('Trusted-operations mode: only registered operations run', { operations: trusted.size });
    if (config.graphiql) logger.warn('GRAPHIQL is on, but trusted-operations mode refuses the free-text queries GraphiQL sends');
  }
  /** WebSocket operation texts already parsed and validated (validation does not depend on variables). */
  const checkedDocuments = new Map<string, { document: DocumentNode; errors: readonly GraphQLError[] }>();
  // Apollo applies its own introspection switch over HTTP; WebSocket operations get the same rule here.
  const wsRules = config.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];

  const plugin: ApolloServerPlugin<HubContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const errors = validateOperationLimits(schema, document, request.variables, limits, request.operationName);
          // Apollo sends one error from this hook; depth comes first, then cost, then page sizes.
          if (errors.length) throw withHttpStatus(errors[0], 400);
        },
      };
    },
  };

  return {
    limits,
    limiter,
    trusted,
    plugin,
    admitHttp(method, body, search) {
      return trusted ? trusted.admitHttp(method, body, search) : { body, search };
    },
    admitContext(context, remoteAddress) {
      const decision = limiter.take(rateLimitKey(context.viewer, remoteAddress));
      if (!decision.allowed) throw rateLimited(decision, limiter.perMinute, true);
      return context;
    },
    async onSubscribe(ctx, _id, payload) {
      const request = (ctx.extra as { request?: AddressedRequest } | undefined)?.request;
      const address = request ? clientAddress(request, config.trustProxy) : null;
      const decision = limiter.take(rateLimitKey((options.viewerOf ?? connectionViewer)(ctx), address));
      if (!decision.allowed) return [rateLimited(decision, limiter.perMinute, false)];

      let text = payload.query ?? '';
      if (trusted) {
        const resolved = trusted.resolve(payload.query, payload.documentId, payload.extensions ?? null);
        if ('error' in resolved) return [resolved.error];
        text = resolved.body ?? '';
      }
      // Thousands of dashboards send the same few documents: parse and validate each text once.
      let checked = checkedDocuments.get(text);
      if (!checked) {
        try {
          const parsed = parse(text);
          checked = { document: parsed, errors: validate(schema, parsed, wsRules) };
        } catch (error) {
          return [error instanceof GraphQLError ? error : new HubError(ErrorCode.VALIDATION_FAILED, 'The operation could not be parsed.')];
        }
        if (checkedDocuments.size >= CHECKED_DOCUMENTS_MAX) checkedDocuments.delete(checkedDocuments.keys().next().value!);
        checkedDocuments.set(text, checked);
      }
      if (checked.errors.length) return checked.errors;
      const document = checked.document;
      const overLimits = validateOperationLimits(schema, document, payload.variables, limits, payload.operationName);
      if (overLimits.length) return overLimits;
      // No contextValue: graphql-ws then builds it with the server's `context` option.
      return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
    },
  };
}

/** The same error with an HTTP status for Apollo (which strips `extensions.http` from the answer). */
function withHttpStatus(error: GraphQLError, status: number): GraphQLError {
  const { code, ...rest } = error.extensions as { code: ErrorCode };
  return new HubError(code, error.message, { ...rest, http: { status } });
}
