import type { MailJob } from '../model/outbox.js';
import type { Invite } from '../model/invite.js';
import type { PortalContext } from '../kernel/context.js';
import type { MailMessage } from '../ports/mail.js';
import { hashToken, mintToken } from '../tokens/secret-token.js';
import { renderInviteFor } from './email-options.js';
import { messageIdOf } from './message-id.js';

/**
 * Gathers what the invite email names (builder, inviter, projects), mints the invite's token and
 * stores its hash, and renders the message. Returns `null` when the invite stopped being pending
 * meanwhile (replaced or used): its mail must not go out. `beforeMint` may throw to stop before
 * the token is stored (a claim out of time).
 *
 * The token is minted anew on every attempt: the raw token is never stored, so a retry cannot
 * resend the earlier one — and storing the new hash kills the link of an attempt whose outcome
 * was unknown (a connection dropped after the message was handed over).
 */
export async function composeInviteMessage(ctx: PortalContext, job: MailJob, invite: Invite, beforeMint: () => void = () => {}): Promise<MailMessage | null> {
  const { storage } = ctx;
  const [client, tenant, inviterName] = await Promise.all([
    storage.getClient(job.tenantId, job.clientId),
    ctx.tenant(job.tenantId),
    inviterNameOf(ctx, invite),
  ]);
  const projects = client?.projectIds.length ? await ctx.content.projects(job.tenantId, client.projectIds) : [];
  beforeMint();
  const token = mintToken(job.tenantId);
  if (!(await storage.setInviteTokenHash(job.tenantId, invite.id, await hashToken(token)))) return null;
  const email = await renderInviteFor(ctx.emails, {
    to: invite.email,
    ...(client?.name ? { clientName: client.name } : {}),
    ...(client?.language ? { language: client.language } : {}),
    ...(inviterName ? { inviterName } : {}),
    tenant,
    projectNames: projects.map((p) => p.name),
    acceptUrl: ctx.acceptUrl(token),
    expiresAt: invite.expiresAt,
    resend: invite.resend,
  });
  return {
    to: invite.email,
    ...email,
    headers: { 'X-Sitegate-Invite': invite.id, 'X-Sitegate-Job': job.id },
    // One id per attempt (see `messageIdOf`); `X-Sitegate-Job` ties the attempts of one job together.
    messageId: messageIdOf(job),
  };
}

/** The inviter's name is a nicety: a failing host hook must not hold the invite back. */
async function inviterNameOf(ctx: PortalContext, invite: Invite): Promise<string | undefined> {
  try {
    const name = await ctx.staffName(invite.tenantId, invite.invitedBy);
    return typeof name === 'string' && name.trim() ? name : undefined;
  } catch (error) {
    ctx.onError(error);
    return undefined;
  }
}
