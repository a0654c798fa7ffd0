import { parseInput } from '../errors/from-zod.js';
import { StorageError } from '../errors/StorageError.js';
import type { PortalContext } from '../kernel/context.js';
import { DEFAULT_KEEP_DAYS, DEFAULT_PURGE_BATCH, PurgeOptions, type PurgeResult } from '../model/retention.js';
import type { PurgeCounts } from '../ports/retention-store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Retention: deletes what has ended and nothing reads again — expired sessions, invites and
 * account links, unsubscribe tokens, settled mail jobs, digested notifications, delivered and
 * failed host events — once it ended more than `keepDays` ago by the portal's clock. Clients,
 * shares, updates, the audit trail, receipts, visits and approval evidence are never touched.
 */
export function retentionService(ctx: PortalContext) {
  /**
   * Deletes in batches of `batchSize` per kind until a batch comes back short of it for every
   * kind, so a large backlog never becomes one long statement. Run it daily (docs/retention.md).
   */
  async function purge(options: PurgeOptions = {}): Promise<PurgeResult> {
    const { keepDays = DEFAULT_KEEP_DAYS, tenantId, batchSize = DEFAULT_PURGE_BATCH } = parseInput(PurgeOptions, options, ['options']);
    const before = new Date(ctx.now().getTime() - keepDays * DAY_MS);
    const total: PurgeCounts = { sessions: 0, invites: 0, accountLinks: 0, unsubscribeTokens: 0, mailJobs: 0, notifications: 0, events: 0 };
    // Every kind first; then again only those whose batch was full.
    let kinds: (keyof PurgeCounts)[] | undefined;
    for (;;) {
      const counts = await ctx.storage.purgeEnded({ before, limit: batchSize, ...(tenantId === undefined ? {} : { tenantId }), ...(kinds ? { kinds } : {}) });
      const full: (keyof PurgeCounts)[] = [];
      for (const kind of kinds ?? (Object.keys(total) as (keyof PurgeCounts)[])) {
        const count = counts?.[kind];
        // A count the limit does not allow would loop forever, or add up to nonsense.
        if (!Number.isInteger(count) || count < 0 || count > batchSize) {
          throw new StorageError(`${ctx.storage.name} storage answered purgeEnded with ${kind}: ${String(count)}, not a count from 0 to ${batchSize}`);
        }
        total[kind] += count;
        if (count === batchSize) full.push(kind);
      }
      if (!full.length) return { ...total, before };
      kinds = full;
    }
  }

  return { purge };
}
