import { TokenError, tokenError } from '../errors/TokenError.js';
import type { PortalContext } from '../kernel/context.js';
import { linkInfoStatus, type AccountLink, type AccountLinkPurpose, type LinkInfo } from '../model/account-link.js';
import { hashToken, parseToken } from '../tokens/secret-token.js';

/**
 * The link a token names, if it is one of `purpose`: unknown, malformed, other-tenant and
 * other-purpose tokens all come back `null`, so callers answer them alike.
 */
export async function findAccountLink(ctx: PortalContext, token: unknown, purpose: AccountLinkPurpose): Promise<{ link: AccountLink; tokenHash: string } | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const tokenHash = hashToken(parsed.token);
  const link = await ctx.storage.getAccountLinkByTokenHash(parsed.tenantId, tokenHash);
  return link && link.purpose === purpose ? { link, tokenHash } : null;
}

/**
 * What a link of `purpose` is, consuming nothing: its address only while it can be used.
 * Unknown, malformed, tampered, other tenants' and other purposes' tokens answer
 * `{ status: 'cancelled' }`, exactly like a superseded link — and so does a pending one that
 * `works` says its use would refuse, so a page offers no form for a dead link.
 */
export async function inspectAccountLink(ctx: PortalContext, token: unknown, purpose: AccountLinkPurpose, works?: (link: AccountLink) => Promise<boolean>): Promise<LinkInfo> {
  const found = await findAccountLink(ctx, token, purpose);
  if (!found) return { status: 'cancelled' };
  const status = linkInfoStatus(found.link, ctx.now());
  if (status !== 'pending') return { status };
  return !works || (await works(found.link)) ? { status, email: found.link.email } : { status: 'cancelled' };
}

/** Why a link cannot be used, in the words a person can act on; superseded reads like unknown. */
export function linkRefusal(link: AccountLink | null, now: Date): TokenError {
  const status = link ? linkInfoStatus(link, now) : 'cancelled';
  if (status === 'used') return tokenError('link_used');
  if (status === 'expired') return tokenError('link_expired');
  return tokenError('link_invalid');
}
