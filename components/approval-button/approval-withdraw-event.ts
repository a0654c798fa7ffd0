import type { ApprovalView } from '../../src/model/approval.js';

/** `<sg-approval-button>` took back an open approval; `detail.approval` is it, now `withdrawn`. */
export class SgApprovalWithdrawEvent extends Event {
  static readonly type = 'sg-approval-withdraw';
  readonly detail: { approval: ApprovalView };
  constructor(detail: { approval: ApprovalView }) {
    super(SgApprovalWithdrawEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
