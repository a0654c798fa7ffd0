import { html, nothing, type TemplateResult } from 'lit';
import { APPROVAL_MODES, type ApprovalMode, type ApproverRefusal } from '../../src/model/approval-lists.js';
import type { Client } from '../../src/model/client.js';
import type { SgStrings } from '../i18n/en.js';
import { disabledWhile } from '../base/a11y.js';
import { today } from '../util/dates.js';

/** What the builder has filled in so far; `approvers` in the order they were ticked (a sequence's order). */
export interface RequestDraft {
  approvers: string[];
  mode: ApprovalMode;
  /** `YYYY-MM-DD` from the date input, or empty. */
  due: string;
  message: string;
}

export interface RequestFormHost {
  t(key: keyof SgStrings, params?: Record<string, string | number>): string;
  clients: Client[];
  /** Clients who cannot decide on the resource, and why: shown, but not selectable. */
  refusals: ReadonlyMap<string, ApproverRefusal>;
  draft: RequestDraft;
  busy: boolean;
  /** Sentences about the request as a whole or its approvers. */
  problems: string[];
  /** The problems are about the approvers: the group is marked and described by them. */
  approversInvalid: boolean;
  dueProblem?: string;
  change(draft: RequestDraft): void;
  submit(): void;
  /** Cancel or Close was pressed: ignored while the request is out. */
  cancel(event: Event): void;
}

/** The request dialog's form: who decides (in order of ticking), how, by when, and a message. */
export function requestForm(host: RequestFormHost): TemplateResult {
  const { t, draft, clients, refusals } = host;
  const toggle = (id: string, on: boolean) =>
    host.change({ ...draft, approvers: on ? [...draft.approvers.filter((a) => a !== id), id] : draft.approvers.filter((a) => a !== id) });
  const sequence = draft.mode === 'sequence';
  const noneCan = clients.length > 0 && clients.every((c) => refusals.has(c.id));
  // Nobody can be chosen: no "Send request", which could only answer "Choose at least one client".
  const nobody = noneCan || !clients.length;
  // Those who can be chosen first: the group's first box is then one focus can go to when nobody is chosen.
  const listed = [...clients].sort((a, b) => +refusals.has(a.id) - +refusals.has(b.id));
  return html`<form
    novalidate
    @submit=${(e: Event) => {
      e.preventDefault();
      host.submit();
    }}
  >
    <fieldset
      aria-invalid=${host.approversInvalid ? 'true' : 'false'}
      aria-describedby=${[noneCan && 'approvers-none', sequence && 'approvers-hint', host.approversInvalid && 'approval-problems'].filter(Boolean).join(' ') || nothing}
    >
      <legend>${t('approvalApprovers')}</legend>
      ${noneCan ? html`<p id="approvers-none" class="notice">${t('approvalNoneCanDecide')}</p>` : nothing}
      ${sequence ? html`<p id="approvers-hint" class="hint">${t('approvalApproversHint')}</p>` : nothing}
      ${clients.length
        ? html`<div class="checks">
            ${listed.map((c, i) => {
              const index = draft.approvers.indexOf(c.id);
              // Said beside the name, and read with the box: what keeps them from deciding, and its fix.
              const why = refusals.get(c.id);
              return html`<label class="check">
                  <input
                    type="checkbox"
                    name="approver"
                    .value=${c.id}
                    .checked=${index >= 0}
                    ?disabled=${!!why}
                    aria-describedby=${why ? `why-${i}` : nothing}
                    @change=${(e: Event) => toggle(c.id, (e.target as HTMLInputElement).checked)}
                  />
                  <span>${c.name || c.email}</span>
                  ${sequence && index >= 0
                    ? html`<span class="order" aria-hidden="true">${index + 1}</span
                        ><span class="sr-only">, ${t('approvalOrder', { position: index + 1, count: draft.approvers.length })}</span>`
                    : nothing}
                </label>
                ${why ? html`<p id="why-${i}" class="hint why">${t(`approvalRefusal_${why}`)}</p>` : nothing}`;
            })}
          </div>`
        : html`<p class="hint">${t('approvalNoClients')}</p>`}
    </fieldset>
    <fieldset>
      <legend>${t('approvalMode')}</legend>
      <div class="checks">
        ${APPROVAL_MODES.map(
          (mode) => html`<label class="check">
            <input type="radio" name="mode" .value=${mode} .checked=${draft.mode === mode} @change=${() => host.change({ ...draft, mode })} />
            <span>${t(`approvalMode_${mode}` as keyof SgStrings)}</span>
          </label>`,
        )}
      </div>
    </fieldset>
    <div class="field">
      <label for="due">${t('approvalDueDate')}</label>
      <input
        id="due"
        type="date"
        .value=${draft.due}
        min=${today()}
        aria-invalid=${host.dueProblem ? 'true' : 'false'}
        aria-describedby="due-error"
        @input=${(e: Event) => host.change({ ...draft, due: (e.target as HTMLInputElement).value })}
      />
      <span id="due-error" class="field-error">${host.dueProblem ?? ''}</span>
    </div>
    <div class="field">
      <label for="message">${t('approvalMessage')}</label>
      <textarea id="message" rows="3" maxlength="2000" .value=${draft.message} @input=${(e: Event) => host.change({ ...draft, message: (e.target as HTMLTextAreaElement).value })}></textarea>
    </div>
    ${host.problems.length
      ? html`<div id="approval-problems" class="notice error" role="alert" tabindex="-1">${host.problems.map((p) => html`<p>${p}</p>`)}</div>`
      : nothing}
    <div class="actions">
      ${nobody
        ? html`<button type="button" class="btn" @click=${host.cancel}>${t('close')}</button>`
        : html`<button type="button" class="btn" aria-disabled=${disabledWhile(host.busy)} @click=${host.cancel}>${t('cancel')}</button>
            <button type="submit" class="btn primary" aria-disabled=${disabledWhile(host.busy)}>${t('approvalSend')}</button>`}
    </div>
  </form>`;
}
