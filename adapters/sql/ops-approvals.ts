import { ConflictError } from '../../src/errors/ConflictError.js';
import type { Approval, ApprovalDecision } from '../../src/model/approval.js';
import type { ApprovalStore } from '../../src/ports/storage.js';
import type { OpsContext } from './context.js';
import type { Row } from './driver.js';

const str = (v: unknown) => v as string;
const date = (v: unknown) => (v instanceof Date ? v : new Date(v as string));
const opt = <K extends string, V>(key: K, v: unknown, map: (v: unknown) => V): { [P in K]?: V } =>
  (v === null || v === undefined ? {} : { [key]: map(v) }) as { [P in K]?: V };
/** jsonb arrives parsed from pg, and as text from some drivers' JSON paths. */
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export const toApproval = (r: Row): Approval => ({
  tenantId: str(r.tenant_id),
  id: str(r.id),
  projectId: str(r.project_id),
  module: r.module as Approval['module'],
  resourceId: str(r.resource_id),
  approvers: [...(r.approvers as string[])],
  mode: r.mode as Approval['mode'],
  status: r.status as Approval['status'],
  round: Number(r.round),
  ...opt('dueAt', r.due_at, date),
  ...opt('message', r.message, str),
  snapshot: json(r.snapshot),
  snapshotHash: str(r.snapshot_hash),
  requestedBy: str(r.requested_by),
  requestedAt: date(r.requested_at),
  updatedAt: date(r.updated_at),
  ...opt('settledAt', r.settled_at, date),
  ...opt('reopenReason', r.reopen_reason, str),
  ...opt('withdrawnAt', r.withdrawn_at, date),
  ...opt('withdrawReason', r.withdraw_reason, str),
});

export const toApprovalDecision = (r: Row): ApprovalDecision => ({
  tenantId: str(r.tenant_id),
  id: str(r.id),
  approvalId: str(r.approval_id),
  round: Number(r.round),
  clientId: str(r.client_id),
  decision: r.decision as ApprovalDecision['decision'],
  ...opt('note', r.note, str),
  ...opt('optionId', r.option_id, str),
  ...opt('ip', r.ip, str),
  ...opt('userAgent', r.user_agent, str),
  snapshot: json(r.snapshot),
  snapshotHash: str(r.snapshot_hash),
  decidedAt: date(r.decided_at),
  ...opt('clientEmail', r.client_email, str),
  ...opt('clientName', r.client_name, str),
  ...opt('evidenceHash', r.evidence_hash, str),
  ...opt('evidence', r.evidence, str),
});

/** Approvals and their decisions. Decisions are only ever inserted (the table refuses the rest). */
export function approvalOps({ q, s, forUpdate, select }: OpsContext): ApprovalStore {
  const columns = (a: Approval) => [
    a.tenantId, a.id, a.projectId, a.module, a.resourceId, a.approvers, a.mode, a.status, a.round,
    a.dueAt ?? null, a.message ?? null, JSON.stringify(a.snapshot), a.snapshotHash,
    a.requestedBy, a.requestedAt, a.updatedAt, a.settledAt ?? null, a.reopenReason ?? null,
    a.withdrawnAt ?? null, a.withdrawReason ?? null,
  ];
  const byId = async (tenantId: string, approvalId: string, lock: string) => {
    const [row] = await q.query(`SELECT * FROM ${s}.approvals WHERE tenant_id = $1 AND id = $2${lock}`, [tenantId, approvalId]);
    return row ? toApproval(row) : null;
  };

  return {
    async insertApproval(a) {
      // ON CONFLICT rather than a caught unique violation: inside a transaction, a failed
      // statement would abort it, and the caller's transaction must stay usable.
      const rows = await q.query(
        `INSERT INTO ${s}.approvals (tenant_id, id, project_id, module, resource_id, approvers, mode, status, round,
           due_at, message, snapshot, snapshot_hash, requested_by, requested_at, updated_at, settled_at, reopen_reason,
           withdrawn_at, withdraw_reason)
         VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15, $16, $17, $18, $19, $20)
         ON CONFLICT (tenant_id, id) DO NOTHING RETURNING id`,
        columns(a),
      );
      if (rows.length === 0) throw new ConflictError(`Approval ${a.id} already exists`);
    },
    getApproval: (tenantId, approvalId) => byId(tenantId, approvalId, ''),
    getApprovalForUpdate: (tenantId, approvalId) => byId(tenantId, approvalId, forUpdate),
    async saveApproval(a) {
      const rows = await q.query(
        `UPDATE ${s}.approvals SET project_id = $3, module = $4, resource_id = $5, approvers = $6::text[], mode = $7,
           status = $8, round = $9, due_at = $10, message = $11, snapshot = $12::jsonb, snapshot_hash = $13,
           requested_by = $14, requested_at = $15, updated_at = $16, settled_at = $17, reopen_reason = $18,
           withdrawn_at = $19, withdraw_reason = $20
         WHERE tenant_id = $1 AND id = $2 RETURNING id`,
        columns(a),
      );
      return rows.length > 0;
    },
    async listApprovals(tenantId, projectId, query = {}) {
      const params: unknown[] = [tenantId, projectId];
      let where = 't.tenant_id = $1 AND t.project_id = $2';
      if (query.module) where += ` AND t.module = $${params.push(query.module)}`;
      if (query.resourceId) where += ` AND t.resource_id = $${params.push(query.resourceId)}`;
      if (query.clientId) where += ` AND $${params.push(query.clientId)}::text = ANY(t.approvers)`;
      const rows = await select(`${s}.approvals t WHERE ${where}`, 't.requested_at, t.id', params);
      return rows.map(toApproval);
    },
    async insertApprovalDecision(d) {
      // One decision per client and round: the unique key settles races, whoever commits first.
      const rows = await q.query(
        `INSERT INTO ${s}.approval_decisions (tenant_id, id, approval_id, round, client_id, decision, note, option_id, ip, user_agent,
           snapshot, snapshot_hash, decided_at, client_email, client_name, evidence, evidence_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16, $17)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          d.tenantId, d.id, d.approvalId, d.round, d.clientId, d.decision, d.note ?? null, d.optionId ?? null, d.ip ?? null,
          d.userAgent ?? null, JSON.stringify(d.snapshot), d.snapshotHash, d.decidedAt,
          d.clientEmail ?? null, d.clientName ?? null, d.evidence ?? null, d.evidenceHash ?? null,
        ],
      );
      return rows.length > 0;
    },
    async listApprovalDecisions(tenantId, approvalIds) {
      if (approvalIds.length === 0) return [];
      const rows = await select(
        `${s}.approval_decisions t WHERE t.tenant_id = $1 AND t.approval_id = ANY($2::text[])`,
        't.decided_at, t.id',
        [tenantId, [...new Set(approvalIds)]],
      );
      return rows.map(toApprovalDecision);
    },
  };
}
