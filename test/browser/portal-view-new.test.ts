import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgPortalView } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, shots, textOf, until } from './support/helpers.js';
import { clientAs, startMocks, staffClient } from './support/mocks.js';

const section = (el: SgPortalView, module: string) => $(el, `section[data-module=${module}]`);
/** Query inside a node of the shadow tree. */
const within = (node: Element, selector: string) => [...node.querySelectorAll<HTMLElement>(selector)];
const chip = (el: SgPortalView, name: string) => $$(el, 'nav.jump .chip').find((c) => textOf(c).includes(name));
/** Past the gap after which the next feed load is a new visit. */
const LATER = 31 * 60_000;

/**
 * Dana's first visit, then the builder shares a drawing and a photo folder and publishes an
 * update, then Dana comes back after the visit gap.
 */
async function secondVisit(mock: MockPortal, wrap = (inner: unknown) => inner): Promise<SgPortalView> {
  const client = await clientAs(mock, 'dana@example.com');
  await client.view.feed('p-maple');
  mock.advance(2 * 60_000);
  const staff = staffClient();
  await staff.shares.share('p-maple', [{ module: 'drawings', id: 'dr-a201', kind: 'item' }]);
  await staff.updates.publish('p-maple', { title: 'Roof trusses delivered', body: 'The trusses arrived this morning.' });
  await staff.updates.publish('p-maple', { body: 'Crane booked for Monday.' });
  mock.advance(LATER);
  const host = await fixture<HTMLElement>(html`<div>${wrap(html`<sg-portal-view .client=${client}></sg-portal-view>`)}</div>`);
  const el = host.querySelector<SgPortalView>('sg-portal-view')!;
  await until(() => section(el, 'drawings'));
  return el;
}

describe('sg-portal-view: new since the last visit', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
  });
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('marks what is new with a badge, counts it per section and in the overview, accessibly', async () => {
    const el = await secondVisit(mock);
    const drawings = section(el, 'drawings')!;
    const newItems = within(drawings, '.item').filter((li) => li.querySelector('.new-badge'));
    expect(newItems.map((li) => textOf(li))).to.have.length(1);
    expect(textOf(newItems[0]!)).to.contain('A-201 Elevations');
    // A-101 was shared before the first visit: not new.
    const old = within(drawings, '.item').find((li) => textOf(li).includes('A-101'))!;
    expect(old.querySelector('.new-badge')).to.equal(null);
    expect(within(section(el, 'updates')!, '.new-badge')).to.have.length(2);
    expect(within(section(el, 'documents')!, '.new-badge')).to.have.length(0);

    // Jump links: the count shown, and said in words.
    expect(textOf(chip(el, 'Drawings')!.querySelector('.new-count')!)).to.equal('1');
    expect(textOf(chip(el, 'Updates')!)).to.contain('2 new');
    expect(chip(el, 'Documents')!.querySelector('.new-count')).to.equal(null);
    const overview = $(el, '.overview')!;
    expect(textOf(overview)).to.contain('3 new items since your last visit');
    // The overview's jump list goes to a section with something new.
    const toUpdates = within(overview, '.new-list .chip').find((c) => textOf(c).includes('Updates'))!;
    toUpdates.click();
    await until(() => el.module === 'updates');
    await expect(el).to.be.accessible();
    await shots('portal-view-new', el);
  });

  it('fits a 390 px wide screen', async () => {
    const el = await secondVisit(mock);
    await setViewport({ width: 390, height: 844 });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (const node of el.shadowRoot!.querySelectorAll('.new-badge, .new-count, .tile, .jump')) {
      expect(node.getBoundingClientRect().right, node.outerHTML.slice(0, 60)).to.be.at.most(390);
    }
  });

  it('marks nothing new on a reload within the same visit of a first visit, and still welcomes', async () => {
    const client = await clientAs(mock, 'dana@example.com');
    await client.view.feed('p-maple');
    mock.advance(5 * 60_000);
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${client}></sg-portal-view>`);
    await until(() => section(el, 'drawings'));
    expect($$(el, '.new-badge')).to.have.length(0);
    expect(textOf($(el, '.overview')!)).to.contain('Welcome! Here is everything your builder has shared with you.');
    expect(textOf($(el, '.overview')!)).to.not.contain('since your last visit');
  });

  it('speaks French, with plurals', async () => {
    const el = await secondVisit(mock, (inner) => html`<div lang="fr">${inner}</div>`);
    expect(textOf($(el, '.overview')!)).to.contain('3 nouveaux éléments depuis votre dernière visite');
    expect(textOf(chip(el, 'Plans')!)).to.contain('1 nouveau');
    expect(textOf(chip(el, 'Actualités')!)).to.contain('2 nouveaux');
    expect(textOf(section(el, 'drawings')!.querySelector('.new-badge')!)).to.equal('Nouveau');
  });
});
