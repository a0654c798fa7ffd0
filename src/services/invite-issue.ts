import type { StaffActor } from '../model/actor.js';
import type { ClientRecord } from '../model/client.js';
import type { Invite } from '../model/invite.js';
import type { MailJob } from '../model/outbox.js';
import type { StorageOps } from '../ports/storage.js';
import { record } from '../kernel/audit-log.js';
import type { PortalContext } from '../kernel/context.js';
import { newId } from '../tokens/ids.js';

/**
 * Issues a fresh invite for `client` inside the caller's transaction: earlier pending links
 * die, the invite and its mail job are stored together (so no invite exists without its mail),
 * and the client shows as invited with delivery queued. The token is minted only when the
 * outbox sends the mail.
 */
export async function issueInvite(
  ctx: PortalContext,
  tx: StorageOps,
  staff: StaffActor,
  client: ClientRecord,
): Promise<{ client: ClientRecord; invite: Invite }> {
  const now = ctx.now();
  const superseded = await tx.supersedeInvites(client.tenantId, client.id);
  const resend = superseded > 0 || client.inviteExpiresAt !== undefined;
  const invite: Invite = {
    tenantId: client.tenantId,
    id: newId('in'),
    clientId: client.id,
    email: client.email,
    status: 'pending',
    invitedBy: staff.userId,
    resend,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ctx.inviteTtlMs),
  };
  await tx.insertInvite(invite);
  const job: MailJob = {
    tenantId: client.tenantId,
    id: newId('mj'),
    kind: 'invite',
    inviteId: invite.id,
    clientId: client.id,
    state: 'pending',
    attempts: 0,
    runAt: now,
    createdAt: now,
    updatedAt: now,
  };
  await tx.insertMailJob(job);
  const updated: ClientRecord = {
    ...client,
    inviteExpiresAt: invite.expiresAt,
    inviteDelivery: { state: 'queued', at: now },
    updatedAt: now,
  };
  await tx.saveClient(updated);
  await record(tx, now, client.tenantId, staff, resend ? 'invite.resent' : 'invite.sent', {
    clientId: client.id,
    data: { inviteId: invite.id, expiresAt: invite.expiresAt.toISOString() },
  });
  return { client: updated, invite };
}
