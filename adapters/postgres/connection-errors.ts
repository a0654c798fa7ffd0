import type pg from 'pg';

interface NodeError {
  code?: string;
  message?: string;
}

/**
 * Connection failures in words that name the setting to fix, instead of a socket error from
 * deep inside the driver. `undefined` for anything that is not about connecting.
 */
export function describeConnectionError(error: unknown, options: pg.PoolConfig): string | undefined {
  const e = (error ?? {}) as NodeError;
  const { host, port, database, user } = target(options);
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
      return `user "${user}" lacks a privilege sitegate needs (${e.message ?? 'permission denied'})`;
  }
  if (typeof e.message === 'string' && /timeout exceeded when trying to connect|Connection terminated/i.test(e.message)) {
    return `cannot connect to PostgreSQL at ${host}:${port}: ${e.message}`;
  }
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
