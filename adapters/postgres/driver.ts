import type pg from 'pg';
import type { Queryable, Row, SqlDriver } from '../sql/driver.js';
import { describeConnectionError } from './connection-errors.js';

/**
 * node-postgres as a SqlDriver. Transactions run on a client checked out of the pool for their
 * whole length; statements outside one go to the pool.
 */
export function pgDriver(pool: pg.Pool, ownsPool: boolean): SqlDriver {
  const run = async (on: pg.Pool | pg.PoolClient, text: string, params?: unknown[]): Promise<Row[]> =>
    (await on.query(text, params as unknown[])).rows as Row[];

  return {
    name: 'postgres',
    query: (text, params) => run(pool, text, params),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: unknown;
      try {
        await client.query('BEGIN');
        try {
          const result = await fn({ query: (text, params) => run(client, text, params) });
          const commit = await client.query('COMMIT');
          // COMMIT of a transaction a failed statement aborted answers ROLLBACK, not an error.
          if (commit.command === 'ROLLBACK') throw new Error('the transaction was aborted by an earlier failed statement; nothing was kept');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError));
          throw error;
        }
      } finally {
        // A connection that could not roll back is not handed to the next caller.
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    describeError: (error) => describeConnectionError(error, pool.options),
    async close() {
      if (ownsPool) await pool.end();
    },
  };
}
