import type { Page } from '../model/page.js';
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
}

/** The reads of a feed load, together. */
export interface FeedStore {
  /**
   * `listShares(tenantId, projectId)`, `listUpdates(tenantId, projectId, updates)` (only when
   * `updates` is given) and `getVisit(tenantId, clientId, projectId)`, answered as those answer
   * them and as of one moment: SQL sends them as one statement, so a feed load costs one round
   * trip for its own reads, not three. Reads only.
   */
  readFeed(tenantId: string, projectId: string, clientId: string, updates?: { limit: number; cursor?: string }): Promise<FeedRead>;
}
