import { html, nothing, type TemplateResult } from 'lit';
import type { ApprovalDecision, ApprovalView } from '../../src/model/approval.js';
import type { SgStrings } from '../i18n/en.js';

export interface EvidenceHost {
  t(key: keyof SgStrings, params?: Record<string, string | number>): string;
  /** Date and time of a decision. */
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
