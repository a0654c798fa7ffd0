import type { ApprovalView } from '../../src/model/approval.js';

/** `<sg-approval-button>` put a resource to clients for a decision; `detail.approval` is the new request. */
export class SgApprovalRequestEvent extends Event {
  static readonly type = 'sg-approval-request';
  readonly detail: { approval: ApprovalView };
  constructor(detail: { approval: ApprovalView }) {
    super(SgApprovalRequestEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
