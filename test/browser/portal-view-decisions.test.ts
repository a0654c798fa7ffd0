import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { SgPortalView } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, textOf, until } from './support/helpers.js';
import { clientAs, startMocks, staffClient } from './support/mocks.js';
import { approvalsSetup } from './support/approvals.js';

const card = (el: SgPortalView, name: string) => $$(el, '[part=approval]').find((c) => textOf(c).includes(name));
const button = (root: Element, text: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => textOf(b).startsWith(text))!;
const confirmDialog = (el: SgPortalView) => $<HTMLDialogElement>(el, 'dialog.confirm')!;
const row = (el: SgPortalView, module: string) => $(el, `section[data-module="${module}"] li.item`);

/** Opens the card's confirmation, lets `meanwhile` happen (another tab, the builder), then confirms. */
async function decideAfter(el: SgPortalView, name: string, decision: 'Approve' | 'Decline', meanwhile: () => Promise<unknown>): Promise<HTMLElement> {
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

  it('already decided in another tab: says so, shows that decision, and offers nothing more', async () => {
    const approval = await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'all' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const other = await clientAs(mock, 'dana@example.com');
    const text = textOf(await decideAfter(el, 'CO-1', 'Decline', () => other.approvals.decide('p-maple', approval.id, { decision: 'approved' })));
    expect(text).to.contain('This was already decided.');
    expect(text).to.contain('You approved this on');
    expect(text).to.contain('Still waiting on 1 other approver.');
    await expect(el).to.be.accessible();
  });

  it('settled by another approver meanwhile: says it was decided, and its status', async () => {
    const approval = await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana, ids.eli], mode: 'any' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const eli = await clientAs(mock, 'eli@example.com');
    const text = textOf(await decideAfter(el, 'CO-1', 'Decline', () => eli.approvals.decide('p-maple', approval.id, { decision: 'approved' })));
    expect(text).to.contain('This was already decided.');
    expect(text).to.contain('Approved');
    expect(text).to.contain('Nothing more is needed from you.');
  });

  it('no longer the client’s (unshared meanwhile): says it no longer waits on them', async () => {
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const unshare = async () => {
      const share = (await staffClient().shares.list('p-maple', { module: 'changeOrders' })).find((sh) => sh.resourceId === 'co-1')!;
      await staffClient().shares.unshare('p-maple', share.id);
    };
    expect(textOf(await decideAfter(el, 'CO-1', 'Approve', unshare))).to.contain('This is no longer waiting on you.');
    await expect(el).to.be.accessible();
  });

  it('shows the client’s decision as the item’s status at once, until the next read brings the builder’s', async () => {
    mock.content.put({
      tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', status: 'Pending', updatedAt: new Date('2026-01-05T09:00:00Z'),
      meta: { amount: 420, status: 'Pending' },
    });
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    expect(textOf((await until(() => row(el, 'changeOrders')))!)).to.contain('Pending');
    await decideAfter(el, 'CO-1', 'Decline', async () => undefined);
    expect(textOf(row(el, 'changeOrders')!.querySelector('.badge')!)).to.equal('Declined by you');
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
