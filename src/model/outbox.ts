import * as z from 'zod';
import { Id } from './ids.js';
import type { EventFlushResult } from './portal-event.js';

/** `cancelled`: the invite was replaced or used before its mail went out. */
export const MAIL_JOB_STATES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;
export const MailJobState = z.enum(MAIL_JOB_STATES);
export type MailJobState = z.infer<typeof MailJobState>;

/**
 * A mail waiting in (or gone from) the outbox. It names the invite, not the token: the raw token
 * is minted when the mail is sent, so it never rests in storage.
 */
export const MailJob = z.object({
  tenantId: Id,
  id: Id,
  /** `invite`, the purpose of the account link the mail carries, or `digest` (notifications carry the job's id as their `digestId`). */
  kind: z.enum(['invite', 'password-reset', 'sign-in', 'confirm-email', 'digest']),
  /** The invite of an `invite` mail. */
  inviteId: Id.optional(),
  /** The account link of a reset, sign-in or confirmation mail (src/model/account-link.ts). */
  linkId: Id.optional(),
  clientId: Id,
  state: MailJobState,
  attempts: z.number().int().min(0),
  /** When the job may next be tried (also the lease end while `sending`). */
  runAt: z.date(),
  lastError: z.string().optional(),
  providerId: z.string().optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type MailJob = z.infer<typeof MailJob>;

/** What one `portal.outbox.flush()` did, by outcome. */
export interface FlushResult {
  sent: number;
  /** Given up: a permanent failure, the attempt limit, or an invite that expired unsent. */
  failed: number;
  /** Transient failures scheduled for a later attempt. */
  retrying: number;
  /** The invite was replaced or used before its mail went out: nothing to send. */
  cancelled: number;
  /** Events delivered to `onEvent`, by outcome; present when the portal has `onEvent`. */
  events?: EventFlushResult;
}
