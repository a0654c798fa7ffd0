import * as z from 'zod';
import { APPROVAL_DECISIONS, APPROVAL_MODES, APPROVAL_STATUSES, MAX_APPROVERS, type ApproverRefusal } from './approval-lists.js';
import { Id } from './ids.js';
import { ModuleId } from './modules.js';
import { storableText } from './text.js';
import { isKeptInstant } from './time-range.js';

export { APPROVAL_DECISIONS, APPROVAL_MODES, APPROVAL_STATUSES, APPROVER_REFUSAL_CODES, OPEN_APPROVAL_STATUSES, isOpenStatus, type ApproverRefusal } from './approval-lists.js';

export const ApprovalStatus = z.enum(APPROVAL_STATUSES);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;
export const ApprovalMode = z.enum(APPROVAL_MODES);
export type ApprovalMode = z.infer<typeof ApprovalMode>;
export const ApprovalDecisionValue = z.enum(APPROVAL_DECISIONS);
export type ApprovalDecisionValue = z.infer<typeof ApprovalDecisionValue>;

/**
 * What an approval asks about, frozen when it was requested (or reopened): the resource as the
 * content source resolved it then. Its canonical JSON (sorted keys, nothing undefined) hashes
 * to the approval's `snapshotHash`. `amount` and `currency` come from the resource's `meta`
 * (`amount`, else `price`) and the tenant's currency; `options` are a selection's choices.
 */
