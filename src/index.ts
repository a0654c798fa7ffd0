/**
 * sitegate — the headless core: `createPortal`, the model (zod schemas and types), errors and
 * the permission policy.
 */
export { createPortal, type Portal, type SignedIn, type Me } from './portal/create-portal.js';
export type { PortalOptions, OutboxOptions } from './portal/options.js';

export * from './model/index.js';
export * from './errors/index.js';

export { defineAbilityFor, packAbility, clientCanSignIn } from './access/policy.js';
export type { PortalAbility, AbilityFacts, AbilityAction, AbilitySubject, ResourceSubject } from './access/policy.js';
export { effectivePermissions } from './access/roles.js';
export { AccessIndex, AccessTarget, type ModuleGrants, type ProjectGrants } from './access/access-index.js';

export type {
  Storage,
  StorageOps,
  ClientStore,
  RoleStore,
  InviteStore,
  AccountStore,
  AccountLinkStore,
  ShareStore,
  UpdateStore,
  UpdateChanges,
  AuditStore,
  OutboxStore,
  ReceiptStore,
  ReceiptQuery,
  ReceiptPageQuery,
  SharePageQuery,
  EventStore,
  ApprovalStore,
  ClientListQuery,
  AuditQuery,
  MailJobQuery,
  MailJobOutcome,
  ApprovalQuery,
} from './ports/storage.js';
export type { ProjectVisit, VisitStore, VisitWindow } from './ports/storage.js';
export type { FeedStore, FeedRead, GrantStore, GrantRead, ReceiptKey } from './ports/storage.js';
export type { NotificationStore, PendingDigestQuery, DigestClaim, AudienceMember } from './ports/notification-store.js';
export type { RetentionStore, PurgeQuery, PurgeCounts } from './ports/retention-store.js';
// For storage adapter authors: paging, cursors and client filters as the built-in adapters do them.
export { paginate, type PaginateOptions } from './ports/paginate.js';
export { encodeTimeCursor, decodeTimeCursor, encodeKeyCursor, decodeKeyCursor, badCursor } from './ports/cursor.js';
export { clientMatches, searchText } from './ports/client-filter.js';
export { countBacklog } from './ports/count-backlog.js';
export type { Mail, MailMessage, MailReceipt } from './ports/mail.js';
export type { ContentSource, ProjectResourceRef } from './ports/content.js';

export { scryptPasswords, OWASP_SCRYPT, type PasswordHasher, type ScryptParams } from './tokens/passwords.js';
export type { PasswordHashingOptions } from './tokens/password-queue.js';
export { passwordRuleBroken, type PasswordRule } from './tokens/password-rules.js';
export { renderInviteEmail, type InviteEmailInput, type RenderedEmail } from './mail/invite-email.js';
export { renderAccountEmail, ACCOUNT_EMAIL_STRINGS, type AccountEmailInput, type AccountEmailStrings } from './mail/account-email.js';
export { escapeHtml, oneLine, safeUrl } from './mail/escape.js';
export { renderDigestEmail, DIGEST_EMAIL_STRINGS, type DigestEmailInput, type DigestEmailStrings, type DigestItem, type DigestProject } from './mail/digest-email.js';
// Emails by locale, and what a host renderer (`createPortal({ emails: { render } })`) needs.
export { emailStrings, fill, formatExpiry, plural, BUILT_IN_EMAIL_STRINGS, type EmailStringsByLocale } from './mail/strings/pick.js';
export { EMAIL_STRINGS_EN } from './mail/strings/en.js';
export { EMAIL_STRINGS_FR } from './mail/strings/fr.js';
export type { EmailStrings, EmailStringsOverride, InviteEmailStrings, LayoutEmailStrings, PluralText } from './mail/strings/types.js';
export { emailBrand } from './mail/brand.js';
export type { EmailOptions, EmailRenderer } from './mail/email-options.js';
