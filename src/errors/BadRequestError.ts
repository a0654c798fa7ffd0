import type { SitegateErrorOptions } from './SitegateError.js';
import { ValidationError, type ValidationIssue } from './ValidationError.js';

/**
 * A request that cannot be read at all — a body that is not JSON, a path that is not valid
 * percent-encoding, a cursor the list did not make: 400 `bad_request`. Adapters throw it for a
 * cursor they cannot decode. It is a `ValidationError`, so its `issues` say where (by default
 * one issue at the root carrying the message).
 *
 * @example
 * throw new BadRequestError('The cursor was not made by this list');
 */
export class BadRequestError extends ValidationError {
  override name = 'BadRequestError';
  constructor(message: string, options: SitegateErrorOptions<{ issues: ValidationIssue[] }> = {}) {
    super(message, { ...options, code: 'bad_request' });
  }
}
