import { parseInput } from '../errors/from-zod.js';
import { clientCanSignIn } from '../access/policy.js';
import { record } from '../kernel/audit-log.js';
import type { PortalContext } from '../kernel/context.js';
import type { SessionToken } from '../model/account.js';
import { linkInfoStatus } from '../model/account-link.js';
import { type Client, ownView } from '../model/client.js';
import { AccountEmailInput } from '../model/inputs.js';
import { parseToken } from '../tokens/secret-token.js';
import { issueAccountLink, withFloor } from './account-link-issue.js';
import { findAccountLink, linkRefusal } from './account-link-lookup.js';
import { startSession } from './session-issue.js';
import { allowsSignIn } from './sign-in-methods.js';

/**
 * Passwordless sign-in: a one-time link mailed to a client that can sign in, when its tenant's
 * `signInMethods` include `link`. A client whose account has no password (no stored account
 * record) can use links too: a link proves the mailbox, not a password.
 */
export function signInLinksService(ctx: PortalContext) {
  const { storage } = ctx;

  /**
   * Mails a sign-in link (15 minutes by default; a newer one supersedes the older) if the
   * tenant allows links and the email belongs to a client that can sign in. Resolves with
   * nothing either way, after at least `linkRequestFloorMs`.
   */
  async function requestLink(input: AccountEmailInput): Promise<void> {
    const data = parseInput(AccountEmailInput, input);
    await withFloor(ctx.accountLinks.requestFloorMs, async () => {
      if (!ctx.accountLinks.signInLinkUrl || !(await allowsSignIn(ctx, data.tenantId, 'link'))) return;
      await storage.transaction(async (tx) => {
        const client = await tx.getClientByEmailForUpdate(data.tenantId, data.email);
        if (!clientCanSignIn(client)) return;
        const link = await issueAccountLink(ctx, tx, client, 'sign-in', client.id);
        await record(tx, ctx.now(), client.tenantId, { type: 'system' }, 'session.link_requested', {
          clientId: client.id,
          data: { linkId: link.id, expiresAt: link.expiresAt.toISOString() },
        });
      });
    });
  }

  /**
   * Signs in with a link, once. A tenant that does not (or no longer) allow links answers like
   * an unknown token; so does a client that lost access since the link was sent.
   */
  async function signInWithLink(token: string): Promise<{ client: Client; session: SessionToken }> {
    const parsed = parseToken(token);
    if (!parsed || !(await allowsSignIn(ctx, parsed.tenantId, 'link'))) throw linkRefusal(null, ctx.now());
    const found = await findAccountLink(ctx, token, 'sign-in');
    if (!found) throw linkRefusal(null, ctx.now());
    const { link, tokenHash } = found;
    if (linkInfoStatus(link, ctx.now()) !== 'pending') throw linkRefusal(link, ctx.now());
    return storage.transaction(async (tx) => {
      const now = ctx.now();
      const client = await tx.getClientForUpdate(link.tenantId, link.clientId);
      // A client that lost access since the link was sent: a dead link, left as it is.
      if (!clientCanSignIn(client) || client.email !== link.email) throw linkRefusal(null, now);
      const used = await tx.useAccountLink(link.tenantId, tokenHash, 'sign-in', now);
      if (!used) throw linkRefusal(await tx.getAccountLinkByTokenHash(link.tenantId, tokenHash), now);
      const session = await startSession(ctx, tx, client);
      await record(tx, now, client.tenantId, { type: 'client', tenantId: client.tenantId, clientId: client.id }, 'session.signed_in', {
        clientId: client.id,
        data: { via: 'link', linkId: link.id },
      });
      return { client: ownView(client, now), session };
    });
  }

  return { requestLink, signInWithLink };
}
