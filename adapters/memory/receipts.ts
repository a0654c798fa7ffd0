import type { Receipt } from '../../src/model/receipt.js';
import type { ReceiptQuery, ReceiptStore } from '../../src/ports/storage.js';
import { paginate } from '../../src/ports/paginate.js';
import { RECEIPT_PAGING } from '../../src/ports/receipt-pages.js';
import { copyRecord } from '../../src/model/copy-record.js';
import { k, Table } from './table.js';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const newestFirst = (a: Receipt, b: Receipt) =>
  b.lastViewedAt.getTime() - a.lastViewedAt.getTime() || cmp(a.clientId, b.clientId) || cmp(a.module, b.module) || cmp(a.id, b.id);

/** Read receipts in memory; `record` is the journal hook of `memoryOps`, so transactions undo them too. */
export function memoryReceiptOps(record: () => ((undo: () => void) => void) | undefined): ReceiptStore {
  const receipts = new Table<Receipt>((r) => k(r.tenantId, r.projectId, r.module, r.id, r.clientId), record).index('project', (r) =>
    k(r.tenantId, r.projectId),
  );

  function matching(tenantId: string, projectId: string, query: ReceiptQuery): Receipt[] {
    const ids = query.ids && new Set(query.ids);
    return receipts
      .peekBy('project', k(tenantId, projectId))
      .filter(
        (r) =>
          (!query.module || r.module === query.module) &&
          (!query.id || r.id === query.id) &&
          (!ids || ids.has(r.id)) &&
          (!query.clientId || r.clientId === query.clientId),
      );
  }

  return {
    async recordView(view, quietSince) {
      const key = k(view.tenantId, view.projectId, view.module, view.id, view.clientId);
      const existing = receipts.get(key);
      if (!existing) {
        receipts.put(view);
        return 'created';
      }
      if (existing.lastViewedAt.getTime() > quietSince.getTime()) return 'throttled';
      receipts.put({ ...existing, lastViewedAt: view.lastViewedAt, views: existing.views + 1 });
      return 'updated';
    },
    async listReceipts(tenantId, projectId, query = {}) {
      return matching(tenantId, projectId, query)
        .sort(newestFirst)
        .map((r) => copyRecord(r));
    },
    async pageReceipts(tenantId, projectId, query) {
      return paginate(matching(tenantId, projectId, query), { ...RECEIPT_PAGING, limit: query.limit, cursor: query.cursor });
    },
  };
}
