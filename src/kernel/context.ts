import type { TypedPortalEvent } from '../model/portal-event.js';
import type { TenantSettings } from '../model/tenant.js';
import type { DigestWindows } from '../model/notification.js';
import type { ContentSource } from '../ports/content.js';
import type { Mail } from '../ports/mail.js';
import type { Storage } from '../ports/storage.js';
import type { EmailSettings } from '../model/email-settings.js';
import type { PasswordHasher } from '../tokens/passwords.js';

/** The outbox's retry and lease settings, every default filled in (see `OutboxOptions`). */
export interface OutboxSettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  leaseMs: number;
}

/** Where account links point and how long they live (see `PortalOptions.resetUrl`). */
export interface AccountLinkSettings {
  resetUrl: ((token: string) => string) | undefined;
  signInLinkUrl: ((token: string) => string) | undefined;
  confirmEmailUrl: ((token: string) => string) | undefined;
  resetTtlMs: number;
  signInLinkTtlMs: number;
  /** Email confirmation links live as long as invites. */
  confirmEmailTtlMs: number;
  /** Anonymous link requests take at least this long, whatever the email (no account enumeration by timing). */
  requestFloorMs: number;
}

/** Digest links and windows, every default filled in. */
export interface NotificationSettingsContext {
  portalUrl: ((tenantId: string, projectId: string) => string) | undefined;
  unsubscribeUrl: ((token: string) => string) | undefined;
  windows: DigestWindows;
  /** How long a digest's unsubscribe link works. */
  unsubscribeTtlMs: number;
}

/** The resolved dependencies every service works with. */
export interface PortalContext {
  storage: Storage;
  mail: Mail;
  content: ContentSource;
  acceptUrl: (token: string) => string;
  now: () => Date;
  passwords: PasswordHasher;
  inviteTtlMs: number;
  sessionTtlMs: number;
  /** Account links (password reset, sign-in link, email confirmation): URLs and lifetimes. */
  accountLinks: AccountLinkSettings;
  outbox: OutboxSettings;
  /** Notification digests: where their links point and when they go out (see `PortalOptions.portalUrl`). */
  notifications: NotificationSettingsContext;
  /** The host's email words and renderers (`PortalOptions.emails`); `{}` when none. */
  emails: EmailSettings;
  onError: (error: unknown) => void;
  /** The host's event handler; `undefined`: events are stored, not delivered, by this portal. */
  onEvent: ((event: TypedPortalEvent) => Promise<void> | void) | undefined;
  /** A staff user's display name, if the host tells us (`undefined` when it does not). */
  staffName: (tenantId: string, userId: string) => Promise<string | undefined>;
  /** The tenant's settings, or NotFoundError. */
  tenant(tenantId: string): Promise<TenantSettings>;
}
