import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgPortalView } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, shot, textOf, until } from './support/helpers.js';
import { clientAs, startMocks } from './support/mocks.js';
import { richContent } from './support/portal-content.js';

/** A link's name as assistive technology computes it from its content: text, and an image's `alt`. */
function linkName(link: Element): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return;
    if (node instanceof HTMLImageElement) parts.push(node.alt);
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    node.childNodes.forEach(walk);
  };
  walk(link);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

const section = (el: SgPortalView, module: string) => $(el, `section[data-module=${module}]`)!;
const row = (el: SgPortalView, module: string, name: string) =>
  [...section(el, module).querySelectorAll<HTMLElement>('li.item')].find((li) => li.textContent!.includes(name))!;

/** Opens an item's details with the keyboard and waits for the panel the server's `open` answered. */
async function openDetails(el: SgPortalView, module: string, name: string): Promise<HTMLElement> {
  const item = await until(() => section(el, module) && row(el, module, name));
  const toggle = item.querySelector<HTMLElement>('.disclosure.more')!;
  toggle.focus();
  await sendKeys({ press: 'Enter' });
  const panel = await until(() => {
    const p = item.querySelector<HTMLElement>('.panel');
    return p && !p.hidden && !p.querySelector('[role=status]') && p.childElementCount > 0 ? p : undefined;
  });
  expect(toggle.getAttribute('aria-expanded')).to.equal('true');
  expect(toggle.getAttribute('aria-controls')).to.equal(panel.id);
  return panel;
}

