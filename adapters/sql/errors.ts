import { ConflictError } from '../../src/errors/ConflictError.js';
import { isSitegateError } from '../../src/errors/SitegateError.js';
import { StorageError } from '../../src/errors/StorageError.js';
import type { SqlDriver } from './driver.js';

/** Unique constraints whose violation is the caller's conflict, not a storage failure. */
const CONFLICTS: Record<string, string> = {
  clients_email_key: 'A client with this email already exists',
  invites_pkey: 'An invite with this id already exists',
};

interface DriverError {
  code?: string;
  constraint?: string;
  message?: string;
}

/** Every error leaving the adapter is a SitegateError; the driver's error stays as `cause`. */
export function toSitegateError(error: unknown, driver: Pick<SqlDriver, 'name' | 'describeError'>): Error {
  if (isSitegateError(error)) return error;
  const e = (error ?? {}) as DriverError;
  if (e.code === '23505' && e.constraint && CONFLICTS[e.constraint]) {
    return new ConflictError(CONFLICTS[e.constraint]!, { cause: error, data: { constraint: e.constraint } });
  }
  const described = driver.describeError?.(error);
  const detail = described ?? (typeof e.message === 'string' ? e.message : String(error));
  return new StorageError(`${driver.name} storage failed: ${detail}`, error);
}
