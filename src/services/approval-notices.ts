import type { PortalContext } from '../kernel/context.js';
import type { Approval, ApprovalDecision } from '../model/approval.js';
import type { StorageOps } from '../ports/storage.js';
import { waitingOn } from './approval-rules.js';
import { queueNotifications } from './notification-queue.js';

/**
 * Tells the approvers an approval now waits on, in their next digest (docs/notifications.md):
 * every approver when it is asked or asked again, and in a `sequence` the next one once the one
 * before has decided — not an approver whose turn has not come, whose link would be refused.
 */
export async function tellApprovers(ctx: PortalContext, tx: StorageOps, approval: Approval, round: readonly ApprovalDecision[], now: Date): Promise<void> {
  const clientIds = waitingOn(approval, round, now);
  if (clientIds.length === 0) return;
  await queueNotifications(ctx, tx, approval.tenantId, approval.projectId, [{ kind: 'approval', module: approval.module, resourceId: approval.id, clientIds }]);
}
