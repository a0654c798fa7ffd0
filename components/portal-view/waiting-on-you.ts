import { html, nothing, type TemplateResult } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import type { ApprovalDecisionValue, ApprovalView } from '../../src/model/approval.js';
import type { Resource } from '../../src/model/resource.js';
import type { PortalClient } from '../context.js';
import type { SgStrings } from '../i18n/en.js';
import { optionName } from '../approval-button/evidence.js';
import { endsLocalDay } from '../util/dates.js';
import { disabledWhile, focusOutcome } from '../base/a11y.js';
import { conflictData, errorCode } from '../util/problem.js';

/** What "Waiting on you" needs from `<sg-portal-view>`: its client, strings, dates and money. */
export interface WaitingHost {
  client(): PortalClient | undefined;
  /** Resolves once the host has rendered. */
  updated(): Promise<unknown>;
  requestUpdate(): void;
  /** Reads the project again (its feed and this section); resolves once both are in. */
  reload(): Promise<unknown>;
  t(key: keyof SgStrings, params?: Record<string, string | number>): string;
  date(value: Date | string | undefined, withTime?: boolean): string;
  money(amount: number, currency?: string): string;
  problem(error: unknown): string;
}

/** The confirmation being shown: which approval, approve or decline, and what was filled in. */
interface Confirming {
  approval: ApprovalView;
  decision: ApprovalDecisionValue;
  note: string;
  optionId: string;
  busy: boolean;
  error?: unknown;
}

const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const isOpen = (a: ApprovalView) => a.status === 'pending' || a.status === 'reopened';

/**
 * The "Waiting on you" section at the top of the portal: the approvals that name the signed-in
 * client (`approvals.listMine`), each showing what is asked as it was frozen when requested
 * (amount in its currency, allowance, options, due date, the builder's message), with Approve /
 * Decline behind a confirmation (note, option choice); afterwards the decision and how many
 * others still have to decide. Problems (stale, expired, not your turn) are shown in words.
 */
export class WaitingOnYou {
  approvals: ApprovalView[] = [];
  /** The signed-in client's id (from `GET /me`) when `meOf` loaded: whose decision and whose turn. */
  private me?: string;
  private meOf?: PortalClient;
  /** Approvals this client decided in this visit: shown with their outcome until the next load. */
  private decided = new Map<string, ApprovalView>();
  /** Why a decision sent from a dialog closed meanwhile failed, by approval: said on its card. */
  private failed = new Map<string, unknown>();
  /**
   * Approvals found closed, gone or stale when this client tried to decide (withdrawn, decided,
   * expired, no longer its own, changed since asked), with what to say and whether the approval
   * shown is as it is now (`known`), and whether it was asked again since (`again`: offers to
   * read what is asked now): shown so, without Approve or Decline, until the next load.
   */
  private ended = new Map<string, { said: string; known: boolean; again?: boolean }>();
  private confirming?: Confirming;
  private error?: unknown;
  private projectId = '';
  /** Whether the host still shows the client and project of the last `load` (see `load`). */
  private live: () => boolean = () => false;
  private readonly dialog = createRef<HTMLDialogElement>();

  constructor(private readonly host: WaitingHost) {}

  /**
   * Reads the approvals asking this client in the project (anything already decided elsewhere
   * drops out). `live` says whether the host still shows this client and project: a reply,
   * or a decision's, for one it left is dropped.
   */
  async load(projectId: string, live: () => boolean): Promise<void> {
    this.projectId = projectId;
    this.live = live;
    this.decided = new Map();
    this.failed = new Map();
    this.ended = new Map();
    this.approvals = [];
    this.error = undefined;
    const client = this.host.client();
    if (!client || !projectId) return;
    try {
      const approvals = await client.approvals.listMine(projectId);
      // Whose turn and whose decision need the client's own id: asked once per client, and only when there is something to decide.
      // Known only once asked: a project with nothing to decide leaves it unknown for the next.
      const known = this.meOf === client ? this.me : undefined;
      const me = known ?? (approvals.length ? (await client.view.me()).client.id : undefined);
      if (!live()) return;
      this.me = me;
      this.meOf = me === undefined ? undefined : client;
      this.approvals = approvals;
    } catch (error) {
      // A portal without approvals (an older server) shows no section rather than an error.
      if (!live()) return;
      if ((error as { status?: number }).status !== 404) this.error = error;
    }
    this.host.requestUpdate();
  }

