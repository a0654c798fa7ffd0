import type { MailJob } from '../../src/model/outbox.js';
import type { StorageOps } from '../../src/ports/storage.js';
import type { OpsContext } from './context.js';
import { cursorKey, keyOf, toAudit, toMailJob } from './rows.js';
import { readBacklog } from './backlog.js';

type LogOps = Pick<StorageOps, 'insertAudit' | 'listAudit' | 'insertMailJob' | 'insertMailJobs' | 'getMailJob' | 'getMailJobForUpdate' | 'saveMailJob' | 'listMailJobs' | 'claimMailJobs' | 'settleMailJobs' | 'mailBacklog'>;

const UPSERT_JOB = (s: string) => `INSERT INTO ${s}.mail_jobs
    (tenant_id, id, kind, invite_id, client_id, state, attempts, run_at, last_error, provider_id, created_at, updated_at, link_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
  ON CONFLICT (tenant_id, id) DO UPDATE SET kind = EXCLUDED.kind, invite_id = EXCLUDED.invite_id, link_id = EXCLUDED.link_id, client_id = EXCLUDED.client_id,
    state = EXCLUDED.state, attempts = EXCLUDED.attempts, run_at = EXCLUDED.run_at, last_error = EXCLUDED.last_error,
    provider_id = EXCLUDED.provider_id, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at`;

const jobParams = (j: MailJob) => [
  j.tenantId, j.id, j.kind, j.inviteId ?? null, j.clientId, j.state, j.attempts, j.runAt, j.lastError ?? null, j.providerId ?? null, j.createdAt, j.updatedAt,
  j.linkId ?? null,
];

