import { ConflictError } from '../errors/ConflictError.js';
import { record } from '../kernel/audit-log.js';
import { emitEvent } from '../kernel/event-log.js';
import type { ClientActor, StaffActor } from '../model/actor.js';
import type { Approval, ApprovalStatus } from '../model/approval.js';
import type { StorageOps } from '../ports/storage.js';
import type { EvidencedDecision } from './decision-evidence.js';

/**
 * Every committed change of an approval goes through one of these, inside the transaction that
 * makes it: the record is written and audited here, so whatever else must happen exactly when a
 * transition commits (events to the host) is one line in the same place.
 */
export async function commitRequested(tx: StorageOps, staff: StaffActor, approval: Approval): Promise<void> {
  await tx.insertApproval(approval);
  await record(tx, approval.requestedAt, approval.tenantId, staff, 'approval.requested', {
    projectId: approval.projectId,
    data: { approvalId: approval.id, module: approval.module, resourceId: approval.resourceId, approvers: approval.approvers, mode: approval.mode, snapshotHash: approval.snapshotHash },
  });
  await emitEvent(tx, approval.requestedAt, approval.tenantId, 'approval.requested', requestedData(approval));
}

/** What the host hears about an approval: which, about what; dates as ISO strings (events travel as JSON). */
const aboutApproval = (a: Approval) => ({ approvalId: a.id, projectId: a.projectId, module: a.module, id: a.resourceId, round: a.round });
const requestedData = (a: Approval) => ({
  ...aboutApproval(a),
  approvers: a.approvers,
  mode: a.mode,
  ...(a.dueAt ? { dueAt: a.dueAt.toISOString() } : {}),
  snapshotHash: a.snapshotHash,
});

/** A decision appended and the approval's new status saved; `settled` when this decision settled it. */
export async function commitDecided(tx: StorageOps, client: ClientActor, approval: Approval, decision: EvidencedDecision, settled: boolean): Promise<void> {
  if (!(await tx.insertApprovalDecision(decision))) throw new ConflictError('You have already decided this approval', { data: { reason: 'already_decided' } });
  await tx.saveApproval(approval);
  await record(tx, decision.decidedAt, approval.tenantId, client, 'approval.decided', {
    clientId: client.clientId,
    projectId: approval.projectId,
    data: { approvalId: approval.id, decisionId: decision.id, decision: decision.decision, round: decision.round, status: approval.status, settled, snapshotHash: decision.snapshotHash, evidenceHash: decision.evidenceHash },
  });
  // The evidence hash goes to the host, which keeps it outside this database: a copy to check
  // the stored decision against later.
  const decided = {
    ...aboutApproval(approval),
    decisionId: decision.id,
    clientId: client.clientId,
    decision: decision.decision,
    ...(decision.optionId !== undefined ? { optionId: decision.optionId } : {}),
    status: approval.status,
    snapshotHash: decision.snapshotHash,
    evidenceHash: decision.evidenceHash,
  };
  await emitEvent(tx, decision.decidedAt, approval.tenantId, 'approval.decided', decided);
  // A settling decision leaves the approval approved or declined; the check says so to the compiler.
  const { status } = approval;
  if (settled && (status === 'approved' || status === 'declined')) await emitEvent(tx, decision.decidedAt, approval.tenantId, 'approval.completed', { ...aboutApproval(approval), status });
}

export async function commitReopened(tx: StorageOps, staff: StaffActor, approval: Approval, previousStatus: ApprovalStatus): Promise<void> {
  await tx.saveApproval(approval);
  await record(tx, approval.updatedAt, approval.tenantId, staff, 'approval.reopened', {
    projectId: approval.projectId,
    data: { approvalId: approval.id, round: approval.round, previousStatus, reason: approval.reopenReason, snapshotHash: approval.snapshotHash },
  });
  // Asked again (a new round): the host hears it as a request, marked as a reopening.
  await emitEvent(tx, approval.updatedAt, approval.tenantId, 'approval.requested', { ...requestedData(approval), reopened: true, previousStatus });
}

/**
 * Taken back before it settled: saved, audited with the status it had, and told to the host.
 * `supersededBy`: withdrawn by a request about its resource as it is now (see `request`).
 */
export async function commitWithdrawn(tx: StorageOps, staff: StaffActor, approval: Approval, previousStatus: ApprovalStatus, supersededBy?: string): Promise<void> {
  await tx.saveApproval(approval);
  const why = { ...(approval.withdrawReason !== undefined ? { reason: approval.withdrawReason } : {}), ...(supersededBy ? { supersededBy } : {}) };
  await record(tx, approval.updatedAt, approval.tenantId, staff, 'approval.withdrawn', {
    projectId: approval.projectId,
    data: { approvalId: approval.id, round: approval.round, previousStatus, ...why, snapshotHash: approval.snapshotHash },
  });
  await emitEvent(tx, approval.updatedAt, approval.tenantId, 'approval.withdrawn', { ...aboutApproval(approval), previousStatus, ...why });
}
