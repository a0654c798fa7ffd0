import type { ClientRecord } from '../model/client.js';
import type { StorageOps } from '../ports/storage.js';

/**
 * Stores `passwordHash` as the client's password inside the caller's transaction: the account
 * keeps the date it was first made (an invite accepted, a reset, a confirmed address).
 */
export async function setPassword(tx: StorageOps, client: ClientRecord, passwordHash: string, now: Date): Promise<void> {
  const existing = await tx.getAccount(client.tenantId, client.id);
  await tx.saveAccount({ tenantId: client.tenantId, clientId: client.id, passwordHash, createdAt: existing?.createdAt ?? now, updatedAt: now });
}
