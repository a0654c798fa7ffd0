import type { NodemailerError } from 'nodemailer';
import { MailError } from '../../src/errors/MailError.js';

/** Errors that ended the connection or never reached a server: the next attempt may get through. */
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ETLS', 'EPROXY', 'EABORT', 'EMAXLIMIT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** Failures that will repeat until someone changes the configuration or the recipient. */
const PERMANENT_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ECONFIG', 'EENVELOPE', 'EMAXRECIPIENTS', 'EREQUIRETLS']);

/** The server's own words, trimmed to one line: they go into the job's `lastError` and logs. */
function serverReason(error: NodemailerError): string {
  return String(error.response ?? error.message).replace(/\s+/g, ' ').trim().slice(0, 500);
}

/**
 * Turns whatever nodemailer threw into a `MailError`. The SMTP reply class decides first
 * (RFC 5321: 4yz transient, 5yz permanent — 503 is a session-state hiccup, so transient), also
 * for a rejected recipient (`450` greylisting is retried, `550 no such user` is not); without a
 * reply, the error code does: connection trouble and timeouts are transient, bad credentials
 * and configuration are permanent. Unknown errors count as transient: the outbox bounds retries.
 */
export function toMailError(error: unknown): MailError {
  if (error instanceof MailError) return error;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as NodemailerError;
  const code = e.code ?? (e.name === 'AbortError' ? 'EABORT' : undefined);
  if (typeof e.responseCode === 'number') {
    const permanent = e.permanent ?? (e.responseCode >= 500 && e.responseCode < 600 && e.responseCode !== 503);
    const what = code === 'EAUTH' ? 'authentication failed' : code === 'EENVELOPE' ? 'recipient or sender rejected' : 'the server refused the message';
    const command = e.command ? ` (${e.command.split(' ')[0]})` : '';
    return new MailError(`SMTP ${e.responseCode}${command}: ${what}: ${serverReason(e)}`, { data: { permanent, responseCode: e.responseCode }, cause: error });
  }
  if (code === 'EABORT') return new MailError('SMTP send did not finish in time and was aborted', { data: { permanent: false }, cause: error });
  const original = e.originalCode ?? code;
  if ((code && PERMANENT_CODES.has(code)) && !(original && TRANSIENT_CODES.has(original))) {
    return new MailError(`SMTP ${code}: ${serverReason(e)}`, { data: { permanent: true }, cause: error });
  }
  const label = original && original !== code ? `${code}/${original}` : (code ?? 'error');
  return new MailError(`SMTP ${label}: ${serverReason(e)}`, { data: { permanent: false }, cause: error });
}
