import type { TypedPortalEvent } from '../model/portal-event.js';
import type { TenantSettings } from '../model/tenant.js';
import type { ContentSource } from '../ports/content.js';
import type { Mail } from '../ports/mail.js';
import type { Storage } from '../ports/storage.js';
import type { EmailOptions } from '../mail/email-options.js';
import type { PasswordHashingOptions } from '../tokens/password-queue.js';
import type { PasswordHasher } from '../tokens/passwords.js';

export interface OutboxOptions {
  /**
   * Attempts before a transiently failing mail (or event) is marked failed. Default 6: given up
   * some 8–16 minutes after the first; 10 rides out an outage of 1.5–3 hours.
   */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt, with equal jitter (between half and all of it). Default 30 s. */
  baseDelayMs?: number;
  /** Longest retry delay. Default 1 h. */
  maxDelayMs?: number;
  /** How long a claimed job is leased to one worker. Default 2 min. */
  leaseMs?: number;
}

/** Everything `createPortal` needs. Only storage, mail, content, acceptUrl and tenants are required. */
export interface PortalOptions {
  /** Where the portal keeps its own data: `pgliteStorage()`, `postgresStorage(…)` or `memoryStorage()` (docs/adapters.md). */
  storage: Storage;
  /** How mail goes out: `smtpMail(…)`, or `memoryMail()` / `consoleMail()` in development. */
  mail: Mail;
  /** Your product's projects and files, as sitegate sees them (implement `ContentSource`, or `memoryContent(…)`; docs/adapters.md). */
  content: ContentSource;
  /**
   * The link in the invite email. The token is URL-safe; put it in the fragment
   * (`https://host/portal/accept#token=…`) so it reaches no server log and no `Referer`.
   */
  acceptUrl: (token: string) => string;
  /**
   * The tenant's name and enabled modules; asked per operation. `null` for an unknown tenant.
   * Ids never name an `Object.prototype` member, but a `Map` or `Object.hasOwn` is still the safe
   * lookup (docs/security.md, "Ids").
   */
  tenants: (tenantId: string) => Promise<TenantSettings | null>;
  /**
   * The links in password reset, sign-in link and email confirmation emails, token in the
   * fragment like `acceptUrl` (`https://host/portal/reset#token=…`). Without `resetUrl` no reset
   * mail is sent (staff `sendPasswordReset` answers ConflictError); likewise for the others.
   */
  resetUrl?: (token: string) => string;
  /** The link in a sign-in link email (`https://host/portal/sign-in-link#token=…`); without it none is sent. */
  signInLinkUrl?: (token: string) => string;
  /** The link in an email confirmation email (`https://host/portal/confirm-email#token=…`); without it that mail fails (its job says why) and the new address cannot be confirmed. */
  confirmEmailUrl?: (token: string) => string;
  /** Password reset links expire after this many minutes. Default 60. */
  resetTtlMinutes?: number;
  /** Sign-in links expire after this many minutes. Default 15. */
  signInLinkTtlMinutes?: number;
  /**
   * The least time `passwords.requestReset` and `sessions.requestLink` take, in ms, so the
   * answer for an unknown email cannot be told from a known one by timing. Default 250.
   */
  linkRequestFloorMs?: number;
  /** Invite links, and the links that confirm a changed email address, expire after this many days. Default 14. */
  inviteTtlDays?: number;
  /** Client sessions expire after this many days. Default 30. */
  sessionTtlDays?: number;
  /** The clock; inject one in tests. */
  now?: () => Date;
  /** Password hashing; default scrypt with OWASP parameters. */
  passwords?: PasswordHasher;
  /**
   * Bounds password hashing (sign-in, accept) so a flood of sign-ins cannot starve other
   * requests: default 2 at once and 8 waiting; beyond that the call fails with BusyError (503).
   */
  passwordHashing?: PasswordHashingOptions;
  outbox?: OutboxOptions;
  /**
   * The portal page of a project, linked from notification digests (no token in it). Without
   * it a digest names what is new but links nowhere.
   */
  portalUrl?: (tenantId: string, projectId: string) => string;
  /**
   * The absolute URL of the handler's `POST /notifications/unsubscribe` route with the token in
   * its query (`https://builder.example/api/portal/notifications/unsubscribe?token=${token}`):
   * the digest's `List-Unsubscribe` header (one-click, RFC 8058) and its visible link. Required
   * for digests: without it nothing is queued and none is sent (bulk mail without an
   * unsubscribe is refused by the big mailbox providers). Give every process the same one.
   */
  unsubscribeUrl?: (token: string) => string;
  /**
   * When digests go out: `instant` after `instantMinutes` (default 5); daily at `dailyHour` and
   * weekly on Mondays at `weeklyHour` (default 7), hours on each tenant's clock — its `timeZone`,
   * UTC for a tenant without one — across daylight saving changes. `dailyHourUtc`/`weeklyHourUtc`
   * (the older names, one of each pair) keep an hour in UTC for every tenant, zone or not.
   */
  digestWindows?: Partial<{ instantMinutes: number; dailyHour: number; weeklyHour: number; dailyHourUtc: number; weeklyHourUtc: number }>;
  /**
   * The emails' words and rendering: per-locale tables (partial; chosen by the client's
   * `language` when a table covers it, else by the tenant's `locale`, falling back by language to
   * English) and host renderers. See docs/emails.md.
   */
  emails?: EmailOptions;
  /** A staff user's display name, so the invite email can say who sent it. Optional; `undefined` leaves it out. */
  staffName?: (tenantId: string, userId: string) => Promise<string | undefined>;
  /**
   * Hears `approval.requested`, `approval.decided`, `approval.completed`, `approval.withdrawn`,
   * `invite.accepted`, `client.viewed` and `access.revoked`, each with its `data` typed by its
   * `type` (`PortalEventData`). Each event is stored with the change that caused it and delivered
   * by the outbox worker (`outbox.flush()`/`start()`): at least once, in order per tenant, retried
   * with the outbox's backoff while this throws or rejects. De-duplicate on `event.id`.
   * A portal without it stores events but does not deliver them (another process may).
   */
  onEvent?: (event: TypedPortalEvent) => Promise<void> | void;
  /**
   * Hears background failures: each mail retry, mail and events given up for good (an `Error`
   * named `MailGivenUpError` or `EventGivenUpError`), digests that could not be assembled,
   * receipts not recorded. Default: `console.error`. What it throws or rejects with is ignored.
   */
  onError?: (error: unknown) => void;
  /**
   * The longest one call of a host hook may take while a request (or a portal call of yours)
   * waits for it, in ms: each call of the content source, `tenants`, and the
   * handler's `authenticateStaff` and `rateLimit.limiter`. A call still
   * running then fails with `HostTimeoutError` (503 `host_timeout`, `Retry-After: 10`, reported
   * to `onError` naming the hook) and nothing is changed. Default 10 000. The outbox's mail,
   * events and digests are bounded by `outbox.leaseMs` instead.
   */
  hostHookTimeoutMs?: number;
}
