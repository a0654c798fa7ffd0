import type { StoredClientStatus } from '../model/client.js';
import type { Frequency, Notification, NotificationSettingsRecord, PendingDigest, UnsubscribeToken } from '../model/notification.js';

/**
 * Which clients `listPendingDigests` returns: those whose oldest pending notification was
 * queued at or before the cutoff of their stored frequency (`unset` for clients without one);
 * clients set to `off` always, so their pending notifications can be dropped.
 */
export interface PendingDigestQuery {
  cutoffs: Record<Exclude<Frequency, 'off'> | 'unset', Date>;
  limit: number;
  /** Keyset: only clients after this (tenantId, clientId), in that order. */
  after?: { tenantId: string; clientId: string };
  /** Only this tenant's clients (its shard, on a database distributed by tenant). */
  tenantId?: string;
}

/**
 * One client of a project, as much as deciding who hears of news there needs: its role and
 * whether it can use the portal (`status` is `storedStatus(client)`; `pendingEmail` whether an
 * email change waits for confirmation). No names, emails or project lists travel.
 */
export interface AudienceMember {
  clientId: string;
  roleId: string;
  status: StoredClientStatus;
  pendingEmail: boolean;
}

/** One client's pending notifications put into one digest. */
export interface DigestClaim {
  clientId: string;
  digestId: string;
}

/**
 * Notifications waiting for a digest, the clients' digest preferences and the single-use
 * unsubscribe tokens of sent digests.
 */
export interface NotificationStore {
  /**
   * Appends notifications, all at once (one statement on SQL: a share to a project of a
   * thousand clients is one round trip). A clash of ids throws `ConflictError` and stores none.
   */
  insertNotifications(notifications: Notification[]): Promise<void>;
  /**
   * The clients holding `projectId` (of one `status`, when given), lean (`AudienceMember`),
   * ordered by client id: one indexed read (SQL: client_projects' project index) where queueing
   * a share to a project of a thousand clients once read every full client row.
   */
  listProjectAudience(tenantId: string, projectId: string, query?: { status?: StoredClientStatus }): Promise<AudienceMember[]>;
  /**
   * The tenant's notifications, oldest `createdAt` first (then `id`): of one client, of one
   * digest or of any of `digestIds` (a batch of digests in one read), and/or only those still
   * pending (`digestId` unset). Given filters must all hold.
   */
  listNotifications(tenantId: string, query: { clientId?: string; digestId?: string; digestIds?: readonly string[]; pending?: boolean }): Promise<Notification[]>;
  getNotificationSettings(tenantId: string, clientId: string): Promise<NotificationSettingsRecord | null>;
  /** `getNotificationSettings` for many clients in one read: those that have settings, in no particular order. */
  listNotificationSettings(tenantId: string, clientIds: readonly string[]): Promise<NotificationSettingsRecord[]>;
  /** Inserts, or replaces the settings of the same client. */
  saveNotificationSettings(settings: NotificationSettingsRecord): Promise<void>;
  /**
   * Clients with pending notifications that may be due (see `PendingDigestQuery`), ordered by
   * tenant, then client, at most `limit`. Reads only: the claim is `attachDigests`.
   */
  listPendingDigests(query: PendingDigestQuery): Promise<PendingDigest[]>;
  /**
   * The tenants holding pending notifications, by id, only those after `after`, at most `limit`.
   * Optional: with it, a pass across tenants visits each tenant with its own rules and passes
   * over a tenant with nothing due soon without reading its clients (SQL: a skip scan of
   * notifications_pending_idx, one probe per tenant); without it, the pass lists every client
   * that may be due in any zone (`listPendingDigests` without `tenantId`). Called outside any
   * transaction.
   */
  listPendingTenants?(query: { after?: string; limit: number }): Promise<string[]>;
  /**
   * For each claim, the client's pending notifications queued at or before `upTo` get the
   * claim's `digestId` — only those no concurrent transaction holds (SQL: `FOR UPDATE SKIP
   * LOCKED`), so two workers never put one notification in two digests. Returns, per claim that
   * got any, how many.
   */
  attachDigests(tenantId: string, claims: DigestClaim[], upTo: Date): Promise<(DigestClaim & { count: number })[]>;
  /** Deletes the clients' pending notifications queued at or before `upTo` (their frequency is `off`). How many. */
  dropPendingNotifications(tenantId: string, clientIds: string[], upTo: Date): Promise<number>;
  /** A second token with the same hash throws `ConflictError`. */
  insertUnsubscribeToken(token: UnsubscribeToken): Promise<void>;
  /**
   * `insertUnsubscribeToken` for many tokens at once (one statement on SQL: the digests of a
   * batch store their tokens in one round trip). A clash of hashes throws `ConflictError` and
   * stores none.
   */
  insertUnsubscribeTokens(tokens: readonly UnsubscribeToken[]): Promise<void>;
  getUnsubscribeToken(tenantId: string, tokenHash: string): Promise<UnsubscribeToken | null>;
  /**
   * The one atomic step of unsubscribing: the token gets `usedAt = now` only if it is unused
   * and `expiresAt > now`. The updated token, or `null`; of concurrent calls at most one gets it.
   */
  useUnsubscribeToken(tenantId: string, tokenHash: string, now: Date): Promise<UnsubscribeToken | null>;
}
