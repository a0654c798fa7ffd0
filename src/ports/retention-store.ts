import type { PurgeCounts } from '../model/retention.js';

export type { PurgeCounts };

/**
 * What `purgeEnded` deletes: records nothing reads any more, ended at or before `before`.
 * The core sets `before` to the portal's clock minus the retention (`portal.retention.purge`).
 */
export interface PurgeQuery {
  before: Date;
  /** At most this many records of each kind per call, at least 1: the caller calls again while any kind was full. */
  limit: number;
  /** Only this tenant's records (its shard, on a database distributed by tenant). */
  tenantId?: string;
  /**
   * Only these kinds; the others are left alone and count 0. All when absent. The core asks
   * again only for the kinds whose last batch was full, so a backlog of one kind does not scan
   * the other tables once per batch.
   */
  kinds?: readonly (keyof PurgeCounts)[];
}

/**
 * Retention: deleting what has ended and nothing reads again. Clients, accounts, shares,
 * updates, the audit trail, read receipts, visits, approvals and their decisions are records a
 * builder or a dispute may need; nothing here touches them.
 */
export interface RetentionStore {
  /**
   * Deletes up to `limit` records of each kind in `PurgeCounts`, of one tenant or all, and
   * counts them. Records not ended by `before` (a live session, a pending mail job, a
   * notification still waiting for its digest) are never deleted, nor what mail still to send
   * reads (its invite, link or digest's notifications). On SQL the pick skips rows other
   * transactions hold (`FOR UPDATE SKIP LOCKED`), so concurrent purges never wait on each other.
   */
  purgeEnded(query: PurgeQuery): Promise<PurgeCounts>;
}
