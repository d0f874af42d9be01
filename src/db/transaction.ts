/** One transaction on a pg pool: BEGIN, the work, COMMIT — or ROLLBACK when the work throws. */
import type pg from 'pg';
import { asSourceError } from './source-unavailable';

/**
 * `database` names the pool's database: a connection failure anywhere — getting a connection, in
 * the work, at COMMIT — is SOURCE_UNAVAILABLE naming it (the transaction is then rolled back by the
 * server, as its session ended); other errors from the work pass through unchanged.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, database: string): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw asSourceError(database, error);
  }
  let broken = false;
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    const reported = asSourceError(database, error);
    // A connection that failed is not handed back to the pool for the next caller.
    broken = reported !== error;
    throw reported;
  } finally {
    client.release(broken || undefined);
  }
}
