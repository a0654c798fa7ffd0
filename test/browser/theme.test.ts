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
