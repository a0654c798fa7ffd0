import pg from 'pg';
import { refuseUnknownOptions } from '../../src/kernel/known-options.js';
import { GENERIC_PLANS } from '../sql/generic-plans.js';
import { sqlStorage, type SqlStorage, type SqlStorageOptions } from '../sql/storage.js';
import { pgDriver } from './driver.js';
import { resolveTimeouts, type PostgresTimeouts } from './timeouts.js';

export type PostgresConnection = { pool: pg.Pool } | { connectionString: string; pool?: never };

export interface PostgresStorageOptions extends SqlStorageOptions {
  /**
   * Bounds on every wait for PostgreSQL, in ms (`0` turns one off); past one, the operation
   * fails with a StorageError (HTTP 503) instead of hanging. Defaults: connect 5000,
   * checkout 5000, statement 5000, lock 3000.
   */
  timeouts?: Partial<PostgresTimeouts>;
  /**
   * Prepare the statements sitegate runs again and again, once per connection, so PostgreSQL
   * skips parsing and planning them on every request (default `true`). A pooler that does not
   * keep prepared statements (PgBouncer in transaction mode before 1.21, or without
   * `max_prepared_statements`) is noticed on its first refusal and statements then go unprepared;
   * `false` never prepares.
   */
  preparedStatements?: boolean;
  /**
   * Run the sessions of the pool sitegate opens with `plan_cache_mode = force_generic_plan`
   * (default `true`): a prepared statement is then planned once per connection instead of on
   * every execution. Left alone, PostgreSQL keeps planning a statement whose plan for the values
   * given looks cheaper than its generic plan, and the feed's and staff list's statements stay
   * in that case (generic plans took a fifth to a half off their server time). Every statement
   * sitegate sends is a tenant-scoped index lookup whose generic plan uses the same indexes
   * (the repository's plan tests check both). A pool passed in is not changed: see
   * docs/postgres-operations.md to set it there too.
   */
  genericPlans?: boolean;
}

export type { SqlStorage, SqlStorageOptions } from '../sql/storage.js';
export type { SqlRateLimiterOptions } from '../sql/rate-limiter.js';
export type { PostgresTimeouts } from './timeouts.js';
export { DEFAULT_TIMEOUTS } from './timeouts.js';

/**
 * An idle pooled connection whose server went away (a restart, a terminated backend) is
 * reported as the pool's `error` event; with no listener that event ends the process. The pool
 * has already dropped the connection, and the next checkout opens a new one: nothing to do.
 */
const ignoreIdleError = () => {};

/**
 * The command-line options of each session of a pool sitegate opens: PGOPTIONS's (which pg
 * reads only when a pool has no `options` of its own), then generic plans. Options in the
 * connection string replace these, as they replace PGOPTIONS.
 */
function sessionOptions(fromEnvironment: string | undefined): string {
  return [fromEnvironment?.trim(), `-c ${GENERIC_PLANS.name}=${GENERIC_PLANS.value}`].filter(Boolean).join(' ');
}

/**
 * A connection string, checked before the pool is made: node-postgres would take an empty or
 * foreign one as "localhost:5432" and fail later as if the server were down.
 */
function checkConnectionString(value: unknown): void {
  if (typeof value !== 'string' || !value.trim()) {
    throw new TypeError('postgresStorage: `connectionString` is empty (is DATABASE_URL set?); give a postgres:// URL or { pool }');
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  // URLs, and a Unix socket as node-postgres writes it (`socket:/run/postgresql?db=app`).
  if (scheme !== 'postgres' && scheme !== 'postgresql' && scheme !== 'socket') {
    throw new TypeError(`postgresStorage: \`connectionString\` must be a postgres:// or postgresql:// URL, not ${scheme ? `a ${scheme}: one` : JSON.stringify(value)}`);
  }
}

/**
 * Storage on your PostgreSQL, through node-postgres (`pg`, an optional peer dependency).
 * Tables live in their own schema (`sitegate` unless `schema` says otherwise), created and
 * migrated before the first operation unless `migrate: false`.
 *
 * ```ts
 * const storage = postgresStorage({ connectionString: process.env.DATABASE_URL! });
 * // the same: postgresStorage(process.env.DATABASE_URL!)
 * // or share the host's pool (left open by `close()`):
 * const storage = postgresStorage({ pool }, { schema: 'portal', timeouts: { statementMs: 10_000 } });
 * ```
 *
 * A pool passed in should have an `error` listener of its own (sitegate adds a silent one when
 * it has none, so a lost idle connection cannot end the process); see docs/postgres-operations.md.
 */
/** Every option `postgresStorage` reads: the types keep these lists whole. */
const OPTIONS = { schema: true, migrate: true, timeouts: true, preparedStatements: true, genericPlans: true } as const satisfies Record<keyof PostgresStorageOptions, true>;
const TIMEOUTS = { connectMs: true, checkoutMs: true, statementMs: true, lockMs: true } as const satisfies Record<keyof PostgresTimeouts, true>;

export function postgresStorage(connection: PostgresConnection | string, options: PostgresStorageOptions = {}): SqlStorage {
  if (typeof connection === 'string') connection = { connectionString: connection };
  if (typeof connection !== 'object' || connection === null) throw new TypeError('postgresStorage: give { connectionString } or { pool }');
  if (!('pool' in connection && connection.pool)) checkConnectionString((connection as { connectionString?: unknown }).connectionString);
  if (typeof options !== 'object' || options === null) throw new TypeError('postgresStorage: options must be an object');
  refuseUnknownOptions('postgresStorage', options, OPTIONS);
  if (options.timeouts !== undefined) refuseUnknownOptions('postgresStorage: `timeouts`', options.timeouts, TIMEOUTS);
  const { timeouts: given, preparedStatements = true, genericPlans = true, ...sqlOptions } = options;
  const timeouts = resolveTimeouts(given);
  if ('pool' in connection && connection.pool) {
    const pool = connection.pool;
    if (pool.listenerCount('error') === 0) pool.on('error', ignoreIdleError);
    return sqlStorage(pgDriver(pool, { ownsPool: false, timeouts, preparedStatements }), sqlOptions);
  }
  const pool = new pg.Pool({
    connectionString: (connection as { connectionString: string }).connectionString,
    // pg-pool also uses this for waits in its queue; sitegate's own checkout bound covers those.
    ...(timeouts.connectMs > 0 ? { connectionTimeoutMillis: timeouts.connectMs } : {}),
    // Sent when each session starts, so they cost no round trip per statement.
    ...(timeouts.statementMs > 0 ? { statement_timeout: timeouts.statementMs } : {}),
    ...(timeouts.lockMs > 0 ? { lock_timeout: timeouts.lockMs } : {}),
    ...(genericPlans ? { options: sessionOptions(process.env.PGOPTIONS) } : {}),
    // Notices a peer that vanished without closing the connection (a dropped network).
    keepAlive: true,
  });
  pool.on('error', ignoreIdleError);
  return sqlStorage(pgDriver(pool, { ownsPool: true, timeouts, preparedStatements }), sqlOptions);
}
