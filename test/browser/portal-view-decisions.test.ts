import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgPortalView } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, shots, textOf, until } from './support/helpers.js';
import { clientAs, startMocks, staffClient } from './support/mocks.js';
import { approvalsSetup, card, confirmDialog, viewAs } from './support/approvals.js';

const button = (root: Element, text: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => textOf(b).startsWith(text))!;
const row = (el: SgPortalView, module: string) => $(el, `section[data-module="${module}"] li.item`);
const badge = (el: SgPortalView, module: string) => row(el, module)!.querySelector('.badge')!;
/** A portal view for Dana, in French when `lang` says so. */
const danaView = (mock: MockPortal, lang = 'en'): Promise<SgPortalView> => viewAs(mock, 'dana@example.com', lang);

/** Opens the card's confirmation, lets `meanwhile` happen (another tab, the builder), then confirms. */
async function decideAfter(el: SgPortalView, name: string, decision: string, meanwhile: () => Promise<unknown>): Promise<HTMLElement> {
  button((await until(() => card(el, name)))!, decision).click();
  await until(() => confirmDialog(el).open);
  await meanwhile();
  button(confirmDialog(el), decision).click();
  await until(() => !confirmDialog(el).open && !card(el, name)!.querySelector('button'));
  await until(() => el.shadowRoot!.activeElement?.classList.contains('outcome'));
  expect(card(el, name)!.contains(el.shadowRoot!.activeElement)).to.equal(true);
  return card(el, name)!;
}

