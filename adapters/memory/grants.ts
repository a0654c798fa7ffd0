import type { GrantStore } from '../../src/ports/grant-store.js';
import type { StorageOps } from '../../src/ports/storage.js';

/**
 * An access check's reads over the memory operations. Their bodies run to their end when called
 * (none awaits), so both answers are of one moment, as one SQL statement's are.
 */
export function memoryGrantOps(ops: Pick<StorageOps, 'findShares' | 'findAttached'>): GrantStore {
  return {
    async readGrants(tenantId, projectId, refs) {
      const shares = ops.findShares(tenantId, projectId, refs);
      const attached = ops.findAttached(tenantId, projectId, refs);
      return Promise.all([shares, attached]).then(([s, a]) => ({ shares: s, attached: a }));
    },
  };
}