describe('sg-portal-view item details (msw mocks, real HTTP to the mock portal)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
    await richContent(mock);
  });
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  for (const width of [1280, 390]) {
    it(`shows every module's details from what the content source resolves, at ${width} px`, async () => {
      await setViewport({ width, height: 900 });
      const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);

      const report = await openDetails(el, 'reports', 'Final inspection');
      expect(textOf(report)).to.contain('Inspector Sam Ortiz');
      expect(textOf(report)).to.contain('Completed Jan 5, 2027');
      expect(textOf(report)).to.contain('Handrail height 36 in');
      // The report's own fields are in the same list as the inspector: their values line up.
      const values = [...report.querySelectorAll('dd')].map((dd) => dd.getBoundingClientRect().left);
      expect(report.querySelectorAll('dl').length).to.equal(1);
      expect(new Set(values).size, String(values)).to.equal(1);

      const log = await openDetails(el, 'dailyLogs', 'Daily log Jan 5');
      expect(textOf(log)).to.contain('Weather Sunny, 12 °C');
      expect(textOf(log)).to.contain('Crew Framing crew, Electricians (2)');
      expect(log.querySelector('.notes')!.textContent).to.equal('Roof trusses delivered.\nCrane on site until noon.');
      expect(log.querySelector<HTMLImageElement>('.log-photos img')!.alt).to.equal('Trusses');

      const selection = await openDetails(el, 'selections', 'Kitchen faucet');
      expect(textOf(selection)).to.contain('Allowance €450.00');
      expect(textOf(selection)).to.contain('Price €520.00');
      const chosen = selection.querySelector('li.chosen')!;
      expect(textOf(chosen)).to.contain('Matte black pull-down');
      expect(textOf(chosen)).to.contain('Chosen');

      const co = await openDetails(el, 'changeOrders', 'CO-2 Skylight');
      expect(textOf(co)).to.contain('Add a skylight over the stairs.');
      expect(textOf(co)).to.contain('Amount €6,800.00');
      expect(textOf(co)).to.contain('Status approved');
      // The row itself says the amount with the currency, never a bare "6,800".
      expect(textOf(row(el, 'changeOrders', 'CO-2'))).to.contain('€6,800.00');

      const invoice = await openDetails(el, 'invoices', 'Invoice #1002');
      expect(textOf(invoice)).to.contain('Amount €12,500.50');
      expect(textOf(invoice)).to.contain('Due date Jan 5, 2027');
      const pay = invoice.querySelector<HTMLAnchorElement>('a[part=pay]')!;
      expect(pay.href).to.equal('https://pay.builder.example/inv-1002');
      expect(pay.rel.split(' ')).to.include('noopener');
      expect(pay.target).to.equal('_blank');
      expect(textOf(pay)).to.contain('Pay €12,500.50');
      expect(invoice.querySelector<HTMLAnchorElement>('a[href$=".pdf"]')!.href).to.equal('https://files.builder.example/inv-1002.pdf');

      const drawing = await openDetails(el, 'drawings', 'A-301 Sections');
      const revisions = [...drawing.querySelectorAll<HTMLAnchorElement>('.revisions a')];
      expect(revisions.map((a) => a.href)).to.deep.equal(['https://files.builder.example/a301-b.pdf', 'https://files.builder.example/a301-a.pdf']);
      expect(drawing.querySelector('[aria-current="true"]')!.textContent).to.contain('Revision B');
      expect(textOf(drawing.querySelector('[aria-current="true"]')!)).to.contain('Current');

      await expect(el).to.be.accessible();
      for (const module of ['reports', 'dailyLogs', 'selections', 'changeOrders', 'invoices', 'drawings']) await shot(`portal-view-details-${module}-${width}`, section(el, module));
      await shot(`portal-view-details-${width}`, el);
    });
  }

  it('offers "Pay" only for an http(s) payUrl', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const invoice = await openDetails(el, 'invoices', 'Invoice #1003');
    expect(textOf(invoice)).to.contain('Status paid');
    expect(invoice.querySelector('a[part=pay]')).to.equal(null);
    expect(invoice.querySelector('a[href^="javascript"]')).to.equal(null);
  });

  it('records the view when details open and closes them again by keyboard', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    const opened: CustomEvent[] = [];
    el.addEventListener('sg-resource-open', (e) => opened.push(e as CustomEvent));
    await openDetails(el, 'changeOrders', 'CO-2 Skylight');
    expect(opened.map((e) => e.detail.resource.id)).to.deep.equal(['co-2']);
    const toggle = row(el, 'changeOrders', 'CO-2').querySelector<HTMLElement>('.disclosure.more')!;
    await sendKeys({ press: 'Enter' });
    await until(() => toggle.getAttribute('aria-expanded') === 'false');
    const panel = row(el, 'changeOrders', 'CO-2').querySelector<HTMLElement>('.panel')!;
    expect(panel.hidden).to.equal(true);
    // Closed, the panel takes no room in the row.
    expect(panel.getBoundingClientRect().height).to.equal(0);
  });

  it('announces a followed link inside the details (a revision, an invoice\'s PDF) as the name link does', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    // The test stays on its page: links open nothing.
    el.addEventListener('click', (e) => e.preventDefault());
    const opened: string[] = [];
    el.addEventListener('sg-resource-open', (e) => opened.push((e as CustomEvent).detail.resource.id));
    const drawing = await openDetails(el, 'drawings', 'A-301 Sections');
    [...drawing.querySelectorAll<HTMLAnchorElement>('a')].find((a) => textOf(a).startsWith('Revision A'))!.click();
    const invoice = await openDetails(el, 'invoices', 'Invoice #1002');
    [...invoice.querySelectorAll<HTMLAnchorElement>('a')].find((a) => a.href === 'https://files.builder.example/inv-1002.pdf')!.click();
    expect(opened).to.deep.equal(['dr-a301', 'dr-a301', 'inv-2', 'inv-2']);
  });

  it('names each daily log photo link — its name, else its place — and says it opens in a new tab', async () => {
    const url = `${location.origin}/test/browser/support/photo.svg`;
    mock.content.put({
      tenantId: 'acme', projectId: 'p-maple', module: 'dailyLogs', id: 'dl-jan6', kind: 'item', name: 'Daily log Jan 6', updatedAt: new Date(),
      meta: { date: '2027-01-06', photos: [{ url }, { name: 'Crane', url }, { name: '  ', url }] },
    });
    await mock.portal.shares.share(mock.staff!, 'p-maple', [{ module: 'dailyLogs', id: 'dl-jan6', kind: 'item' }]);
    const names = {
      en: ['Photo 1 of 3 (opens in a new tab)', 'Crane (opens in a new tab)', 'Photo 3 of 3 (opens in a new tab)'],
      fr: ['Photo 1 sur 3 (s’ouvre dans un nouvel onglet)', 'Crane (s’ouvre dans un nouvel onglet)', 'Photo 3 sur 3 (s’ouvre dans un nouvel onglet)'],
    };
    for (const [lang, expected] of Object.entries(names)) {
      const page = await fixture(html`<div lang=${lang}><sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view></div>`);
      const log = await openDetails(page.querySelector<SgPortalView>('sg-portal-view')!, 'dailyLogs', 'Daily log Jan 6');
      const links = [...log.querySelectorAll<HTMLAnchorElement>('.log-photos a')];
      expect(links.map(linkName), lang).to.deep.equal(expected);
      for (const link of links) expect(link.target).to.equal('_blank');
    }
  });

  it('shows amounts in USD when the tenant names no currency', async () => {
    delete (mock.tenants.acme as { currency?: string }).currency;
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => section(el, 'changeOrders'));
    expect(textOf(row(el, 'changeOrders', 'CO-2'))).to.contain('$6,800.00');
  });
});
