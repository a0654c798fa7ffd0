import { ConflictError } from '../errors/ConflictError.js';
import { parseInput } from '../errors/from-zod.js';
import { clientCanSignIn } from '../access/policy.js';
import { record } from '../kernel/audit-log.js';
import type { PortalContext } from '../kernel/context.js';
import type { SessionToken } from '../model/account.js';
import { linkInfoStatus, type LinkInfo } from '../model/account-link.js';
import type { StaffActor } from '../model/actor.js';
import { type Client, type ClientRecord, ownView } from '../model/client.js';
import { ConfirmEmailInput } from '../model/inputs.js';
import type { StorageOps } from '../ports/storage.js';
import { toBase64Url } from '../tokens/encoding.js';
import { assertPasswordAcceptable } from '../tokens/password-rules.js';
import { issueAccountLink } from './account-link-issue.js';
import { findAccountLink, inspectAccountLink, linkRefusal } from './account-link-lookup.js';
import { issueInvite } from './invite-issue.js';
import { startSession } from './session-issue.js';
import { setPassword } from './account-password.js';

/**
 * Refuses an address another client of the tenant has, or is waiting to confirm. The address is
 * held first (`lockEmail`): a client added with it at the same moment is then seen, or waits.
 */
async function assertEmailFree(tx: StorageOps, client: ClientRecord, email: string): Promise<void> {
  await tx.lockEmail?.(client.tenantId, email);
  const holder = await tx.getClientByEmail(client.tenantId, email);
  if (holder && holder.id !== client.id) throw new ConflictError(`Another client of this builder already uses ${email}.`, { data: { field: 'email', reason: 'email_in_use' } });
  const waiting = await tx.getClientByPendingEmail(client.tenantId, email);
  if (waiting && waiting.id !== client.id) throw confirmingConflict(waiting, email);
}

/**
 * The refusal of an address a client is confirming as its new one. It names that client (by its
 * current address), so the builder finds the one to correct instead of looking for a client with
 * the address itself.
 */
export function confirmingConflict(waiting: ClientRecord, email: string): ConflictError {
  const who = waiting.name ? `${waiting.name} (${waiting.email})` : waiting.email;
  return new ConflictError(`${email} is taken: the client ${who} is confirming it as its new address.`, { data: { field: 'email', reason: 'email_being_confirmed' } });
}

/**
 * Changes a client's email inside the caller's transaction (the client is locked and `client`
 * is its current record). A client that never accepted simply takes the new address, and a
 * pending (or expired) invite is re-sent there; the old link dies. An active client keeps its
 * account: its sessions and pending links end, the new address waits in `pendingEmail`, and a
 * confirmation link goes to it; until it is used the client signs in with neither address, and
 * confirming ends the old password (see `emails.confirm`). Setting the current address again
 * withdraws a pending change; setting the pending one again sends a new confirmation link.
 */
export async function changeEmail(ctx: PortalContext, tx: StorageOps, staff: StaffActor, client: ClientRecord, email: string): Promise<ClientRecord> {
  const now = ctx.now();
  if (email === client.email && !client.pendingEmail) return client;
  if (client.archivedAt) throw new ConflictError('This client is archived; restore it before changing its email.', { data: { reason: 'client_archived' } });
  const audit = (data: Record<string, unknown>) => record(tx, now, client.tenantId, staff, 'client.email_change_requested', { clientId: client.id, data });

  if (email === client.email) {
    // Withdrawn: the confirmation link dies and the client signs in with its address again.
    await tx.endAccountLinks(client.tenantId, client.id, 'cancelled', 'confirm-email');
    const { pendingEmail: withdrawn, ...rest } = client;
    const updated: ClientRecord = { ...rest, updatedAt: now };
    await tx.saveClient(updated);
    await audit({ withdrawn });
    return updated;
  }

  if (email === client.pendingEmail) {
    // Saved again: a new confirmation link goes to it and the earlier one dies, as "Save and
    // resend invite" does for an invite. Without this a link that expired, was lost, or was
    // cancelled with portal access would leave the client with no way to sign in.
    const link = await issueAccountLink(ctx, tx, client, 'confirm-email', staff.userId, email);
    await audit({ from: client.email, to: email, confirmLinkId: link.id, resent: true });
    const updated: ClientRecord = { ...client, updatedAt: now };
    await tx.saveClient(updated);
    return updated;
  }

  await assertEmailFree(tx, client, email);
  if (!client.activatedAt) {
    let updated: ClientRecord = { ...client, email, updatedAt: now };
    await tx.saveClient(updated);
    await audit({ from: client.email, to: email, reinvited: client.inviteExpiresAt !== undefined });
    // An invite already sent (pending or expired) goes again, to the new address.
    if (client.inviteExpiresAt && client.portalAccess) updated = (await issueInvite(ctx, tx, staff, updated)).client;
    return updated;
  }

  await tx.deleteClientSessions(client.tenantId, client.id);
  await tx.endAccountLinks(client.tenantId, client.id, 'cancelled');
  const updated: ClientRecord = { ...client, pendingEmail: email, updatedAt: now };
  await tx.saveClient(updated);
  const link = await issueAccountLink(ctx, tx, updated, 'confirm-email', staff.userId, email);
  await audit({ from: client.email, to: email, confirmLinkId: link.id });
  return updated;
}

