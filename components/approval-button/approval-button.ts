import { html, isServer, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ApprovalView } from '../../src/model/approval.js';
import { MAX_APPROVERS, type ApproverRefusal } from '../../src/model/approval-lists.js';
import type { Client } from '../../src/model/client.js';
import type { ModuleId } from '../../src/model/modules.js';
import { focusOutcome, said } from '../base/a11y.js';
import { SgElement } from '../base/sg-element.js';
import { approvalButtonStrings, approvalStrings, common, type SgStrings } from '../i18n/en.js';
import { receiptsChanged } from '../share-button/share-store.js';
import { endsLocalDay } from '../util/dates.js';
import { formatMoney } from '../util/money.js';
import { errorIssues, issuesByField } from '../util/problem.js';
import { SgApprovalRequestEvent } from './approval-request-event.js';
import { SgApprovalWithdrawEvent } from './approval-withdraw-event.js';
import { evidenceSection, type EvidenceHost } from './evidence.js';
import { requestForm, type RequestDraft } from './request-form.js';
import { WithdrawDialog } from './withdraw-dialog.js';
import styles from './approval-button.styles.js';

/** The newest approval of the resource: the one its status is about. */
const latest = (approvals: ApprovalView[]): ApprovalView | undefined =>
  [...approvals].sort((a, b) => new Date(b.requestedAt).getTime() - new Date(a.requestedAt).getTime())[0];

const emptyDraft = (): RequestDraft => ({ approvers: [], mode: 'any', due: '', message: '' });

/** Whether it still takes decisions, so can be withdrawn. */
const isOpen = (approval: ApprovalView): boolean => approval.status === 'pending' || approval.status === 'reopened';

/**
 * @summary "Request approval" for one resource (a change order, a selection): asks chosen
 * clients of the project to decide — any one of them, all, or all in order — with an optional
 * due date and message (clients who cannot decide on it are listed but cannot be chosen, with
 * why and what fixes it); then shows the live status (who still has to decide) and the evidence
 * of every decision (who, when, note, chosen option, snapshot hash), downloadable as JSON.
 * While the newest approval is open, "Withdraw" takes it back (asked of the wrong client, or
 * waiting on one who can no longer decide), with an optional reason.
 *
 * @attr project-id - The project of the resource.
 * @attr module - The module (`changeOrders` by default, `selections`, …).
 * @attr resource-id - The resource put to approval.
 * @attr refresh-seconds - How often the status is re-read while the page is visible (default 30; 0: never).
 * @prop {PortalClient} client - The api client (normally from `<sg-portal-provider>`), acting as staff.
 * @prop {Partial<SgStrings>} strings - Replaces some strings.
 * @attr theme - `light` (default), `dark` or `auto`.
 * @event sg-approval-request - Approval was requested; `detail: { approval }`.
 * @event sg-approval-withdraw - An open approval was withdrawn; `detail: { approval }` (status `withdrawn`).
 * @csspart base - The wrapper.
 * @csspart button - The "Request approval" button.
 * @csspart withdraw - The "Withdraw" button, while the newest approval is open.
 * @csspart status - The status badge.
 * @csspart blocked - What keeps the open approval from being decided: approvers who can no longer decide (and why), or its resource changed since it was asked.
 * @csspart evidence - The list of decisions.
 * @csspart export - The "Download evidence" button.
 * @csspart dialog - The request dialog and the withdraw dialog.
 * @csspart withdraw-dialog - The withdraw dialog.
 * @csspart error - A problem message.
 * @cssproperty --sg-approval-approved-color - Colour of the "Approved" badge.
 * @cssproperty --sg-approval-declined-color - Colour of the "Declined" badge.
 *
 * @tag sg-approval-button
 */
export class SgApprovalButton extends SgElement {
  static override styles = styles;
  static override defaultStrings: Partial<SgStrings> = { ...common, ...approvalStrings, ...approvalButtonStrings };

