import { ApprovalError, approvalError } from '../errors/ApprovalError.js';
import { isOpenStatus, type Approval, type ApprovalDecision, type ApprovalStatus, type ApprovalView } from '../model/approval.js';
import { withoutEvidenceText } from './decision-evidence.js';

/** Whether the approval takes decisions now: open in storage and not past `dueAt`. */
export function isOpen(approval: Approval, now: Date): boolean {
  return isOpenStatus(approval.status) && !isPastDue(approval, now);
}

const isPastDue = (approval: Approval, now: Date): boolean => approval.dueAt !== undefined && approval.dueAt.getTime() <= now.getTime();

/** The status as of `now`: an open approval past its `dueAt` reads as `expired`. */
export function statusAt(approval: Approval, now: Date): ApprovalStatus {
  return isOpenStatus(approval.status) && isPastDue(approval, now) ? 'expired' : approval.status;
}

/** The approval taken back at `now` (by staff, with their reason if any, or by a new request). */
export function withdrawnOf(approval: Approval, now: Date, reason?: string): Approval {
  return { ...approval, status: 'withdrawn', withdrawnAt: now, ...(reason !== undefined ? { withdrawReason: reason } : {}), updatedAt: now };
}

/** Throws the typed reason an approval takes no decision now (settled, or past due). */
export function assertOpen(approval: Approval, now: Date): void {
  // One code for both (nothing more can be decided); the words say which it was.
  if (approval.status === 'withdrawn') throw approvalError('approval_closed', 'This approval was withdrawn and no longer takes decisions.');
  if (!isOpenStatus(approval.status)) throw approvalError('approval_closed');
  if (isPastDue(approval, now)) throw approvalError('approval_expired');
}

/**
 * Throws when the client decided on the approval as it was before a reopening: the `round` (or
 * `snapshotHash`) it says it was shown is no longer the approval's. `approval_stale`, with the
 * reason `reopened`: what is asked now is to be read before deciding. Either left out is not checked.
 */
export function assertAsShown(approval: Approval, shown: { round?: number | undefined; snapshotHash?: string | undefined }): void {
  if ((shown.round ?? approval.round) === approval.round && (shown.snapshotHash ?? approval.snapshotHash) === approval.snapshotHash) return;
  throw new ApprovalError('This approval was asked again after the version this decision was made on. Read what it asks now, then decide.', {
    code: 'approval_stale',
    data: { reason: 'reopened' },
  });
}

/** Who may still decide in the current round: for `sequence`, only the next in order. */
export function waitingOn(approval: Approval, round: readonly ApprovalDecision[], now: Date): string[] {
  if (!isOpen(approval, now)) return [];
  const decided = new Set(round.map((d) => d.clientId));
  const left = approval.approvers.filter((id) => !decided.has(id));
  return approval.mode === 'sequence' ? left.slice(0, 1) : left;
}

/**
 * The status after the current round's decisions: `any` — the first decision; `all` and
 * `sequence` — declined at the first decline, approved once every approver approved; else it
 * stays open as it was.
 */
export function settle(approval: Approval, round: readonly ApprovalDecision[]): ApprovalStatus {
  if (round.length === 0) return approval.status;
  if (approval.mode === 'any') return round[0]!.decision;
  if (round.some((d) => d.decision === 'declined')) return 'declined';
  const approved = new Set(round.filter((d) => d.decision === 'approved').map((d) => d.clientId));
  return approval.approvers.every((id) => approved.has(id)) ? 'approved' : approval.status;
}

/** The approval as lists show it: status as of now, every decision, who is still to decide. */
export function viewOf(approval: Approval, decisions: readonly ApprovalDecision[], now: Date): ApprovalView {
  const mine = decisions.filter((d) => d.approvalId === approval.id);
  const round = mine.filter((d) => d.round === approval.round);
  return { ...approval, status: statusAt(approval, now), decisions: mine.map(withoutEvidenceText), waitingOn: waitingOn(approval, round, now) };
}
