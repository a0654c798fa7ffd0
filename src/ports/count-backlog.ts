import type { QueueBacklog } from '../model/outbox.js';

/**
 * Counts a queue's rows as `mailBacklog`/`eventBacklog` define it, for adapters that hold their
 * rows in memory; `taken` is the state of a row a worker holds (`sending` for mail, `delivering`
 * for events).
 */
export function countBacklog(rows: Iterable<{ state: string; runAt: Date }>, now: Date, taken: string): QueueBacklog {
  const backlog: QueueBacklog = { due: 0, retrying: 0, inFlight: 0, failed: 0, oldestDueAt: null };
  for (const { state, runAt } of rows) {
    if (state === 'failed') backlog.failed++;
    if (state !== 'pending' && state !== taken) continue;
    if (runAt.getTime() > now.getTime()) {
      if (state === taken) backlog.inFlight++;
      else backlog.retrying++;
      continue;
    }
    backlog.due++;
    if (!backlog.oldestDueAt || runAt.getTime() < backlog.oldestDueAt.getTime()) backlog.oldestDueAt = new Date(runAt);
  }
  return backlog;
}
