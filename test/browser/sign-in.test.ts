import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgSignIn, SgSignInEvent } from '../../components/index.js';
import { createPortalClient } from '../../src/client/index.js';
import { MOCK_PASSWORD } from '../../src/mocks/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, shot, shots, textOf, until } from './support/helpers.js';
import { clientAs, startMocks, staffClient } from './support/mocks.js';

describe('sg-sign-in (msw mocks)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
    mock.staff = null; // a visitor, not staff
  });

  it('signs in by keyboard and signs out by click', async () => {
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" .client=${staffClient()}></sg-sign-in>`);
    await until(() => $(el, 'form'));
    await expect(el).to.be.accessible();
    await shot('sign-in', el);
    const signedIn: Event[] = [];
    el.addEventListener('sg-sign-in', (e) => signedIn.push(e));
    $(el, '#email')!.focus();
    await sendKeys({ type: 'dana@example.com' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: MOCK_PASSWORD });
    await sendKeys({ press: 'Enter' });
    await until(() => signedIn.length);
    expect(textOf(el)).to.contain('Signed in as dana@example.com');
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('sign-out');
    const out: Event[] = [];
    el.addEventListener('sg-sign-out', (e) => out.push(e));
    $(el, '[part=sign-out]')!.click();
    await until(() => out.length);
    await until(() => $(el, 'form'));
    expect(textOf(el)).to.contain('You are signed out');
  });

  it('shows a wrong password as words', async () => {
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" .client=${staffClient()}></sg-sign-in>`);
    await until(() => $(el, 'form'));
    ($(el, '#email') as HTMLInputElement).value = 'dana@example.com';
    ($(el, '#password') as HTMLInputElement).value = 'not-the-password';
    $(el, '[part=submit]')!.click();
    const alert = await until(() => $(el, '[role=alert]'));
    expect(alert.textContent).to.contain('email or password is incorrect');
    await expect(el).to.be.accessible();
  });

  it('with no-session, shows the form without asking who is signed in', async () => {
    // A client with a session: asked, the element would say "Signed in as".
    const api = await clientAs(mock, 'dana@example.com');
    let asked = 0;
    const me = api.me.bind(api);
    api.me = () => (asked++, me());
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" no-session .client=${api}></sg-sign-in>`);
    await until(() => $(el, 'form'));
    expect(asked).to.equal(0);
    const asking = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" .client=${api}></sg-sign-in>`);
    await until(() => textOf(asking).includes('Signed in as dana@example.com'));
    expect(asked).to.equal(1);
  });

  it('asks for both fields before sending', async () => {
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" .client=${staffClient()}></sg-sign-in>`);
    await until(() => $(el, 'form'));
    $(el, '[part=submit]')!.click();
    await el.updateComplete;
    expect($(el, '#email')!.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.id).to.equal('email');
  });
});

