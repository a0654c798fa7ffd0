import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgSignIn } from '../../components/index.js';
import { $, fakeClient, textOf, until } from './support/helpers.js';

/**
 * An element inside another component's shadow root (a framework's, say) speaks the page's
 * language: `lang` is looked for past the shadow roots around it, not only within its own tree.
 */
describe('the page language through shadow roots', () => {
  it('takes the nearest lang past the shadow root of the component it sits in', async () => {
    const client = fakeClient({ me: () => Promise.reject(new Error('no session')) });
    const page = await fixture<HTMLDivElement>(html`<div lang="fr"><div></div></div>`);
    const root = page.firstElementChild!.attachShadow({ mode: 'open' });
    const el = document.createElement('sg-sign-in') as SgSignIn;
    el.client = client;
    root.append(el);
    await until(() => $(el, 'form'));
    expect(textOf(el)).to.contain('Connectez-vous à votre portail client');
    // The nearest one wins, also inside the shadow root.
    const english = document.createElement('div');
    english.lang = 'en';
    root.append(english);
    const inner = document.createElement('sg-sign-in') as SgSignIn;
    inner.client = client;
    english.append(inner);
    await until(() => $(inner, 'form'));
    expect(textOf(inner)).to.contain('Sign in to your client portal');
  });
});

describe('a page that switches language', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('has its elements speak the new language at once, and the old one again when it switches back', async () => {
    const el = await fixture<SgSignIn>(html`<sg-sign-in .client=${fakeClient({ me: () => Promise.reject(new Error('no session')) })}></sg-sign-in>`);
    await until(() => $(el, 'form'));
    expect(textOf(el)).to.contain('Sign in to your client portal');
    // As a single-page app's language menu does: nothing else happens on the page.
    document.documentElement.lang = 'fr';
    await until(() => textOf(el).includes('Connectez-vous à votre portail client'));
    document.documentElement.lang = 'en';
    await until(() => textOf(el).includes('Sign in to your client portal'));
    // A lang on a wrapper nearer the element is followed as well.
    el.parentElement!.lang = 'fr';
    await until(() => textOf(el).includes('Connectez-vous à votre portail client'));
  });
});
