import { ConflictError } from '../../src/errors/ConflictError.js';
import { isSitegateError } from '../../src/errors/SitegateError.js';
import { StorageError } from '../../src/errors/StorageError.js';
import type { SqlDriver } from './driver.js';

/** Unique constraints whose violation is the caller's conflict, not a storage failure. */
const CONFLICTS: Record<string, string> = {
  clients_email_key: 'A client with this email already exists',
  invites_pkey: 'An invite with this id already exists',
  account_links_pkey: 'An account link with this id already exists',
  events_pkey: 'An event with this id already exists',
  notifications_pkey: 'A notification with this id already exists',
  unsubscribe_tokens_pkey: 'An unsubscribe token with this hash already exists',
};

interface DriverError {
  code?: string;
  constraint?: string;
  message?: string;
}

/** A SQLSTATE: five digits or capitals, as PostgreSQL (and PGlite) report them. */
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * What a database error means, in words safe to show anyone: the server's own message can
 * quote SQL, schema and table names or values, so it stays on the `cause` for logs.
 */
function plainReason(code: string): string {
  switch (code) {
    case '40P01':
      return 'the database detected a deadlock between concurrent changes; nothing was kept';
    case '40001':
      return 'a concurrent change conflicted with this one; nothing was kept';
    case '57014':
      return 'the database did not finish in time (statement timeout); nothing was kept';
    case '55P03':
      return 'a database lock stayed held by another operation (lock timeout); nothing was kept';
    case '25P02':
      return 'the transaction was aborted by an earlier failed statement; nothing was kept';
  }
  if (code.startsWith('08') || code.startsWith('57P')) return 'the connection to the database was lost';
  if (code.startsWith('53')) return 'the database is out of resources (connections, memory or disk)';
  return `the database refused the operation (SQLSTATE ${code})`;
}

/**
 * `error` and the errors it wraps (`cause`, a few levels down): a driver's error reaches a
 * transaction's caller inside the StorageError an operation made of it.
 */
export function* errorChain(error: unknown): Generator<DriverError> {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) yield e as DriverError;
}

/**
 * A recursive query refused as not supported (`feature_not_supported`, naming recursion), as
 * Citus refuses one across shards: the database will not run it, however often it is sent.
 * The same code for anything else (a cached plan whose result changed) is not this.
 */
export function isRecursionRefused(error: unknown): boolean {
  for (const { code, message } of errorChain(error)) if (code === '0A000' && /recursive/i.test(message ?? '')) return true;
  return false;
}

/** Serialization failures and deadlocks: the whole transaction may simply be run again. */
export function isRetryableConflict(error: unknown): boolean {
  for (const { code } of errorChain(error)) if (code === '40P01' || code === '40001') return true;
  return false;
}

/** Every error leaving the adapter is a SitegateError; the driver's error stays as `cause`. */
export function toSitegateError(error: unknown, driver: Pick<SqlDriver, 'name' | 'describeError'>): Error {
  if (isSitegateError(error)) return error;
  const e = (error ?? {}) as DriverError;
  if (e.code === '23505' && e.constraint && CONFLICTS[e.constraint]) {
    // The one clash on a field a person typed: said as the services say it (field, reason).
    const field = e.constraint === 'clients_email_key' ? { field: 'email', reason: 'email_in_use' } : {};
    return new ConflictError(CONFLICTS[e.constraint]!, { cause: error, data: { constraint: e.constraint, ...field } });
  }
  const described = driver.describeError?.(error);
  const detail =
    described ??
    (typeof e.code === 'string' && SQLSTATE.test(e.code)
      ? plainReason(e.code)
      : // Not the database's words: sitegate's own (a COMMIT that rolled back), or the driver's.
        typeof e.message === 'string' ? e.message : 'unknown failure');
  return new StorageError(`${driver.name} storage failed: ${detail}`, { cause: error });
}
