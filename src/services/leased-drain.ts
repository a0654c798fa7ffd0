import type { PortalContext } from '../kernel/context.js';

/** What one delivery came to: a counted outcome, or `lost` when another worker took the work over. */
export type Delivered<Counts> = keyof Counts | 'lost';

/**
 * The outbox's loop, shared by mail and host events: claim a batch of due work with a lease,
 * deliver it side by side, count the outcomes; again while `more()` says so and something was
 * claimed. Work that falls due while this runs waits for the next drain, so one drain never
 * hammers a failing server. A delivery whose outcome could not be recorded (storage down) goes
 * to `onError`: its lease runs out and the work is taken again.
 */
export async function drainLeased<Item, Counts extends object>(
  ctx: PortalContext,
  counts: Counts,
  options: { batchSize?: number; tenantId?: string },
  more: () => boolean,
  claim: (dueBy: Date, limit: number, leaseUntil: Date, tenantId?: string) => Promise<Item[]>,
  /**
   * `batch` is the whole claimed batch (one array per claim), for reads shared by its
   * deliveries; `more` turns false once the drain should stop, for a delivery that would wait.
   */
  deliver: (item: Item, claimedAt: number, batch: readonly Item[], more: () => boolean) => Promise<Delivered<Counts>>,
): Promise<Counts> {
  const batchSize = options.batchSize ?? 25;
  const dueBy = ctx.now();
  while (more()) {
    const claimedAt = ctx.now().getTime();
    const lease = new Date(claimedAt + ctx.outbox.leaseMs);
    const items = await (options.tenantId === undefined ? claim(dueBy, batchSize, lease) : claim(dueBy, batchSize, lease, options.tenantId));
    if (items.length === 0) return counts;
    const outcomes = await Promise.allSettled(items.map((item) => deliver(item, claimedAt, items, more)));
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') ctx.onError(outcome.reason);
      else if (outcome.value !== 'lost') (counts as Record<keyof Counts, number>)[outcome.value] += 1;
    }
  }
  return counts;
}
