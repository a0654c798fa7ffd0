import { ConflictError } from '../errors/ConflictError.js';
import { parseInput } from '../errors/from-zod.js';
import { clientCanSignIn } from '../access/policy.js';
import { record } from '../kernel/audit-log.js';
import type { PortalContext } from '../kernel/context.js';
import { linkInfoStatus, type AccountLink, type LinkInfo } from '../model/account-link.js';
import type { SessionToken } from '../model/account.js';
import { type Client, type ClientRecord, ownView } from '../model/client.js';
import { AccountEmailInput, ResetPasswordInput } from '../model/inputs.js';
import type { StorageOps } from '../ports/storage.js';
import { assertPasswordAcceptable } from '../tokens/password-rules.js';
import { issueAccountLink, withFloor } from './account-link-issue.js';
import { findAccountLink, inspectAccountLink, linkRefusal } from './account-link-lookup.js';
import { startSession } from './session-issue.js';
import { setPassword } from './account-password.js';
import { allowsSignIn } from './sign-in-methods.js';

/**
 * Mails `client` a password reset link inside the caller's transaction (superseding the
 * previous one), audited as requested by `by`.
 */
export async function issuePasswordReset(ctx: PortalContext, tx: StorageOps, client: ClientRecord, by: { type: 'staff'; tenantId: string; userId: string } | { type: 'system' }): Promise<void> {
  const link = await issueAccountLink(ctx, tx, client, 'password-reset', by.type === 'staff' ? by.userId : client.id);
  await record(tx, ctx.now(), client.tenantId, by, 'password.reset_requested', {
    clientId: client.id,
    data: { linkId: link.id, expiresAt: link.expiresAt.toISOString(), by: by.type === 'staff' ? 'staff' : 'client' },
  });
}

/** Forgotten passwords: ask for a link, look at it, use it once. */
export function passwordsService(ctx: PortalContext) {
  const { storage } = ctx;

  /**
   * Mails a reset link when the email belongs to a client that can sign in (active, portal
   * access on, not archived); otherwise does nothing. Either way it resolves with nothing,
   * after at least `linkRequestFloorMs`, so the answer tells nobody whether an account exists.
   */
  async function requestReset(input: AccountEmailInput): Promise<void> {
    const data = parseInput(AccountEmailInput, input);
    await withFloor(ctx.accountLinks.requestFloorMs, async () => {
      if (!ctx.accountLinks.resetUrl || !(await allowsSignIn(ctx, data.tenantId, 'password'))) return;
      await storage.transaction(async (tx) => {
        const client = await tx.getClientByEmailForUpdate(data.tenantId, data.email);
        if (!clientCanSignIn(client)) return;
        await issuePasswordReset(ctx, tx, client, { type: 'system' });
      });
    });
  }

  /**
   * What a reset link is, consuming nothing (see `inspectAccountLink`); one `reset` would refuse
   * (see `worksFor`) reads as cancelled.
   */
  function inspect(token: string): Promise<LinkInfo> {
    return inspectAccountLink(ctx, token, 'password-reset', worksFor);
  }

  /**
   * Whether a pending reset link may still set a password: the client can sign in, under the
   * address the link was sent to, and the builder's clients sign in with passwords.
   */
  async function worksFor(link: AccountLink): Promise<boolean> {
    const current = await storage.getClient(link.tenantId, link.clientId);
    return clientCanSignIn(current) && current.email === link.email && (await allowsSignIn(ctx, link.tenantId, 'password'));
  }

  /**
   * Sets the new password and signs the client in. The link is used up in one conditional
   * update (of concurrent resets with one token, exactly one wins); every other session of the
   * client ends and its other pending reset and sign-in links die.
   */
  async function reset(token: string, input: ResetPasswordInput): Promise<{ client: Client; session: SessionToken }> {
    const data = parseInput(ResetPasswordInput, input);
    const found = await findAccountLink(ctx, token, 'password-reset');
    if (!found) throw linkRefusal(null, ctx.now());
    const { link, tokenHash } = found;
    if (linkInfoStatus(link, ctx.now()) !== 'pending') throw linkRefusal(link, ctx.now());
    // Access ended since the link was sent (archived, switched off, email changing), or the
    // builder's clients now sign in with links only: a dead link.
    if (!(await worksFor(link))) throw linkRefusal(null, ctx.now());
    // Only for a link that works, so the answer to a bogus token never depends on the password.
    assertPasswordAcceptable(data.password, { email: link.email });
    const passwordHash = await ctx.passwords.hash(data.password);
    return storage.transaction(async (tx) => {
      const now = ctx.now();
      const client = await tx.getClientForUpdate(link.tenantId, link.clientId);
      if (!clientCanSignIn(client) || client.email !== link.email) throw linkRefusal(null, now);
      const used = await tx.useAccountLink(link.tenantId, tokenHash, 'password-reset', now);
      if (!used) throw linkRefusal(await tx.getAccountLinkByTokenHash(link.tenantId, tokenHash), now);
      await setPassword(tx, client, passwordHash, now);
      const ended = await tx.deleteClientSessions(client.tenantId, client.id);
      await tx.endAccountLinks(client.tenantId, client.id, 'cancelled');
      const updated: ClientRecord = { ...client, updatedAt: now };
      await tx.saveClient(updated);
      await record(tx, now, client.tenantId, { type: 'client', tenantId: client.tenantId, clientId: client.id }, 'password.reset', {
        clientId: client.id,
        data: { linkId: link.id, sessionsEnded: ended },
      });
      const session = await startSession(ctx, tx, updated);
      return { client: ownView(updated, now), session };
    });
  }

  return { requestReset, inspect, reset };
}

/** Refuses a staff-sent reset for a client that cannot sign in with a password, saying why. */
export function assertCanReset(client: ClientRecord, hasResetUrl: boolean, passwordsAllowed: boolean): void {
  if (!hasResetUrl) throw new ConflictError('This portal has no resetUrl configured, so no reset link can be sent.', { data: { reason: 'no_reset_url' } });
  if (!passwordsAllowed) {
    throw new ConflictError("This builder's clients sign in with emailed links only (signInMethods), so no password reset is sent.", { data: { reason: 'passwords_off' } });
  }
  if (client.archivedAt) throw new ConflictError('This client is archived; restore it first.', { data: { reason: 'client_archived' } });
  if (!client.activatedAt) throw new ConflictError('This client has no account yet; send an invite instead.', { data: { reason: 'no_account' } });
  if (!client.portalAccess) throw new ConflictError('Portal access is switched off for this client; switch it on first.', { data: { reason: 'portal_access_off' } });
  if (client.pendingEmail) throw new ConflictError('This client has not confirmed its new email address yet. A reset link cannot be sent meanwhile; save the new address again to send a new confirmation link.', { data: { reason: 'email_unconfirmed' } });
}
