import type { Page } from '../model/page.js';
import type { Share } from '../model/share.js';
import { paginate } from './paginate.js';
import type { SharePageQuery, StorageOps } from './storage.js';

/**
 * One page of a project's shares, in `listShares`'s order (`createdAt`, then `id`): the store's
 * own `pageShares`, or, for a store without it, its whole `listShares` answer paged here, with
 * the same cursors.
 */
export async function pageOfShares(store: Pick<StorageOps, 'listShares' | 'pageShares'>, tenantId: string, projectId: string, query: SharePageQuery): Promise<Page<Share>> {
  if (store.pageShares) return store.pageShares(tenantId, projectId, query);
  const { limit, cursor, module } = query;
  const rows = await store.listShares(tenantId, projectId, module ? { module } : undefined);
  return paginate(rows, { key: (s) => [s.createdAt, s.id], order: 'asc', limit, cursor });
}