  private async ask(approval: ApprovalView, decision: ApprovalDecisionValue): Promise<void> {
    // No option is preselected: what the client chose is evidence, so it must be its own choice.
    this.confirming = { approval, decision, note: '', optionId: '', busy: false };
    this.failed.delete(approval.id);
    this.host.requestUpdate();
    await this.host.updated();
    if (this.dialog.value && !this.dialog.value.open) this.dialog.value.showModal();
  }

  /**
   * Sends the decision of the dialog `c`. Its answer belongs to `c` alone: it closes or reports
   * into that dialog if it is still open, else shows on its approval's card — never in a
   * dialog opened since for another approval.
   */
  private async confirm(): Promise<void> {
    const c = this.confirming;
    const client = this.host.client();
    const live = this.live;
    if (!c || c.busy || !client) return;
    if (c.decision === 'approved' && !c.optionId && (c.approval.snapshot.options ?? []).some((o) => str(rec(o).id))) {
      c.error = { code: 'choose_option' };
      return this.focusAnswer();
    }
    c.busy = true;
    c.error = undefined;
    this.host.requestUpdate();
    let decided: ApprovalView | undefined;
    try {
      // Another tab may have signed someone else in on the same cookie since this view loaded:
      // asked afresh (never from the cache), so that a decision is never recorded as theirs.
      const now = (await client.view.me()).client;
      if (now.id !== this.me) throw { code: 'signed_in_elsewhere', email: now.email };
      // On the approval as this card shows it: one asked again since (reopened) refuses it.
      decided = await client.approvals.decide(this.projectId, c.approval.id, {
        decision: c.decision,
        round: c.approval.round,
        snapshotHash: c.approval.snapshotHash,
        ...(c.note.trim() ? { note: c.note.trim() } : {}),
        ...(c.optionId && c.decision === 'approved' ? { optionId: c.optionId } : {}),
      });
    } catch (error) {
      c.error = error;
    }
    // Nothing left to decide: closed (decided by others, expired, or withdrawn by the builder since
    // this view loaded), decided already (in another tab), or no longer this client's (404). The
    // card says what happened, as it is now, as after a decision; withdrawn, there is nothing to refuse.
    // Stale (the item changed since it was asked): no decision can be taken until the builder asks
    // again, which a new load shows; the card says so alone (it is still open, so nothing to re-read).
    // Asked again since this card was shown (`reopened`): a new load shows what is asked now.
    // Decided already by this client itself (in another tab) is said so, not as decided by others.
    const code = errorCode(c.error);
    const reason = conflictData(c.error).reason;
    const stale = code === 'approval_stale';
    const again = stale && reason === 'reopened';
    const over = stale || code === 'approval_closed' || code === 'approval_expired' || code === 'not_found' || reason === 'already_decided';
    const now = over && !stale ? await this.current(client, c.approval) : undefined;
    c.busy = false;
    if (!live()) return;
    if (over) {
      const { t } = this.host;
      const said =
        now?.status === 'withdrawn'
          ? ''
          : again
            ? t('waitingReopened')
            : stale || code === 'approval_expired'
              ? this.problem(c.error)
              : reason === 'already_decided' || (now && this.mine(now))
                ? t('waitingDecidedElsewhere')
                : now || code !== 'not_found'
                  ? t('waitingAlreadyDecided')
                  : t('waitingGone');
      c.error = undefined;
      this.ended.set(c.approval.id, { said, known: !!now, again });
      this.failed.delete(c.approval.id);
      if (now) this.approvals = this.approvals.map((a) => (a.id === now.id ? now : a));
      if (this.confirming !== c) return this.host.requestUpdate();
      return this.showOutcome(c.approval.id);
    }
    if (decided) {
      this.decided.set(decided.id, decided);
      this.approvals = this.approvals.map((a) => (a.id === decided.id ? decided : a));
    }
    if (this.confirming !== c) {
      // Its dialog was closed while sending (Escape pressed again cannot be held off).
      if (c.error) this.failed.set(c.approval.id, c.error);
      return this.host.requestUpdate();
    }
    if (c.error) return this.focusAnswer();
    return this.showOutcome(c.approval.id);
  }

