/**
 * The operation limits and the rate limiter without a hub: the measure of a document (introspection
 * is free) and the token buckets on a clock of the test's own. Over real HTTP and WebSocket, with
 * the same limits: test/integration/query-safety.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { ANONYMOUS, Role, type Viewer } from '../../src/auth/viewer';
import { DEFAULT_LIMITS, validateOperationLimits } from '../../src/server/safety/operation-limits';
import { RateLimiter, rateLimitKey } from '../../src/server/safety/rate-limiter';

/** The committed schema (schema.test.ts keeps it equal to the code's). */
const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8'));

describe('cost limit (MAX_QUERY_COST)', () => {
  it('does not charge introspection', () => {
    const document = parse(getIntrospectionQuery());
    expect(validateOperationLimits(schema, document, {}, { ...DEFAULT_LIMITS, maxCost: 1 })).toEqual([]);
  });
});

describe(RateLimiter.name, () => {
  it('keys a bucket by API key or account when the request has one, by address otherwise', () => {
    const account: Viewer = { ...ANONYMOUS, kind: 'account', id: '7', label: 'dean', role: Role.DEAN };
    const key: Viewer = { ...ANONYMOUS, kind: 'apiKey', id: '7', label: 'library', role: Role.LIBRARY };
    expect(rateLimitKey(account, '10.0.0.1')).toBe('account:7');
    expect(rateLimitKey(key, '10.0.0.1')).toBe('apiKey:7');
    expect(rateLimitKey(ANONYMOUS, '10.0.0.1')).toBe('address:10.0.0.1');

    let now = 0;
    const limiter = new RateLimiter(600, 2, () => now);
    expect([limiter.take('account:7'), limiter.take('account:7'), limiter.take('account:7')].map((d) => d.allowed)).toEqual([true, true, false]);
    expect(limiter.take('apiKey:7').allowed).toBe(true); // another caller, another bucket
    expect(limiter.take('account:7').retryAfterSeconds).toBe(1); // 600 a minute: one token per 100 ms
    now += 100;
    expect(limiter.take('account:7').allowed).toBe(true);
    now += 10 * 60_000; // idle buckets are dropped
    limiter.take('address:x');
    expect(limiter.size).toBe(1);
    expect(new RateLimiter(0, 1).take('k')).toEqual({ allowed: true, retryAfterSeconds: 0 }); // 0 = off
  });
});
