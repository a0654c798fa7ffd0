import type { PortalContext } from '../kernel/context.js';
import type { ClientActor } from '../model/actor.js';
import type { Receipt } from '../model/receipt.js';
import type { Share } from '../model/share.js';
import type { Update } from '../model/update.js';
import type { Page } from '../ports/storage.js';
import { readVisit, type VisitRead } from './project-visits.js';

/**
 * What a feed load works from: the project's shares, its updates page (when asked for), the
 * client's visit, and its receipts in the project when the one read brought them.
 */
export interface FeedReads {
  allShares: Share[];
  page: Page<Update> | undefined;
  visit: VisitRead;
  receipts?: Receipt[];
}

/**
 * The feed's own reads: `storage.readFeed`, one statement on SQL. None depends on the client's
 * scope, so the feed sends them alongside it. Should that fail, they are read apart, as the
 * feed always could: a visit that cannot be read still leaves the feed served (nothing marked
 * new, the failure to `onError`), and shares or updates that cannot be read fail it with their
 * own error.
 */
export async function readFeedOf(ctx: PortalContext, actor: ClientActor, projectId: string, updates: { limit: number; cursor?: string } | undefined): Promise<FeedReads> {
  const at = ctx.now();
  try {
    const read = await ctx.storage.readFeed(actor.tenantId, projectId, actor.clientId, updates);
    const reads: FeedReads = { allShares: read.shares, page: read.updates, visit: { at, visit: read.visit, failed: false } };
    if (read.receipts) reads.receipts = read.receipts;
    return reads;
  } catch (failure) {
    const [allShares, page, visit] = await Promise.all([
      ctx.storage.listShares(actor.tenantId, projectId),
      updates ? ctx.storage.listUpdates(actor.tenantId, projectId, updates) : undefined,
      readVisit(ctx, actor, projectId),
    ]);
    // Read apart after all: the one read's failure is worth knowing (a failed visit read has
    // reported its own, most likely the same).
    if (!visit.failed) ctx.onError(failure);
    return { allShares, page, visit };
  }
}
