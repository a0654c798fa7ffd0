/**
 * sitegate — the headless core: `createPortal`, the model (zod schemas and types), errors and
 * the permission policy.
 */
export { createPortal, type Portal } from './portal/create-portal.js';
export type { PortalOptions, OutboxOptions } from './portal/options.js';

export * from './model/index.js';
export * from './errors/index.js';

export { defineAbilityFor, packAbility, clientCanSignIn } from './permissions/ability.js';
export type { PortalAbility, AbilityFacts, AbilityAction, AbilitySubject, ResourceSubject } from './permissions/ability.js';
export { effectivePermissions, builtInRole } from './permissions/effective.js';
export { AccessIndex, type AccessTarget, type ModuleGrants, type ProjectGrants } from './permissions/access-index.js';

export type { Storage, StorageOps, Page, ClientListQuery, AuditQuery, MailJobQuery } from './ports/storage.js';
export type { Mail, MailMessage, MailReceipt } from './ports/mail.js';
export type { ContentSource, ProjectResourceRef } from './ports/content.js';

export { scryptPasswords, OWASP_SCRYPT, type PasswordHasher, type ScryptParams } from './tokens/passwords.js';
export { renderInviteEmail, type InviteEmailInput, type RenderedEmail } from './mail/invite-email.js';
export { escapeHtml } from './mail/escape.js';
export type { ShareStatus } from './services/shares.js';
export type { FlushResult } from './services/outbox.js';
