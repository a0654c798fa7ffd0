import { approverRefusals } from '../access/approvers.js';
import { locate } from '../access/ancestry.js';
import type { PortalContext } from '../kernel/context.js';
import { isOpenStatus } from '../model/approval-lists.js';
import type { ApprovalView, ApproverUnable } from '../model/approval.js';
import { snapshotHash, snapshotOf } from './approval-snapshot.js';

/** Approvals grouped by the resource they ask about, first seen first: each resource is located once for all of its. */
export function groupByResource<T extends { module: string; resourceId: string }>(approvals: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const approval of approvals) {
    const key = `${approval.module}\n${approval.resourceId}`;
    const group = groups.get(key);
    if (group) group.push(approval);
    else groups.set(key, [approval]);
  }
  return [...groups.values()];
}

/**
 * The staff list's open approvals, each told what keeps it from being decided:
 * - `cannotDecide`: approvers yet to decide in the round who can no longer — archived, switched
 *   off, taken off the project, a role without `approve`, or the resource no longer shared or
 *   gone. It waits on them for ever (a `sequence`, on everyone after them too).
 * - `stale`: the resource changed since it was asked; every decision is refused (`approval_stale`).
 * The builder must see either to withdraw it and ask again, or restore access. The same checks
 * as a request's and a decision's; the resources are located together, and each resource's
 * approvers are checked once for all its approvals.
 */
export async function withBlockers(ctx: PortalContext, tenantId: string, views: ApprovalView[]): Promise<ApprovalView[]> {
  const groups = groupByResource(views.filter((v) => isOpenStatus(v.status)));
  if (groups.length === 0) return views;
  const located = await locate(
    ctx.content,
    tenantId,
    groups.map(([v]) => ({ projectId: v!.projectId, module: v!.module, id: v!.resourceId })),
  );
  const unable = new Map<ApprovalView, ApproverUnable[]>();
  const stale = new Set<ApprovalView>();
  const currency = located.some(Boolean) ? (await ctx.tenant(tenantId)).currency : undefined;
  await Promise.all(
    groups.map(async (group, i) => {
      const toDecide = (v: ApprovalView) => v.approvers.filter((id) => !v.decisions.some((d) => d.round === v.round && d.clientId === id));
      const clientIds = [...new Set(group.flatMap(toDecide))];
      const at = located[i];
      const hash = at ? snapshotHash(snapshotOf(at.resource, currency)) : undefined;
      for (const v of group) if (hash !== undefined && hash !== v.snapshotHash) stale.add(v);
      // A resource the content source no longer knows: nobody can see it to decide.
      const refusals = at ? await approverRefusals(ctx, tenantId, at, clientIds) : clientIds.map(() => 'not_shared' as const);
      const why = new Map(clientIds.map((id, j) => [id, refusals[j]]));
      for (const v of group) {
        const found = toDecide(v).flatMap((clientId): ApproverUnable[] => {
          const code = why.get(clientId);
          return code ? [{ clientId, code }] : [];
        });
        if (found.length) unable.set(v, found);
      }
    }),
  );
  return views.map((v) => {
    const found = unable.get(v);
    if (!found && !stale.has(v)) return v;
    return { ...v, ...(found ? { cannotDecide: found } : {}), ...(stale.has(v) ? { stale: true } : {}) };
  });
}
