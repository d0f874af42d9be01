/**
 * What a source needs to read on behalf of one request: one bound reader per database (its
 * statements counted and fairly shared), the request's loader cache, and the business clock.
 * The GraphQL context (src/graphql/context.ts) is one; sources never see more of the hub.
 */
import type { DatabaseName } from '../config';
import type { BusinessClock } from '../common/business-time';

/** Runs SQL on one database on behalf of one request (counted in its QueryStats). */
export interface BoundReader {
  query<T extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** The running hub as far as a source reads it. */
export interface SourceRuntime {
  /** The institution's "today" and "now" (BUSINESS_DATE, BUSINESS_TIME_ZONE) for every answer that depends on them. */
  readonly businessClock: BusinessClock;
}

export interface SourceContext {
  readonly db: Readonly<Record<DatabaseName, BoundReader>>;
  readonly runtime: SourceRuntime;
  /** Returns the request's loader named `key`, creating it with `create` on first use. */
  loader<T>(key: string, create: () => T): T;
}

/** The business instant now (src/common/business-time.ts): the "now" of every answer that depends on it. */
export const businessNow = (context: { runtime: SourceRuntime }): Date => context.runtime.businessClock.now().instant;

/** Today's business date (YYYY-MM-DD, the institution's zone): the "today" of every answer that depends on it. */
export const businessToday = (context: { runtime: SourceRuntime }): string => context.runtime.businessClock.today();

/** A stable key for a loader that depends on field arguments. */
export function argsKey(name: string, args: unknown): string {
  return `${name}:${JSON.stringify(args ?? {})}`;
}
