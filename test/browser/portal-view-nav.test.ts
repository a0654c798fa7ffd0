import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgNavigateEvent, SgPortalView } from '../../components/index.js';
import type { Feed } from '../../src/model/feed.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, asRgb, fakeClient, resolvedColor, shot, textOf, until } from './support/helpers.js';
import { clientAs, startMocks } from './support/mocks.js';
import { richContent } from './support/portal-content.js';

const section = (el: SgPortalView, module: string) => $(el, `section[data-module=${module}]`);
const chip = (el: SgPortalView, name: string) => $$(el, 'nav .chip').find((b) => textOf(b).includes(name))!;

/** Every focusable control, and every control inside an open panel, lies inside the viewport horizontally. */
function outside(el: SgPortalView): string[] {
  const width = document.documentElement.clientWidth;
  return $$(el, 'a, button, select, input, img, .badge, .tile, section')
    .filter((node) => node.getClientRects().length > 0)
    .filter((node) => {
      const r = node.getBoundingClientRect();
      return r.left < -0.5 || r.right > width + 0.5;
    })
    .map((node) => `${node.tagName.toLowerCase()}.${node.className} "${textOf(node).slice(0, 30)}"`);
}

describe('sg-portal-view navigation, overview, mobile and brand', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
    await richContent(mock, { brand: { accentColor: '#0f5132', logoUrl: `${location.origin}/test/browser/support/photo.svg` } });
    history.replaceState(null, '', location.pathname + location.search);
  });
  afterEach(async () => {
    history.replaceState(null, '', location.pathname + location.search);
    await setViewport({ width: 800, height: 600 });
  });

  it('opens with an overview: what is new, a slot for what waits on the client, the next milestone', async () => {
    await setViewport({ width: 1280, height: 900 });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}
      ><p slot="waiting">Approve the kitchen faucet</p></sg-portal-view
    >`);
    const overview = await until(() => $(el, '[part=overview]'));
    // The overview comes before the jump links and every section.
    expect(overview.compareDocumentPosition($(el, 'nav')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    const waiting = overview.querySelector<HTMLSlotElement>('slot[name=waiting]')!;
    expect(waiting.assignedElements()[0]!.textContent).to.equal('Approve the kitchen faucet');
    // The server marks what is new since the previous visit; on the first there is none: a welcome.
    expect(textOf(overview)).to.contain('Welcome! Here is everything your builder has shared with you.');
    // Foundation ended long ago; Framing is under way and starts before Roofing.
    expect(textOf(overview)).to.contain('Next milestone Framing');
    await expect(el).to.be.accessible();
    await shot('portal-view-overview-1280', el);
  });

  it('jumps to a section by keyboard, announces sg-navigate and keeps the place in the hash', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view sync-hash .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => section(el, 'invoices'));
    const events: SgNavigateEvent[] = [];
    el.addEventListener('sg-navigate', (e) => events.push(e));
    chip(el, 'Invoices').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.module === 'invoices');
    expect(events.map((e) => e.detail)).to.deep.equal([{ projectId: 'p-maple', module: 'invoices' }]);
    expect(events[0]!.cancelable).to.equal(true);
    expect(chip(el, 'Invoices').getAttribute('aria-current')).to.equal('true');
    expect(new URLSearchParams(location.hash.slice(1)).get('sg-module')).to.equal('invoices');
    expect(new URLSearchParams(location.hash.slice(1)).get('sg-project')).to.equal('p-maple');
    await until(() => el.shadowRoot!.activeElement?.id === 'h-invoices');

    // A reload: a new element reads the hash and opens on the same project and section.
    el.remove();
    const again = await fixture<SgPortalView>(html`<sg-portal-view sync-hash .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => section(again, 'invoices'));
    expect(again.projectId).to.equal('p-maple');
    expect(again.module).to.equal('invoices');
    // Scrolled to: the section (last on the page, far below the fold) is on screen.
    await until(() => {
      const r = section(again, 'invoices')!.getBoundingClientRect();
      return r.top >= -1 && r.top < innerHeight;
    });
  });

  it('restores another project from the hash and follows hash changes', async () => {
    history.replaceState(null, '', '#sg-project=p-harbor&keep=1');
    const el = await fixture<SgPortalView>(html`<sg-portal-view sync-hash .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => textOf(el).includes('Harbor View Townhomes') && section(el, 'schedule'));
    expect(el.projectId).to.equal('p-harbor');
    const select = $<HTMLSelectElement>(el, 'select')!;
    select.value = 'p-maple';
    select.dispatchEvent(new Event('change'));
    await until(() => section(el, 'invoices'));
    expect(new URLSearchParams(location.hash.slice(1)).get('sg-project')).to.equal('p-maple');
    expect(new URLSearchParams(location.hash.slice(1)).get('keep')).to.equal('1');
  });

  it('makes another project a history step: Back returns to the one before, a section is no step', async () => {
    // An entry of the test's own (`history.length` stops counting at 50 in a long run): written
    // over in place, it keeps this state; a step of the element's would not have it.
    history.pushState({ marker: 'before' }, '', location.pathname + location.search);
    const el = await fixture<SgPortalView>(html`<sg-portal-view sync-hash .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => section(el, 'invoices'));
    expect(new URLSearchParams(location.hash.slice(1)).get('sg-project')).to.equal('p-maple');
    chip(el, 'Invoices').click();
    await until(() => el.module === 'invoices');
    expect(history.state).to.deep.equal({ marker: 'before' });
    const select = $<HTMLSelectElement>(el, 'select')!;
    select.value = 'p-harbor';
    select.dispatchEvent(new Event('change'));
    await until(() => textOf(el).includes('Harbor View Townhomes') && section(el, 'schedule'));
    expect(history.state).to.equal(null);
    history.back();
    await until(() => el.projectId === 'p-maple' && section(el, 'invoices'));
    expect(el.module).to.equal('invoices');
    expect(history.state).to.deep.equal({ marker: 'before' });
  });

  it('leaves the place to a host router that cancels sg-navigate', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view sync-hash .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => section(el, 'invoices'));
    el.addEventListener('sg-navigate', (e) => e.preventDefault());
    chip(el, 'Invoices').click();
    await el.updateComplete;
    expect(el.module).to.equal('');
    // The project shown since the start, and no section: the click changed nothing.
    expect(location.hash).to.equal('#sg-project=p-maple');
    // The router then sets the place itself.
    el.module = 'drawings';
    await until(() => chip(el, 'Drawings').getAttribute('aria-current') === 'true');
  });

  it('hands focus to the chosen section\'s heading when a host router sets it, and for the section already shown', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => section(el, 'invoices'));
    el.addEventListener('sg-navigate', (e) => {
      e.preventDefault();
      // A router routes, then sets the place.
      setTimeout(() => (el.module = e.detail.module ?? ''), 0);
    });
    chip(el, 'Invoices').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.activeElement?.id === 'h-invoices');
    // Chosen again after reading elsewhere: nothing changes, yet it comes back into view with focus.
    chip(el, 'Invoices').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.activeElement?.id === 'h-invoices');
    // A section the router sets on its own (not a choice in the element) takes no focus.
    chip(el, 'Drawings').focus();
    el.module = 'drawings';
    await until(() => chip(el, 'Drawings').getAttribute('aria-current') === 'true');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id).to.not.equal('h-drawings');
  });

  it('fits 390 px: no control outside the viewport, module links keep icon and name on one line', async () => {
    await setViewport({ width: 390, height: 800 });
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => section(el, 'invoices'));
    for (const toggle of $$(el, '.disclosure')) toggle.click();
    await until(() => $$(el, '.panel [role=status], .children [role=status]').length === 0 && $$(el, '.panel .facts').length > 3);
    await el.updateComplete;
    expect(outside(el)).to.deep.equal([]);
    for (const link of $$(el, 'nav .chip')) {
      const lineHeight = parseFloat(getComputedStyle(link).lineHeight) || 20;
      expect(link.getBoundingClientRect().height, textOf(link)).to.be.lessThan(lineHeight * 2);
      const [icon] = link.querySelectorAll('.icon');
      expect(Math.abs(icon!.getBoundingClientRect().top - link.getBoundingClientRect().top)).to.be.lessThan(lineHeight);
    }
    await expect(el).to.be.accessible();
    await shot('portal-view-mobile-390', el);
  });

  it('shows the builder brand: accent colour through a custom property, logo only over http(s)', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => section(el, 'invoices'));
    const logo = $<HTMLImageElement>(el, 'img[part=logo]')!;
    expect(logo.alt).to.equal('Acme Builders');
    const base = $(el, '[part=base]')!;
    expect(resolvedColor(base, '--_accent')).to.equal('rgb(15, 81, 50)');
    expect(asRgb(getComputedStyle($(el, '.tile')!).borderInlineStartColor)).to.equal('rgb(15, 81, 50)');
    expect(el.getAttribute('style')).to.equal(null);
    await expect(el).to.be.accessible();
    await shot('portal-view-brand-1280', el);
  });

  it('never puts a brand value that is not a colour or an http(s) logo into the page', async () => {
    const project = { tenantId: 't', id: 'p', name: 'House' };
    const doc = { tenantId: 't', projectId: 'p', module: 'documents', id: 'd', kind: 'item', name: 'Plan', updatedAt: new Date() };
    const feed = {
      project,
      tenant: { name: 'Evil', brand: { accentColor: 'red; background: url(https://evil.example/x)', logoUrl: 'javascript:alert(1)' } },
      modules: { documents: [doc] },
    } as unknown as Feed;
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${fakeClient({ view: { projects: async () => [project], feed: async () => feed } })}></sg-portal-view>`);
    await until(() => section(el, 'documents'));
    expect($(el, 'img')).to.equal(null);
    const base = $(el, '[part=base]')!;
    expect(base.style.cssText).to.equal('');
    // A light brand colour marks the header only: links and buttons keep a readable accent.
    el.feed = { ...feed, tenant: { name: 'Sunny', brand: { accentColor: '#ffd400' } } };
    await el.updateComplete;
    expect(base.style.getPropertyValue('--_brand')).to.equal('#ffd400');
    expect(resolvedColor(base, '--_accent')).to.equal('rgb(29, 95, 191)');
  });
});
