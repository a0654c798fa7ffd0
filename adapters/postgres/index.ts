import pg from 'pg';
import { sqlStorage, type SqlStorage, type SqlStorageOptions } from '../sql/storage.js';
import { pgDriver } from './driver.js';

export type PostgresConnection = { pool: pg.Pool } | { connectionString: string; pool?: never };

export type { SqlStorage, SqlStorageOptions } from '../sql/storage.js';

/**
 * Storage on your PostgreSQL, through node-postgres (`pg`, an optional peer dependency).
 * Tables live in their own schema (`sitegate` unless `schema` says otherwise), created and
 * migrated before the first operation unless `migrate: false`.
 *
 * ```ts
 * const storage = postgresStorage({ connectionString: process.env.DATABASE_URL! });
 * // or share the host's pool (left open by `close()`):
 * const storage = postgresStorage({ pool }, { schema: 'portal' });
 * ```
 */
export function postgresStorage(connection: PostgresConnection, options: SqlStorageOptions = {}): SqlStorage {
  if ('pool' in connection && connection.pool) return sqlStorage(pgDriver(connection.pool, false), options);
  const pool = new pg.Pool({ connectionString: (connection as { connectionString: string }).connectionString });
  // An idle client dropping (server restart) must not crash the host process; the next query reconnects.
  pool.on('error', () => {});
  return sqlStorage(pgDriver(pool, true), options);
}
