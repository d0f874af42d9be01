/** Small pieces of the HTTP side: reading a bounded body, and the JSON answers the hub writes itself. */
import type http from 'node:http';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/errors';
import { logger } from '../common/logger';

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * A GraphQL error answered before Apollo (authentication, rate limit, the pre-parse scan), in the
 * shape Apollo gives errors: its `extensions.http` sets the status and headers and is not sent.
 */
export function sendGraphQLError(res: http.ServerResponse, error: unknown, options: { close?: boolean } = {}): void {
  if (!(error instanceof GraphQLError)) {
    logger.error('Unexpected error before execution', { error: String((error as Error)?.message ?? error) });
    return sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL } }] });
  }
  const { http: httpInfo, ...extensions } = (error.extensions ?? {}) as { http?: { status?: number; headers?: Iterable<[string, string]> } };
  // `close`: the request's body was not read; the connection cannot carry another request.
  const headers: Record<string, string> = options.close ? { connection: 'close' } : {};
  for (const [key, value] of httpInfo?.headers ?? []) headers[key] = value;
  sendJson(res, httpInfo?.status ?? 400, { errors: [{ message: error.message, extensions }] }, headers);
}

/** Bytes of an oversized body the server still reads (and drops) so that its 413 reaches the client. */
const DRAIN_FACTOR = 16;

/**
 * The request body as text, or null when it is larger than `maxBytes`. An oversized body is not
 * kept: the rest is read and dropped so the client, still sending, receives the 413 (closing the
 * socket at once would reset its connection before it reads the answer); a body larger than
 * DRAIN_FACTOR × the limit is cut off by closing the socket.
 */
export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes * DRAIN_FACTOR) {
      // Far too large to drain: answer now; the socket closes after the answer.
      resolve(null);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (over) {
        if (size > maxBytes * DRAIN_FACTOR) req.destroy();
        return;
      }
      if (size > maxBytes) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', (error) => (over ? resolve(null) : reject(error)));
    req.on('close', () => {
      if (over) resolve(null);
    });
  });
}
