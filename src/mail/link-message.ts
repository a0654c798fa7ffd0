import type { PortalContext } from '../kernel/context.js';
import type { AccountLinkPurpose } from '../model/account-link.js';
import type { MailJob } from '../model/outbox.js';
import type { MailMessage } from '../ports/mail.js';
import { hashToken, mintToken } from '../tokens/secret-token.js';
import { renderAccountFor } from './email-options.js';
import { messageIdOf } from './message-id.js';

/** The mail of an account link job, or why it must not go out (`cancelled`) or cannot (`failed`). */
export type PreparedLinkMail = { message: MailMessage } | { skip: 'cancelled' | 'failed'; reason: string };

/** The page each kind of link opens, as configured on `createPortal`. */
function urlFor(ctx: PortalContext, purpose: AccountLinkPurpose): ((token: string) => string) | undefined {
  const links = ctx.accountLinks;
  return purpose === 'password-reset' ? links.resetUrl : purpose === 'sign-in' ? links.signInLinkUrl : links.confirmEmailUrl;
}

/**
 * Mints the link's token, stores its hash (only while the link is pending) and renders the
 * email. Like invites, the raw token exists only in the message, and every attempt mints a new
 * one, which kills the link of an attempt whose outcome was unknown. A link that was used,
 * superseded or cancelled before its mail went out is not sent. `beforeMint` may throw to stop
 * before the token is stored (a claim out of time).
 */
export async function prepareLinkMail(ctx: PortalContext, job: MailJob, beforeMint: () => void = () => {}): Promise<PreparedLinkMail> {
  const { storage } = ctx;
  const link = job.linkId ? await storage.getAccountLink(job.tenantId, job.linkId) : null;
  if (!link || link.status !== 'pending') return { skip: 'cancelled', reason: 'the link was replaced, used or cancelled before its mail went out' };
  if (link.expiresAt.getTime() <= ctx.now().getTime()) return { skip: 'failed', reason: 'the link expired before its mail could be sent' };
  const url = urlFor(ctx, link.purpose);
  if (!url) return { skip: 'failed', reason: `createPortal has no URL for ${link.purpose} links` };
  const [client, tenant] = await Promise.all([storage.getClient(job.tenantId, job.clientId), ctx.tenant(job.tenantId)]);
  beforeMint();
  const token = mintToken(job.tenantId);
  if (!(await storage.setAccountLinkTokenHash(job.tenantId, link.id, hashToken(token)))) {
    return { skip: 'cancelled', reason: 'the link was replaced, used or cancelled before its mail went out' };
  }
  const email = await renderAccountFor(ctx.emails, {
    purpose: link.purpose,
    ...(client?.name ? { clientName: client.name } : {}),
    ...(client?.language ? { language: client.language } : {}),
    tenant,
    url: url(token),
    expiresAt: link.expiresAt,
  });
  return {
    message: {
      to: link.email,
      ...email,
      headers: { 'X-Sitegate-Link': link.id, 'X-Sitegate-Job': job.id },
      messageId: messageIdOf(job),
    },
  };
}
