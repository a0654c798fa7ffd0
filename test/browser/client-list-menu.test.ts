import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgClientList } from '../../components/index.js';
import type { Client } from '../../src/model/client.js';
import { $, $$, fakeClient, until } from './support/helpers.js';

/**
 * Where the row actions menu opens: next to its button, inside the viewport at phone width, and
 * under a strict Content-Security-Policy that forbids inline style attributes.
 */

const PROJECTS = [{ tenantId: 'acme', id: 'p0', name: '12 Maple Street' }];
const CLIENTS = Array.from({ length: 30 }, (_, i) => ({
  id: `c${i}`,
  tenantId: 'acme',
  email: `client${i}@example.com`,
  name: `Client ${i}`,
  projectIds: ['p0'],
  status: 'active',
})) as unknown as Client[];

/** A list of 30 clients, `above` px down the page. */
async function list(above = 0): Promise<SgClientList> {
  const client = fakeClient({
    projects: { list: async () => PROJECTS },
    clients: { list: async () => ({ items: CLIENTS, nextCursor: null }) },
  });
  // Spaced through the CSSOM: the CSP case must see no inline style but the element's own.
  const page = await fixture<HTMLElement>(html`<div><sg-client-list .client=${client}></sg-client-list></div>`);
  page.style.paddingTop = `${above}px`;
  const el = page.querySelector('sg-client-list')!;
  await until(() => $$(el, '.row').length > 0);
  return el;
}

/** Opens the menu of the `index`th rendered row; returns its button and the menu. */
async function openMenu(el: SgClientList, index: number): Promise<{ button: HTMLElement; menu: HTMLElement }> {
  const button = $$(el, '[part="row-menu-button"]')[index]!;
  button.scrollIntoView({ block: 'nearest' });
  // A scroll closes the menu; scroll events come with the next frame, so let them pass first.
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  button.click();
  const menu = await until(() => $<HTMLElement>(el, '[role=menu]'));
  await el.updateComplete;
  return { button, menu };
}

function expectInViewport(rect: DOMRect): void {
  expect(rect.left, 'left edge').to.be.at.least(0);
  expect(rect.top, 'top edge').to.be.at.least(0);
  expect(rect.right, 'right edge').to.be.at.most(document.documentElement.clientWidth);
  expect(rect.bottom, 'bottom edge').to.be.at.most(window.innerHeight);
}

describe('sg-client-list row menu placement', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('opens below its button, its end edge aligned with the button', async () => {
    await setViewport({ width: 1280, height: 800 });
    const el = await list();
    const { button, menu } = await openMenu(el, 0);
    const b = button.getBoundingClientRect();
    const m = menu.getBoundingClientRect();
    expect(Math.abs(m.right - b.right)).to.be.below(1);
    expect(m.top).to.be.within(b.bottom, b.bottom + 8);
    expectInViewport(m);
  });

  it('opens above its button when there is no room below', async () => {
    await setViewport({ width: 1280, height: 800 });
    const el = await list(640);
    const { button, menu } = await openMenu(el, 0);
    const b = button.getBoundingClientRect();
    const m = menu.getBoundingClientRect();
    expect(b.bottom + m.height).to.be.above(window.innerHeight);
    expect(m.bottom).to.be.within(b.top - 8, b.top);
    expectInViewport(m);
  });

  it('right to left, lines up with the button`s left edge', async () => {
    await setViewport({ width: 1280, height: 800 });
    const el = await list();
    el.dir = 'rtl';
    await el.updateComplete;
    const { button, menu } = await openMenu(el, 0);
    expect(Math.abs(menu.getBoundingClientRect().left - button.getBoundingClientRect().left)).to.be.below(1);
    expectInViewport(menu.getBoundingClientRect());
  });

  it('stays inside the viewport at 390 px wide', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await list();
    for (const index of [0, 3]) {
      const { menu } = await openMenu(el, index);
      expectInViewport(menu.getBoundingClientRect());
      $$(el, '[part="row-menu-button"]')[index]!.click(); // closes it
      await until(() => !$(el, '[role=menu]'));
    }
  });

  it('is placed through the CSSOM, so a strict CSP (no inline style attributes) does not move it', async () => {
    await setViewport({ width: 1280, height: 800 });
    const violations: string[] = [];
    const seen = (e: SecurityPolicyViolationEvent) => violations.push(`${e.effectiveDirective}: ${e.sample}`);
    document.addEventListener('securitypolicyviolation', seen);
    const meta = Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content: "style-src 'self'" });
    document.head.append(meta);
    try {
      const el = await list(0);
      const { button, menu } = await openMenu(el, 2);
      const b = button.getBoundingClientRect();
      const m = menu.getBoundingClientRect();
      expect(Math.abs(m.right - b.right)).to.be.below(1);
      expect(m.top).to.be.within(b.bottom, b.bottom + 8);
      await new Promise((r) => setTimeout(r, 50)); // violation reports are queued as tasks
      expect(violations.filter((v) => v.startsWith('style-src'))).to.deep.equal([]);
    } finally {
      document.removeEventListener('securitypolicyviolation', seen);
    }
  });
});
