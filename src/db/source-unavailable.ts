/**
 * When a database cannot be reached. A connection-level failure — refused, reset, timed out, the
 * server shutting down or refusing connections, the database missing, the login refused — means
 * the database is unavailable, whichever statement met it: it becomes SOURCE_UNAVAILABLE naming
 * the database, never an internal error. Reads get this from SourceDb.query; work that reaches a
 * database another way (a transaction on its pool, MikroORM's writes, the account service's pool)
 * gets it from `onDatabase` or `reportingPool` here.
 *
 * A transaction that fails this way before its COMMIT is rolled back by PostgreSQL (its session
 * ended), so a mutation refused with SOURCE_UNAVAILABLE wrote nothing to that database.
 */
import type pg from 'pg';
import { HubError, sourceUnavailable } from '../common/errors';

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE',
  '57P01', '57P02', '57P03', // admin shutdown, crash shutdown, cannot connect now
  '3D000', // database does not exist
  '28P01', '28000', // authentication failed
  '55000', // database not accepting connections
]);

export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (e?.code && (CONNECTION_ERROR_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  const message = e?.message ?? '';
  return /Connection terminated|Connection ended unexpectedly|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error/i.test(message);
}

/** `error` as the caller should see it: SOURCE_UNAVAILABLE naming `database` when it is a connection failure. */
export function asSourceError(database: string, error: unknown): unknown {
  return !(error instanceof HubError) && isConnectionError(error) ? sourceUnavailable(database, error) : error;
}

/** Runs `work`, which talks to `database` directly; a connection failure in it is SOURCE_UNAVAILABLE naming it. */
export async function onDatabase<T>(database: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asSourceError(database, error);
  }
}

/**
 * The same pool, whose `query` and `connect` report a connection failure as SOURCE_UNAVAILABLE
 * naming `database` (for services that use a pool directly, such as the accounts on the hub's).
 * Only the promise forms are translated; callbacks (pg's own internal use) pass through.
 */
export function reportingPool(pool: pg.Pool, database: string): pg.Pool {
  return new Proxy(pool, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if ((property !== 'query' && property !== 'connect') || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (typeof args[args.length - 1] === 'function') return value.apply(target, args);
        return (value.apply(target, args) as Promise<unknown>).catch((error: unknown) => {
          throw asSourceError(database, error);
        });
      };
    },
  });
}
