import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgApprovalButton, SgPortalView } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, shots, textOf, until } from './support/helpers.js';
import { clientAs, startMocks, staffClient } from './support/mocks.js';
import { approvalsSetup, card, confirmDialog, decideOnCard, REOPENED, REOPENED_FR, viewAs } from './support/approvals.js';

/**
 * A decision refused because what was asked about changed after approval was requested
 * (`approval_stale`): no decision can be taken on it until the builder asks again, so "Waiting on
 * you" says so on the card and offers neither Approve nor Decline; the builder's
 * `<sg-approval-button>` shows the approval as it is (stale, with what to do).
 */

const STALE = 'This changed after approval was requested. The builder must request approval again.';
const STALE_FR = 'Cet élément a changé après la demande d’approbation. Le constructeur doit la demander à nouveau.';


/** The builder changes the change order's amount after asking. */
const changeAmount = (mock: MockPortal, amount: number) =>
  mock.content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta: { amount } });


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
    const refused = await decideOnCard(el, 1);
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
    const again = await decideOnCard(el, 0);
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
    const refused = await decideOnCard(el, 0);
    expect(textOf(refused.querySelector('.outcome')!)).to.equal(STALE_FR);
    expect(refused.querySelectorAll('button')).to.have.length(0);
  });

  for (const [lang, said] of [
    ['en', STALE],
    ['fr', STALE_FR],
  ] as const) {
    it(`after a reload, the card says it changed as a notice and offers neither Approve nor Decline (${lang})`, async () => {
      await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'all' });
      changeAmount(mock, 480);
      const el = await viewAs(mock, 'dana@example.com', lang);
      const stale = await until(() => card(el, 'CO-1'));
      const notice = stale.querySelector('.outcome.notice')!;
      // With its no-break space in French (textOf would make it a plain one).
      expect(notice.textContent!.trim()).to.equal(said);
      expect(stale.querySelectorAll('button')).to.have.length(0);
      await expect(el).to.be.accessible();
      await shots(`portal-view-stale-loaded-${lang}`, stale);
      // The same after another project and back.
      el.projectId = 'p-harbor';
      await until(() => !card(el, 'CO-1'));
      el.projectId = 'p-maple';
      expect((await until(() => card(el, 'CO-1')?.querySelector('.outcome.notice')))!.textContent!.trim()).to.equal(said);
      expect(card(el, 'CO-1')!.querySelectorAll('button')).to.have.length(0);
    });

    it(`asked again since shown: "Show what is asked now" reads the project again and offers the decision on it (${lang})`, async () => {
      const approval = await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'any' });
      const el = await viewAs(mock, 'eli@example.com', lang);
      expect(textOf((await until(() => card(el, 'CO-1')))!)).to.match(/420[.,]00/);
      // Dana declines, the amount changes and the builder asks again.
      const dana = await clientAs(mock, 'dana@example.com');
      await dana.approvals.decide('p-maple', approval.id, { decision: 'declined' });
      changeAmount(mock, 9000);
      await staffClient().approvals.reopen('p-maple', approval.id, { reason: 'New price' });

      const refused = await decideOnCard(el, 0);
      const outcome = refused.querySelector('.outcome.notice')!;
      expect(outcome.textContent!.trim()).to.equal(lang === 'en' ? REOPENED : REOPENED_FR);
      const show = [...refused.querySelectorAll('button')];
      expect(show.map((b) => textOf(b))).to.deep.equal([lang === 'en' ? 'Show what is asked now' : 'Voir la demande actuelle']);
      await expect(el).to.be.accessible();
      await shots(`portal-view-reopened-${lang}`, refused);

      show[0]!.click();
      const again = await until(() => card(el, 'CO-1')?.querySelectorAll('button').length === 2 && card(el, 'CO-1'));
      expect(textOf(again)).to.match(/9[\s,.\u202f\u00a0]?000[.,]00/);
      expect(again.querySelector('.outcome')).to.equal(null);
      // Focus on the approval's heading, read again.
      await until(() => el.shadowRoot!.activeElement === again.querySelector('h5'));
      await shots(`portal-view-reopened-shown-${lang}`, again);
    });
  }

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
