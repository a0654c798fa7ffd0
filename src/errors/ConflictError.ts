import { SitegateError, type SitegateErrorOptions } from './SitegateError.js';

/** The request clashes with the current state (e.g. accepting an invite twice). */
export class ConflictError extends SitegateError {
  override name = 'ConflictError';
  constructor(message: string, options?: SitegateErrorOptions) {
    super('conflict', message, options);
  }
}
