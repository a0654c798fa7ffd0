import { SitegateError } from './SitegateError.js';

/**
 * The server is shedding load (too many password hashes already running or queued): nothing was
 * done; try again after `retryAfterSeconds`. Answered as 503 with `Retry-After`.
 */
export class BusyError extends SitegateError {
  override name = 'BusyError';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message = `The server is busy. Try again in ${retryAfterSeconds} seconds.`) {
    super('busy', message, { data: { retryAfterSeconds } });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
