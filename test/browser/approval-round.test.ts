import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgPortalView } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { textOf, until } from './support/helpers.js';
import { clientAs, startMocks, staffClient } from './support/mocks.js';
import { approvalsSetup, card, confirmDialog, decideOnCard, REOPENED, REOPENED_FR } from './support/approvals.js';

/**
 * A card shows round 1 of an approval; meanwhile another approver declines it and the builder
 * asks again (round 2) about a changed amount. Approving from the card is a decision on what it
 * shows, not on the new terms: it is refused (`approval_stale`, reason `reopened`), the card says
 * so, and nothing is decided.
 */


/** Dana declines round 1 (settling it), the amount becomes 9000 and the builder reopens it. */
async function declinedAndAskedAgain(mock: MockPortal, approvalId: string): Promise<void> {
  const dana = await clientAs(mock, 'dana@example.com');
  await dana.approvals.decide('p-maple', approvalId, { decision: 'declined' });
  mock.content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta: { amount: 9000 } });
  const reopened = await staffClient().approvals.reopen('p-maple', approvalId, { reason: 'New price' });
  expect(reopened).to.include({ round: 2, status: 'reopened' });
}


describe('a decision on a round asked again since the card was shown (msw mocks, real core)', () => {
  let mock: MockPortal;
  let ids: Awaited<ReturnType<typeof approvalsSetup>>;
  beforeEach(async () => {
    mock = await startMocks();
    ids = await approvalsSetup(mock);
  });

  it('is refused: the card says it was asked again, offers nothing, and no decision is stored', async () => {
    const approval = await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'any' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'eli@example.com')}></sg-portal-view>`);
    expect(textOf((await until(() => card(el, 'CO-1')))!)).to.contain('$420.00');
    await declinedAndAskedAgain(mock, approval.id);

    const refused = await decideOnCard(el, 0);
    const outcome = refused.querySelector('.outcome')!;
    expect(textOf(outcome)).to.equal(REOPENED);
    expect(textOf(refused)).not.to.contain('9,000');
    // Neither Approve nor Decline: only "Show what is asked now" (see approval-refusals.test.ts).
    expect([...refused.querySelectorAll('button')].map((b) => textOf(b))).to.deep.equal(['Show what is asked now']);
    await until(() => el.shadowRoot!.activeElement === outcome);
    await expect(el).to.be.accessible();

    const [after] = await staffClient().approvals.list('p-maple');
    expect(after).to.include({ id: approval.id, round: 2, status: 'reopened' });
    expect(after!.decisions.filter((d) => d.clientId === ids.eli)).to.deep.equal([]);
    expect(after!.waitingOn).to.include(ids.eli);

    // The next load shows what is asked now, and takes the decision on it.
    el.projectId = 'p-harbor';
    await until(() => !card(el, 'CO-1'));
    el.projectId = 'p-maple';
    expect(textOf((await until(() => card(el, 'CO-1')?.querySelector('button') && card(el, 'CO-1')))!)).to.contain('$9,000.00');
    expect(textOf(await decideOnCard(el, 0))).to.contain('You approved this on');
    const [decided] = await staffClient().approvals.list('p-maple');
    expect(decided!.decisions.filter((d) => d.clientId === ids.eli).map((d) => [d.round, d.snapshot.amount])).to.deep.equal([[2, 9000]]);
  });

  it('says it in the page’s language', async () => {
    const approval = await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'any' });
    const page = await fixture<HTMLElement>(html`<div lang="fr"><sg-portal-view .client=${await clientAs(mock, 'eli@example.com')}></sg-portal-view></div>`);
    const el = page.querySelector('sg-portal-view')!;
    await until(() => card(el, 'CO-1'));
    await declinedAndAskedAgain(mock, approval.id);
    const refused = await decideOnCard(el, 0);
    // With its no-break space before the colon (textOf would make it a plain one).
    expect(refused.querySelector('.outcome')!.textContent!.trim()).to.equal(REOPENED_FR);
    expect([...refused.querySelectorAll('button')].map((b) => textOf(b))).to.deep.equal(['Voir la demande actuelle']);
  });
});