  /** Closes the confirmation; focus goes to the card's outcome. */
  private async showOutcome(approvalId: string): Promise<void> {
    this.dialog.value?.close();
    this.host.requestUpdate();
    // Closing the dialog gave focus back to Approve / Decline, which the outcome replaces.
    const root = this.dialog.value?.getRootNode() as ParentNode | undefined;
    await this.host.updated();
    root?.querySelector<HTMLElement>(`[data-outcome="${CSS.escape(approvalId)}"]`)?.focus();
  }

  /**
   * "Show what is asked now" (asked again since this card was shown): the project is read again;
   * focus goes to the approval's heading, else (no longer asked) to the project's.
   */
  private async again(id: string): Promise<void> {
    const root = this.dialog.value?.getRootNode() as ShadowRoot | undefined;
    const { projectId } = this;
    const client = this.host.client();
    await this.host.reload();
    // The page moved on meanwhile (another project or client): focus is not taken there.
    if (this.projectId !== projectId || this.host.client() !== client) return;
    await this.host.updated();
    (root?.getElementById(`w-${id}`) ?? root?.querySelector('h2'))?.focus();
  }

  /** The approval as it is now, if still listed for this client; else (or unreadable) `undefined`. */
  private async current(client: PortalClient, approval: ApprovalView): Promise<ApprovalView | undefined> {
    try {
      const now = await client.approvals.listMine(approval.projectId, { module: approval.module, id: approval.resourceId });
      return now.find((a) => a.id === approval.id);
    } catch {
      return undefined;
    }
  }

  /** This client's decision in the approval's current round, if any. */
  private mine(a: ApprovalView) {
    return [...a.decisions].reverse().find((d) => d.round === a.round && d.clientId === this.me);
  }

  /**
   * "Approved by you" (still open: "· waiting on others") / "Declined by you", and which, for a
   * resource this client decided on in this visit: its status in the portal says so until the
   * next load reads the host's own.
   */
  yours(r: Resource): [said: string, decision: ApprovalDecisionValue] | undefined {
    const a = this.approvals.find((a) => (this.decided.has(a.id) || this.ended.has(a.id)) && a.module === r.module && a.resourceId === r.id && this.mine(a));
    const d = a && this.mine(a)!.decision;
    return d && [this.host.t(d === 'declined' ? 'waitingDeclinedByYou' : isOpen(a) ? 'waitingApprovedByYouWaiting' : 'waitingApprovedByYou'), d];
  }

  /** An error in words: this section's own (no option chosen, another sign-in), else the server's. */
  private problem(error: unknown): string {
    const { code, email } = error as { code?: string; email?: string };
    if (code === 'choose_option') return this.host.t('waitingChooseOption');
    return code === 'signed_in_elsewhere' ? this.host.t('waitingSignedInElsewhere', { email: email! }) : this.host.problem(error);
  }

  /** In the confirmation: the option to choose, else the error (the button kept focus meanwhile). */
  private focusAnswer(): Promise<void> {
    this.host.requestUpdate();
    return focusOutcome(this.dialog.value!, this.host.updated());
  }

  /** A decision being sent cannot be called back: Cancel and Escape leave the dialog until its answer. */
  private cancel(event: Event): void {
    event.preventDefault();
    if (!this.confirming?.busy) this.dialog.value?.close();
  }

