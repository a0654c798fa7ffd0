import type { StoredEvent } from '../../src/model/portal-event.js';
import type { EventStore } from '../../src/ports/storage.js';
import type { OpsContext } from './context.js';
import type { Row } from './driver.js';
import { readBacklog } from './backlog.js';

const date = (v: unknown) => (v instanceof Date ? v : new Date(v as string));

const toEvent = (r: Row): StoredEvent => ({
  id: r.id as string,
  type: r.type as StoredEvent['type'],
  tenantId: r.tenant_id as string,
  at: date(r.at),
  data: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, unknown>,
  state: r.state as StoredEvent['state'],
  attempts: Number(r.attempts),
  runAt: date(r.run_at),
  ...(r.last_error === null || r.last_error === undefined ? {} : { lastError: r.last_error as string }),
  updatedAt: date(r.updated_at),
});

/** Events for the host: each tenant's queue in `seq` order, delivered head first. */
export function eventOps({ q, s, atomic }: OpsContext): EventStore {
  return {
    async insertEvent(e) {
      // The tenant's next number, from its counter row: the row stays locked until the caller's
      // transaction ends, so a second transaction queueing an event for the tenant waits and
      // commits after this one — a tenant's events become visible in `seq` order. A duplicate
      // id is a ConflictError (events_pkey): inside a transaction, keep it usable.
      await atomic((tx) =>
        tx.query(
          `WITH next AS (
             INSERT INTO ${s}.event_queues AS qu (tenant_id, last_seq) VALUES ($1, 1)
             ON CONFLICT (tenant_id) DO UPDATE SET last_seq = qu.last_seq + 1 RETURNING last_seq)
           INSERT INTO ${s}.events (tenant_id, id, seq, type, at, data, state, attempts, run_at, last_error, updated_at)
           SELECT $1::text, $2::text, next.last_seq, $3::text, $4::timestamptz, $5::jsonb, $6::text, $7::integer, $8::timestamptz, $9::text, $10::timestamptz FROM next`,
          [e.tenantId, e.id, e.type, e.at, JSON.stringify(e.data), e.state, e.attempts, e.runAt, e.lastError ?? null, e.updatedAt],
        ),
      );
    },
    async listEvents(tenantId, query = {}) {
      const params: unknown[] = [tenantId];
      const state = query.state ? ` AND state = $${params.push(query.state)}` : '';
      const rows = await q.query(`SELECT * FROM ${s}.events WHERE tenant_id = $1${state} ORDER BY seq`, params);
      return rows.map(toEvent);
    },
    async claimEvents(now, limit, leaseUntil, tenantId) {
      if (limit <= 0) return [];
      // `heads`: each tenant's first undelivered event (events_queue_idx). Only a head that is
      // due is claimed, so a tenant's later events wait while its head retries or is leased.
      // SKIP LOCKED passes over a head another worker is claiming right now — that tenant gets
      // nothing here, never its next event. A head another worker claimed (or settled) after
      // this statement's snapshot is re-checked on its newest version when locked: the
      // conditions on `e` exclude it. Per tenant, every scan is pinned to `tenant_id = $4`.
      const queued = `state IN ('pending', 'delivering')`;
      const head = (where: string) => `SELECT tenant_id, id, seq, run_at FROM ${s}.events WHERE ${queued} ${where} ORDER BY tenant_id, seq LIMIT 1`;
      // Across tenants, a skip scan: each step probes the queue index for the next tenant's
      // head, so a backlog (a host that has been failing for hours) costs one probe per tenant,
      // not a walk of every event still to deliver at every claim.
      const heads =
        tenantId === undefined
          ? `RECURSIVE heads AS (
               (${head('')})
               UNION ALL
               SELECT n.* FROM heads h CROSS JOIN LATERAL (${head('AND tenant_id > h.tenant_id')}) n)`
          : `heads AS (${head('AND tenant_id = $4')})`;
      /** Per tenant, `alias`'s rows pinned to it too. */
      const pinned = (alias: string) => (tenantId === undefined ? '' : `AND ${alias}.tenant_id = $4`);
      const rows = await q.query(
        `WITH ${heads},
         due AS (
           SELECT e.tenant_id, e.id, e.seq, e.run_at FROM ${s}.events e
           JOIN heads h ON e.tenant_id = h.tenant_id AND e.id = h.id
           WHERE h.run_at <= $1 AND e.${queued} AND e.run_at <= $1 ${pinned('e')}
           ORDER BY h.run_at, h.seq LIMIT $2
           FOR UPDATE OF e SKIP LOCKED)
         UPDATE ${s}.events j SET state = 'delivering', attempts = j.attempts + 1, run_at = $3, updated_at = $1
         FROM due WHERE j.tenant_id = due.tenant_id AND j.id = due.id ${pinned('j')}
         RETURNING j.*, due.run_at AS due_at, due.seq AS due_seq`,
        tenantId === undefined ? [now, limit, leaseUntil] : [now, limit, leaseUntil, tenantId],
      );
      rows.sort((a, b) => date(a.due_at).getTime() - date(b.due_at).getTime() || Number(a.due_seq) - Number(b.due_seq));
      return rows.map(toEvent);
    },
    async settleEvent(tenantId, eventId, attempts, outcome) {
      const rows = await q.query(
        `UPDATE ${s}.events SET state = $4, run_at = $5, updated_at = $6, last_error = $7
         WHERE tenant_id = $1 AND id = $2 AND state = 'delivering' AND attempts = $3 RETURNING id`,
        [tenantId, eventId, attempts, outcome.state, outcome.runAt, outcome.updatedAt, outcome.lastError ?? null],
      );
      return rows.length > 0;
    },
    async eventBacklog(now, tenantId) {
      return readBacklog(q, `${s}.events`, 'delivering', now, tenantId);
    },
    async retryFailedEvents(tenantId, now, ids) {
      if (ids?.length === 0) return 0;
      const only = ids === undefined ? '' : ' AND id = ANY($3::text[])';
      // Due once the tenant's event in flight (if any) is settled or its lease lapses: a retried
      // event goes ahead of the tenant's newer ones, and the claim must not hand out two at once.
      const rows = await q.query(
        `UPDATE ${s}.events SET state = 'pending', attempts = 0, updated_at = $2,
           run_at = GREATEST($2, (SELECT max(d.run_at) FROM ${s}.events d WHERE d.tenant_id = $1 AND d.state = 'delivering'))
         WHERE tenant_id = $1 AND state = 'failed'${only} RETURNING id`,
        ids === undefined ? [tenantId, now] : [tenantId, now, [...ids]],
      );
      return rows.length;
    },
  };
}
