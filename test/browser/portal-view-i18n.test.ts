import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgClientList, SgPortalView } from '../../components/index.js';
import type { Feed } from '../../src/model/feed.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, fakeClient, shot, textOf, until } from './support/helpers.js';
import { clientAs, startMocks, staffClient } from './support/mocks.js';
import { richContent } from './support/portal-content.js';

describe('sg-portal-view in French (nearest lang), plurals and numbers', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
    await richContent(mock);
  });

  it('speaks French under lang="fr", with French numbers, money and dates', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="fr-CA"><sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view></div>`);
    const el = wrapper.querySelector<SgPortalView>('sg-portal-view')!;
    await until(() => $(el, 'section[data-module=changeOrders]'));
    const text = textOf(el);
    expect(text).to.contain('Prochaine étape');
    expect(text).to.contain('Avenants');
    expect(text).to.contain('Factures');
    expect(text).to.match(/6\s800,00\s\$|6\s800,00\s€/);
    expect(text).to.not.contain('Details');
    expect(text).to.contain('Détails');
    await expect(el).to.be.accessible();
    await shot('portal-view-fr', el);
  });

  it('keeps English outside the French subtree', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="en"><sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view></div>`);
    const el = wrapper.querySelector<SgPortalView>('sg-portal-view')!;
    await until(() => $(el, 'section[data-module=changeOrders]'));
    expect(textOf(el)).to.contain('Next milestone');
    expect(textOf(el)).to.contain('€6,800.00');
  });

  it('uses the builder locale when the page sets no lang', async () => {
    const project = { tenantId: 't', id: 'p', name: 'Maison' };
    const at = new Date();
    const feed = {
      project,
      tenant: { name: 'Bâtisseurs', locale: 'fr', currency: 'EUR' },
      modules: { changeOrders: [{ tenantId: 't', projectId: 'p', module: 'changeOrders', id: 'c', kind: 'item', name: 'Avenant 1', updatedAt: at, meta: { amount: 1234.5 } }] },
    } as unknown as Feed;
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${fakeClient({ view: { projects: async () => [project], feed: async () => feed } })}></sg-portal-view>`);
    await until(() => $(el, 'section[data-module=changeOrders]'));
    expect(textOf(el)).to.match(/1\s234,50\s€/);
    // One item changed this week: the singular form of the language.
    expect(textOf($(el, '.overview')!)).to.contain('1 élément mis à jour cette semaine');
  });

  it('writes "1 client", not "1 clients", in English and in French', async () => {
    // The other builder of the mock has no client yet: add exactly one.
    mock.staff = { type: 'staff', tenantId: 'globex', userId: 'u-bob' };
    await staffClient().clients.add({ email: 'one@example.com', projectIds: ['p-maple'], invite: false });
    const en = await fixture<SgClientList>(html`<sg-client-list .client=${staffClient()}></sg-client-list>`);
    await until(() => $(en, '.count')?.textContent?.trim() === '1 client');
    const wrapper = await fixture<HTMLElement>(html`<div lang="fr"><sg-client-list .client=${staffClient()}></sg-client-list></div>`);
    const fr = wrapper.querySelector<SgClientList>('sg-client-list')!;
    await until(() => $(fr, '.count')?.textContent?.trim() === '1 client');
    await staffClient().clients.add({ email: 'two@example.com', projectIds: ['p-maple'], invite: false });
    const two = await fixture<SgClientList>(html`<sg-client-list .client=${staffClient()}></sg-client-list>`);
    await until(() => $(two, '.count')?.textContent?.trim() === '2 clients');
  });
});
