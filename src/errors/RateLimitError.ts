import { SitegateError } from './SitegateError.js';

/** Too many attempts; try again after `retryAfterSeconds`. */
export class RateLimitError extends SitegateError {
  override name = 'RateLimitError';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('rate_limited', `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, {
      data: { retryAfterSeconds },
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
