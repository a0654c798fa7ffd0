import { SitegateError, type SitegateErrorOptions } from './SitegateError.js';

/**
 * The storage adapter failed (503); nothing was changed. Keep the driver's error as `cause`.
 *
 * @example
 * throw new StorageError('Could not read the client', { cause: error });
 */
export class StorageError extends SitegateError {
  override name = 'StorageError';
  constructor(message: string, options: SitegateErrorOptions = {}) {
    super(message, { ...options, code: 'storage_failed' });
  }
}
