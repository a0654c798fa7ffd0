import type { TenantSettings } from '../model/tenant.js';
import type { ContentSource } from '../ports/content.js';
import type { Mail } from '../ports/mail.js';
import type { Storage } from '../ports/storage.js';
import type { PasswordHashingOptions } from '../tokens/password-queue.js';
import type { PasswordHasher } from '../tokens/passwords.js';

export interface OutboxOptions {
  /** Attempts before a transiently failing mail is marked failed. Default 6. */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt, with full jitter. Default 30 s. */
  baseDelayMs?: number;
  /** Longest retry delay. Default 1 h. */
  maxDelayMs?: number;
  /** How long a claimed job is leased to one worker. Default 2 min. */
  leaseMs?: number;
}

/** Everything `createPortal` needs. Only storage, mail, content, acceptUrl and tenants are required. */
export interface PortalOptions {
  storage: Storage;
  mail: Mail;
  content: ContentSource;
  /**
   * The link in the invite email. The token is URL-safe; put it in the fragment
   * (`https://host/portal/accept#token=…`) so it reaches no server log and no `Referer`.
   */
  acceptUrl: (token: string) => string;
  /** The tenant's name and enabled modules; asked per operation. `null` for an unknown tenant. */
  tenants: (tenantId: string) => Promise<TenantSettings | null>;
  /** Invite links expire after this many days. Default 14. */
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
  /** A staff user's display name, so the invite email can say who sent it. Optional; `undefined` leaves it out. */
  staffName?: (tenantId: string, userId: string) => Promise<string | undefined>;
  /** Called when background work (mail delivery) fails in a way worth logging. */
  onError?: (error: unknown) => void;
}
