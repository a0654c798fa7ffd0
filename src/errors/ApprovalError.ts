import { SitegateError, type SitegateErrorOptions } from './SitegateError.js';

export type ApprovalErrorCode = 'approval_stale' | 'approval_expired' | 'approval_closed' | 'not_your_turn';

/** What each code tells a person, in words they can act on. */
export const APPROVAL_MESSAGES: Record<ApprovalErrorCode, string> = {
  approval_stale: 'What this approval asks about has changed since it was requested. Ask your builder to request it again.',
  approval_expired: 'This approval is past its due date and no longer takes decisions.',
  approval_closed: 'This approval has already been settled and no longer takes decisions.',
  not_your_turn: 'This approval is decided in order, and it is not your turn yet.',
};

/** What an ApprovalError may add: `reason: 'reopened'` on `approval_stale` for a decision made on a round asked before. */
export interface ApprovalErrorData {
  reason?: 'reopened';
  [other: string]: unknown;
}

/** A decision an approval cannot take in its current state (409); `code` says why. */
export class ApprovalError extends SitegateError {
  override name = 'ApprovalError';
  declare readonly code: ApprovalErrorCode;
  declare readonly data?: ApprovalErrorData;
  constructor(message: string, options: SitegateErrorOptions<ApprovalErrorData> & { code: ApprovalErrorCode }) {
    super(message, options);
  }
  /** `reopened`: the decision named a round of the approval asked before the builder reopened it. */
  get reason(): ApprovalErrorData['reason'] {
    return this.data?.reason;
  }
}

/** An ApprovalError with the standard words for its code. */
export function approvalError(code: ApprovalErrorCode, message: string = APPROVAL_MESSAGES[code]): ApprovalError {
  return new ApprovalError(message, { code });
}
