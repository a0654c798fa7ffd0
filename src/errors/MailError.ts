import { SitegateError, type SitegateErrorOptions } from './SitegateError.js';

/**
 * A mail could not be delivered (502). `data.permanent` failures (rejected recipient, 5xx, auth)
 * are not retried; transient ones (connection, timeout, 4xx) are, with backoff.
 *
 * @example
 * throw new MailError('SMTP 550: mailbox unavailable', { data: { permanent: true, responseCode: 550 }, cause: error });
 */
export class MailError extends SitegateError {
  override name = 'MailError';
  declare readonly data: { permanent: boolean; responseCode?: number };
  constructor(message: string, options: SitegateErrorOptions<{ permanent?: boolean; responseCode?: number }> = {}) {
    const { permanent = false, responseCode } = options.data ?? {};
    super(message, { ...options, code: 'mail_failed', data: responseCode === undefined ? { permanent } : { permanent, responseCode } });
  }
  get permanent(): boolean {
    return this.data.permanent;
  }
  get responseCode(): number | undefined {
    return this.data.responseCode;
  }
}
