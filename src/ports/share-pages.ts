import type { Page } from '../model/page.js';
import type { Share } from '../model/share.js';
import { decodeTimeCursor } from './cursor.js';
import { paginate } from './paginate.js';
import type { SharePageQuery, StorageOps } from './storage.js';

/** How `paginate` pages a project's shares: in `listShares`'s order, `createdAt`, then `id`. */
export const SHARE_PAGING = { key: (s: Share): readonly [Date, string] => [s.createdAt, s.id], order: 'asc' } as const;

/**
 * One page of a project's shares, in `listShares`'s order: the store's own `pageShares`, or,
 * for a store without it, its whole `listShares` answer paged here, with the same cursors
 * (checked before anything is read).
 */
export async function pageOfShares(store: Pick<StorageOps, 'listShares' | 'pageShares'>, tenantId: string, projectId: string, query: SharePageQuery): Promise<Page<Share>> {
  if (store.pageShares) return store.pageShares(tenantId, projectId, query);
  const { limit, cursor, module } = query;
  if (cursor !== undefined) decodeTimeCursor(cursor);
  const rows = await store.listShares(tenantId, projectId, module ? { module } : undefined);
  return paginate(rows, { ...SHARE_PAGING, limit, cursor });
}
