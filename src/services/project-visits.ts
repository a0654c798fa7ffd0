import type { PortalContext } from '../kernel/context.js';
import type { ClientActor } from '../model/actor.js';
import type { ProjectVisit } from '../model/visit.js';

/** Feed loads this long after the last one start a new visit; closer ones continue it. */
export const VISIT_GAP_MS = 30 * 60_000;
/** A visit's `lastVisitAt` is written at most this often (one write a minute, like read receipts). */
export const VISIT_QUIET_MS = 60_000;

/**
 * What is new is what became visible after this: the previous visit's last load. `undefined`
 * during the first visit — nothing is new then (everything would be, which tells nothing).
 * A visit whose last load is older than the gap is one this load ends: its last load is the
 * boundary (seen so by a load that lost a race to record the new visit, and by page reads).
 */
export function newSince(visit: ProjectVisit | null, now: Date): Date | undefined {
  if (!visit) return undefined;
  if (visit.lastVisitAt.getTime() <= now.getTime() - VISIT_GAP_MS) return visit.lastVisitAt;
  return visit.previousVisitAt;
}

/**
 * The client loaded the project's feed: records the visit (throttled: at most one write a
 * minute, none at all in between) and answers since when things count as new. `record: false`
 * reads only — the next pages of one section are part of the load that listed the first.
 * Failing to record must not keep the client from its feed: the failure goes to `onError` and
 * nothing is marked new.
 */
export async function visitBoundary(ctx: PortalContext, actor: ClientActor, projectId: string, record: boolean): Promise<Date | undefined> {
  const at = ctx.now();
  const { tenantId, clientId } = actor;
  try {
    const visit = record
      ? await ctx.storage.recordVisit(tenantId, clientId, projectId, at, {
          quietSince: new Date(at.getTime() - VISIT_QUIET_MS),
          newVisitBefore: new Date(at.getTime() - VISIT_GAP_MS),
        })
      : await ctx.storage.getVisit(tenantId, clientId, projectId);
    return newSince(visit, at);
  } catch (error) {
    ctx.onError(error);
    return undefined;
  }
}
