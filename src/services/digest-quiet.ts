import type { PortalContext } from '../kernel/context.js';

/**
 * Per portal, the tenants a digest pass found with nothing due before some time (ms since
 * 1970): later passes skip them until then without reading storage (see `assembleTenant` in
 * digests.ts). Kept in the process; another process keeps its own. Keyed by the portal's digest
 * settings, the one object its request and background contexts share.
 */
const quietTenants = new WeakMap<PortalContext['notifications'], Map<string, number>>();

/** The portal's quiet tenants, by id. */
export function quietTenantsOf(ctx: PortalContext): Map<string, number> {
  let quiet = quietTenants.get(ctx.notifications);
  if (!quiet) quietTenants.set(ctx.notifications, (quiet = new Map()));
  return quiet;
}

/**
 * A client's digest frequency changed: its tenant is read at the next pass, not at the end of a
 * quiet span worked out under the old frequency. (A change made in another process is seen
 * when the span ends, within the instant window.)
 */
export function wakeDigests(ctx: PortalContext, tenantId: string): void {
  quietTenants.get(ctx.notifications)?.delete(tenantId);
}
