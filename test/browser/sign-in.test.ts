import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgSignIn } from '../../components/index.js';
import { MOCK_PASSWORD } from '../../src/mocks/index.js';
import { $, shot, textOf, until } from './support/helpers.js';
import { startMocks, staffClient } from './support/mocks.js';

describe('sg-sign-in (msw mocks)', () => {
  beforeEach(async () => {
    const mock = await startMocks();
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

  it('asks for both fields before sending', async () => {
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" .client=${staffClient()}></sg-sign-in>`);
    await until(() => $(el, 'form'));
    $(el, '[part=submit]')!.click();
    await el.updateComplete;
    expect($(el, '#email')!.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.id).to.equal('email');
  });
});
