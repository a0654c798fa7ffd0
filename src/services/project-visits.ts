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
 * The visit as read before this load's write gives the same answer as after it.
 */
export function newSince(visit: ProjectVisit | null, now: Date): Date | undefined {
  if (!visit) return undefined;
  if (visit.lastVisitAt.getTime() <= now.getTime() - VISIT_GAP_MS) return visit.lastVisitAt;
  return visit.previousVisitAt;
}

/** Whether a load at `now` writes: a first visit, or one whose last load is a minute old or more. */
export function visitDue(visit: ProjectVisit | null, now: Date): boolean {
  return !visit || visit.lastVisitAt.getTime() <= now.getTime() - VISIT_QUIET_MS;
}

/** The client's visit as one feed load read it; `failed` when it could not be read. */
export interface VisitRead {
  at: Date;
  visit: ProjectVisit | null;
  failed: boolean;
}

/**
 * Reads the client's visit to the project: one indexed SELECT, which the feed runs alongside
 * its other reads (it decides nothing about access, so it need not wait for the client's scope).
 * Never rejects: a failure goes to `onError` and the load marks nothing new.
 */
export async function readVisit(ctx: PortalContext, actor: ClientActor, projectId: string): Promise<VisitRead> {
  const at = ctx.now();
  try {
    return { at, visit: await ctx.storage.getVisit(actor.tenantId, actor.clientId, projectId), failed: false };
  } catch (error) {
    ctx.onError(error);
    return { at, visit: null, failed: true };
  }
}

/** Since when things count as new for this load, as its read of the visit says (see `newSince`). */
export function visitSince(read: VisitRead): Date | undefined {
  return read.failed ? undefined : newSince(read.visit, read.at);
}

/**
 * Whether this load is part of the client's first visit to the project: its visit was read and
 * there is no earlier one to count from (see `newSince`). A read that failed tells nothing.
 */
export function isFirstVisit(read: VisitRead): boolean {
  return !read.failed && newSince(read.visit, read.at) === undefined;
}

/**
 * The client loaded the project's feed (`read` is its visit as read for this load): records
 * the visit when due. Throttled loads (within a minute of the recorded one) send no statement
 * at all: the read already told. `record: false` records nothing — the next pages of one
 * section are part of the load that listed the first. The write's outcome does not change
 * what is new (see `newSince`); concurrent loads that all find it due each send the one
 * conditional statement of `recordVisit`, and at most one writes. `false` when the visit could
 * not be read or written: failing must not keep the client from its feed, so the failure goes
 * to `onError` and the load marks nothing new. Never rejects.
 */
export async function noteVisit(ctx: PortalContext, actor: ClientActor, projectId: string, read: VisitRead, record: boolean): Promise<boolean> {
  if (read.failed) return false;
  const { at, visit } = read;
  if (!record || !visitDue(visit, at)) return true;
  try {
    await ctx.storage.recordVisit(actor.tenantId, actor.clientId, projectId, at, {
      quietSince: new Date(at.getTime() - VISIT_QUIET_MS),
      newVisitBefore: new Date(at.getTime() - VISIT_GAP_MS),
    });
    return true;
  } catch (error) {
    ctx.onError(error);
    return false;
  }
}
