import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { SgPortalView } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, textOf, until } from './support/helpers.js';
import { clientAs, startMocks, staffClient } from './support/mocks.js';
import { approvalsSetup } from './support/approvals.js';

const section = (el: SgPortalView, module: string) => $(el, `section[data-module=${module}]`);

describe('sg-portal-view: the photo viewer next to "Waiting on you" (msw mocks, real core)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
  });

  it('a thumbnail opens the photo viewer, not the empty approval confirmation, while an approval waits', async () => {
    const ids = await approvalsSetup(mock);
    // The owners may see photos too.
    await mock.portal.roles.save(mock.staff!, {
      id: 'owner',
      name: 'Owner',
      permissions: [{ module: 'changeOrders', actions: ['read', 'approve'] }, { module: 'selections', actions: ['read', 'approve'] }, { module: 'photos', actions: ['read'] }],
    });
    await staffClient().approvals.request('p-maple', { module: 'changeOrders', id: 'co-1', approvers: [ids.dana], mode: 'any' });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => $(el, '[part=approval]'), 15_000);
    (await until(() => section(el, 'photos')?.querySelector<HTMLElement>('.disclosure'), 10_000)).click();
    (await until(() => section(el, 'photos')!.querySelector<HTMLElement>('.thumb'), 10_000)).click();
    const viewer = await until(() => $<HTMLDialogElement>(el, 'dialog[part=viewer][open]'), 5_000);
    expect(textOf(viewer)).to.contain('Foundation pour.jpg');
    expect($<HTMLDialogElement>(el, 'dialog.confirm')!.open).to.equal(false);
    await expect(el).to.be.accessible();
  });
});
