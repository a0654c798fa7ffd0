import type { ModuleId } from '../model/modules.js';
import type { Receipt } from '../model/receipt.js';
import type { ResourceRef } from '../model/resource.js';
import type { Share } from '../model/share.js';

/** What can grant a client access to some resources: their shares, and which an update attaches. */
export interface GrantRead {
  /** As `findShares(tenantId, projectId, refs)` answers: in the order of `refs`, one per ref shared. */
  shares: Share[];
  /** As `findAttached(tenantId, projectId, refs)` answers: each attached ref once, in the order of `refs`. */
  attached: ResourceRef[];
  /**
   * Only when `receiptOf` was asked: that client's read receipt of that resource in the project,
   * as `listReceipts(tenantId, projectId, { clientId, module, id })` would find it, or null.
   */
  receipt?: Receipt | null;
}

/** Which read receipt `readGrants` reads too: one client's, of one resource of the project. */
export interface ReceiptKey {
  clientId: string;
  module: ModuleId;
  id: string;
}

/** The two reads of every access check, together. */
export interface GrantStore {
  /**
   * `findShares(tenantId, projectId, refs)` and `findAttached(tenantId, projectId, refs)`,
   * answered as those answer them and as of one moment. Every check of a resource (opening it,
   * `portal.can`, a share button's status, a digest's re-check) reads both, so SQL sends them as
   * one statement: one round trip and one pooled connection instead of two. Reads only.
   *
   * With `receiptOf`, the same statement also reads that client's receipt of that resource
   * (`receipt` in the answer): opening a resource checks it and then records a view, which
   * writes nothing when the last one is under a minute old. An adapter that leaves `receipt`
   * out still works; each open then costs one more read.
   */
  readGrants(tenantId: string, projectId: string, refs: ResourceRef[], options?: { receiptOf?: ReceiptKey }): Promise<GrantRead>;
}
