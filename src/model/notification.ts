import * as z from 'zod';
import { Id } from './ids.js';
import { FREQUENCIES, NOTIFICATION_KINDS } from './notification-lists.js';

export { FREQUENCIES, NOTIFICATION_KINDS };

/**
 * How often a client hears about what is new: `instant` (collected for a few minutes, then one
 * email), `daily`, `weekly`, or `off`.
 */
export const Frequency = z.enum(FREQUENCIES);
export type Frequency = z.infer<typeof Frequency>;

/** A client's digest preference. */
export const NotificationSettings = z.object({ frequency: Frequency });
export type NotificationSettings = z.infer<typeof NotificationSettings>;

/**
 * What `notifications.get`/`set` answer: the effective frequency, whether the client follows the
 * tenant's default, and that default (`tenants().notifications.default`, else `daily`), whatever
 * the client chose.
 */
export interface NotificationPreference {
  frequency: Frequency;
  isDefault: boolean;
  tenantDefault: Frequency;
}

/** `notifications.set`: staff name the client; a client sets its own (a different `clientId` is refused). */
export const SetNotificationsInput = z.strictObject({ clientId: Id.optional(), frequency: Frequency });
export type SetNotificationsInput = z.infer<typeof SetNotificationsInput>;

/** What became visible: a share (item or folder), an update, or an approval request. */
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

/**
 * One thing a client is to be told about, queued in the transaction that made it visible. It
 * stays pending (`digestId` unset) until a digest takes it; the digest's mail job has the id
 * `digestId`. Exact visibility is decided again when the digest is sent.
 */
export const Notification = z.object({
  tenantId: Id,
  id: Id,
  clientId: Id,
  projectId: Id,
  /** The resource's module; `updates` for an update. */
  module: z.string(),
  /** The shared resource's id, the update's id, or the approval's id. */
  resourceId: Id,
  kind: NotificationKind,
  createdAt: z.date(),
  digestId: Id.optional(),
});
export type Notification = z.infer<typeof Notification>;

/** A client's stored preference (no row: the tenant's default applies). */
export interface NotificationSettingsRecord {
  tenantId: string;
  clientId: string;
  frequency: Frequency;
  updatedAt: Date;
}

/**
 * A single-use unsubscribe token, stored by its hash only. One is minted for each digest mail
 * (every attempt), so a newer email never kills an older one's link; each dies when used or
 * when it expires.
 */
export interface UnsubscribeToken {
  tenantId: string;
  tokenHash: string;
  clientId: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt?: Date;
}

/** A client with pending notifications, as the digest assembly sees it. */
export interface PendingDigest {
  tenantId: string;
  clientId: string;
  /** The client's stored frequency; `undefined`: the tenant's default applies. */
  frequency?: Frequency;
  /** When its oldest pending notification was queued. */
  oldest: Date;
}

/** The hour (0–23) of a daily or weekly digest. */
export interface DigestHour {
  hour: number;
  /** `true`: in UTC for every tenant (`dailyHourUtc`/`weeklyHourUtc`); else in the tenant's `timeZone`, UTC without one. */
  utc: boolean;
}

/** When digests go out; see `PortalOptions.digestWindows`. */
export interface DigestWindows {
  /** How long `instant` collects before sending, from the oldest pending notification. Default 5 min. */
  instantMs: number;
  /** When daily digests go out. Default 07:00 in the tenant's zone. */
  daily: DigestHour;
  /** When weekly digests go out, on Mondays. Default 07:00 in the tenant's zone. */
  weekly: DigestHour;
}
