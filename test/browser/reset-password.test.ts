import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgResetPassword, SgSignInEvent } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, fakeClient, nodeName, shots, textOf, until } from './support/helpers.js';
import { staffClient, startMocks } from './support/mocks.js';

/** Mails dana a reset link through the real core behind msw and returns its token. */
async function resetToken(mock: MockPortal): Promise<string> {
  await staffClient().passwords.requestReset({ tenantId: 'acme', email: 'dana@example.com' });
  return until(() => mock.accountLinkToken('dana@example.com', 'password-reset'));
}

async function open(token: string): Promise<SgResetPassword> {
  return fixture<SgResetPassword>(html`<sg-reset-password token=${token} tenant-id="acme" .client=${staffClient()}></sg-reset-password>`);
}

describe('sg-reset-password (msw mocks)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
    mock.staff = null; // a visitor, not staff
  });

  it('sets a new password by keyboard and signs the client in', async () => {
    const el = await open(await resetToken(mock));
    await until(() => $(el, 'form'));
    expect(textOf(el)).to.contain('Set a new password for dana@example.com');
    expect(textOf(el)).to.contain('not a commonly used password');
    await expect(el).to.be.accessible();
    await shots('reset-password', el);
    const events: SgSignInEvent[] = [];
    el.addEventListener('sg-sign-in', (e) => events.push(e));
    $(el, '#password')!.focus();
    await sendKeys({ type: 'a brand new passphrase' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'a brand new passphrase' });
    await sendKeys({ press: 'Enter' });
    await until(() => events.length);
    expect(events[0]!.detail.client.email).to.equal('dana@example.com');
    expect(textOf(el)).to.contain('Your password is set and you are signed in');
    await expect(el).to.be.accessible();
    await shots('reset-password-done', el);
  });

  it('keeps focus on the busy button, then puts it on "password set" (the form is gone)', async () => {
    let finish!: () => void;
    const client = fakeClient({
      tenants: { look: async () => ({}) } as never,
      passwords: {
        inspect: async () => ({ status: 'pending', email: 'dana@example.com' }) as never,
        reset: () => new Promise((resolve) => (finish = () => resolve({ client: { id: 'c1', email: 'dana@example.com' } as never, session: { token: 's', expiresAt: new Date() } }))),
      },
    });
    const el = await fixture<SgResetPassword>(html`<sg-reset-password token="t1" .client=${client}></sg-reset-password>`);
    await until(() => $(el, 'form'));
    for (const id of ['#password', '#confirm']) ($(el, id) as HTMLInputElement).value = 'a brand new passphrase';
    const submit = $<HTMLButtonElement>(el, '[part=submit]')!;
    submit.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(nodeName(el.shadowRoot!.activeElement)).to.equal(nodeName(submit));
    expect(textOf(submit)).to.equal('Setting password…');
    finish();
    const done = await until(() => $(el, '[role=status]'));
    expect(textOf(done)).to.contain('Your password is set');
    await until(() => el.shadowRoot!.activeElement === done);
    await expect(el).to.be.accessible();
  });

  it('shows the server’s rule next to the field and keeps the link usable', async () => {
    const token = await resetToken(mock);
    const el = await open(token);
    await until(() => $(el, 'form'));
    for (const id of ['#password', '#confirm']) ($(el, id) as HTMLInputElement).value = 'aaaaaaaaaaaa';
    $(el, '[part=submit]')!.click();
    const error = await until(() => $(el, '#password-error')?.textContent?.includes('repeats') && $(el, '#password-error'));
    expect($(el, '#password')!.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.id).to.equal('password');
    // The rule by its code, in the element's own words: a sentence, not the server's fragment.
    expect(error.textContent).to.equal('This repeats a few characters. Choose one that is harder to guess.');
    await expect(el).to.be.accessible();
    await shots('reset-password-weak', el);
    expect((await staffClient().passwords.inspect(token)).status).to.equal('pending');
  });

  it('says a refused password in the page’s language', async () => {
    const token = await resetToken(mock);
    const wrapper = await fixture<HTMLElement>(html`<div lang="fr"><sg-reset-password token=${token} tenant-id="acme" .client=${staffClient()}></sg-reset-password></div>`);
    const el = wrapper.querySelector<SgResetPassword>('sg-reset-password')!;
    await until(() => $(el, 'form'));
    for (const id of ['#password', '#confirm']) ($(el, id) as HTMLInputElement).value = 'password1234';
    $(el, '[part=submit]')!.click();
    const error = await until(() => ($(el, '#password-error')?.textContent ? $(el, '#password-error') : undefined));
    expect(error.textContent).to.equal('C’est l’un des mots de passe les plus courants. Choisissez-en un plus difficile à deviner.');
  });

  it('checks length and repeat before sending', async () => {
    const el = await open(await resetToken(mock));
    await until(() => $(el, 'form'));
    ($(el, '#password') as HTMLInputElement).value = 'short';
    $(el, '[part=submit]')!.click();
    await until(() => $(el, '#password[aria-invalid=true]'));
    expect(textOf(el)).to.contain('Use at least 10 characters');
    ($(el, '#password') as HTMLInputElement).value = 'a long enough one';
    ($(el, '#confirm') as HTMLInputElement).value = 'something else';
    $(el, '[part=submit]')!.click();
    await until(() => $(el, '#confirm[aria-invalid=true]'));
    expect(el.shadowRoot!.activeElement?.id).to.equal('confirm');
  });

  it('a used link says so and mails a new one by keyboard, with the same words for any address', async () => {
    const token = await resetToken(mock);
    await staffClient().passwords.reset(token, { password: 'a brand new passphrase' });
    const el = await open(token);
    await until(() => $(el, '[part=message]'));
    expect(textOf(el)).to.contain('This reset link has already been used');
    await expect(el).to.be.accessible();
    await shots('reset-password-used', el);
    const sentBefore = mock.mail.messages.length;
    $(el, '#email')!.focus();
    await sendKeys({ type: 'dana@example.com' });
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(el).includes('If an account exists for that address, we sent a link'));
    await until(() => mock.mail.messages.length > sentBefore);
    await expect(el).to.be.accessible();
    await shots('reset-password-sent', el);

    const other = await open(token);
    await until(() => $(other, '#email'));
    ($(other, '#email') as HTMLInputElement).value = 'nobody@example.com';
    $(other, '[part=submit]')!.click();
    await until(() => textOf(other).includes('If an account exists for that address, we sent a link'));
  });

  it('an expired link says so', async () => {
    const token = await resetToken(mock);
    mock.advance(2 * 3_600_000);
    const el = await open(token);
    await until(() => $(el, '[part=message]'));
    expect(textOf(el)).to.contain('This reset link has expired');
    await expect(el).to.be.accessible();
    await shots('reset-password-expired', el);
  });

  it('a replaced or unknown link is no longer valid', async () => {
    const first = await resetToken(mock);
    await resetToken(mock); // a newer link supersedes the first
    for (const token of [first, 'not-a-token']) {
      const el = await open(token);
      await until(() => $(el, '[part=message]'));
      expect(textOf(el)).to.contain('This reset link is no longer valid');
    }
  });

  it('reads the token from the URL fragment and takes it out of the address bar', async () => {
    const token = await resetToken(mock);
    history.replaceState(null, '', `${location.pathname}${location.search}#token=${encodeURIComponent(token)}`);
    const el = await fixture<SgResetPassword>(html`<sg-reset-password tenant-id="acme" .client=${staffClient()}></sg-reset-password>`);
    expect(location.hash).to.equal('');
    expect(el.token).to.equal(token);
    await until(() => $(el, 'form #password'));
    // A reload still has the link; setting the password uses it, and a reload after that does not.
    const reloaded = await fixture<SgResetPassword>(html`<sg-reset-password tenant-id="acme" .client=${staffClient()}></sg-reset-password>`);
    expect(reloaded.token).to.equal(token);
    await until(() => $(reloaded, 'form #password'));
    ($(reloaded, '#password') as HTMLInputElement).value = 'a brand new passphrase';
    ($(reloaded, '#confirm') as HTMLInputElement).value = 'a brand new passphrase';
    ($(reloaded, 'form') as HTMLFormElement).requestSubmit();
    await until(() => textOf(reloaded).includes('Your password is set'));
    expect(history.state).to.equal(null);
    const after = await fixture<SgResetPassword>(html`<sg-reset-password tenant-id="acme" .client=${staffClient()}></sg-reset-password>`);
    expect(after.token).to.equal('');
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  });
});
