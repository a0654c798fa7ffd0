import { SitegateError, type SitegateErrorOptions } from './SitegateError.js';

/** Too many attempts (429); try again after `retryAfterSeconds` (`data`). */
export class RateLimitError extends SitegateError {
  override name = 'RateLimitError';
  declare readonly data: { retryAfterSeconds: number };
  constructor(message: string, options: SitegateErrorOptions<{ retryAfterSeconds?: number }> = {}) {
    super(message, { ...options, code: 'rate_limited', data: { retryAfterSeconds: options.data?.retryAfterSeconds ?? 60 } });
  }
  get retryAfterSeconds(): number {
    return this.data.retryAfterSeconds;
  }
}

/** `Too many attempts. Try again in 30 seconds.` */
export function rateLimited(retryAfterSeconds: number): RateLimitError {
  return new RateLimitError(`Too many attempts. Try again in ${retryAfterSeconds} seconds.`, { data: { retryAfterSeconds } });
}