  @property({ attribute: 'project-id' }) projectId = '';
  @property() module: ModuleId = 'changeOrders';
  @property({ attribute: 'resource-id' }) resourceId = '';
  @property({ attribute: 'refresh-seconds', type: Number }) refreshSeconds = 30;

  /** Every approval of the resource, as last read from the server. */
  @state() approvals: ApprovalView[] = [];
  /** The project's active clients, the ones who can be asked. */
  @state() clients: Client[] = [];
  /** Why each of them cannot decide on the resource, read when the dialog opens; empty when that read failed. */
  @state() private refusals: ReadonlyMap<string, ApproverRefusal> = new Map();
  @state() private loaded = false;
  @state() private busy = false;
  @state() private error?: unknown;
  @state() private formError?: unknown;
  @state() private draft: RequestDraft = emptyDraft();
  /** What the live region says: whom the last request went to, or that an approval was withdrawn (the dialog that sent it is gone). */
  @state() private said = '';
  @query('dialog.request') private dialog!: HTMLDialogElement;
  /** "Withdraw": takes back the open approval. */
  private readonly withdrawal = new WithdrawDialog({
    client: () => this.client,
    shown: () => this.#about,
    t: (key, params) => this.t(key, params),
    strings: () => this.stringTable,
    problem: (error) => this.problem(error),
    requestUpdate: () => this.requestUpdate(),
    updated: () => this.updateComplete,
    // No render root on a server (Lit SSR runs `willUpdate`, which closes it on a change of resource).
    dialog: () => this.renderRoot?.querySelector<HTMLDialogElement>('dialog.withdraw') ?? null,
    withdrawn: (approval, current) => this.withdrawn(approval, current),
    stale: () => void this.refresh(),
    failedClosed: (error) => (this.error = error),
  });

