import { html, nothing, type TemplateResult } from 'lit';
import type { ApprovalView } from '../../src/model/approval.js';
import type { PortalClient } from '../context.js';
import type { SgStrings } from '../i18n/en.js';
import { disabledWhile, focusOutcome } from '../base/a11y.js';
import { errorCode, issuesByField } from '../util/problem.js';

/** What the withdraw dialog needs from `<sg-approval-button>`. */
export interface WithdrawHost {
  client(): PortalClient | undefined;
  /** Changes whenever the element turns to another resource, module, project or client: the answer for one before changes nothing on screen. */
  shown(): number;
  t(key: keyof SgStrings, params?: Record<string, string | number>): string;
  /** The element's strings in the page's language, to say a refused reason in words. */
  strings(): SgStrings;
  problem(error: unknown): string;
  requestUpdate(): void;
  /** Resolves once the host has rendered. */
  updated(): Promise<unknown>;
  /** The dialog this renders, once rendered (`dialog.withdraw` in the host's shadow root). */
  dialog(): HTMLDialogElement | null;
  /** It was withdrawn (the dialog is closed); `current`: the element still shows its resource. */
  withdrawn(approval: ApprovalView, current: boolean): Promise<void>;
  /** It was no longer open: decided, expired or withdrawn meanwhile; the status is read again. */
  stale(): void;
  /** The dialog was closed while sending (a second Escape cannot be held off) and it failed. */
  failedClosed(error: unknown): void;
}

/**
 * "Withdraw": a confirmation that says what withdrawing does, with an optional reason, then
 * takes the open approval back. Busy, problems and focus as in the request dialog.
 */
export class WithdrawDialog {
  busy = false;
  /** The approval asked about, and the resource shown when the dialog opened. */
  private approval?: ApprovalView;
  private openedOn = 0;
  private reason = '';
  private error?: unknown;

  constructor(private readonly host: WithdrawHost) {}

  async open(approval: ApprovalView): Promise<void> {
    this.approval = approval;
    this.openedOn = this.host.shown();
    this.reason = '';
    this.error = undefined;
    this.host.requestUpdate();
    await this.host.updated();
    const dialog = this.host.dialog();
    if (dialog && !dialog.open) dialog.showModal();
  }

  /** The element shows another resource: the approval asked about is no longer the one shown. */
  close(): void {
    if (this.host.dialog()?.open) this.host.dialog()!.close();
  }

  /** A withdrawal being sent cannot be called back: Cancel and Escape leave the dialog until its answer. */
  private cancel(event: Event): void {
    event.preventDefault();
    if (!this.busy) this.host.dialog()?.close();
  }

  private async send(): Promise<void> {
    const client = this.host.client();
    const approval = this.approval;
    if (!client || !approval || this.busy) return;
    const openedOn = this.openedOn;
    const reason = this.reason.trim();
    this.busy = true;
    this.error = undefined;
    this.host.requestUpdate();
    let withdrawn: ApprovalView | undefined;
    let failure: unknown;
    try {
      withdrawn = await client.approvals.withdraw(approval.projectId, approval.id, reason ? { reason } : undefined);
    } catch (error) {
      failure = error;
    }
    this.busy = false;
    this.host.requestUpdate();
    const current = openedOn === this.host.shown();
    if (withdrawn) {
      if (current) this.host.dialog()?.close();
      // It happened wherever the element is now: the host hears of it either way.
      return this.host.withdrawn(withdrawn, current);
    }
    if (!current) return;
    if (errorCode(failure) === 'conflict') this.host.stale();
    const dialog = this.host.dialog();
    if (!dialog?.open) return this.host.failedClosed(failure);
    this.error = failure;
    this.host.requestUpdate();
    await focusOutcome(dialog, this.host.updated());
  }

  /** A refused reason beside its field; anything else as a sentence for the whole. */
  private problems(): { reason?: string; whole?: string } {
    if (!this.error) return {};
    const reason = issuesByField(this.error, this.host.strings()).reason;
    if (reason) return { reason };
    return { whole: errorCode(this.error) === 'conflict' ? this.host.t('approvalWithdrawConflict') : this.host.problem(this.error) };
  }

  render(): TemplateResult {
    const { t } = this.host;
    const problems = this.problems();
    return html`<dialog
      part="dialog withdraw-dialog"
      class="withdraw"
      aria-labelledby="withdraw-title"
      aria-describedby="withdraw-explain"
      @cancel=${(e: Event) => this.cancel(e)}
      @close=${() => ((this.error = undefined), this.host.requestUpdate())}
    >
      <h2 id="withdraw-title">${t('approvalWithdrawTitle', { name: this.approval?.snapshot.name ?? '' })}</h2>
      <form
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.send();
        }}
      >
        <p id="withdraw-explain">${t('approvalWithdrawExplain')}</p>
        <div class="field">
          <label for="withdraw-reason">${t('approvalWithdrawReason')}</label>
          <textarea
            id="withdraw-reason"
            rows="3"
            maxlength="2000"
            .value=${this.reason}
            aria-invalid=${problems.reason ? 'true' : 'false'}
            aria-describedby="withdraw-reason-hint withdraw-reason-error"
            @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
          <span id="withdraw-reason-hint" class="hint">${t('approvalWithdrawReasonHint')}</span>
          <span id="withdraw-reason-error" class="field-error">${problems.reason ?? ''}</span>
        </div>
        ${problems.whole ? html`<p class="notice error" role="alert" tabindex="-1">${problems.whole}</p>` : nothing}
        <div class="actions">
          <button type="button" class="btn" aria-disabled=${disabledWhile(this.busy)} @click=${(e: Event) => this.cancel(e)}>${t('cancel')}</button>
          <button type="submit" class="btn danger" aria-disabled=${disabledWhile(this.busy)}>${t(this.busy ? 'approvalWithdrawing' : 'approvalWithdrawConfirm')}</button>
        </div>
      </form>
    </dialog>`;
  }
}
