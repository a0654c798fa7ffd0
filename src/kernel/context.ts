import type { TenantSettings } from '../model/tenant.js';
import type { ContentSource } from '../ports/content.js';
import type { Mail } from '../ports/mail.js';
import type { Storage } from '../ports/storage.js';
import type { PasswordHasher } from '../tokens/passwords.js';

/** The outbox's retry and lease settings, every default filled in (see `OutboxOptions`). */
export interface OutboxSettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  leaseMs: number;
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
  outbox: OutboxSettings;
  onError: (error: unknown) => void;
  /** A staff user's display name, if the host tells us (`undefined` when it does not). */
  staffName: (tenantId: string, userId: string) => Promise<string | undefined>;
  /** The tenant's settings, or NotFoundError. */
  tenant(tenantId: string): Promise<TenantSettings>;
}
