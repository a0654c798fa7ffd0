import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgPortalView } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, shots, until } from './support/helpers.js';
import { clientAs, startMocks } from './support/mocks.js';

/** Where things sit in the portal view, measured in the browser at desktop and phone width. */

const LONG = 'CO-2 Upgrade to triple-glazed windows on the north elevation, stairwell and landing';

const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

describe('sg-portal-view layout', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
    mock.content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-long', kind: 'item', name: LONG, updatedAt: new Date(), meta: { amount: 6800 } });
    await mock.portal.shares.share({ type: 'staff', tenantId: 'acme', userId: 'u-alice' }, 'p-maple', [{ module: 'changeOrders', id: 'co-long', kind: 'item' }]);
  });
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  for (const width of [1280, 390]) {
    it(`keeps a module icon and a long item name on one line, the name wrapping, at ${width} px`, async () => {
      await setViewport({ width, height: 900 });
      const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
      const section = await until(() => $(el, 'section[data-module=changeOrders]'));
      const item = await until(() => [...section.querySelectorAll<HTMLElement>('li.item')].find((li) => li.textContent!.includes(LONG)));
      await frame();
      for (const li of $$(el, 'li.item:not(.folder)')) {
        const icon = li.querySelector('.icon')!.getBoundingClientRect();
        const name = li.querySelector(':scope > .name')!.getBoundingClientRect();
        const label = li.textContent!.trim().slice(0, 40);
        // Same line: the name's first line starts level with the icon, just after it.
        expect(Math.abs(name.top - icon.top), `${label}: icon and name on one line`).to.be.below(icon.height / 2);
        expect(name.left, `${label}: name after the icon`).to.be.at.least(icon.right);
        expect(name.right, `${label}: inside the screen`).to.be.at.most(width);
      }
      if (width === 390) {
        const name = item.querySelector(':scope > .name')!;
        expect(name.getClientRects().length > 1 || name.getBoundingClientRect().height > item.querySelector('.icon')!.getBoundingClientRect().height * 1.5, 'the long name wraps').to.equal(true);
      }
      await shots('portal-view-long-name', section);
    });
  }

  it('draws the notification radio buttons in the accent colour', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const details = await until(() => $<HTMLDetailsElement>(el, 'details.prefs'));
    details.open = true;
    const radio = await until(() => $<HTMLInputElement>(el, 'input[name=frequency]'));
    expect(getComputedStyle(radio).accentColor).to.equal('rgb(29, 95, 191)');
    el.style.setProperty('--sg-color-accent', '#0a7d4f');
    expect(getComputedStyle(radio).accentColor).to.equal('rgb(10, 125, 79)');
    await shots('portal-view-notifications-accent', details);
  });
});
