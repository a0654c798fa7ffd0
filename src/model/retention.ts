import * as z from 'zod';
import { Id } from './ids.js';

/** How long ended records are kept by default: a month of support questions ("did my invite go out?"). */
export const DEFAULT_KEEP_DAYS = 30;
/** Records of each kind deleted per statement by default: small enough that no statement holds locks for long. */
export const DEFAULT_PURGE_BATCH = 1000;

/** What `portal.retention.purge` takes. */
export const PurgeOptions = z.strictObject({
  /** Keep what ended within this many days. Default 30; at least 1, so a purge never races what just ended. */
  keepDays: z.number().int('must be a whole number of days').min(1, 'must be at least 1').max(36_500, 'must be at most 36500').optional(),
  /** Only this tenant (its shard, on a database distributed by tenant). Default: every tenant. */
  tenantId: Id.optional(),
  /** At most this many records of each kind per statement. Default 1000. */
  batchSize: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000, 'must be at most 100000').optional(),
});
export type PurgeOptions = z.input<typeof PurgeOptions>;

/** How many records of each kind one `purgeEnded` call deleted. */
export interface PurgeCounts {
  /** Sessions with `expiresAt <= before`. */
  sessions: number;
  /** Invites with `expiresAt <= before`, whatever their status (their links died then), unless mail still to send carries one. */
  invites: number;
  /** Account links with `expiresAt <= before`, whatever their status, unless mail still to send carries one. */
  accountLinks: number;
  /** Digest unsubscribe tokens with `expiresAt <= before`. */
  unsubscribeTokens: number;
  /** Mail jobs `sent`, `failed` or `cancelled` with `updatedAt <= before`. */
  mailJobs: number;
  /**
   * Notifications put into a digest (`digestId` set) with `createdAt <= before`, unless that
   * digest's mail job is still `pending` or `sending` (it reads them when it goes out).
   */
  notifications: number;
  /** Host events `delivered` or `failed` with `updatedAt <= before`. */
  events: number;
}

/** What a purge deleted, by kind, and the cutoff it used: everything deleted had ended at or before `before`. */
export interface PurgeResult extends PurgeCounts {
  before: Date;
}
