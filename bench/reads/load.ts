/**
 * One load measurement with autocannon (programmatic API): the same request repeated by a fixed
 * number of connections for a fixed time, after a warm-up run of the same request that is thrown
 * away (JIT, pools, caches and PostgreSQL's buffers all warm).
 */
import autocannon from 'autocannon';
import type { HttpRequest } from './targets';

export interface LoadOptions {
  connections: number;
  /** Seconds measured. */
  duration: number;
  /** Seconds of warm-up before the measurement (0 = none). */
  warmup: number;
}

export interface LoadResult {
  /** Mean requests per second over the measured seconds. */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Connection errors, timeouts and non-2xx answers (should all be 0). */
  failures: number;
}

function run(request: HttpRequest, connections: number, duration: number) {
  return autocannon({ url: request.url, method: 'POST', headers: request.headers, body: request.body, connections, duration, timeout: 30 });
}

export async function measure(request: HttpRequest, options: LoadOptions): Promise<LoadResult> {
  if (options.warmup > 0) await run(request, options.connections, options.warmup);
  const result = await run(request, options.connections, options.duration);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}
