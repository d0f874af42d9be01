/**
 * Query safety in one place, plugged into the server at the points every request passes, HTTP
 * and WebSocket alike, all before any SQL: the request before Apollo (trusted operations, the
 * caller's rate limit, then the text's tokens, aliases and directives before it is parsed),
 * Apollo after validation (depth, cost, root fields, statements, text lengths, page sizes) and
 * graphql-ws `onSubscribe` (all of them for WebSocket operations). Anonymous callers get the
 * stricter profile (request-limits.ts).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  NoSchemaIntrospectionCustomRule,
  getOperationAST,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  GraphQLError,
  type DocumentNode,
  type ExecutionArgs,
  type OperationTypeNode,
  type GraphQLSchema,
} from 'graphql';
import type { Config } from '../../config';
import type { Viewer } from '../../auth/viewer';
import { ErrorCode, HubError } from '../../common/errors';
import { logger } from '../../common/logger';
import type { HubContext } from '../../graphql/context';
import { validateOperationLimits } from './operation-limits';
import { RateLimiter, rateLimitKey, rateLimited } from './rate-limiter';
import { TrustedOperations } from './trusted-operations';
import { scanDocument } from './document-scan';
import { profileOf, requestLimits, type LimitProfile, type RequestLimits } from './request-limits';
import { withoutSuggestions } from './suggestions';
import { CheckedDocuments } from './checked-documents';
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
   * The viewer of a WebSocket connection, for its limits and rate-limit bucket (by default the one
   * authentication.ts resolved from `connection_init`); anonymous connections are limited by
   * their remote address.
   */
  viewerOf?: (ctx: SubscribeContext) => Viewer | null | undefined;
  /** The client address of a WebSocket connection (default: its upgrade request's, through TRUST_PROXY). */
  addressOf?: (ctx: SubscribeContext) => string | null | undefined;
}

/** The viewer src/server/authentication.ts keeps on a connection (`extra.auth`, set in onConnect). */
const connectionViewer = (ctx: SubscribeContext): Viewer | undefined => (ctx.extra as { auth?: { viewer?: Viewer } } | undefined)?.auth?.viewer;

export interface QuerySafety {
  readonly limits: RequestLimits;
  /** The rate limiters of the two profiles (tests read their state). */
  readonly limiters: Readonly<Record<LimitProfile['name'], RateLimiter>>;
  /** The registered operations when TRUSTED_OPERATIONS is set, else null. */
  readonly trusted: TrustedOperations | null;
  /** Apollo plugin: refuses an operation over its viewer's operation limits before it executes. */
  readonly plugin: ApolloServerPlugin<HubContext>;
  /** Before Apollo: in trusted mode, swaps an operation id for its registered text or refuses the request. */
  admitHttp(method: string, body: unknown, search: string): { body: unknown; search: string } | { error: HubError };
  /** Before Apollo: takes a token from the caller's bucket, or the RATE_LIMITED error (HTTP 429). */
  admitCaller(viewer: Viewer, address: string | null | undefined, http: boolean): HubError | null;
  /** Before Apollo: the text's tokens, aliases and directives against the viewer's profile, or the error (HTTP 400). */
  scanHttp(viewer: Viewer, body: unknown, search: string): HubError | null;
  /** graphql-ws `onSubscribe`: rate limit, trusted operations, the scan, validation and limits for a WebSocket operation. */
  onSubscribe(ctx: SubscribeContext, id: string, payload: SubscribePayload): Promise<ExecutionArgs | readonly GraphQLError[]>;
}

