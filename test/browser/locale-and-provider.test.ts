import { expect, fixture, html } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import '../../components/index.js';
import { portalClientContext, providePortalClient, setTranslations, type SgClientList, type SgPortalProvider, type SgSignIn } from '../../components/index.js';
import { $, fakeClient, textOf, until } from './support/helpers.js';
import { startMocks } from './support/mocks.js';

const french = {
  signInTitle: 'Connectez-vous à votre portail client',
  signInEmail: 'Adresse e-mail',
  signInPassword: 'Mot de passe',
  signInSubmit: 'Se connecter',
  clientsTitle: 'Portail client',
  clientsInvite: 'Inviter un client',
  status_active: 'Actif',
};

describe('localisation, direction and the provider', () => {
  afterEach(() => setTranslations(null));

  it('replaces strings globally, and per element on top', async () => {
    const client = fakeClient({ me: () => Promise.reject(new Error('no session')) });
    const el = await fixture<SgSignIn>(html`<sg-sign-in lang="fr" .client=${client}></sg-sign-in>`);
    await until(() => $(el, 'form'));
    setTranslations(french);
    await el.updateComplete;
    expect(textOf(el)).to.contain('Connectez-vous');
    expect($(el, 'label[for=password]')!.textContent).to.equal('Mot de passe');
    el.strings = { signInSubmit: 'Entrer' };
    await el.updateComplete;
    expect($(el, '[part=submit]')!.textContent).to.contain('Entrer');
    setTranslations(null);
    await el.updateComplete;
    expect(textOf(el)).to.contain('Sign in to your client portal');
  });

  it('lays out right to left under dir="rtl"', async () => {
    setTranslations(french);
    const client = fakeClient({
      projects: { list: async () => [] },
      clients: { list: async () => ({ items: [{ id: 'c', email: 'a@example.com', name: 'سارة', projectIds: [], status: 'active' } as never], nextCursor: null }) },
    });
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl" lang="ar"><sg-client-list .client=${client}></sg-client-list></div>`);
    const el = wrapper.querySelector<SgClientList>('sg-client-list')!;
    const row = await until(() => $(el, '.row'));
    expect(getComputedStyle(row).direction).to.equal('rtl');
    const name = row.querySelector('.name')!.getBoundingClientRect();
    const menu = row.querySelector('.more')!.getBoundingClientRect();
    expect(name.left).to.be.greaterThan(menu.left); // first column starts on the right
    expect(textOf(el)).to.contain('Inviter un client');
    expect(row.querySelector('[part=badge]')!.textContent).to.equal('Actif');
    await expect(el).to.be.accessible();
  });

  it('<sg-portal-provider base-url> creates the api client for the elements inside', async () => {
    const mock = await startMocks();
    mock.staff = null;
    const provider = await fixture<SgPortalProvider>(html`<sg-portal-provider base-url="/api/portal"><sg-sign-in tenant-id="acme"></sg-sign-in></sg-portal-provider>`);
    const el = provider.querySelector<SgSignIn>('sg-sign-in')!;
    await until(() => el.client && $(el, 'form'));
    expect(el.client).to.equal(provider.client);
  });

  it('a page can set .client on the provider, or provide with a plain ContextProvider', async () => {
    const client = fakeClient({ me: () => Promise.reject(new Error('no session')) });
    const provider = await fixture<SgPortalProvider>(html`<sg-portal-provider .client=${client}><sg-sign-in></sg-sign-in></sg-portal-provider>`);
    expect(provider.querySelector<SgSignIn>('sg-sign-in')!.client).to.equal(client);

    const host = document.createElement('div');
    new ContextProvider(host, { context: portalClientContext, initialValue: client });
    document.body.append(host);
    const el = document.createElement('sg-sign-in');
    host.append(el);
    await until(() => el.client === client);
    host.remove();
  });

  it('providePortalClient reaches the elements already in the page, and hands them a new client later', async () => {
    const host = document.createElement('div');
    host.innerHTML = '<sg-sign-in tenant-id="acme"></sg-sign-in><section><sg-sign-in tenant-id="acme"></sg-sign-in></section>';
    document.body.append(host);
    const [first, nested] = [...host.querySelectorAll<SgSignIn>('sg-sign-in')];
    await first!.updateComplete;
    // Connected with no provider anywhere: no client yet.
    expect(first!.client).to.equal(undefined);
    const client = fakeClient({ me: () => Promise.reject(new Error('no session')) });
    const provider = providePortalClient(host, client);
    await until(() => first!.client === client && nested!.client === client);
    await until(() => $(first!, 'form'));
    const next = fakeClient({ me: () => Promise.reject(new Error('no session')) });
    provider.setValue(next);
    await until(() => first!.client === next && nested!.client === next);
    // An element outside the provided root is not given the client.
    const outside = document.createElement('sg-sign-in');
    document.body.append(outside);
    providePortalClient(host, client);
    await outside.updateComplete;
    expect(outside.client).to.equal(undefined);
    outside.remove();
    host.remove();
  });
});
