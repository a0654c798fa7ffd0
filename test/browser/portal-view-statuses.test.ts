import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import { setTranslations, type SgPortalView } from '../../components/index.js';
import type { Feed } from '../../src/model/feed.js';
import type { Resource } from '../../src/model/resource.js';
import { $, fakeClient, shots, textOf, until } from './support/helpers.js';

const project = { tenantId: 't', id: 'p', name: 'Maison' };
const at = new Date('2026-11-02T10:00:00Z');
const item = (module: string, id: string, name: string, status: string, meta: Record<string, unknown> = {}): Resource =>
  ({ tenantId: 't', projectId: 'p', module, id, kind: 'item', name, status, updatedAt: at, meta }) as unknown as Resource;

/** Statuses as a host's content gives them: known words, one with a space and capitals, one of its own. */
const resources = [
  item('selections', 's1', 'Kitchen faucet', 'approved'),
  item('selections', 's2', 'Tile', 'Awaiting approval'),
  item('changeOrders', 'c1', 'CO-1 Outlet', 'declined', { amount: 420, status: 'declined' }),
  item('invoices', 'i1', 'Invoice #1002', 'due', { amount: 38000, dueDate: '2026-11-05', status: 'due' }),
  item('invoices', 'i2', 'Invoice #1003', 'with lender', { amount: 100 }),
];

function client() {
  const feed = {
    project,
    tenant: { name: 'Bâtisseurs', currency: 'EUR' },
    modules: {
      selections: resources.filter((r) => r.module === 'selections'),
      changeOrders: resources.filter((r) => r.module === 'changeOrders'),
      invoices: resources.filter((r) => r.module === 'invoices'),
    },
  } as unknown as Feed;
  return fakeClient({
    view: {
      projects: async () => [project],
      feed: async () => feed,
      open: async (_p: string, module: string, id: string) => ({ resource: resources.find((r) => r.module === module && r.id === id)! }),
    },
  });
}

const badge = (el: SgPortalView, name: string) =>
  [...el.shadowRoot!.querySelectorAll('li.item')].find((li) => li.textContent!.includes(name))!.querySelector('.badge')!.textContent!.trim();

async function details(el: SgPortalView, name: string): Promise<string> {
  const row = [...el.shadowRoot!.querySelectorAll('li.item')].find((li) => li.textContent!.includes(name))!;
  row.querySelector<HTMLElement>('.disclosure.more')!.click();
  const panel = await until(() => {
    const p = row.querySelector<HTMLElement>('.panel');
    return p && !p.hidden && p.querySelector('dl') ? p : undefined;
  });
  return textOf(panel);
}

async function portal(lang: string, strings?: Record<string, string>): Promise<SgPortalView> {
  const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}><sg-portal-view .client=${client()} .strings=${strings}></sg-portal-view></div>`);
  const el = wrapper.querySelector<SgPortalView>('sg-portal-view')!;
  await until(() => $(el, 'section[data-module=invoices] li.item'));
  return el;
}

describe("sg-portal-view shows an item's status in the page's language", () => {
  afterEach(() => setTranslations(null));

  it('in French: the list badges and Details, a value with spaces and capitals too', async () => {
    const el = await portal('fr');
    expect(badge(el, 'Kitchen faucet')).to.equal('approuvé');
    expect(badge(el, 'Tile')).to.equal('en attente d’approbation');
    expect(badge(el, 'CO-1')).to.equal('refusé');
    expect(badge(el, '#1002')).to.equal('à payer');
    expect(await details(el, '#1002')).to.contain('Statut à payer');
    expect(await details(el, 'CO-1')).to.contain('Statut refusé');
    expect(textOf(el)).not.to.match(/\b(approved|declined|due)\b/);
    await shots('portal-view-statuses-fr', el);
  });

  it('shows a status no table knows as the host gave it', async () => {
    const el = await portal('fr');
    expect(badge(el, '#1003')).to.equal('with lender');
    const en = await portal('en');
    expect(badge(en, '#1003')).to.equal('with lender');
    expect(badge(en, '#1002')).to.equal('due');
    // English pages carry no status words: a host's own are its English.
    expect(badge(en, 'Tile')).to.equal('Awaiting approval');
  });

  it("takes the host's own words for its statuses, from `strings` or `setTranslations`", async () => {
    const el = await portal('fr', { itemStatus_with_lender: 'chez le prêteur', itemStatus_due: 'à régler' });
    expect(badge(el, '#1003')).to.equal('chez le prêteur');
    expect(badge(el, '#1002')).to.equal('à régler');
    setTranslations({ itemStatus_approved: 'OK' });
    const en = await portal('en');
    expect(badge(en, 'Kitchen faucet')).to.equal('OK');
  });

  it('never reads a status as markup', async () => {
    const el = await portal('en', { itemStatus_due: '<img src=x onerror="window.__sgPwned = 1">' });
    expect(badge(el, '#1002')).to.equal('<img src=x onerror="window.__sgPwned = 1">');
    expect(el.shadowRoot!.querySelector('img[src=x]')).to.equal(null);
  });
});
