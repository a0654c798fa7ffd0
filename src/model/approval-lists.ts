/**
 * The approval lists as plain constants, free of zod (like module-list.ts), so the browser
 * client's response checks and the zod schemas share one definition.
 */

/**
 * `pending`: asked, open for decisions. `reopened`: asked again after it settled or expired,
 * open for decisions like `pending` (in the next round). `approved` / `declined`: settled.
 * `expired`: `dueAt` passed while it was open (derived from the clock when read). `withdrawn`:
 * the builder took it back before it settled (asked the wrong client, or an approver who can
 * no longer decide), or asked again about its resource after it changed; it takes no
 * decisions, and can be reopened like a settled one.
 */
export const APPROVAL_STATUSES = ['pending', 'approved', 'declined', 'reopened', 'expired', 'withdrawn'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** Most clients one approval request may name. */
export const MAX_APPROVERS = 20;

/** `any`: the first decision settles; `all`: every approver; `sequence`: every approver, in order. */
export const APPROVAL_MODES = ['any', 'all', 'sequence'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

export const APPROVAL_DECISIONS = ['approved', 'declined'] as const;
export type ApprovalDecisionValue = (typeof APPROVAL_DECISIONS)[number];

/**
 * Why a client may not decide on a resource: it cannot sign in, does not hold the project, its
 * role or the tenant's modules do not let it approve there, or the resource is not shared with it.
 */
export const APPROVER_REFUSAL_CODES = ['cannot_sign_in', 'no_project_access', 'may_not_approve', 'not_shared'] as const;
export type ApproverRefusal = (typeof APPROVER_REFUSAL_CODES)[number];

/** Statuses in which an approval takes decisions. */
export const OPEN_APPROVAL_STATUSES: readonly ApprovalStatus[] = ['pending', 'reopened'];

/** Whether an approval with this status (as read, so `expired` when past due) takes decisions. */
export const isOpenStatus = (status: ApprovalStatus): boolean => OPEN_APPROVAL_STATUSES.includes(status);
