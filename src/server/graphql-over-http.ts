/**
 * GraphQL over HTTP (GET and POST on /graphql), in the order that keeps a hostile request cheap:
 * who asks and at what rate from the headers alone (over-rate callers and failing credentials are
 * answered before the body is read), then the body within the caller's size, trusted operations,
 * the text's tokens, aliases and directives before it is parsed, and only then Apollo (which
 * parses, validates, applies the operation limits and executes) with a context that holds the
 * request to its statement budget and its caller's share of each source.
 */
import type http from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { createContext, type HubContext, type HubRuntime } from '../graphql/context';
import { ErrorCode } from '../common/errors';
import { authenticateHttp, CredentialFailures } from './authentication';
import { clientAddress } from './client-address';
import { readBody, sendGraphQLError, sendJson } from './http-io';
import type { QuerySafety } from './safety/query-safety';
import { rateLimitKey } from './safety/rate-limiter';
import { profileOf } from './safety/request-limits';

export interface GraphqlOverHttp {
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void>;
  /** The context of the most recent request that reached Apollo (tests read its statement counts). */
  lastContext(): HubContext | null;
}

export function graphqlOverHttp(options: {
  runtime: HubRuntime;
  apollo: ApolloServer<HubContext>;
  safety: QuerySafety;
  /** Keep each request's statement texts (tests). */
  keepStatements?: boolean;
}): GraphqlOverHttp {
  const { runtime, apollo, safety } = options;
  const { config } = runtime;
  const authFailures = new CredentialFailures();
  let last: HubContext | null = null;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
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
        const message = `The request body is larger than ${profile.maxRequestBytes} bytes.`;
        return sendJson(res, 413, { errors: [{ message, extensions: { code: ErrorCode.REQUEST_TOO_LARGE, limit: profile.maxRequestBytes } }] }, { connection: 'close' });
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

    // The text's length, tokens, aliases and directives, before Apollo parses it.
    const overScan = safety.scanHttp(viewer, admitted.body, admitted.search);
    if (overScan) return sendGraphQLError(res, overScan);

    const caller = { key: rateLimitKey(viewer, address), anonymous: viewer.kind === 'anonymous' };
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search: admitted.search, body: admitted.body },
      context: async () =>
        (last = createContext(runtime, {
          keepStatements: options.keepStatements,
          viewer,
          caller,
          maxStatements: profile.operation.maxStatements,
          clientAddress: address,
        })),
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

  return { handle, lastContext: () => last };
}
