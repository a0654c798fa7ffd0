import type { PortalContext } from '../kernel/context.js';

/**
 * A tenant a pass found with nothing due before `until`; `at` is that pass's time (both by the
 * portal's clock, ms since 1970), `setAt` the process's monotonic time then (`performance.now()`).
 */
export interface QuietSpan {
  at: number;
  until: number;
  setAt: number;
}

/**
 * The tenants a portal's digest passes skip until something of theirs can be due (see
 * `assembleTenant` in digests.ts), and how many wakes it has had: a pass that began before a wake
 * read what the wake changed too early, and sets no span.
 */
export interface QuietTenants {
  spans: Map<string, QuietSpan>;
  wakes: number;
}

/**
 * Per portal, kept in the process; another process keeps its own. Keyed by the portal's digest
 * settings, the one object its request and background contexts share.
 */
const quietTenants = new WeakMap<PortalContext['notifications'], QuietTenants>();

/** The portal's quiet tenants. */
export function quietTenantsOf(ctx: PortalContext): QuietTenants {
  let quiet = quietTenants.get(ctx.notifications);
  if (!quiet) quietTenants.set(ctx.notifications, (quiet = { spans: new Map(), wakes: 0 }));
  return quiet;
}

/**
 * A client's digest frequency changed: its tenant is read at the next pass, not at the end of a
 * span worked out under the old frequency, and a pass reading it now sets no span. (A change
 * made in another process is seen when the span ends, within the instant window.)
 */
export function wakeDigests(ctx: PortalContext, tenantId: string): void {
  const quiet = quietTenantsOf(ctx);
  quiet.wakes++;
  quiet.spans.delete(tenantId);
}
