import { APPROVAL_DECISIONS, APPROVAL_MODES, APPROVAL_STATUSES, APPROVER_REFUSAL_CODES } from '../model/approval-lists.js';
import { MODULES } from '../model/module-list.js';
import { array, boolean, date, extend, id, number, object, oneOf, optional, record, string } from './check.js';

/** Approvals as they arrive over the wire (see wire.ts); dates revived, zod-free. */

const moduleId = oneOf(MODULES);

export const WireApprovalSnapshot = object({
  module: moduleId,
  id: id,
  name: string,
  status: optional(string),
  amount: optional(number),
  currency: optional(string),
  options: optional(array(record)),
  meta: optional(record),
});

export const WireApproval = object({
  tenantId: id,
  id: id,
  projectId: id,
  module: moduleId,
  resourceId: id,
  approvers: array(id),
  mode: oneOf(APPROVAL_MODES),
  status: oneOf(APPROVAL_STATUSES),
  round: number,
  dueAt: optional(date),
  message: optional(string),
  snapshot: WireApprovalSnapshot,
  snapshotHash: string,
  requestedBy: id,
  requestedAt: date,
  updatedAt: date,
  settledAt: optional(date),
  reopenReason: optional(string),
  withdrawnAt: optional(date),
  withdrawReason: optional(string),
});

export const WireApprovalDecision = object({
  tenantId: id,
  id: id,
  approvalId: id,
  round: number,
  clientId: id,
  decision: oneOf(APPROVAL_DECISIONS),
  note: optional(string),
  optionId: optional(string),
  ip: optional(string),
  userAgent: optional(string),
  snapshot: WireApprovalSnapshot,
  snapshotHash: string,
  decidedAt: date,
  clientEmail: optional(string),
  clientName: optional(string),
  evidenceHash: optional(string),
  evidence: optional(string),
});

const refusalCode = oneOf(APPROVER_REFUSAL_CODES);

/** One active client of the project: why it cannot decide on the resource (`code`), or nothing when it can. */
export const WireApproverEligibility = object({ clientId: id, code: optional(refusalCode) });

export const WireApprovalView = extend(WireApproval, {
  decisions: array(WireApprovalDecision),
  waitingOn: array(id),
  cannotDecide: optional(array(object({ clientId: id, code: refusalCode }))),
  stale: optional(boolean),
});

export const WireApprovalExport = object({
  format: oneOf(['sitegate.approval/v1']),
  exportedAt: date,
  approval: WireApprovalView,
  canonicalSnapshot: string,
  hashAlgorithm: oneOf(['SHA-256']),
});
