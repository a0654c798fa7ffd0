import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { SgAcceptInvite, SgResetPassword, SgSignIn } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, asRgb, fakeClient, HOSTILE_NAME, HOSTILE_URL, pwned, resolvedColor, shots, textOf, until } from './support/helpers.js';
import { staffClient, startMocks } from './support/mocks.js';

const LOGO = () => `${location.origin}/test/browser/support/photo.svg`;
const DARK = '#0f5132'; // reads on white (8.9:1): becomes the accent
const DARK_RGB = 'rgb(15, 81, 50)';
const LIGHT = '#ffd400'; // does not (1.4:1): marks the card's edge only (in the light theme)

const base = (el: Element) => $(el, '[part=base]')!;
/** The accent the card's content is drawn in. */
const accentOf = (el: Element) => resolvedColor(base(el), '--_accent');
const buttonColor = (el: Element) => asRgb(getComputedStyle($(el, '[part=submit]')!).backgroundColor);
const DEFAULT_BUTTON = 'rgb(29, 95, 191)'; // --sg-color-accent's built-in #1d5fbf

/** Nothing of any element sticks out of a 390 px wide page. */
async function fitsPhone(el: Element): Promise<void> {
  const { setViewport } = await import('@web/test-runner-commands');
  await setViewport({ width: 390, height: 900 });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (const node of el.shadowRoot!.querySelectorAll('*')) expect(node.getBoundingClientRect().right, node.outerHTML.slice(0, 60)).to.be.at.most(390);
  await setViewport({ width: 800, height: 600 });
}

describe('the builder’s brand on the sign-in, reset and accept pages (msw mocks)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
    mock.staff = null; // a visitor
  });

  it('sign-in wears the tenant’s logo and a readable accent colour', async () => {
    mock.tenants.acme!.brand = { accentColor: DARK, logoUrl: LOGO() };
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" .client=${staffClient()}></sg-sign-in>`);
    const logo = await until(() => $<HTMLImageElement>(el, '[part=logo]'));
    await until(() => $(el, 'form'));
    expect(logo.src).to.equal(LOGO());
    expect(logo.alt).to.equal('Acme Builders');
    expect(base(el).classList.contains('branded')).to.equal(true);
    expect(accentOf(el)).to.equal(DARK_RGB);
    await until(() => buttonColor(el) === DARK_RGB); // after the buttons' colour transition
    await expect(el).to.be.accessible();
    await shots('sign-in-brand', el);
    await fitsPhone(el);
  });

  it('a light brand colour marks the card but keeps the readable default accent', async () => {
    mock.tenants.acme!.brand = { accentColor: LIGHT };
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" .client=${staffClient()}></sg-sign-in>`);
    await until(() => base(el).classList.contains('branded') && $(el, 'form'));
    expect(getComputedStyle(base(el)).borderTopColor).to.equal('rgb(255, 212, 0)');
    expect(accentOf(el)).to.equal(DEFAULT_BUTTON);
    // Once any colour transition has ended: while one runs (a hover as the card lays out under
    // the pointer) Chrome reports the colour in oklab.
    await until(() => buttonColor(el) === DEFAULT_BUTTON);
    expect($(el, '[part=logo]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('an unknown tenant gets the default look and no error', async () => {
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="nobody" .client=${staffClient()}></sg-sign-in>`);
    await until(() => $(el, 'form'));
    await new Promise((r) => setTimeout(r, 100));
    expect(base(el).classList.contains('branded')).to.equal(false);
    expect($(el, '[part=logo]')).to.equal(null);
    expect($(el, '[role=alert]')).to.equal(null);
    await until(() => buttonColor(el) === DEFAULT_BUTTON); // after any colour transition
  });

  it('the reset page wears the brand from its tenant-id', async () => {
    mock.tenants.acme!.brand = { accentColor: DARK, logoUrl: LOGO() };
    await staffClient().passwords.requestReset({ tenantId: 'acme', email: 'dana@example.com' });
    const token = await until(() => mock.accountLinkToken('dana@example.com', 'password-reset'));
    const el = await fixture<SgResetPassword>(html`<sg-reset-password token=${token} tenant-id="acme" .client=${staffClient()}></sg-reset-password>`);
    await until(() => $(el, 'form') && $(el, '[part=logo]'));
    expect(accentOf(el)).to.equal(DARK_RGB);
    await until(() => buttonColor(el) === DARK_RGB); // after the buttons' colour transition
    await expect(el).to.be.accessible();
    await shots('reset-password-brand', el);
    await fitsPhone(el);
  });

  it('a dead reset link keeps the brand (from tenant-id) on its "get a new link" page', async () => {
    mock.tenants.acme!.brand = { accentColor: DARK, logoUrl: LOGO() };
    const el = await fixture<SgResetPassword>(html`<sg-reset-password token="acme.not-a-token" tenant-id="acme" .client=${staffClient()}></sg-reset-password>`);
    await until(() => $(el, '[part=message]') && $(el, '[part=logo]'));
    expect(accentOf(el)).to.equal(DARK_RGB);
    await expect(el).to.be.accessible();
    await shots('reset-password-dead-brand', el);
  });

  it('the accept page wears a live invite’s brand', async () => {
    mock.tenants.acme!.brand = { accentColor: DARK, logoUrl: LOGO() };
    mock.staff = { type: 'staff', tenantId: 'acme', userId: 'u-alice' };
    await staffClient().clients.add({ email: 'new@example.com', name: 'Nia New', projectIds: ['p-maple'] });
    await mock.portal.outbox.flush();
    const token = mock.inviteToken('new@example.com')!;
    mock.staff = null;
    const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite token=${token} .client=${staffClient()}></sg-accept-invite>`);
    await until(() => $(el, 'form'));
    expect($<HTMLImageElement>(el, '[part=logo]')!.alt).to.equal('Acme Builders');
    expect(accentOf(el)).to.equal(DARK_RGB);
    await until(() => buttonColor(el) === DARK_RGB); // after the buttons' colour transition
    await expect(el).to.be.accessible();
    await shots('accept-invite-brand', el);
    await fitsPhone(el);
  });
});

