import { SitegateError, type SitegateErrorOptions } from './SitegateError.js';

/**
 * The server is shedding load (too many password hashes already running or queued): nothing was
 * done; try again after `retryAfterSeconds` (`data`). Answered as 503 with `Retry-After`.
 */
export class BusyError extends SitegateError {
  override name = 'BusyError';
  declare readonly data: { retryAfterSeconds: number };
  constructor(message: string, options: SitegateErrorOptions<{ retryAfterSeconds?: number }> = {}) {
    super(message, { ...options, code: 'busy', data: { retryAfterSeconds: options.data?.retryAfterSeconds ?? 5 } });
  }
  get retryAfterSeconds(): number {
    return this.data.retryAfterSeconds;
  }
}

/** `The server is busy. Try again in 2 seconds.` */
export function busy(retryAfterSeconds: number, message = `The server is busy. Try again in ${retryAfterSeconds} seconds.`): BusyError {
  return new BusyError(message, { data: { retryAfterSeconds } });
}