  /** What is asked, as frozen in the snapshot: amount, allowance, options, due date, message. */
  private asked(a: ApprovalView): TemplateResult {
    const { t } = this.host;
    const s = a.snapshot;
    const meta = rec(s.meta);
    const allowance = num(meta.allowance);
    const options = (s.options ?? []).map(rec).filter((o) => str(o.name));
    const facts: [string, string | undefined][] = [
      [t('portalAmount'), s.amount !== undefined ? this.host.money(s.amount, s.currency) : undefined],
      [t('portalAllowance'), allowance !== undefined ? this.host.money(allowance, s.currency) : undefined],
      [t('portalDueDate'), a.dueAt ? this.host.date(a.dueAt, !endsLocalDay(a.dueAt)) : undefined],
    ];
    const shown = facts.filter(([, v]) => v !== undefined);
    return html`${shown.length ? html`<dl class="facts">${shown.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>` : nothing}
    ${options.length
      ? html`<p class="label">${t('portalOptions')}</p>
          <ul class="options" role="list">
            ${options.map((o) => {
              const price = num(o.price);
              return html`<li><span>${str(o.name)}</span>${price !== undefined ? html`<span class="amount">${this.host.money(price, s.currency)}</span>` : nothing}</li>`;
            })}
          </ul>`
      : nothing}
    ${a.message ? html`<blockquote class="message"><span class="sr-only">${t('approvalMessageLabel')} </span>${a.message}</blockquote>` : nothing}`;
  }

  /**
   * After this client decided: its decision, then whether others still have to decide. With
   * `said` (why no decision could be taken: a refusal, or a change since asked), as a notice.
   */
  private outcome(a: ApprovalView, clientId: string | undefined, said?: string): TemplateResult {
    const { t } = this.host;
    const mine = this.mine(a);
    // A sequence's `waitingOn` names only whose turn is next; those after them have to decide too.
    const decided = new Set(a.decisions.filter((d) => d.round === a.round).map((d) => d.clientId));
    const others = (a.mode === 'sequence' ? a.approvers.filter((id) => !decided.has(id)) : a.waitingOn).filter((id) => id !== clientId).length;
    return html`<p class="outcome ${said === undefined ? '' : 'notice'}" role="status" tabindex="-1" data-outcome=${a.id}>
      ${said ? html`${said} ` : nothing}${mine
        ? t(mine.decision === 'approved' ? 'waitingYouApproved' : 'waitingYouDeclined', { date: this.host.date(mine.decidedAt, true) })
        : nothing}
      ${mine?.optionId ? html` ${t('approvalChose', { option: optionName(a, mine.optionId) })}` : nothing}
      <span class="status ${a.status}">${t(`approvalStatus_${a.status}` as keyof SgStrings)}</span>
      ${a.status === 'withdrawn' && a.withdrawReason ? html`<span class="reason">${t('approvalWithdrawnReason', { reason: a.withdrawReason })}</span>` : nothing}
      ${isOpen(a) && others > 0 ? html`<span>${t('waitingOthers', { count: others })}</span>` : isOpen(a) ? nothing : html`<span>${t('waitingDone')}</span>`}
    </p>`;
  }

  private card(a: ApprovalView): TemplateResult {
    const { t } = this.host;
    const me = this.me;
    const headingId = `w-${a.id}`;
    const decidedNow = this.decided.has(a.id);
    const end = this.ended.get(a.id);
    const myTurn = !!me && a.waitingOn.includes(me);
    // Changed since asked (an open one's list entry says so): every decision would be refused until the builder asks again.
    // Withdrawn meanwhile (`said` empty) reads as its neutral badge, not as a warning.
    const said = end ? end.said || undefined : a.stale ? t('error_approval_stale') : undefined;
    let body: TemplateResult;
    if (end && !end.known)
      body = html`<p class="outcome notice" role="status" tabindex="-1" data-outcome=${a.id}>${end.said}</p>
        ${end.again ? html`<div class="actions start"><button class="btn" @click=${() => this.again(a.id)}>${t('waitingShowNow')}</button></div>` : nothing}`;
    else if (end || decidedNow || this.mine(a)) body = this.outcome(a, me, said);
    else if (!isOpen(a)) body = html`<p class="outcome"><span class="status ${a.status}">${t(`approvalStatus_${a.status}` as keyof SgStrings)}</span></p>`;
    else if (said) body = html`<p class="outcome notice">${said}</p>`;
    else if (!myTurn) body = html`<p class="meta">${t('waitingNotYourTurn')}</p>`;
    else
      body = html`${this.failed.has(a.id) ? html`<p class="notice error" role="alert">${this.problem(this.failed.get(a.id))}</p>` : nothing}<div class="actions start">
        <button class="btn primary" @click=${() => this.ask(a, 'approved')}>${t('waitingApprove')}<span class="sr-only"> ${a.snapshot.name}</span></button>
        <button class="btn" @click=${() => this.ask(a, 'declined')}>${t('waitingDecline')}<span class="sr-only"> ${a.snapshot.name}</span></button>
      </div>`;
    return html`<li class="ask" part="approval" aria-labelledby=${headingId}>
      <h5 id=${headingId} tabindex="-1"><span class="module">${t(`module_${a.module}` as keyof SgStrings)}</span> ${a.snapshot.name}</h5>
      ${this.asked(a)} ${body}
    </li>`;
  }

  /**
   * What the section lists: every open approval naming this client, those it decided in this
   * visit (to show the outcome), and those it found withdrawn in this visit. Settled, expired or
   * withdrawn ones it did not just act on have left its plate.
   */
  private get shown(): ApprovalView[] {
    return this.approvals.filter((a) => isOpen(a) || this.decided.has(a.id) || this.ended.has(a.id));
  }

  private dialogTemplate(): TemplateResult {
    const { t } = this.host;
    const c = this.confirming;
    const options = c ? (c.approval.snapshot.options ?? []).map(rec).filter((o) => str(o.id)) : [];
    const approve = c?.decision === 'approved';
    const change = () => this.host.requestUpdate();
    const chooseOption = (c?.error as { code?: string } | undefined)?.code === 'choose_option';
    return html`<dialog ${ref(this.dialog)} class="confirm" aria-labelledby="confirm-title" @cancel=${(e: Event) => this.cancel(e)} @close=${() => ((this.confirming = undefined), change())}>
      ${c
        ? html`<form
            @submit=${(e: Event) => {
              e.preventDefault();
              void this.confirm();
            }}
          >
            <h3 id="confirm-title">${t(approve ? 'waitingApproveTitle' : 'waitingDeclineTitle', { name: c.approval.snapshot.name })}</h3>
            ${approve && options.length
              ? html`<fieldset aria-invalid=${chooseOption ? 'true' : 'false'} aria-describedby=${chooseOption ? 'confirm-error' : nothing}>
                  <legend>${t('waitingChoice')}</legend>
                  <div class="checks">
                    ${options.map(
                      (o) => html`<label class="check"
                        ><input type="radio" name="option" .value=${String(o.id)} .checked=${c.optionId === String(o.id)} @change=${() => ((c.optionId = String(o.id)), errorCode(c.error) === 'choose_option' && (c.error = undefined), change())} /><span
                          >${str(o.name) ?? String(o.id)}${num(o.price) !== undefined ? html` · ${this.host.money(num(o.price)!, c.approval.snapshot.currency)}` : nothing}</span
                        ></label
                      >`,
                    )}
                  </div>
                </fieldset>`
              : nothing}
            <div class="field">
              <label for="decision-note">${t('waitingNote')}</label>
              <textarea id="decision-note" rows="3" maxlength="2000" .value=${c.note} @input=${(e: Event) => (c.note = (e.target as HTMLTextAreaElement).value)}></textarea>
            </div>
            ${c.error
              ? html`<p id="confirm-error" class="notice error" role="alert" tabindex="-1">${this.problem(c.error)}</p>`
              : nothing}
            <div class="actions">
              <button type="button" class="btn" aria-disabled=${disabledWhile(c.busy)} @click=${(e: Event) => this.cancel(e)}>${t('cancel')}</button>
              <button type="submit" class="btn ${approve ? 'primary' : 'danger'}" aria-disabled=${disabledWhile(c.busy)}>${t(approve ? 'waitingConfirmApprove' : 'waitingConfirmDecline')}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }

  /** The section, or nothing when no approval names this client. */
  render(): TemplateResult | typeof nothing {
    const { t } = this.host;
    const shown = this.shown;
    if (!shown.length && !this.error) return nothing;
    return html`<section part="waiting" class="waiting-on-you" aria-labelledby="h-waiting">
      <h4 id="h-waiting">${t('waitingTitle')}</h4>
      ${this.error ? html`<p class="notice error" role="alert">${this.host.problem(this.error)}</p>` : nothing}
      <ul role="list" class="asks">
        ${shown.map((a) => this.card(a))}
      </ul>
      ${this.dialogTemplate()}
    </section>`;
  }
}
