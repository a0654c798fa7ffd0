import type { ModuleId, Share, StorageOps, Storage } from 'sitegate';
import { TENANT } from './bench-portal.js';

/** The project the measured client holds; every other project is someone else's data. */
export const CLIENT_PROJECT = 'p-client';
/** Shares in the client's project: the size of its feed, constant while the tenant grows. */
export const CLIENT_PROJECT_SHARES = 200;
/** Shares per project in the rest of the tenant. */
export const SHARES_PER_PROJECT = 1000;
export const FEED_MODULES: ModuleId[] = ['documents', 'drawings', 'photos', 'reports', 'dailyLogs', 'invoices', 'changeOrders', 'selections'];
const BATCH = 2000;

/** Share number `n` of the tenant: the first ones are the client's project, the rest fill others. */
function shareAt(n: number): Share {
  const own = n < CLIENT_PROJECT_SHARES;
  const projectId = own ? CLIENT_PROJECT : `p-${Math.floor((n - CLIENT_PROJECT_SHARES) / SHARES_PER_PROJECT)}`;
  const module = FEED_MODULES[n % FEED_MODULES.length]!;
  const folder = module === 'documents' && n % 5 === 0;
  return {
    tenantId: TENANT,
    id: `s-${n.toString().padStart(8, '0')}`,
    projectId,
    module,
    resourceId: folder ? `f-${n}` : `r-${n}`,
    kind: folder ? 'folder' : 'item',
    sharedBy: 'u-bench',
    createdAt: new Date(1_767_225_600_000 + n),
  };
}

/**
 * Grows the tenant's shares from `from` to `to`, through the adapter's own `insertShare` in
 * transactions of a few thousand, so every adapter is seeded the same way its users write.
 */
export async function seedShares(storage: Storage, from: number, to: number, onProgress?: (done: number) => void): Promise<void> {
  for (let start = from; start < to; start += BATCH) {
    const end = Math.min(to, start + BATCH);
    await storage.transaction(async (tx: StorageOps) => {
      for (let n = start; n < end; n++) await tx.insertShare(shareAt(n));
    });
    onProgress?.(end);
  }
}

/** A few published updates with attachments in the client's project, as a real feed has. */
export async function seedUpdates(storage: Storage, count = 20): Promise<void> {
  for (let i = 0; i < count; i++) {
    await storage.insertUpdate({
      tenantId: TENANT,
      id: `up-${i.toString().padStart(4, '0')}`,
      projectId: CLIENT_PROJECT,
      title: `Week ${i + 1}`,
      body: `Progress report for week ${i + 1}.`,
      resources: [{ module: 'photos', id: `ph-up-${i}` }],
      authorId: 'u-bench',
      publishedAt: new Date(1_767_225_600_000 + i * 86_400_000),
    });
  }
}
