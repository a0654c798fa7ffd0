import type { Located } from '../access/ancestry.js';
import { approverRefusals } from '../access/approvers.js';
import type { PortalContext } from '../kernel/context.js';
import type { ApproverEligibility } from '../model/approval.js';

/**
 * Which of the project's active clients can decide on the located resource now, and why not for
 * each of the others: what a request naming them would refuse (the same check), asked before it
 * is sent so a form can say it. Ordered by client id.
 */
export async function approverEligibility(ctx: PortalContext, tenantId: string, located: Located): Promise<ApproverEligibility[]> {
  const members = await ctx.storage.listProjectAudience(tenantId, located.resource.projectId, { status: 'active' });
  if (!members.length) return [];
  const clientIds = members.map((m) => m.clientId);
  const refusals = await approverRefusals(ctx, tenantId, located, clientIds);
  return clientIds.map((clientId, i) => {
    const code = refusals[i];
    return code ? { clientId, code } : { clientId };
  });
}
