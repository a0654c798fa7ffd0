import type { Approval, ApprovalDecision } from '../model/approval.js';
import { sha256Hex } from '../tokens/sha256.js';
import { canonicalJson } from './approval-snapshot.js';

/** Names the shape of a decision's evidence text, so a verifier knows which fields to expect. */
export const DECISION_EVIDENCE_FORMAT = 'sitegate.decision/v1';

/** A decision before its evidence is written. */
export type UnhashedDecision = Omit<ApprovalDecision, 'evidence' | 'evidenceHash'>;
/** A decision as this version records it: with its evidence. */
export type EvidencedDecision = ApprovalDecision & { evidence: string; evidenceHash: string };

/**
 * A decision's evidence: the canonical JSON (as for snapshots) of everything the decision is —
 * who, by the email and name they had then, what, when and from where — with what it was asked
 * about as the client saw it (the snapshot itself, the approval's message, due date, mode and
 * approvers, which a reopening may change later), and `previousHash`, the evidence hash of the
 * approval's decision before it (`null` for its first). Its SHA-256 is stored beside it and
 * sent to the host in `approval.decided`: changing, removing or reordering a stored decision
 * breaks its hash, the next decision's link or the copy the host kept.
 */
export function withEvidence(approval: Approval, decision: UnhashedDecision, previousHash: string | null): EvidencedDecision {
  const evidence = canonicalJson({
    format: DECISION_EVIDENCE_FORMAT,
    tenantId: decision.tenantId,
    projectId: approval.projectId,
    approvalId: decision.approvalId,
    module: approval.module,
    resourceId: approval.resourceId,
    round: decision.round,
    mode: approval.mode,
    approvers: approval.approvers,
    message: approval.message,
    dueAt: approval.dueAt,
    snapshot: decision.snapshot,
    snapshotHash: decision.snapshotHash,
    decisionId: decision.id,
    clientId: decision.clientId,
    clientEmail: decision.clientEmail,
    clientName: decision.clientName,
    decision: decision.decision,
    optionId: decision.optionId,
    note: decision.note,
    ip: decision.ip,
    userAgent: decision.userAgent,
    decidedAt: decision.decidedAt,
    previousHash,
  });
  return { ...decision, evidence, evidenceHash: sha256Hex(evidence) };
}

const previousOf = (decision: ApprovalDecision): unknown => (JSON.parse(decision.evidence!) as { previousHash?: unknown }).previousHash;

/**
 * The evidence hash a new decision of the approval chains to: that of the decision no other one
 * names as its previous, the chain's tip. Not simply the last listed: two decisions in the same
 * millisecond list in id order, and the chain must not fork on that. `null` when no decision of
 * the approval has evidence yet.
 */
export function chainTip(decisions: readonly ApprovalDecision[]): string | null {
  const hashed = decisions.filter((d) => d.evidence !== undefined && d.evidenceHash !== undefined);
  const named = new Set(hashed.map(previousOf));
  const tips = hashed.filter((d) => !named.has(d.evidenceHash));
  return (tips.at(-1) ?? hashed.at(-1))?.evidenceHash ?? null;
}

/** A decision as lists show it: the evidence hash, not the text (`approvals.export` has that). */
export function withoutEvidenceText(decision: ApprovalDecision): ApprovalDecision {
  if (decision.evidence === undefined) return decision;
  const { evidence: _text, ...rest } = decision;
  return rest;
}
