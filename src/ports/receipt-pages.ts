import type { Page } from '../model/page.js';
import type { Receipt } from '../model/receipt.js';
import { paginate } from './paginate.js';
import type { ReceiptPageQuery, ReceiptStore } from './storage.js';

/**
 * A receipt's place in `listReceipts`'s order (newest `lastViewedAt` first, then `clientId`,
 * `module` and `id` ascending), as `paginate` and the receipt cursors take it.
 */
export const receiptKey = (r: Receipt): readonly [Date, string, string, string] => [r.lastViewedAt, r.clientId, r.module, r.id];

/**
 * One page of receipts: the store's own `pageReceipts`, or, for a store without it, its whole
 * `listReceipts` answer paged here, with the same cursors. Such a store may predate the `ids`
 * filter, so that filter is applied here too: its answer then holds other resources' receipts.
 */
export async function pageOfReceipts(store: Pick<ReceiptStore, 'listReceipts' | 'pageReceipts'>, tenantId: string, projectId: string, query: ReceiptPageQuery): Promise<Page<Receipt>> {
  if (store.pageReceipts) return store.pageReceipts(tenantId, projectId, query);
  const { limit, cursor, ...narrow } = query;
  const ids = narrow.ids && new Set(narrow.ids);
  const rows = await store.listReceipts(tenantId, projectId, narrow);
  return paginate(ids ? rows.filter((r) => ids.has(r.id)) : rows, { key: receiptKey, ids: 3, order: 'desc', ties: 'asc', limit, cursor });
}
