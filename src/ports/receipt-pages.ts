import type { Page } from '../model/page.js';
import type { Receipt } from '../model/receipt.js';
import { decodeKeyCursor } from './cursor.js';
import { paginate } from './paginate.js';
import type { ReceiptPageQuery, ReceiptStore } from './storage.js';

/**
 * A receipt's place in `listReceipts`'s order (newest `lastViewedAt` first, then `clientId`,
 * `module` and `id` ascending), as `paginate` and the receipt cursors take it.
 */
export const receiptKey = (r: Receipt): readonly [Date, string, string, string] => [r.lastViewedAt, r.clientId, r.module, r.id];

/** How `paginate` pages receipts: by `receiptKey`, newest first, then its three ids ascending. */
export const RECEIPT_PAGING = { key: receiptKey, ids: 3, order: 'desc', ties: 'asc' } as const;

/**
 * One page of receipts: the store's own `pageReceipts`, or, for a store without it, its whole
 * `listReceipts` answer paged here, with the same cursors (checked before anything is read).
 * Such a store may predate the `ids` filter, so that filter is applied here too: its answer then
 * holds other resources' receipts.
 */
export async function pageOfReceipts(store: Pick<ReceiptStore, 'listReceipts' | 'pageReceipts'>, tenantId: string, projectId: string, query: ReceiptPageQuery): Promise<Page<Receipt>> {
  if (store.pageReceipts) return store.pageReceipts(tenantId, projectId, query);
  const { limit, cursor, ...narrow } = query;
  if (cursor !== undefined) decodeKeyCursor(cursor, RECEIPT_PAGING.ids);
  const ids = narrow.ids && new Set(narrow.ids);
  const rows = await store.listReceipts(tenantId, projectId, narrow);
  return paginate(ids ? rows.filter((r) => ids.has(r.id)) : rows, { ...RECEIPT_PAGING, limit, cursor });
}