describe('sg-portal-view: decisions refused or just made (msw mocks, real core)', () => {
  let mock: MockPortal;
  let ids: Awaited<ReturnType<typeof approvalsSetup>>;
  beforeEach(async () => {
    mock = await startMocks();
    ids = await approvalsSetup(mock);
  });

  it('already decided in another tab: says the client had decided it, shows that decision as a notice, and offers nothing more', async () => {
    const approval = await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'all' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const other = await clientAs(mock, 'dana@example.com');
    const refused = await decideAfter(el, 'CO-1', 'Decline', () => other.approvals.decide('p-maple', approval.id, { decision: 'approved' }));
    const text = textOf(refused);
    // Not "This was already decided." beside "Waiting for a decision": the client's own decision, from elsewhere.
    expect(text).to.contain('You had already decided this in another tab or window.');
    expect(text).not.to.contain('This was already decided.');
    expect(text).to.contain('You approved this on');
    expect(text).to.contain('Still waiting on 1 other approver.');
    // A notice (no decision was taken here), its focus ring clear of the text.
    const outcome = refused.querySelector<HTMLElement>('.outcome')!;
    expect(outcome.classList.contains('notice')).to.equal(true);
    expect(getComputedStyle(outcome).backgroundColor).not.to.equal(getComputedStyle(refused).backgroundColor);
    expect(parseFloat(getComputedStyle(outcome).paddingInlineStart)).to.be.at.least(4);
    // The item row: approved by Dana, and still waiting on Eli.
    expect(textOf(badge(el, 'changeOrders'))).to.equal('Approved by you · waiting on others');
    await expect(el).to.be.accessible();
    await setViewport({ width: 390, height: 900 });
    outcome.focus();
    await shots('portal-view-decided-elsewhere-en', refused);
  });

  it('already decided in another tab: says it in the page’s language', async () => {
    const approval = await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'all' });
    const el = await danaView(mock, 'fr');
    const other = await clientAs(mock, 'dana@example.com');
    const refused = await decideAfter(el, 'CO-1', 'Refuser', () => other.approvals.decide('p-maple', approval.id, { decision: 'approved' }));
    expect(textOf(refused)).to.contain('Vous aviez déjà décidé dans un autre onglet ou une autre fenêtre.');
    expect(textOf(badge(el, 'changeOrders'))).to.equal('Vous avez approuvé · en attente des autres');
    await shots('portal-view-decided-elsewhere-fr', refused);
  });

  it('settled by another approver meanwhile: says it was decided, and its status', async () => {
    const approval = await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'any' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const eli = await clientAs(mock, 'eli@example.com');
    const text = textOf(await decideAfter(el, 'CO-1', 'Decline', () => eli.approvals.decide('p-maple', approval.id, { decision: 'approved' })));
    expect(text).to.contain('This was already decided.');
    expect(text).not.to.contain('another tab');
    expect(text).to.contain('Approved');
    expect(text).to.contain('Nothing more is needed from you.');
  });

  for (const [lang, approve, said] of [
    ['en', 'Approve', 'Approved by you · waiting on others'],
    ['fr', 'Approuver', 'Vous avez approuvé · en attente des autres'],
  ] as const) {
    it(`approved, others still to decide: the item reads so, not as settled; a decision just made is no notice (${lang})`, async () => {
      await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'all' });
      const el = await danaView(mock, lang);
      const decided = await decideAfter(el, 'CO-1', approve, async () => undefined);
      const outcome = decided.querySelector('.outcome')!;
      expect(outcome.classList.contains('notice')).to.equal(false);
      // Focused, its ring and halo clear of the first letter, which stays in line with the heading's.
      expect(parseFloat(getComputedStyle(outcome).paddingInlineStart)).to.be.at.least(4);
      expect(outcome.getBoundingClientRect().left + parseFloat(getComputedStyle(outcome).paddingInlineStart)).to.be.closeTo(decided.querySelector('h5 span')!.getBoundingClientRect().left, 1);
      expect(textOf(badge(el, 'changeOrders'))).to.equal(said);
      await shots(`portal-view-approved-waiting-row-${lang}`, row(el, 'changeOrders')!);
      // The outcome has focus: its ring clear of the text at phone width too.
      await shots(`portal-view-approved-outcome-${lang}`, decided);
    });
  }

  for (const [lang, approve, said] of [
    ['en', 'Approve', 'This is no longer waiting on you.'],
    ['fr', 'Approuver', 'Votre décision n’est plus attendue.'],
  ] as const) {
    it(`no longer the client’s (unshared meanwhile): says it no longer waits on them, as a notice (${lang})`, async () => {
      await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
      const el = await danaView(mock, lang);
      const unshare = async () => {
        const share = (await staffClient().shares.list('p-maple', { module: 'changeOrders' })).items.find((sh) => sh.resourceId === 'co-1')!;
        await staffClient().shares.unshare('p-maple', share.id);
      };
      const gone = await decideAfter(el, 'CO-1', approve, unshare);
      expect(textOf(gone)).to.contain(said);
      expect(gone.querySelector('.outcome')!.classList.contains('notice')).to.equal(true);
      await expect(el).to.be.accessible();
      await shots(`portal-view-gone-${lang}`, gone);
    });
  }

  it('declined: the item’s badge in the page’s language, coloured as the card’s pill', async () => {
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'all' });
    const el = await danaView(mock, 'fr');
    await decideAfter(el, 'CO-1', 'Refuser', async () => undefined);
    expect(textOf(badge(el, 'changeOrders'))).to.equal('Vous avez refusé');
    expect(badge(el, 'changeOrders').classList.contains('declined')).to.equal(true);
    await shots('portal-view-declined-row-fr', row(el, 'changeOrders')!);
  });

  it('shows the client’s decision as the item’s status at once, until the next read brings the builder’s', async () => {
    mock.content.put({
      tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', status: 'Pending', updatedAt: new Date('2026-01-05T09:00:00Z'),
      meta: { amount: 420, status: 'Pending' },
    });
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    expect(textOf((await until(() => row(el, 'changeOrders')))!)).to.contain('Pending');
    const declined = await decideAfter(el, 'CO-1', 'Decline', async () => undefined);
    expect(textOf(row(el, 'changeOrders')!.querySelector('.badge')!)).to.equal('Declined by you');
    // Coloured as the card's "Declined" pill.
    const pill = getComputedStyle(declined.querySelector('.status.declined')!);
    expect(getComputedStyle(badge(el, 'changeOrders'))).to.include({ color: pill.color, backgroundColor: pill.backgroundColor });
    await shots('portal-view-declined-row-en', row(el, 'changeOrders')!);
    button(row(el, 'changeOrders')!, 'Details').click();
    await until(() => textOf(row(el, 'changeOrders')!).includes('Status Declined by you'));
    // A new read of the project: the builder's status again (the host has not changed it yet).
    el.projectId = 'p-harbor';
    await until(() => !row(el, 'changeOrders'));
    el.projectId = 'p-maple';
    await until(() => textOf(row(el, 'changeOrders') ?? el).includes('Pending'));
    expect(textOf(row(el, 'changeOrders')!)).not.to.contain('by you');
  });
});