export const ApprovalSnapshot = z.object({
  module: ModuleId,
  id: Id,
  name: z.string(),
  status: z.string().optional(),
  amount: z.number().optional(),
  currency: z.string().optional(),
  options: z.array(z.record(z.string(), z.unknown())).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type ApprovalSnapshot = z.infer<typeof ApprovalSnapshot>;

/** A resource put to named clients for a decision. */
export const Approval = z.object({
  tenantId: Id,
  id: Id,
  projectId: Id,
  module: ModuleId,
  resourceId: Id,
  /** Client ids, in the order a `sequence` asks them. */
  approvers: z.array(Id),
  mode: ApprovalMode,
  /** As stored: never `expired` (that is read from `dueAt` and the clock). */
  status: ApprovalStatus,
  /** 1 when requested, one more at each reopen; decisions belong to a round. */
  round: z.number().int().positive(),
  dueAt: z.date().optional(),
  message: z.string().optional(),
  snapshot: ApprovalSnapshot,
  snapshotHash: z.string(),
  requestedBy: Id,
  requestedAt: z.date(),
  updatedAt: z.date(),
  /** When it was last approved or declined. */
  settledAt: z.date().optional(),
  /** The reason given at the latest reopen. */
  reopenReason: z.string().optional(),
  /** When the builder withdrew it (status `withdrawn`); cleared when it is reopened. */
  withdrawnAt: z.date().optional(),
  /** The reason given when it was withdrawn, if any. */
  withdrawReason: z.string().optional(),
});
export type Approval = z.infer<typeof Approval>;

/** One client's decision, append-only evidence: who, when, from where, on what. */
export const ApprovalDecision = z.object({
  tenantId: Id,
  id: Id,
  approvalId: Id,
  round: z.number().int().positive(),
  clientId: Id,
  decision: ApprovalDecisionValue,
  note: z.string().optional(),
  optionId: z.string().optional(),
  ip: z.string().optional(),
  userAgent: z.string().optional(),
  /** The snapshot the client decided on, and its SHA-256. */
  snapshot: ApprovalSnapshot,
  snapshotHash: z.string(),
  decidedAt: z.date(),
  /** The client's email and name when they decided (absent on decisions an earlier version recorded). */
  clientEmail: z.string().optional(),
  clientName: z.string().optional(),
  /**
   * SHA-256 (hex) of `evidence`: the canonical JSON of the whole decision, what it was asked
   * about and the hash of the approval's decision before it (see docs/approvals.md#evidence).
   * Lists carry the hash (a client's, only of its own decisions); `approvals.export` also
   * carries the text.
   */
  evidenceHash: z.string().optional(),
  evidence: z.string().optional(),
});
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

/** An approver of an open approval who can no longer decide on it, and why (as a request's 422 says). */
export interface ApproverUnable {
  clientId: string;
  code: ApproverRefusal;
}

/**
 * An approval as `approvals.list` answers: its status as of now (`expired` past `dueAt`), its
 * decisions of every round (oldest first), and who may still decide in the current round
 * (`waitingOn`; for a `sequence` only the one whose turn it is). An open approval also says what
 * keeps it from being decided, only when something does: a resource changed since it was asked
 * (`stale`, every decision refused; in the staff's and the client's lists), and, in the staff
 * list only, approvers yet to decide who can no longer (`cannotDecide`). It waits until it is
 * withdrawn, asked again or their access is back.
 */
export type ApprovalView = Approval & { decisions: ApprovalDecision[]; waitingOn: string[]; cannotDecide?: ApproverUnable[]; stale?: boolean };

/** One approval as a document a builder keeps: the approval, every decision, and how to check the hashes. */
export interface ApprovalExport {
  format: 'sitegate.approval/v1';
  exportedAt: Date;
  approval: ApprovalView;
  /** The canonical JSON of `approval.snapshot`; its SHA-256 (hex) is `approval.snapshotHash`. */
  canonicalSnapshot: string;
  hashAlgorithm: 'SHA-256';
}

const INSTANT_FORM = 'must be a date-time with its offset, like 2026-03-20T17:00:00Z';

/**
 * An instant: a Date, or an ISO 8601 date-time with its offset (as JSON carries one), within the
 * years sitegate keeps (an offset can carry 9999-12-31T23:59 into year 10000). The string has the
 * message too: a date alone ("2026-04-01") fails its format, not the union.
 */
const Instant = z
  .union([z.date(), z.iso.datetime({ offset: true, error: INSTANT_FORM })], { error: INSTANT_FORM })
  .transform((v) => new Date(v))
  .refine(isKeptInstant, 'must be a date-time between the years 0001 and 9999');

const Note = storableText().max(2000, 'must be at most 2000 characters');

export const RequestApprovalInput = z
  .object({
    module: ModuleId,
    id: Id,
    // The counts checked only once it is a list: zod would also measure a string's length.
    approvers: z.array(Id).pipe(
      z
        .array(z.string())
        .min(1, 'must name at least one approver')
        .max(MAX_APPROVERS, `must name at most ${MAX_APPROVERS} approvers`)
        .refine((ids) => new Set(ids).size === ids.length, 'must not name an approver twice'),
    ),
    mode: ApprovalMode.default('any'),
    dueAt: Instant.optional(),
    message: Note.optional(),
  })
  .strict();
export type RequestApprovalInput = z.input<typeof RequestApprovalInput>;

/**
 * A decision, and what the client decided on: `round` and `snapshotHash` of the approval as it was
 * shown (the elements always send both). Optional, so older callers keep working; given and no
 * longer the approval's own (it was reopened since), the decision is refused (`approval_stale`).
 */
export const DecideApprovalInput = z
  .object({
    decision: ApprovalDecisionValue,
    note: Note.optional(),
    optionId: z.string().min(1).max(200).optional(),
    round: z.number().int().positive().optional(),
    snapshotHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be the approval\'s snapshotHash (64 lower-case hex digits)').optional(),
  })
  .strict();
export type DecideApprovalInput = z.input<typeof DecideApprovalInput>;

/** Where a decision came from, as the HTTP handler saw the request. */
export const DecisionFacts = z
  .object({ ip: storableText().max(100).optional(), userAgent: storableText().max(1000).optional() })
  .strict();
export type DecisionFacts = z.input<typeof DecisionFacts>;

export const ReopenApprovalInput = z
  .object({ reason: storableText().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'), dueAt: Instant.optional() })
  .strict();
export type ReopenApprovalInput = z.input<typeof ReopenApprovalInput>;

/** Taking back an open approval; the reason, if given, is kept with it and in the audit. */
export const WithdrawApprovalInput = z
  .object({ reason: storableText().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters').optional() })
  .strict();
export type WithdrawApprovalInput = z.input<typeof WithdrawApprovalInput>;

/** Which resource `approvals.approvers` asks about: one of the project, as a request names it. */
export const ApproversQuery = z.object({ module: ModuleId, id: Id }).strict();
export type ApproversQuery = z.input<typeof ApproversQuery>;

/**
 * One active client of the project, as `approvals.approvers` answers: `code` says why it cannot
 * decide on the resource now (the code a request's 422 would give); without one, it can.
 */
export interface ApproverEligibility {
  clientId: string;
  code?: ApproverRefusal;
}

export const ListApprovalsInput = z.object({ module: ModuleId.optional(), id: Id.optional(), status: ApprovalStatus.optional() }).strict();
export type ListApprovalsInput = z.input<typeof ListApprovalsInput>;
