import type pg from 'pg';
import type { PostgresTimeouts } from './timeouts.js';

interface NodeError {
  code?: string;
  message?: string;
}

/**
 * No connection came from the pool in time. `exhausted` when every connection the pool may
 * open was in use all along (too small a pool, or something holding connections), otherwise
 * the database did not let a new one be opened.
 */
export class PoolTimeoutError extends Error {
  override name = 'PoolTimeoutError';
  constructor(
    readonly exhausted: boolean,
    readonly waitedMs: number,
    readonly max: number,
  ) {
    super(exhausted ? `pool exhausted: all ${max} connections stayed in use for ${waitedMs} ms` : `no connection within ${waitedMs} ms`);
  }
}

/** pg-pool's own wait in its queue of callers (only a full pool queues them). */
const POOL_QUEUE_TIMEOUT = /timeout exceeded when trying to connect/i;
/** The connection was cut, or its server process ended, or the server is stopping or starting. */
const LOST_MESSAGE = /Connection terminated|not queryable|Connection ended/i;
const LOST_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03']);

/** The connection cannot be used any more; nothing more will be answered on it. */
export function isConnectionLoss(error: unknown): boolean {
  const e = (error ?? {}) as NodeError;
  if (typeof e.code === 'string' && (LOST_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  return typeof e.message === 'string' && LOST_MESSAGE.test(e.message) && !POOL_QUEUE_TIMEOUT.test(e.message);
}

/** The client gave up waiting for the server's answer; the statement may still be running there. */
export function isUnanswered(error: unknown): boolean {
  return (error as NodeError | undefined)?.message === 'Query read timeout';
}

/**
 * Connection failures in words that name the setting to fix, instead of a socket error from
 * deep inside the driver. `undefined` for anything that is not about connecting.
 */
export function describeConnectionError(error: unknown, options: pg.PoolConfig, timeouts?: PostgresTimeouts): string | undefined {
  const e = (error ?? {}) as NodeError;
  const { host, port, database, user } = target(options);
  if (error instanceof PoolTimeoutError) {
    return error.exhausted
      ? `PostgreSQL pool exhausted: all ${error.max} connections stayed in use for ${error.waitedMs} ms (a larger pool, or fewer long requests)`
      : `cannot connect to PostgreSQL at ${host}:${port}: no connection within ${error.waitedMs} ms`;
  }
  if (typeof e.message === 'string' && POOL_QUEUE_TIMEOUT.test(e.message)) {
    const max = options.max ?? 10;
    return `PostgreSQL pool exhausted: all ${max} connections stayed in use for ${options.connectionTimeoutMillis ?? '?'} ms (a larger pool, or fewer long requests)`;
  }
  if (isUnanswered(error)) {
    return `PostgreSQL did not answer within ${timeouts ? timeouts.statementMs + ' ms' : 'the query timeout'}; the connection was dropped`;
  }
  switch (e.code) {
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return `cannot connect to PostgreSQL at ${host}:${port} (${e.code}): is the server running and the host/port right?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve the PostgreSQL host "${host}" (${e.code}): check the host name`;
    case '28P01':
    case '28000':
      return `PostgreSQL rejected user "${user}" (authentication failed): check the user name and password`;
    case '3D000':
      return `database "${database}" does not exist on ${host}:${port}: create it or fix the database name`;
    case '53300':
      return `PostgreSQL at ${host}:${port} has no free connections (too many clients)`;
    case '42501':
      return `user "${user}" lacks a privilege sitegate needs (permission denied)`;
    case '57P01':
    case '57P02':
      return 'the connection to PostgreSQL was terminated (server restart or administrator command)';
    case '57P03':
      return 'PostgreSQL is starting up or shutting down and accepts no connections yet';
  }
  if (typeof e.message === 'string' && /timeout expired|connection timeout/i.test(e.message)) {
    return `cannot connect to PostgreSQL at ${host}:${port}: no answer within ${timeouts?.connectMs ?? options.connectionTimeoutMillis ?? '?'} ms`;
  }
  // A pooler (PgBouncer) refuses the timeouts and `options` a pool sitegate opens sends at start.
  const refused = e.code === '08P01' && typeof e.message === 'string' ? /unsupported startup parameter:?\s*(\S+)/i.exec(e.message) : null;
  if (refused) {
    return `${host}:${port} refused the startup parameter "${refused[1]}" (a pooler such as PgBouncer?): list it in the pooler's ignore_startup_parameters and set it on sitegate's role instead`;
  }
  if (isConnectionLoss(error)) return 'the connection to PostgreSQL was lost';
  return undefined;
}

function target(options: pg.PoolConfig) {
  let url: URL | undefined;
  try {
    url = options.connectionString ? new URL(options.connectionString) : undefined;
  } catch {
    url = undefined;
  }
  return {
    host: options.host ?? (url?.hostname || process.env.PGHOST || 'localhost'),
    port: options.port ?? (url?.port || process.env.PGPORT || 5432),
    database: options.database ?? (decodeURIComponent(url?.pathname.slice(1) ?? '') || process.env.PGDATABASE || options.user || url?.username || 'postgres'),
    user: options.user ?? (decodeURIComponent(url?.username ?? '') || process.env.PGUSER || 'postgres'),
  };
}
