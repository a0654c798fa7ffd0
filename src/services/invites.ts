import { forbidden } from '../errors/ForbiddenError.js';
import { TokenError, tokenError } from '../errors/TokenError.js';
import { parseInput } from '../errors/from-zod.js';
import { AcceptInviteInput } from '../model/inputs.js';
import { inviteStatus, type Invite, type InviteInfo } from '../model/invite.js';
import { type Client, type ClientRecord, ownView } from '../model/client.js';
import type { SessionToken } from '../model/account.js';
import { record } from '../kernel/audit-log.js';
import type { PortalContext } from '../kernel/context.js';
import { emitEvent } from '../kernel/event-log.js';
import { assertPasswordAcceptable } from '../tokens/password-rules.js';
import { hashToken, parseToken } from '../tokens/secret-token.js';
import { startSession } from './session-issue.js';
import { tenantLook } from '../model/tenant-look.js';
import { setPassword } from './account-password.js';

const INVALID: InviteInfo = { status: 'cancelled' };

function refusal(invite: Invite, now: Date): TokenError {
  const status = inviteStatus(invite, now);
  if (status === 'accepted') return tokenError('invite_used');
  if (status === 'expired') return tokenError('invite_expired');
  if (status === 'cancelled') return tokenError('invite_invalid');
  return tokenError('invite_invalid', 'This invite link has been replaced by a newer one. Use the link in the latest email, or ask your builder for a new invite.');
}

/** The invitee's side: look at a link (consumes nothing) and accept it (once). */
export function invitesService(ctx: PortalContext) {
  const { storage } = ctx;

  async function find(token: unknown): Promise<{ invite: Invite; tokenHash: string } | null> {
    const parsed = parseToken(token);
    if (!parsed) return null;
    const tokenHash = hashToken(parsed.token);
    const invite = await storage.getInviteByTokenHash(parsed.tenantId, tokenHash);
    return invite ? { invite, tokenHash } : null;
  }

  /**
   * What a link is, without using it up — mail scanners open links too. Unknown and malformed
   * tokens get the same answer: `{ status: 'cancelled' }` with nothing else.
   */
  async function inspect(token: string): Promise<InviteInfo> {
    const found = await find(token);
    if (!found) return INVALID;
    const { invite } = found;
    const status = inviteStatus(invite, ctx.now());
    if (status !== 'pending') return { status };
    const [client, tenant] = await Promise.all([storage.getClient(invite.tenantId, invite.clientId), ctx.tenant(invite.tenantId)]);
    const { brand } = tenantLook(tenant);
    return {
      status,
      email: invite.email,
      ...(client?.name ? { name: client.name } : {}),
      tenantName: tenant.name,
      ...(brand ? { brand } : {}),
      expiresAt: invite.expiresAt,
    };
  }

  /**
   * Accepts the invite: sets the password, activates the client and signs them in. The token is
   * used up in one conditional update, so of two concurrent accepts exactly one succeeds.
   */
  async function accept(token: string, input: AcceptInviteInput): Promise<{ client: Client; session: SessionToken }> {
    const data = parseInput(AcceptInviteInput, input);
    const found = await find(token);
    if (!found) throw tokenError('invite_invalid');
    const { invite, tokenHash } = found;
    if (inviteStatus(invite, ctx.now()) !== 'pending') throw refusal(invite, ctx.now());
    const current = await storage.getClient(invite.tenantId, invite.clientId);
    if (!current) throw tokenError('invite_invalid');
    if (!current.portalAccess) throw forbidden('accept', 'Invite', 'Portal access is switched off for this client. Ask your builder.');
    // Only for a link that works, so the answer to a bogus token never depends on the password.
    assertPasswordAcceptable(data.password, { email: invite.email });
    // The slow hash happens before the transaction so no lock is held while it runs.
    const passwordHash = await ctx.passwords.hash(data.password);
    const result = await storage.transaction(async (tx) => {
      const now = ctx.now();
      // The client first, as a resend does (client, then its invites): the same lock order, so
      // an accept and a resend queue behind each other instead of deadlocking.
      const before = await tx.getClientForUpdate(invite.tenantId, invite.clientId);
      if (!before) throw tokenError('invite_invalid');
      const accepted = await tx.acceptInvite(invite.tenantId, tokenHash, now);
      if (!accepted) {
        const latest = await tx.getInviteByTokenHash(invite.tenantId, tokenHash);
        throw latest ? refusal(latest, now) : tokenError('invite_invalid');
      }
      const { inviteExpiresAt: _expired, ...rest } = before;
      // The page's language becomes the client's only when the builder set none: theirs wins.
      const language = before.language === undefined ? data.language : undefined;
      const client: ClientRecord = {
        ...rest,
        ...(data.name === undefined ? {} : { name: data.name }),
        ...(language === undefined ? {} : { language }),
        activatedAt: now,
        updatedAt: now,
      };
      await tx.saveClient(client);
      await setPassword(tx, client, passwordHash, now);
      await record(tx, now, client.tenantId, { type: 'client', tenantId: client.tenantId, clientId: client.id }, 'invite.accepted', {
        clientId: client.id,
        data: { inviteId: invite.id, ...(language === undefined ? {} : { language }) },
      });
      await emitEvent(tx, now, client.tenantId, 'invite.accepted', { clientId: client.id, inviteId: invite.id });
      const session = await startSession(ctx, tx, client);
      return { client: ownView(client, now), session };
    });
    return result;
  }

  return { inspect, accept };
}
