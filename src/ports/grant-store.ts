import type { ResourceRef } from '../model/resource.js';
import type { Share } from '../model/share.js';

/** What can grant a client access to some resources: their shares, and which an update attaches. */
export interface GrantRead {
  /** As `findShares(tenantId, projectId, refs)` answers: in the order of `refs`, one per ref shared. */
  shares: Share[];
  /** As `findAttached(tenantId, projectId, refs)` answers: each attached ref once, in the order of `refs`. */
  attached: ResourceRef[];
}

/** The two reads of every access check, together. */
export interface GrantStore {
  /**
   * `findShares(tenantId, projectId, refs)` and `findAttached(tenantId, projectId, refs)`,
   * answered as those answer them and as of one moment. Every check of a resource (opening it,
   * `portal.can`, a share button's status, a digest's re-check) reads both, so SQL sends them as
   * one statement: one round trip and one pooled connection instead of two. Reads only.
   */
  readGrants(tenantId: string, projectId: string, refs: ResourceRef[]): Promise<GrantRead>;
}
