import { ConflictError } from '../../src/errors/ConflictError.js';
import type { Approval, ApprovalDecision } from '../../src/model/approval.js';
import type { ApprovalStore } from '../../src/ports/storage.js';
import { copyRecord } from '../../src/model/copy-record.js';
import { k, Table } from './table.js';

type Journal = () => ((undo: () => void) => void) | undefined;

const byTimeThenId = <T extends { id: string }>(time: (row: T) => Date) => (a: T, b: T) =>
  time(a).getTime() - time(b).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Approvals and their append-only decisions in memory. `memoryStorage` runs one operation or
 * transaction at a time, so the read for update needs no lock and "one decision per client and
 * round" is a lookup before the insert.
 */
export function memoryApprovalOps(record: Journal): ApprovalStore {
  const approvals = new Table<Approval>((a) => k(a.tenantId, a.id), record).index('project', (a) => k(a.tenantId, a.projectId));
  const decisions = new Table<ApprovalDecision>((d) => k(d.tenantId, d.id), record)
    .index('approval', (d) => k(d.tenantId, d.approvalId))
    .index('once', (d) => k(d.tenantId, d.approvalId, d.clientId, String(d.round)));

  return {
    async insertApproval(approval) {
      if (approvals.get(k(approval.tenantId, approval.id))) throw new ConflictError(`Approval ${approval.id} already exists`);
      approvals.put(approval);
    },
    async getApproval(tenantId, approvalId) {
      return approvals.get(k(tenantId, approvalId)) ?? null;
    },
    async getApprovalForUpdate(tenantId, approvalId) {
      return approvals.get(k(tenantId, approvalId)) ?? null;
    },
    async saveApproval(approval) {
      if (!approvals.get(k(approval.tenantId, approval.id))) return false;
      approvals.put(approval);
      return true;
    },
    async listApprovals(tenantId, projectId, query = {}) {
      return approvals
        .peekBy('project', k(tenantId, projectId))
        .filter(
          (a) =>
            (!query.module || a.module === query.module) &&
            (!query.resourceId || a.resourceId === query.resourceId) &&
            (!query.clientId || a.approvers.includes(query.clientId)),
        )
        .map((a) => copyRecord(a))
        .sort(byTimeThenId((a) => a.requestedAt));
    },
    async insertApprovalDecision(decision) {
      const { tenantId, approvalId, clientId, round } = decision;
      if (decisions.keysBy('once', k(tenantId, approvalId, clientId, String(round))).length > 0) return false;
      if (decisions.get(k(tenantId, decision.id))) return false;
      decisions.put(decision);
      return true;
    },
    async listApprovalDecisions(tenantId, approvalIds) {
      return [...new Set(approvalIds)].flatMap((id) => decisions.findBy('approval', k(tenantId, id))).sort(byTimeThenId((d) => d.decidedAt));
    },
  };
}
