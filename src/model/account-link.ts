import * as z from 'zod';
import { Email, Id } from './ids.js';
import { ACCOUNT_LINK_PURPOSES, ACCOUNT_LINK_STATUSES, LINK_INFO_STATUSES } from './value-lists.js';

export { ACCOUNT_LINK_PURPOSES, ACCOUNT_LINK_STATUSES, LINK_INFO_STATUSES };

export const AccountLinkPurpose = z.enum(ACCOUNT_LINK_PURPOSES);
export type AccountLinkPurpose = z.infer<typeof AccountLinkPurpose>;

export const AccountLinkStatus = z.enum(ACCOUNT_LINK_STATUSES);
export type AccountLinkStatus = z.infer<typeof AccountLinkStatus>;

/**
 * A single-use link mailed to a client: a password reset, a sign-in link or the confirmation of
 * a new email address. Like an invite, `tokenHash` (SHA-256 of the raw token) is unset until the
 * outbox sends the mail and mints the token; the raw token exists only in the email. `email` is
 * where the link was sent (for `confirm-email`, the new address being confirmed).
 */
export const AccountLink = z.object({
  tenantId: Id,
  id: Id,
  clientId: Id,
  purpose: AccountLinkPurpose,
  email: Email,
  tokenHash: z.string().optional(),
  status: AccountLinkStatus,
  /** Who asked for it: a staff user id, or the client's id when the client asked. */
  requestedBy: Id,
  createdAt: z.date(),
  expiresAt: z.date(),
  usedAt: z.date().optional(),
});
export type AccountLink = z.infer<typeof AccountLink>;

export const LinkInfoStatus = z.enum(LINK_INFO_STATUSES);
export type LinkInfoStatus = z.infer<typeof LinkInfoStatus>;

/** What anyone holding a link may learn about it; the email only while it is usable. */
export const LinkInfo = z.object({ status: LinkInfoStatus, email: z.string().optional() });
export type LinkInfo = z.infer<typeof LinkInfo>;

/** The status a holder sees: expired once past `expiresAt`, and a superseded link reads as cancelled. */
export function linkInfoStatus(link: AccountLink, now: Date): LinkInfoStatus {
  if (link.status === 'pending') return link.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
  if (link.status === 'used') return 'used';
  return 'cancelled';
}