/** The audit trail and the outbox. */
export function logOps({ q, s, forUpdate }: OpsContext): LogOps {
  const jobById = async (tenantId: string, jobId: string, lock: string) => {
    const [row] = await q.query(`SELECT * FROM ${s}.mail_jobs WHERE tenant_id = $1 AND id = $2${lock}`, [tenantId, jobId]);
    return row ? toMailJob(row) : null;
  };

  return {
    async insertAudit(e) {
      await q.query(
        `INSERT INTO ${s}.audit (tenant_id, id, at, actor_type, actor_id, action, client_id, project_id, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
         ON CONFLICT (tenant_id, id) DO UPDATE SET at = EXCLUDED.at, actor_type = EXCLUDED.actor_type, actor_id = EXCLUDED.actor_id,
           action = EXCLUDED.action, client_id = EXCLUDED.client_id, project_id = EXCLUDED.project_id, data = EXCLUDED.data`,
        [e.tenantId, e.id, e.at, e.actor.type, e.actor.id, e.action, e.clientId ?? null, e.projectId ?? null, e.data === undefined ? null : JSON.stringify(e.data)],
      );
    },
    async listAudit(tenantId, query) {
      const params: unknown[] = [tenantId];
      const p = (value: unknown) => `$${params.push(value)}`;
      const where = ['tenant_id = $1'];
      if (query.projectId) where.push(`project_id = ${p(query.projectId)}`);
      if (query.clientId) where.push(`client_id = ${p(query.clientId)}`);
      const after = cursorKey(query.cursor);
      if (after) where.push(`(at, id) < (${p(after[0])}, ${p(after[1])})`);
      const rows = await q.query(
        `SELECT * FROM ${s}.audit WHERE ${where.join(' AND ')} ORDER BY at DESC, id DESC LIMIT ${p(query.limit + 1)}`,
        params,
      );
      const items = rows.slice(0, query.limit).map(toAudit);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > query.limit && last ? keyOf(last.at, last.id) : null };
    },

    async insertMailJob(job) {
      await q.query(UPSERT_JOB(s), jobParams(job));
    },
    async insertMailJobs(jobs) {
      if (jobs.length === 0) return;
      const col = (f: (j: MailJob) => unknown) => jobs.map(f);
      await q.query(
        `INSERT INTO ${s}.mail_jobs
           (tenant_id, id, kind, invite_id, client_id, state, attempts, run_at, last_error, provider_id, created_at, updated_at, link_id)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::timestamptz[],
           $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::text[])
         ON CONFLICT (tenant_id, id) DO UPDATE SET kind = EXCLUDED.kind, invite_id = EXCLUDED.invite_id, link_id = EXCLUDED.link_id, client_id = EXCLUDED.client_id,
           state = EXCLUDED.state, attempts = EXCLUDED.attempts, run_at = EXCLUDED.run_at, last_error = EXCLUDED.last_error,
           provider_id = EXCLUDED.provider_id, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at`,
        [
          col((j) => j.tenantId), col((j) => j.id), col((j) => j.kind), col((j) => j.inviteId ?? null), col((j) => j.clientId), col((j) => j.state),
          col((j) => j.attempts), col((j) => j.runAt.toISOString()), col((j) => j.lastError ?? null), col((j) => j.providerId ?? null),
          col((j) => j.createdAt.toISOString()), col((j) => j.updatedAt.toISOString()), col((j) => j.linkId ?? null),
        ],
      );
    },
    getMailJob: (tenantId, jobId) => jobById(tenantId, jobId, ''),
    getMailJobForUpdate: (tenantId, jobId) => jobById(tenantId, jobId, forUpdate),
    async saveMailJob(job) {
      await q.query(UPSERT_JOB(s), jobParams(job));
    },
    async listMailJobs(tenantId, query = {}) {
      const params: unknown[] = [tenantId];
      const where = ['tenant_id = $1'];
      if (query.state) where.push(`state = $${params.push(query.state)}`);
      if (query.clientId) where.push(`client_id = $${params.push(query.clientId)}`);
      const rows = await q.query(`SELECT * FROM ${s}.mail_jobs WHERE ${where.join(' AND ')} ORDER BY created_at, id`, params);
      return rows.map(toMailJob);
    },
    async claimMailJobs(now, limit, leaseUntil, tenantId) {
      if (limit <= 0) return [];
      // SKIP LOCKED: a second worker passes over the rows the first is claiming instead of
      // waiting for them, so concurrent claims get disjoint jobs. Per tenant, both tables of the
      // statement are pinned to `tenant_id = $4`: on a database distributed by tenant it then
      // runs on one shard, the only place row locks work there (mail_jobs_tenant_due_idx).
      const tenant = tenantId === undefined ? '' : 'AND tenant_id = $4';
      const rows = await q.query(
        `WITH due AS (
           SELECT tenant_id, id, run_at FROM ${s}.mail_jobs
           WHERE state IN ('pending', 'sending') AND run_at <= $1 ${tenant}
           ORDER BY run_at, id LIMIT $2
           FOR UPDATE SKIP LOCKED)
         UPDATE ${s}.mail_jobs j SET state = 'sending', attempts = j.attempts + 1, run_at = $3, updated_at = $1
         FROM due WHERE j.tenant_id = due.tenant_id AND j.id = due.id ${tenant && 'AND j.tenant_id = $4'}
         RETURNING j.*, due.run_at AS due_at`,
        tenantId === undefined ? [now, limit, leaseUntil] : [now, limit, leaseUntil, tenantId],
      );
      const order = (r: (typeof rows)[number]) => [(r.due_at as Date).getTime(), r.id as string] as const;
      rows.sort((a, b) => {
        const [ta, ia] = order(a);
        const [tb, ib] = order(b);
        return ta - tb || (ia < ib ? -1 : ia > ib ? 1 : 0);
      });
      return rows.map(toMailJob);
    },
    async mailBacklog(now, tenantId) {
      return readBacklog(q, `${s}.mail_jobs`, 'sending', now, tenantId);
    },
    async settleMailJobs(tenantId, outcomes) {
      if (outcomes.length === 0) return [];
      const col = <T>(pick: (o: (typeof outcomes)[number]) => T) => outcomes.map(pick);
      const rows = await q.query(
        `UPDATE ${s}.mail_jobs j SET state = o.state, updated_at = o.updated_at, last_error = o.last_error,
           run_at = COALESCE(o.run_at, j.run_at), provider_id = COALESCE(o.provider_id, j.provider_id)
         FROM unnest($2::text[], $3::int[], $4::text[], $5::timestamptz[], $6::text[], $7::timestamptz[], $8::text[])
           AS o(id, attempts, state, updated_at, last_error, run_at, provider_id)
         WHERE j.tenant_id = $1 AND j.id = o.id AND j.state = 'sending' AND j.attempts = o.attempts RETURNING j.id`,
        [
          tenantId, col((o) => o.jobId), col((o) => o.attempts), col((o) => o.state), col((o) => o.updatedAt.toISOString()),
          col((o) => o.lastError ?? null), col((o) => o.runAt?.toISOString() ?? null), col((o) => o.providerId ?? null),
        ],
      );
      const settled = new Set(rows.map((r) => r.id as string));
      return outcomes.map((o) => settled.has(o.jobId));
    },
  };
}
