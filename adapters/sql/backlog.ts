import type { QueueBacklog } from '../../src/model/outbox.js';
import type { Queryable } from './driver.js';

/**
 * `mailBacklog`/`eventBacklog` on SQL: one aggregate over the queue's table (of one tenant with
 * `tenantId`); `taken` is the state of a row a worker holds. The table and state are the
 * adapter's own names, never input.
 */
export async function readBacklog(q: Queryable, table: string, taken: 'sending' | 'delivering', now: Date, tenantId?: string): Promise<QueueBacklog> {
  const [row] = await q.query(
    `SELECT count(*) FILTER (WHERE state IN ('pending', '${taken}') AND run_at <= $1) AS due,
       count(*) FILTER (WHERE state = 'pending' AND run_at > $1) AS retrying,
       count(*) FILTER (WHERE state = '${taken}' AND run_at > $1) AS in_flight,
       count(*) FILTER (WHERE state = 'failed') AS failed,
       min(run_at) FILTER (WHERE state IN ('pending', '${taken}') AND run_at <= $1) AS oldest_due_at
     FROM ${table} WHERE state IN ('pending', '${taken}', 'failed')${tenantId === undefined ? '' : ' AND tenant_id = $2'}`,
    tenantId === undefined ? [now] : [now, tenantId],
  );
  const oldest = row?.oldest_due_at;
  return {
    due: Number(row?.due ?? 0),
    retrying: Number(row?.retrying ?? 0),
    inFlight: Number(row?.in_flight ?? 0),
    failed: Number(row?.failed ?? 0),
    oldestDueAt: oldest === null || oldest === undefined ? null : oldest instanceof Date ? oldest : new Date(oldest as string),
  };
}
