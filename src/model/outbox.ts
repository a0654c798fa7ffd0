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

/**
 * One queue of the outbox (mail jobs or events) as `portal.outbox.backlog()` counts it: what a
 * monitor alerts on. A growing `due` or an old `oldestDueAt` says the workers are behind (or
 * none runs); `failed` says something was given up.
 */
export interface QueueBacklog {
  /** Due now and not taken: waiting for a worker (or taken by one whose lease lapsed). */
  due: number;
  /** Failed for now, to be tried again at a later time. */
  retrying: number;
  /** Taken by a worker, within its lease. */
  inFlight: number;
  /** Given up, kept until `retention.purge` removes them. */
  failed: number;
  /** When the longest-waiting due item fell due; null when nothing is due. */
  oldestDueAt: Date | null;
}

/** What `portal.outbox.backlog()` answers: both queues, counted at `at` (the portal's clock). */
export interface OutboxBacklog {
  at: Date;
  mail: QueueBacklog;
  /** Events for `onEvent`, counted whether or not this portal delivers them. */
  events: QueueBacklog;
}
