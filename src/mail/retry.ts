import { MailError } from '../errors/MailError.js';
import { isSitegateError } from '../errors/SitegateError.js';

/**
 * Whether retrying could help. Only a `MailError` (also one from another copy of the package)
 * can say "permanent"; anything else — storage hiccups, a failing content source — is retried,
 * and the outbox's attempt limit keeps that bounded.
 */
export function isPermanentMailError(error: unknown): boolean {
  if (error instanceof MailError) return error.permanent;
  return isSitegateError(error) && error.code === 'mail_failed' && error.data?.permanent === true;
}

/** What goes into the job's `lastError` and the client's delivery reason: one line, bounded. */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, 1000) || 'unknown error';
}

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * The wait before attempt `attempts + 1`: exponential (`base · 2^(attempts-1)`, capped at
 * `maxDelayMs`) with "equal jitter" — between half and all of that — so many jobs that failed
 * together (an SMTP outage) don't all come back at the same instant, yet none retries at once.
 */
export function retryDelay(attempts: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
