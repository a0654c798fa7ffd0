import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgApprovalButton, SgPortalView } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, textOf, until } from './support/helpers.js';
import { clientAs, startMocks, staffClient } from './support/mocks.js';
import { approvalsSetup } from './support/approvals.js';

/**
 * A decision refused because what was asked about changed after approval was requested
 * (`approval_stale`): no decision can be taken on it until the builder asks again, so "Waiting on
 * you" says so on the card and offers neither Approve nor Decline; the builder's
 * `<sg-approval-button>` shows the approval as it is (stale, with what to do).
 */

const card = (el: SgPortalView, name: string) => $$(el, '[part=approval]').find((c) => textOf(c).includes(name));
const confirmDialog = (el: SgPortalView) => $<HTMLDialogElement>(el, 'dialog.confirm')!;
const STALE = 'This changed after approval was requested. The builder must request approval again.';
const STALE_FR = 'Cet élément a changé après la demande d’approbation. Le constructeur doit la demander à nouveau.';

/** The builder changes the change order's amount after asking. */
const changeAmount = (mock: MockPortal, amount: number) =>
  mock.content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta: { amount } });

/** Presses the card's Approve (0) or Decline (1), then the confirmation's; resolves with the card once the dialog has closed. */
async function decide(el: SgPortalView, which: 0 | 1): Promise<HTMLElement> {
  (await until(() => card(el, 'CO-1')?.querySelectorAll<HTMLButtonElement>('button')[which]))!.click();
  await until(() => confirmDialog(el).open);
  confirmDialog(el).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  await until(() => !confirmDialog(el).open);
  return card(el, 'CO-1')!;
}

describe('a decision refused as stale (msw mocks, real core)', () => {
  let mock: MockPortal;
  let ids: Awaited<ReturnType<typeof approvalsSetup>>;
  beforeEach(async () => {
    mock = await startMocks();
    ids = await approvalsSetup(mock);
  });

  it('"Waiting on you" says so on the card, without Approve or Decline, until the builder asks again', async () => {
    const approval = await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'all' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => card(el, 'CO-1'));
    changeAmount(mock, 480);
    const refused = await decide(el, 1);
    const outcome = refused.querySelector('.outcome')!;
    expect(textOf(outcome)).to.equal(STALE);
    expect(refused.querySelectorAll('button')).to.have.length(0);
    await until(() => el.shadowRoot!.activeElement === outcome);
    await expect(el).to.be.accessible();
    const [after] = await staffClient().approvals.list('p-maple');
    expect(after).to.include({ id: approval.id, status: 'pending' });
    expect(after!.decisions).to.deep.equal([]);

    // The builder asks again about the change order as it is now: the next load offers the decision.
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    el.projectId = 'p-harbor';
    await until(() => !card(el, 'CO-1'));
    el.projectId = 'p-maple';
    const again = await decide(el, 0);
    expect(textOf(again)).to.contain('$480.00');
    expect(textOf(again)).to.contain('You approved this on');
    expect(textOf(again)).not.to.contain(STALE);
  });

  it('says it in the page’s language', async () => {
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const page = await fixture<HTMLElement>(html`<div lang="fr"><sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view></div>`);
    const el = page.querySelector('sg-portal-view')!;
    await until(() => card(el, 'CO-1'));
    changeAmount(mock, 510);
    const refused = await decide(el, 0);
    expect(textOf(refused.querySelector('.outcome')!)).to.equal(STALE_FR);
    expect(refused.querySelectorAll('button')).to.have.length(0);
  });

  it('the builder’s approval button shows it open but stale, with what to do', async () => {
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    changeAmount(mock, 480);
    const dana = await clientAs(mock, 'dana@example.com');
    const refusal = await dana.approvals.decide('p-maple', (await dana.approvals.listMine('p-maple'))[0]!.id, { decision: 'approved' }).catch((e: unknown) => e);
    expect(refusal).to.include({ code: 'approval_stale' });
    const el = await fixture<SgApprovalButton>(html`<sg-approval-button project-id="p-maple" resource-id="co-1" refresh-seconds="0" .client=${staffClient()}></sg-approval-button>`);
    const blocked = await until(() => $(el, '[part=blocked]'));
    expect(textOf(blocked)).to.equal('CO-1 Extra outlet changed since it was asked: no one can decide on it. Withdraw it and request approval again.');
    expect($(el, '[part~=withdraw]')).to.exist;
  });
});