describe('sg-sign-in: forgot password and sign-in links (msw mocks)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
    mock.staff = null;
  });

  it('offers only the password by default; "Forgot password?" mails a link by keyboard', async () => {
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" .client=${staffClient()}></sg-sign-in>`);
    await until(() => $(el, 'form'));
    expect($(el, '[part=link]')).to.equal(null);
    $(el, '[part=submit]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('forgot');
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.activeElement?.id === 'email');
    expect(textOf(el)).to.contain('Reset your password');
    await expect(el).to.be.accessible();
    await shots('sign-in-forgot', el);
    await sendKeys({ type: 'dana@example.com' });
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(el).includes('If an account exists for that address, we sent a link'));
    // The form and its button are gone: focus is on the answer, not dropped to the page.
    await until(() => el.shadowRoot!.activeElement?.hasAttribute('data-sent'));
    await until(() => mock.accountLinkToken('dana@example.com', 'password-reset'));
    await expect(el).to.be.accessible();
    await shots('sign-in-link-sent', el);
    $(el, '[part=back]')!.click();
    await until(() => el.shadowRoot!.activeElement?.id === 'email');
  });

  it('carries the address typed into "Forgot password?" and back', async () => {
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" .client=${staffClient()}></sg-sign-in>`);
    await until(() => $(el, 'form'));
    ($(el, '#email') as HTMLInputElement).value = 'dana@example.com';
    ($(el, '#password') as HTMLInputElement).value = 'not-the-password';
    $(el, '[part=submit]')!.click();
    await until(() => $(el, '[role=alert]'));
    $(el, '[part=forgot]')!.click();
    await until(() => textOf(el).includes('Reset your password'));
    expect(($(el, '#email') as HTMLInputElement).value).to.equal('dana@example.com');
    // Corrected here, the address goes back to the password form as corrected.
    ($(el, '#email') as HTMLInputElement).value = 'dana.m@example.com';
    $(el, '[part=back]')!.click();
    await until(() => $(el, '#password'));
    expect(($(el, '#email') as HTMLInputElement).value).to.equal('dana.m@example.com');
    // After a link is sent, the form it came back to holds the address it went to.
    $(el, '[part=forgot]')!.click();
    await until(() => textOf(el).includes('Reset your password'));
    ($(el, '#email') as HTMLInputElement).value = 'dana@example.com';
    $(el, '[part=submit]')!.click();
    await until(() => $(el, '[data-sent]'));
    $(el, '[part=back]')!.click();
    await until(() => $(el, '#password'));
    expect(($(el, '#email') as HTMLInputElement).value).to.equal('dana@example.com');
  });

  it('answers an unknown address with the same words, and asks for an empty one', async () => {
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" .client=${staffClient()}></sg-sign-in>`);
    await until(() => $(el, '[part=forgot]'));
    $(el, '[part=forgot]')!.click();
    await until(() => $(el, '#email'));
    $(el, '[part=submit]')!.click();
    await until(() => $(el, '#email[aria-invalid=true]'));
    expect(el.shadowRoot!.activeElement?.id).to.equal('email');
    ($(el, '#email') as HTMLInputElement).value = 'nobody@example.com';
    $(el, '[part=submit]')!.click();
    await until(() => textOf(el).includes('If an account exists for that address, we sent a link'));
    expect(mock.mail.messages.some((m) => m.to === 'nobody@example.com')).to.equal(false);
  });

  it('with methods="password link", mails a sign-in link and signs in with it from the fragment', async () => {
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" methods="password link" .client=${staffClient()}></sg-sign-in>`);
    await until(() => $(el, '[part=link]'));
    await expect(el).to.be.accessible();
    await shots('sign-in-with-link-offer', el);
    $(el, '[part=link]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.activeElement?.id === 'email');
    expect(textOf(el)).to.contain('one-time sign-in link');
    await sendKeys({ type: 'dana@example.com' });
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(el).includes('If an account exists for that address, we sent a link'));
    const token = await until(() => mock.accountLinkToken('dana@example.com', 'sign-in'));

    history.replaceState(null, '', `${location.pathname}#token=${encodeURIComponent(token)}`);
    const signedIn: SgSignInEvent[] = [];
    document.addEventListener('sg-sign-in', (e) => signedIn.push(e), { once: true });
    const page = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" methods="password link" .client=${staffClient()}></sg-sign-in>`);
    expect(location.hash).to.equal('');
    (await until(() => $<HTMLElement>(page, '[part=use-link]'))).click();
    await until(() => signedIn.length);
    expect(signedIn[0]!.detail.client.email).to.equal('dana@example.com');
    await until(() => textOf(page).includes('Signed in as dana@example.com'));
  });

  it('uses a sign-in link opening the page only when its button is pressed, not on load', async () => {
    // Mail scanners open links in a browser that runs the page: loading it must not spend the link.
    await staffClient().sessions.requestLink({ tenantId: 'acme', email: 'dana@example.com' });
    const token = await until(() => mock.accountLinkToken('dana@example.com', 'sign-in'));
    // Someone else is signed in on this browser: the link the client just opened comes first.
    const client = await clientAs(mock, 'eli@example.com');
    const used: string[] = [];
    const signInWithLink = client.sessions.signInWithLink.bind(client.sessions);
    client.sessions.signInWithLink = (t) => (used.push(t), signInWithLink(t));
    let askedWho = 0;
    const me = client.me.bind(client);
    client.me = () => (askedWho++, me());
    const signedIn: SgSignInEvent[] = [];
    document.addEventListener('sg-sign-in', (e) => signedIn.push(e), { once: true });

    history.replaceState(null, '', `${location.pathname}#token=${encodeURIComponent(token)}`);
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" methods="password link" .client=${client}></sg-sign-in>`);
    // Rendered and settled (long enough for the mock server to have answered), the page has not used the link.
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 300));
    await el.updateComplete;
    expect(used).to.deep.equal([]);
    expect(signedIn).to.deep.equal([]);
    expect(askedWho).to.equal(0);
    const button = $<HTMLButtonElement>(el, '[part=use-link]')!;
    expect(textOf(el)).to.contain('Sign in with your link');
    expect(textOf(el)).to.contain('This one-time link signs you in on this device.');
    expect(textOf(el)).not.to.contain('Signed in as');
    expect(textOf(button)).to.equal('Sign in');
    // The token left the address bar, kept in this history entry until it is used.
    expect(location.hash).to.equal('');
    expect(JSON.stringify(history.state)).to.contain(token);
    // Nothing took focus on load.
    expect(el.shadowRoot!.activeElement).to.equal(null);
    await expect(el).to.be.accessible();
    await shots('sign-in-link-waiting', el);

    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => signedIn.length);
    expect(used).to.deep.equal([token]);
    expect(signedIn[0]!.detail.client.email).to.equal('dana@example.com');
    await until(() => textOf(el).includes('Signed in as dana@example.com'));
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('sign-out');
    expect(JSON.stringify(history.state ?? null)).not.to.contain(token);
  });

  it('a used sign-in link says so and offers a new one', async () => {
    await staffClient().sessions.requestLink({ tenantId: 'acme', email: 'dana@example.com' });
    const token = await until(() => mock.accountLinkToken('dana@example.com', 'sign-in'));
    await staffClient().sessions.signInWithLink(token);
    await staffClient().sessions.signOut();
    history.replaceState(null, '', `${location.pathname}#token=${encodeURIComponent(token)}`);
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" methods="password link" .client=${staffClient()}></sg-sign-in>`);
    (await until(() => $<HTMLElement>(el, '[part=use-link]'))).click();
    const alert = await until(() => $(el, '[role=alert]'));
    expect(textOf(el)).to.match(/link has already been used|link is not valid/);
    // The button that was pressed is gone: focus is on what went wrong.
    await until(() => el.shadowRoot!.activeElement === alert);
    expect($(el, '#email')).to.not.equal(null);
    await expect(el).to.be.accessible();
    await shots('sign-in-link-used', el);
  });

  it('wraps its longest French label inside the card at 390 px, and in English', async () => {
    await import('../../components/i18n/fr.js');
    history.replaceState(null, '', location.pathname); // no sign-in link left in the address by the test before
    await setViewport({ width: 390, height: 844 });
    try {
      for (const lang of ['fr', 'en']) {
        const page = await fixture<HTMLElement>(html`<div lang=${lang}><sg-sign-in tenant-id="acme" methods="password link" .client=${staffClient()}></sg-sign-in></div>`);
        const el = page.querySelector<SgSignIn>('sg-sign-in')!;
        const offer = await until(() => $(el, '[part=link]'));
        if (lang === 'fr') expect(textOf(offer)).to.equal('Recevoir un lien de connexion par e-mail');
        expect(document.documentElement.scrollWidth, lang).to.be.at.most(390);
        const card = $(el, '[part=base]')!.getBoundingClientRect();
        for (const button of [offer, $(el, '[part=forgot]')!]) expect(button.getBoundingClientRect().right, `${lang} ${textOf(button)}`).to.be.at.most(card.right);
        if (lang === 'fr') await shot('sign-in-fr-390', el);
      }
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('keeps the fragment of a page that does not take sign-in links', async () => {
    history.replaceState(null, '', `${location.pathname}#token=abc`);
    await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" .client=${staffClient()}></sg-sign-in>`);
    expect(location.hash).to.equal('#token=abc');
    history.replaceState(null, '', location.pathname);
  });
});

describe('sg-sign-in: no answer from the server', () => {
  it('says to check the connection when the request never reached the server, in English and French', async () => {
    await import('../../components/i18n/fr.js');
    const offline = createPortalClient({ baseUrl: 'https://portal.test/api/portal', retries: 0, fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    for (const [lang, words] of [
      ['en', 'Could not reach the server. Check your connection and try again.'],
      ['fr', 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.'],
    ]) {
      const page = await fixture<HTMLElement>(html`<div lang=${lang}><sg-sign-in tenant-id="acme" .client=${offline}></sg-sign-in></div>`);
      const el = page.querySelector<SgSignIn>('sg-sign-in')!;
      await until(() => $(el, 'form'));
      ($(el, '#email') as HTMLInputElement).value = 'dana@example.com';
      ($(el, '#password') as HTMLInputElement).value = 'secret';
      $(el, '[part=submit]')!.click();
      const alert = await until(() => $(el, '[role=alert]'));
      expect(textOf(alert), lang).to.equal(words);
    }
  });
});
