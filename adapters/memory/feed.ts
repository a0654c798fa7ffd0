import type { FeedStore } from '../../src/ports/feed-store.js';
import type { StorageOps } from '../../src/ports/storage.js';

/**
 * A feed load's reads over the memory operations. Their bodies run to their end when called
 * (none awaits), so the three answers are of one moment, as one SQL statement's are.
 */
export function memoryFeedOps(ops: Pick<StorageOps, 'listShares' | 'listUpdates' | 'getVisit'>): FeedStore {
  return {
    async readFeed(tenantId, projectId, clientId, updates) {
      const shares = ops.listShares(tenantId, projectId);
      const page = updates ? ops.listUpdates(tenantId, projectId, updates) : undefined;
      const visit = ops.getVisit(tenantId, clientId, projectId);
      return Promise.all([shares, page, visit]).then(([s, p, v]) => (p ? { shares: s, updates: p, visit: v } : { shares: s, visit: v }));
    },
  };
}
