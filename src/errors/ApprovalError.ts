import { SitegateError, type SitegateErrorOptions } from './SitegateError.js';

export type ApprovalErrorCode = 'approval_stale' | 'approval_expired' | 'approval_closed' | 'not_your_turn';

/** What each code tells a person, in words they can act on. */
export const APPROVAL_MESSAGES: Record<ApprovalErrorCode, string> = {
  approval_stale: 'What this approval asks about has changed since it was requested. Ask your builder to request it again.',
  approval_expired: 'This approval is past its due date and no longer takes decisions.',
  approval_closed: 'This approval has already been settled and no longer takes decisions.',
  not_your_turn: 'This approval is decided in order, and it is not your turn yet.',
};

/** A decision an approval cannot take in its current state (409); `code` says why. */
export class ApprovalError extends SitegateError {
  override name = 'ApprovalError';
  declare readonly code: ApprovalErrorCode;
  constructor(message: string, options: SitegateErrorOptions & { code: ApprovalErrorCode }) {
    super(message, options);
  }
}

/** An ApprovalError with the standard words for its code. */
export function approvalError(code: ApprovalErrorCode, message: string = APPROVAL_MESSAGES[code]): ApprovalError {
  return new ApprovalError(message, { code });
}
