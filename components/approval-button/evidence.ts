import { html, nothing, type TemplateResult } from 'lit';
import type { ApprovalDecision, ApprovalView } from '../../src/model/approval.js';
import type { SgStrings } from '../i18n/en.js';

export interface EvidenceHost {
  t(key: keyof SgStrings, params?: Record<string, string | number>): string;
  /** Date and time of the request, a decision or the withdrawal. */
  date(value: Date | string): string;
  /** A client's name as the builder knows it. */
  name(clientId: string): string;
}

/** A selection's option as the snapshot froze it: its name, else its id. */
export function optionName(approval: Pick<ApprovalView, 'snapshot'>, optionId: string): string {
  const option = (approval.snapshot.options ?? []).find((o) => o.id === optionId);
  const name = option?.name;
  return typeof name === 'string' && name ? name : optionId;
}

/**
 * Every decision, oldest first, each with its evidence: who, when, what, the option chosen, the
 * note, and the hash of the snapshot decided on.
 */
export function evidenceList(host: EvidenceHost, approval: ApprovalView): TemplateResult {
  if (!approval.decisions.length) return html`<p class="meta">${host.t('approvalNoDecisions')}</p>`;
  const line = (d: ApprovalDecision) => html`<li class="decision ${d.decision}">
    <strong>${host.t('approvalDecisionLine', { name: host.name(d.clientId), decision: host.t(`approvalDecision_${d.decision}`), date: host.date(d.decidedAt) })}</strong>
    ${d.optionId ? html`<span>${host.t('approvalChose', { option: optionName(approval, d.optionId) })}</span>` : nothing}
    ${d.note ? html`<span>${host.t('approvalNote', { note: d.note })}</span>` : nothing}
    <code class="hash" title=${d.snapshotHash}>${d.snapshotHash.slice(0, 12)}…</code>
  </li>`;
  return html`<ol part="evidence" class="decisions">
    ${approval.decisions.map(line)}
  </ol>`;
}

/**
 * The evidence disclosure: when it was asked and with what message, when and why it was
 * withdrawn, every decision, the snapshot's hash and "Download evidence" (`download`).
 */
export function evidenceSection(host: EvidenceHost, approval: ApprovalView, download: () => void): TemplateResult {
  const withdrawn = approval.status === 'withdrawn';
  return html`<details class="evidence">
    <summary>${host.t('approvalEvidence')} (${approval.decisions.length})</summary>
    <p class="meta">${host.t('approvalRequested', { date: host.date(approval.requestedAt) })}</p>
    ${approval.message ? html`<p class="message"><span class="label">${host.t('approvalMessageLabel')}</span> ${approval.message}</p>` : nothing}
    ${withdrawn && approval.withdrawnAt ? html`<p class="meta withdrawn">${host.t('approvalWithdrawnOn', { date: host.date(approval.withdrawnAt) })}</p>` : nothing}
    ${withdrawn && approval.withdrawReason ? html`<p class="message">${host.t('approvalWithdrawnReason', { reason: approval.withdrawReason })}</p>` : nothing}
    ${evidenceList(host, approval)}
    <p class="hash"><code>${host.t('approvalHash', { hash: approval.snapshotHash })}</code></p>
    <button part="export" class="btn" @click=${download}>${host.t('approvalExport')}</button>
  </details>`;
}