describe('brand values a page must not use (fake client)', () => {
  it('drops a non-hex colour and a non-http(s) logo, and escapes the name', async () => {
    const client = fakeClient({
      tenants: { look: async () => ({ name: HOSTILE_NAME, brand: { accentColor: 'red;background:url(x)', logoUrl: HOSTILE_URL } }) },
      me: () => Promise.reject(Object.assign(new Error('signed out'), { code: 'unauthenticated' })),
    });
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" .client=${client}></sg-sign-in>`);
    await until(() => $(el, 'form'));
    await new Promise((r) => setTimeout(r, 50));
    expect($(el, '[part=logo]')).to.equal(null);
    expect(base(el).classList.contains('branded')).to.equal(false);
    expect(accentOf(el)).to.equal(DEFAULT_BUTTON);
    await until(() => buttonColor(el) === DEFAULT_BUTTON); // after any colour transition
    expect(pwned()).to.equal(undefined);
  });

  it('shows an http(s) logo with a hostile name only as alt text', async () => {
    const client = fakeClient({
      tenants: { look: async () => ({ name: HOSTILE_NAME, brand: { logoUrl: LOGO() } }) },
      me: () => Promise.reject(new Error('signed out')),
    });
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" .client=${client}></sg-sign-in>`);
    const logo = await until(() => $<HTMLImageElement>(el, '[part=logo]'));
    expect(logo.alt).to.equal(HOSTILE_NAME);
    expect(el.shadowRoot!.querySelectorAll('img').length).to.equal(1);
    expect(textOf(el)).not.to.contain('onerror');
    expect(pwned()).to.equal(undefined);
  });
});
