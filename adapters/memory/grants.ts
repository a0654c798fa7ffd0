import type { GrantStore } from '../../src/ports/grant-store.js';
import type { StorageOps } from '../../src/ports/storage.js';

/**
 * An access check's reads over the memory operations. Their bodies run to their end when called
 * (none awaits), so the answers are of one moment, as one SQL statement's are.
 */
export function memoryGrantOps(ops: Pick<StorageOps, 'findShares' | 'findAttached' | 'listReceipts'>): GrantStore {
  return {
    async readGrants(tenantId, projectId, refs, options) {
      const shares = ops.findShares(tenantId, projectId, refs);
      const attached = ops.findAttached(tenantId, projectId, refs);
      const receiptOf = options?.receiptOf;
      if (!receiptOf) return Promise.all([shares, attached]).then(([s, a]) => ({ shares: s, attached: a }));
      const receipts = ops.listReceipts(tenantId, projectId, receiptOf);
      return Promise.all([shares, attached, receipts]).then(([s, a, r]) => ({ shares: s, attached: a, receipt: r[0] ?? null }));
    },
  };
}
