/** One transaction on a pg pool: BEGIN, the work, COMMIT — or ROLLBACK when the work throws. */
import type pg from 'pg';

/**
 * `onConnectError` turns a failure to get a connection into the caller's own error (a source's
 * SOURCE_UNAVAILABLE, say); errors inside the work pass through unchanged.
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  onConnectError: (error: unknown) => unknown = (error) => error,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw onConnectError(error);
  }
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
