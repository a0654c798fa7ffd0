import { SitegateError, type SitegateErrorOptions } from './SitegateError.js';

/** The request clashes with the current state (409), e.g. an email another client already has. */
export class ConflictError extends SitegateError {
  override name = 'ConflictError';
  constructor(message: string, options: SitegateErrorOptions = {}) {
    super(message, { ...options, code: 'conflict' });
  }
}
