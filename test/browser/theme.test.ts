import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import { fakeClient } from './support/helpers.js';

/** The dark palette applies when asked for, and only then. */
describe('themes', () => {
  const surfaceOf = (el: Element) => getComputedStyle(el).getPropertyValue('--_surface').trim();

  it('uses the light palette by default and the dark one with theme="dark"', async () => {
    const client = fakeClient({});
    const light = await fixture(html`<sg-sign-in tenant-id="acme" .client=${client}></sg-sign-in>`);
    const dark = await fixture(html`<sg-sign-in tenant-id="acme" theme="dark" .client=${client}></sg-sign-in>`);
    expect(surfaceOf(dark)).to.contain('#161b22');
    expect(surfaceOf(light)).to.not.contain('#161b22');
  });
});

describe('themes from the provider', () => {
  const surfaceOf = (el: Element) => getComputedStyle(el).getPropertyValue('--_surface').trim();

  it('applies theme="dark" on <sg-portal-provider> to every element inside; page tokens still win', async () => {
    const client = fakeClient({});
    const provider = await fixture(html`<sg-portal-provider theme="dark" .client=${client}>
      <sg-sign-in tenant-id="acme"></sg-sign-in>
      <sg-share-button style="--sg-color-surface: rgb(1, 2, 3)"></sg-share-button>
    </sg-portal-provider>`);
    expect(provider.getAttribute('theme')).to.equal('dark');
    expect(surfaceOf(provider.querySelector('sg-sign-in')!)).to.equal('#161b22');
    expect(surfaceOf(provider.querySelector('sg-share-button')!)).to.equal('rgb(1, 2, 3)');
    provider.setAttribute('theme', 'light');
    await (provider as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(surfaceOf(provider.querySelector('sg-sign-in')!)).to.not.contain('#161b22');
  });
});
