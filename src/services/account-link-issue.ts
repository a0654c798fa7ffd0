import type { PortalContext } from '../kernel/context.js';
import type { AccountLink, AccountLinkPurpose } from '../model/account-link.js';
import type { ClientRecord } from '../model/client.js';
import type { MailJob } from '../model/outbox.js';
import type { StorageOps } from '../ports/storage.js';
import { newId } from '../tokens/ids.js';

/** How long a link of each purpose lives. */
function ttlMs(ctx: PortalContext, purpose: AccountLinkPurpose): number {
  const links = ctx.accountLinks;
  return purpose === 'password-reset' ? links.resetTtlMs : purpose === 'sign-in' ? links.signInLinkTtlMs : links.confirmEmailTtlMs;
}

/**
 * Issues an account link inside the caller's transaction: earlier pending links of the same
 * purpose are superseded (their links die), and the link and its mail job are stored together.
 * The token is minted only when the outbox sends the mail. `email` is where it goes (default:
 * the client's address).
 */
export async function issueAccountLink(
  ctx: PortalContext,
  tx: StorageOps,
  client: ClientRecord,
  purpose: AccountLinkPurpose,
  requestedBy: string,
  email: string = client.email,
): Promise<AccountLink> {
  const now = ctx.now();
  await tx.endAccountLinks(client.tenantId, client.id, 'superseded', purpose);
  const link: AccountLink = {
    tenantId: client.tenantId,
    id: newId('al'),
    clientId: client.id,
    purpose,
    email,
    status: 'pending',
    requestedBy,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlMs(ctx, purpose)),
  };
  await tx.insertAccountLink(link);
  const job: MailJob = {
    tenantId: client.tenantId,
    id: newId('mj'),
    kind: purpose,
    linkId: link.id,
    clientId: client.id,
    state: 'pending',
    attempts: 0,
    runAt: now,
    createdAt: now,
    updatedAt: now,
  };
  await tx.insertMailJob(job);
  return link;
}

/**
 * Runs `work`, then waits until at least `floorMs` have passed since the call began (wall time,
 * not the portal's clock): an anonymous request for a link answers after the same time whether
 * the email belongs to an account (a link is stored) or not (nothing is).
 */
export async function withFloor<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    const left = floorMs - (Date.now() - started);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}
