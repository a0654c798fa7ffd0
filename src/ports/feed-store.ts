import type { Page } from '../model/page.js';
import type { Receipt } from '../model/receipt.js';
import type { Share } from '../model/share.js';
import type { Update } from '../model/update.js';
import type { ProjectVisit } from '../model/visit.js';

/** What one load of a client's project feed reads from storage. */
export interface FeedRead {
  /** The project's shares, as `listShares(tenantId, projectId)` lists them: by `createdAt`, then `id`. */
  shares: Share[];
  /** The page of the project's updates asked for, as `listUpdates` returns it; absent when none was asked for. */
  updates?: Page<Update>;
  /** The client's visit to the project, as `getVisit` returns it. */
  visit: ProjectVisit | null;
  /**
   * The client's read receipts in the project, as `listReceipts(tenantId, projectId, { clientId })`
   * lists them, when the store read them with the rest. A store may leave them out (the memory
   * one does): the feed then reads them apart when it needs them, which is when a share is newer
   * than what the visit says is new since. SQL reads them with the rest exactly when some share
   * is newer than the visit's `previousVisitAt` (its `lastVisitAt` when it has none), the
   * earliest that "new since" can be: a returning client's feed then costs one round trip, and
   * the usual load reads no receipts.
   */
  receipts?: Receipt[];
}

/** The reads of a feed load, together. */
export interface FeedStore {
  /**
   * `listShares(tenantId, projectId)`, `listUpdates(tenantId, projectId, updates)` (only when
   * `updates` is given) and `getVisit(tenantId, clientId, projectId)` (and, when they may be
   * needed, the client's receipts: see `FeedRead.receipts`), answered as those answer them and as
   * of one moment: SQL sends them as one statement, so a feed load costs one round trip for its
   * own reads, not three or four. Reads only.
   */
  readFeed(tenantId: string, projectId: string, clientId: string, updates?: { limit: number; cursor?: string }): Promise<FeedRead>;
}
