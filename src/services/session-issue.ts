import type { SessionToken } from '../model/account.js';
import type { ClientRecord } from '../model/client.js';
import type { StorageOps } from '../ports/storage.js';
import type { PortalContext } from '../kernel/context.js';
import { newId } from '../tokens/ids.js';
import { hashToken, mintToken } from '../tokens/secret-token.js';

/** Mints a session token, stores only its hash, and hands the raw token back once. */
export async function startSession(ctx: PortalContext, tx: StorageOps, client: ClientRecord): Promise<SessionToken> {
  const now = ctx.now();
  const token = mintToken(client.tenantId);
  const expiresAt = new Date(now.getTime() + ctx.sessionTtlMs);
  await tx.insertSession({
    tenantId: client.tenantId,
    id: newId('se'),
    clientId: client.id,
    tokenHash: hashToken(token),
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}