  #timer?: ReturnType<typeof setInterval>;
  /** Bumped on every change of what the element is about: its client, project, module or resource. */
  #about = 0;
  /** Bumped by every read of the approvals: only the newest read's reply is shown (see `refresh`). */
  #reads = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another client or project: another set of clients who can be asked.
    if (changed.has('client') || changed.has('projectId')) {
      this.clients = [];
      this.#others.clear();
    }
    if (['client', 'projectId', 'module', 'resourceId'].some((k) => changed.has(k as keyof SgApprovalButton))) {
      // Nothing of the last resource stays while this one is read (for good, were that read
      // refused): not its status, nor a Withdraw that would take back its approval.
      this.approvals = [];
      this.loaded = false;
      this.error = undefined;
      this.#about++;
      this.withdrawal.close();
      // A request drawn up for the last resource (its approvers, its terms) is not sent for this one.
      if (!this.busy) this.dialog?.close();
      void this.refresh();
    }
    if (changed.has('refreshSeconds')) this.#schedule();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Re-reads while connected, skipping hidden pages (a background tab costs the server nothing). */
  #schedule(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    if (!this.isConnected || !(this.refreshSeconds > 0)) return;
    this.#timer = setInterval(() => {
      if (document.visibilityState !== 'hidden' && !this.busy && !this.withdrawal.busy) void this.refresh();
    }, this.refreshSeconds * 1000);
  }

  /** Which resource the last read was of, and how many decisions it held. */
  #decided?: { key: string; count: number };

  /** Re-reads the approvals of the resource (and the clients who can be asked). */
  async refresh(): Promise<void> {
    // A reply to an older read is dropped: one for what the element was about before, or a
    // periodic read overtaken by the read after a request or withdrawal, would show what is gone.
    const read = ++this.#reads;
    const { client, projectId, module, resourceId } = this;
    if (!client || !projectId || !resourceId) return;
    try {
      const [approvals, clients] = await Promise.all([
        client.approvals.list(projectId, { module, id: resourceId }),
        this.clients.length ? Promise.resolve(undefined) : this.#activeClients(),
      ]);
      if (read !== this.#reads) return;
      // A decision is a view: share buttons showing this resource's receipts read them again.
      const key = JSON.stringify([projectId, module, resourceId]);
      const decided = approvals.reduce((n, a) => n + a.decisions.length, 0);
      if (this.#decided?.key === key && decided > this.#decided.count) receiptsChanged(client, { projectId, module, id: resourceId });
      this.#decided = { key, count: decided };
      this.approvals = approvals;
      if (clients) this.clients = clients;
      this.loaded = true;
      this.error = undefined;
      void this.#nameOthers(client, latest(approvals));
    } catch (error) {
      if (read === this.#reads) this.error = error;
    }
  }

  /** Names of clients the shown approval mentions who are not among the project's active ones. */
  #others = new Map<string, string>();

  /**
   * An approver taken off the project, archived or switched off is no longer among the project's
   * active clients, yet the approval names them (who cannot decide, who decided): each one's name
   * is read on its own, once.
   */
  async #nameOthers(client: NonNullable<this['client']>, approval: ApprovalView | undefined): Promise<void> {
    if (!approval) return;
    const named = [...approval.approvers, ...approval.decisions.map((d) => d.clientId)];
    const missing = [...new Set(named)].filter((id) => !this.clients.some((c) => c.id === id) && !this.#others.has(id));
    if (!missing.length) return;
    const found = await Promise.all(missing.map((id) => client.clients.get(id).catch(() => undefined)));
    for (const c of found) if (c) this.#others.set(c.id, c.name || c.email);
    this.requestUpdate();
  }

  /** After a failed first read ("Try again"): reads again, then focus goes to what took its place. */
  private async retry(): Promise<void> {
    this.error = undefined;
    await this.refresh();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~=button], [part=error] button')?.focus();
  }

  /** The project's active clients (the others cannot sign in to decide), a few pages at most. */
  async #activeClients(): Promise<Client[]> {
    const out: Client[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const { items, nextCursor } = await this.client!.clients.list({ projectId: this.projectId, status: 'active', limit: 200, ...(cursor ? { cursor } : {}) });
      out.push(...items);
      if (!nextCursor) break;
      cursor = nextCursor;
    }
    return out;
  }

  private nameOf = (clientId: string): string => {
    const c = this.clients.find((x) => x.id === clientId);
    return c?.name || c?.email || this.#others.get(clientId) || clientId;
  };

  private async open(): Promise<void> {
    this.draft = emptyDraft();
    this.formError = undefined;
    const { client, projectId, module, resourceId } = this;
    // Who of them can decide, asked alongside. Without an answer every client stays selectable:
    // a request naming one who cannot is refused, and the refusal names them.
    const standing = (async () => client!.approvals.approvers(projectId, { module, id: resourceId }))().catch(() => []);
    // The clients may have changed since the first read.
    try {
      this.clients = await this.#activeClients();
    } catch (error) {
      this.formError = error;
    }
    this.refusals = new Map((await standing).flatMap(({ clientId, code }) => (code ? [[clientId, code] as const] : [])));
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
  }

  private async submit(): Promise<void> {
    const client = this.client;
    if (!client || this.busy) return;
    const { approvers, mode, due, message } = this.draft;
    // The request's limits (1 to 20 approvers) said here, in the page's language, not the server's English.
    if (!approvers.length || approvers.length > MAX_APPROVERS) {
      const message = approvers.length ? this.t('approvalTooManyApprovers', { count: MAX_APPROVERS }) : this.t('approvalChooseApprover');
      this.formError = { code: 'validation_failed', issues: [{ path: ['approvers'], message }] };
      return focusOutcome(this.dialog, this.updateComplete);
    }
    this.busy = true;
    this.formError = undefined;
    this.said = '';
    try {
      // A due date names a day: the end of that day where the builder is.
      const dueAt = due ? new Date(`${due}T23:59:59`).toISOString() : undefined;
      const approval = await client.approvals.request(this.projectId, {
        module: this.module,
        id: this.resourceId,
        approvers,
        mode,
        ...(dueAt ? { dueAt } : {}),
        ...(message.trim() ? { message: message.trim() } : {}),
      });
      this.dialog.close();
      await this.refresh();
      this.dispatchEvent(new SgApprovalRequestEvent({ approval }));
      this.renderRoot.querySelector<HTMLElement>('[part~=button]')?.focus();
      this.said = this.t('approvalRequestedFrom', { names: approvers.map(this.nameOf).join(', ') });
    } catch (error) {
      // Closed while sending (a second Escape cannot be held off): said beside the button instead.
      if (this.dialog.open) this.formError = error;
      else this.error = error;
    }
    this.busy = false;
    if (this.formError) await focusOutcome(this.dialog, this.updateComplete);
  }

  /** A request being sent cannot be called back: Cancel and Escape leave the dialog until its answer. */
  private cancel(event: Event): void {
    event.preventDefault();
    if (!this.busy) this.dialog.close();
  }

  /** After a withdrawal: re-read, told, and focus on "Request approval again" (Withdraw went with the open approval). */
  private async withdrawn(approval: ApprovalView, current: boolean): Promise<void> {
    if (!current) {
      this.dispatchEvent(new SgApprovalWithdrawEvent({ approval }));
      return;
    }
    this.said = '';
    await this.refresh();
    this.dispatchEvent(new SgApprovalWithdrawEvent({ approval }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~=button]')?.focus();
    this.said = this.t('approvalWithdrawDone');
  }

  /** Downloads the approval with its evidence as the JSON document the server exports. */
  private async exportEvidence(approval: ApprovalView): Promise<void> {
    try {
      const doc = await this.client!.approvals.export(this.projectId, approval.id);
      const blob = new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `approval-${approval.id}.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (error) {
      this.error = error;
    }
  }

  /** Refusals of named approvers (422, one issue per approver) in words, naming each client. */
  private formProblem(): string[] {
    if (!this.formError) return [];
    const issues = errorIssues(this.formError);
    const byApprover = issues.filter((i) => i.path[0] === 'approvers' && typeof i.path[1] === 'number');
    if (byApprover.length) {
      return byApprover.map((i) => {
        const clientId = this.draft.approvers[i.path[1] as number] ?? '';
        const code = (i as { code?: unknown }).code;
        const key = `approvalRefusal_${String(code)}` as keyof SgStrings;
        const reason = typeof code === 'string' && key in approvalButtonStrings ? this.t(key) : i.message;
        return this.t('approvalCannotDecide', { name: this.nameOf(clientId), reason });
      });
    }
    const own = issues.find((i) => i.path[0] === 'approvers');
    return [own ? own.message : this.problem(this.formError)];
  }

  private readonly evidenceHost: EvidenceHost = {
    t: (key, params) => this.t(key, params),
    date: (value) => this.formatDate(value, true),
    name: (id) => this.nameOf(id),
  };

  private statusTemplate(approval: ApprovalView): TemplateResult {
    const snapshot = approval.snapshot;
    const open = isOpen(approval);
    return html`<div class="summary">
      <span part="status" class="status ${approval.status}">${this.t(`approvalStatus_${approval.status}` as keyof SgStrings)}</span>
      <span class="what">${snapshot.name}${snapshot.amount !== undefined ? html` · ${formatMoney(snapshot.amount, snapshot.currency, this.locale)}` : nothing}</span>
      ${open && approval.waitingOn.length
        ? html`<span class="meta">${this.t('approvalWaitingOn', { names: approval.waitingOn.map(this.nameOf).join(', ') })}</span>`
        : nothing}
      ${approval.dueAt && open ? html`<span class="meta">${this.t('approvalDue', { date: this.formatDate(approval.dueAt, !endsLocalDay(approval.dueAt)) })}</span>` : nothing}
    </div>
    ${open && (approval.stale || approval.cannotDecide?.length) ? this.blockedTemplate(approval) : nothing}`;
  }

  /**
   * What keeps the open approval from being decided, the builder's cue to withdraw it: its
   * resource changed since it was asked (every decision is refused), or approvers who can no
   * longer decide, and why.
   */
  private blockedTemplate(approval: ApprovalView): TemplateResult {
    if (approval.stale) {
      return html`<div part="blocked" class="blocked"><p>${this.t('approvalStaleHint', { name: approval.snapshot.name })}</p></div>`;
    }
    return html`<div part="blocked" class="blocked">
      <ul>
        ${(approval.cannotDecide ?? []).map(
          ({ clientId, code }) =>
            html`<li>${this.t('approvalCannotDecide', { name: this.nameOf(clientId), reason: this.t(`approvalRefusal_${code}` as keyof SgStrings) })}</li>`,
        )}
      </ul>
      <p>${this.t('approvalCannotDecideHint')}</p>
    </div>`;
  }

  protected override render(): TemplateResult {
    const approval = latest(this.approvals);
    // Asking again is always possible: after a decision, and while one is open (the resource
    // changed, so the open one can no longer be decided; or other clients should decide).
    const again = !!approval;
    const canAsk = this.loaded;
    // On the server the client is not provided yet (context arrives in the browser): loading, as there.
    const client = this.client || isServer;
    return html`<div part="base">
      ${!client ? html`<p part="error" role="alert">${this.t('noClient')}</p>` : nothing}
      ${this.loaded ? (approval ? this.statusTemplate(approval) : html`<p class="meta">${this.t('approvalNone')}</p>`) : client && !this.error ? html`<p class="meta" role="status">${this.t('loading')}</p>` : nothing}
      ${canAsk
        ? html`<div class="buttons">
            <button part="button" class="btn ${approval ? '' : 'primary'}" aria-haspopup="dialog" @click=${this.open}>
              ${this.t(again ? 'approvalRequestAgain' : 'approvalRequest')}
            </button>
            ${approval && isOpen(approval)
              ? html`<button part="withdraw" class="btn" aria-haspopup="dialog" @click=${() => this.withdrawal.open(approval)}>${this.t('approvalWithdraw')}</button>`
              : nothing}
          </div>`
        : nothing}
      ${approval ? evidenceSection(this.evidenceHost, approval, () => this.exportEvidence(approval)) : nothing}
      ${this.error
        ? html`<p part="error" role="alert">
            ${this.problem(this.error)} ${this.loaded ? nothing : html`<button class="btn" @click=${this.retry}>${this.t('retry')}</button>`}
          </p>`
        : nothing}
      ${said(this.said)}
      <dialog part="dialog" class="request" aria-labelledby="dialog-title" @cancel=${this.cancel} @close=${() => (this.formError = undefined)}>
        <h2 id="dialog-title">${this.t('approvalDialogTitle')}</h2>
        ${requestForm({
          t: (key, params) => this.t(key, params),
          clients: this.clients,
          refusals: this.refusals,
          draft: this.draft,
          busy: this.busy,
          problems: this.formProblem(),
          approversInvalid: errorIssues(this.formError).some((i) => i.path[0] === 'approvers'),
          dueProblem: issuesByField(this.formError, this.stringTable).dueAt,
          change: (draft) => (this.draft = draft),
          submit: () => void this.submit(),
          cancel: (event) => this.cancel(event),
        })}
      </dialog>
      ${this.withdrawal.render()}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sg-approval-button': SgApprovalButton;
  }
  // On every target, not only elements: they bubble and cross shadow roots, so hosts listen on `document` too.
  interface GlobalEventHandlersEventMap {
    'sg-approval-request': SgApprovalRequestEvent;
    'sg-approval-withdraw': SgApprovalWithdrawEvent;
  }
}