/** Confirming a changed address from the link mailed to it. */
export function emailsService(ctx: PortalContext) {
  const { storage } = ctx;

  /**
   * What a confirmation link is, consuming nothing (see `inspectAccountLink`): while it can be
   * used, the new address it confirms. The page it opens says a dead link at once.
   */
  function inspect(token: string): Promise<LinkInfo> {
    return inspectAccountLink(ctx, token, 'confirm-email');
  }

  /**
   * The pending address becomes the client's email and the client is signed in. Once; an
   * unknown, used, expired or withdrawn link is refused like an unknown one would be.
   *
   * The password goes with the old address: whoever set it may not be the person at the new
   * one (an invite mistyped and accepted by a stranger is corrected this way). The client's
   * new password is `input.password` when given, checked like any other; without one, no
   * password works until the client sets one (a reset link, which this address now receives).
   */
  async function confirm(token: string, input: ConfirmEmailInput = {}): Promise<{ client: Client; session: SessionToken }> {
    const data = parseInput(ConfirmEmailInput, input);
    const found = await findAccountLink(ctx, token, 'confirm-email');
    if (!found) throw linkRefusal(null, ctx.now());
    const { link, tokenHash } = found;
    if (linkInfoStatus(link, ctx.now()) !== 'pending') throw linkRefusal(link, ctx.now());
    // Only for a link that works, so the answer to a bogus token never depends on the password.
    if (data.password !== undefined) assertPasswordAcceptable(data.password, { email: link.email });
    // The slow hash happens before the transaction so no lock is held while it runs. Without a
    // password of the client's, the hash of a secret nobody keeps: no password matches it.
    const passwordHash = await ctx.passwords.hash(data.password ?? toBase64Url(crypto.getRandomValues(new Uint8Array(32))));
    return storage.transaction(async (tx) => {
      const now = ctx.now();
      const client = await tx.getClientForUpdate(link.tenantId, link.clientId);
      if (!client || client.pendingEmail !== link.email) throw linkRefusal(null, now);
      const used = await tx.useAccountLink(link.tenantId, tokenHash, 'confirm-email', now);
      if (!used) throw linkRefusal(await tx.getAccountLinkByTokenHash(link.tenantId, tokenHash), now);
      const { pendingEmail: _confirmed, ...rest } = client;
      const updated: ClientRecord = { ...rest, email: link.email, updatedAt: now };
      // Unique per tenant: a client added with this address meanwhile makes it a ConflictError
      // (thrown inside the transaction, so the link stays usable once that is sorted out).
      await tx.saveClient(updated);
      await setPassword(tx, client, passwordHash, now);
      await record(tx, now, client.tenantId, { type: 'client', tenantId: client.tenantId, clientId: client.id }, 'client.email_confirmed', {
        clientId: client.id,
        data: { from: client.email, to: link.email, passwordSet: data.password !== undefined },
      });
      if (!clientCanSignIn(updated)) throw linkRefusal(null, now);
      const session = await startSession(ctx, tx, updated);
      return { client: ownView(updated, now), session };
    });
  }

  return { inspect, confirm };
}