export function createQuerySafety(config: Config, schema: GraphQLSchema, options: QuerySafetyOptions = {}): QuerySafety {
  const limits = requestLimits(config);
  const limiters = {
    authenticated: new RateLimiter(limits.authenticated.rate.perMinute, limits.authenticated.rate.burst),
    anonymous: new RateLimiter(limits.anonymous.rate.perMinute, limits.anonymous.rate.burst),
  };
  const trusted = config.trustedOperations ? TrustedOperations.load(config.trustedOperations, schema) : null;
  if (trusted) {
    logger.info('Trusted-operations mode: only registered operations run', { operations: trusted.size });
    if (config.graphiql) logger.warn('GRAPHIQL is on, but trusted-operations mode refuses the free-text queries GraphiQL sends');
  }
  // With introspection off the schema is not public: errors must not suggest field or type names.
  const hideSuggestions = !config.introspection;
  // WebSocket errors get the codes Apollo gives the same errors over HTTP (graphql-js sets none).
  const shown = (errors: readonly GraphQLError[], code: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED' | 'BAD_USER_INPUT') =>
    errors.map((error) => withCode(hideSuggestions ? withoutSuggestions(error) : error, code));
  /** WebSocket operation texts already parsed and validated (validation does not depend on variables). */
  const checkedDocuments = new CheckedDocuments();
  // Apollo applies its own introspection switch over HTTP; WebSocket operations get the same rule here.
  const wsRules = config.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];

  /**
   * All anonymous callers together: many addresses (a botnet, a crowd behind one proxy) each within
   * its own rate must not add up to more reading than the hub can give everyone else. Taken once
   * an anonymous operation is parsed and before it runs; mutations (logging in) are not counted,
   * so an owner can always log in while anonymous reads are refused.
   */
  const anonymousTotal = new RateLimiter(config.anonymousTotalPerMinute, config.anonymousTotalBurst);
  const admitAnonymousRead = (viewer: Viewer | null | undefined, kind: OperationTypeNode | undefined, http: boolean): HubError | null => {
    if ((viewer && viewer.kind !== 'anonymous') || kind === 'mutation') return null;
    const decision = anonymousTotal.take('anonymous');
    if (decision.allowed) return null;
    // The same extensions (and, over HTTP, 429 with Retry-After) as a caller's own rate; another message.
    const { code: _code, ...extensions } = rateLimited(decision, anonymousTotal.perMinute, http).extensions;
    return new HubError(
      ErrorCode.RATE_LIMITED,
      `Anonymous reads are busy: all anonymous callers together may run ${anonymousTotal.perMinute} a minute. Retry in ${decision.retryAfterSeconds} s, or send credentials.`,
      extensions,
    );
  };

  const admitCaller = (viewer: Viewer | null | undefined, address: string | null | undefined, http: boolean): HubError | null => {
    const profile = profileOf(limits, viewer);
    const limiter = limiters[profile.name];
    const decision = limiter.take(rateLimitKey(viewer, address));
    return decision.allowed ? null : rateLimited(decision, limiter.perMinute, http);
  };

  const scan = (viewer: Viewer | null | undefined, text: string | null): HubError | null => {
    if (!text) return null;
    const profile = profileOf(limits, viewer);
    const result = scanDocument(text, profile.scan);
    if (!result.over) return null;
    const limit = profile.scan[result.over];
    const what = { maxChars: 'characters', maxTokens: 'tokens', maxAliases: 'aliases', maxDirectives: 'directives' }[result.over];
    // Too long a text is too large a request; too many tokens, aliases or directives, too complex an operation.
    return new HubError(
      result.over === 'maxChars' ? ErrorCode.REQUEST_TOO_LARGE : ErrorCode.QUERY_TOO_COMPLEX,
      `The operation has more than ${limit} ${what}, the limit for ${profile.name === 'anonymous' ? 'anonymous callers' : 'this caller'}. It was not parsed and did not run.`,
      { limit, limitName: what },
    );
  };

  const plugin: ApolloServerPlugin<HubContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, contextValue, operation }) {
          const busy = admitAnonymousRead(contextValue.viewer, operation?.operation, true);
          if (busy) throw busy;
          const profile = profileOf(limits, contextValue.viewer);
          const errors = validateOperationLimits(schema, document, request.variables, profile.operation, request.operationName);
          // Apollo sends one error from this hook; depth comes first, then cost, then the others.
          if (errors.length) throw withHttpStatus(errors[0], 400);
        },
      };
    },
  };

  return {
    limits,
    limiters,
    trusted,
    plugin,
    admitHttp(method, body, search) {
      return trusted ? trusted.admitHttp(method, body, search) : { body, search };
    },
    admitCaller,
    scanHttp(viewer, body, search) {
      return scan(viewer, operationText(body, search));
    },
    async onSubscribe(ctx, _id, payload) {
      const viewer = (options.viewerOf ?? connectionViewer)(ctx);
      const request = (ctx.extra as { request?: AddressedRequest } | undefined)?.request;
      const address = options.addressOf ? options.addressOf(ctx) : request ? clientAddress(request, config.trustProxy) : null;
      const refused = admitCaller(viewer, address, false);
      if (refused) return [refused];

      let text = payload.query ?? '';
      if (trusted) {
        const resolved = trusted.resolve(payload.query, payload.documentId, payload.extensions ?? null);
        if ('error' in resolved) return [resolved.error];
        text = resolved.body ?? '';
      }
      const overScan = scan(viewer, text);
      if (overScan) return [overScan];
      // Thousands of dashboards send the same few documents: parse and validate each text once.
      let checked = checkedDocuments.get(text);
      if (!checked) {
        try {
          const parsed = parse(text);
          checked = { document: parsed, errors: validate(schema, parsed, wsRules) };
        } catch (error) {
          if (!(error instanceof GraphQLError)) return [new HubError(ErrorCode.VALIDATION_FAILED, 'The operation could not be parsed.')];
          return shown([error], 'GRAPHQL_PARSE_FAILED');
        }
        checkedDocuments.set(text, checked);
      }
      if (checked.errors.length) return shown(checked.errors, 'GRAPHQL_VALIDATION_FAILED');
      const document = checked.document;
      const variableErrors = coercionErrors(schema, document, payload.variables, payload.operationName);
      if (variableErrors.length) return shown(variableErrors, 'BAD_USER_INPUT');
      const busy = admitAnonymousRead(viewer, getOperationAST(document, payload.operationName ?? undefined)?.operation, false);
      if (busy) return [busy];
      const profile = profileOf(limits, viewer);
      const overLimits = validateOperationLimits(schema, document, payload.variables, profile.operation, payload.operationName);
      if (overLimits.length) return overLimits;
      // No contextValue: graphql-ws then builds it with the server's `context` option.
      return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
    },
  };
}

/** The operation text of an HTTP request: a JSON body's `query`, or GET's `query` parameter. */
function operationText(body: unknown, search: string): string | null {
  if (body && typeof body === 'object' && typeof (body as { query?: unknown }).query === 'string') return (body as { query: string }).query;
  if (search) return new URLSearchParams(search).get('query');
  return null;
}

/** Errors of the variables of the operation that will run (reported before it runs, like validation). */
function coercionErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
): readonly GraphQLError[] {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return [];
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  return coerced.errors ?? [];
}

/** The error with `extensions.code` set (a copy when it had none). */
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions: { ...error.extensions, code } });
}

/** The same error with an HTTP status for Apollo (which strips `extensions.http` from the answer). */
function withHttpStatus(error: GraphQLError, status: number): GraphQLError {
  const { code, ...rest } = error.extensions as { code: ErrorCode };
  return new HubError(code, error.message, { ...rest, http: { status } });
}
