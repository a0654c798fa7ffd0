import { SitegateError } from './SitegateError.js';

/**
 * A mail could not be delivered. `permanent` failures (rejected recipient, 5xx, auth) are not
 * retried; transient ones (connection, timeout, 4xx) are, with backoff.
 */
export class MailError extends SitegateError {
  override name = 'MailError';
  readonly permanent: boolean;
  readonly responseCode?: number;
  constructor(message: string, options: { permanent: boolean; responseCode?: number; cause?: unknown }) {
    super('mail_failed', message, {
      cause: options.cause,
      data: { permanent: options.permanent, responseCode: options.responseCode },
    });
    this.permanent = options.permanent;
    if (options.responseCode !== undefined) this.responseCode = options.responseCode;
  }
}
