import * as z from 'zod';
import { TenantBrand } from './brand.js';
import { Email, Id } from './ids.js';
import { INVITE_STATUSES } from './value-lists.js';

export { INVITE_STATUSES };

export const InviteStatus = z.enum(INVITE_STATUSES);
export type InviteStatus = z.infer<typeof InviteStatus>;

/**
 * One invite link. `tokenHash` is the SHA-256 of the raw token, which exists only in the email;
 * it is unset until the mail is sent (the outbox mints the token then).
 * Stored status is `pending | accepted | superseded | cancelled`; `expired` is a pending invite
 * past `expiresAt`.
 */
export const Invite = z.object({
  tenantId: Id,
  id: Id,
  clientId: Id,
  email: Email,
  tokenHash: z.string().optional(),
  status: InviteStatus,
  invitedBy: Id,
  /** True when this invite replaces an earlier one (the email says the old link is dead). */
  resend: z.boolean(),
  createdAt: z.date(),
  expiresAt: z.date(),
  acceptedAt: z.date().optional(),
});
export type Invite = z.infer<typeof Invite>;

export function inviteStatus(invite: Invite, now: Date): InviteStatus {
  if (invite.status === 'pending' && invite.expiresAt.getTime() <= now.getTime()) return 'expired';
  return invite.status;
}

/** What anyone holding a link may learn about it. */
export const InviteInfo = z.object({
  status: InviteStatus,
  email: z.string().optional(),
  name: z.string().optional(),
  tenantName: z.string().optional(),
  /** The builder's brand, for a live link only (like its name): the accept page wears it. */
  brand: TenantBrand.optional(),
  expiresAt: z.date().optional(),
});
export type InviteInfo = z.infer<typeof InviteInfo>;
