import { SitegateError } from './SitegateError.js';

/** The storage adapter failed. The driver's error is kept as `cause`; nothing was changed. */
export class StorageError extends SitegateError {
  override name = 'StorageError';
  constructor(message: string, cause?: unknown) {
    super('storage_failed', message, { cause });
  }
}
