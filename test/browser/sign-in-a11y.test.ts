import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgSignIn } from '../../components/index.js';
import { $, contrast, fakeClient, nodeName, problem, textOf, until } from './support/helpers.js';

/** Sign-in by keyboard: focus stays on the busy button, then goes to what the answer says. */

/** A promise held open until the test settles it. */
function pending<T>(): { promise: Promise<T>; reject: (error: unknown) => void } {
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((_resolve, rej) => (reject = rej));
  return { promise, reject };
}

async function signIn(sessions: Parameters<typeof fakeClient>[0]['sessions'], attrs = ''): Promise<SgSignIn> {
  const client = fakeClient({ me: () => Promise.reject(problem('unauthenticated')), sessions, tenants: { look: async () => ({}) } as never });
  const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" theme=${attrs || 'light'} .client=${client}></sg-sign-in>`);
  await until(() => $(el, 'form'));
  return el;
}

/**
 * Enter on `button` sends the request: focus stays on it, it says it is busy, and Enter pressed
 * again meanwhile sends nothing more (`calls()` stays 1).
 */
async function pressedWhileBusy(el: SgSignIn, button: HTMLButtonElement, calls: () => number): Promise<void> {
  button.focus();
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
  expect(nodeName(el.shadowRoot!.activeElement)).to.equal(nodeName(button));
  expect(button.getAttribute('aria-disabled')).to.equal('true');
  expect(textOf(button)).to.equal('Signing in…');
  await sendKeys({ press: 'Enter' });
  expect(calls()).to.equal(1);
}

describe('sg-sign-in: focus while signing in and after', () => {
  it('keeps focus on the busy button, then puts it on "incorrect password"', async () => {
    const answer = pending<never>();
    let calls = 0;
    const el = await signIn({ signIn: () => (calls++, answer.promise) } as never);
    ($(el, '#email') as HTMLInputElement).value = 'dana@example.com';
    ($(el, '#password') as HTMLInputElement).value = 'not-the-password';
    const submit = $<HTMLButtonElement>(el, '[part=submit]')!;
    await pressedWhileBusy(el, submit, () => calls);
    answer.reject(problem('invalid_credentials'));
    const alert = await until(() => $(el, '[role=alert]'));
    expect(textOf(alert)).to.contain('email or password is incorrect');
    await until(() => el.shadowRoot!.activeElement === alert);
    expect(submit.hasAttribute('aria-disabled')).to.equal(false);
    expect(textOf(submit)).to.equal('Sign in');
    await expect(el).to.be.accessible();
  });

  it('keeps focus on "Send sign-in link" while sending, then puts it on the error', async () => {
    const answer = pending<never>();
    const el = await signIn({ requestLink: () => answer.promise } as never, 'light');
    el.methods = 'password link';
    (await until(() => $<HTMLElement>(el, '[part=link]'))).click();
    await until(() => textOf(el).includes('Sign in with a link'));
    const email = $<HTMLInputElement>(el, '#email')!;
    email.value = 'dana@example.com';
    const submit = $<HTMLButtonElement>(el, '[part=submit]')!;
    submit.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(nodeName(el.shadowRoot!.activeElement)).to.equal(nodeName(submit));
    expect(textOf(submit)).to.equal('Sending…');
    answer.reject(problem('unavailable', 'The server is busy'));
    const alert = await until(() => $(el, '[role=alert]'));
    await until(() => el.shadowRoot!.activeElement === alert);
    expect(textOf(submit)).to.equal('Send sign-in link');
  });

  it('a sign-in link’s "Sign in" keeps focus while busy, then puts it on a dead link’s error', async () => {
    const answer = pending<never>();
    let calls = 0;
    const client = fakeClient({ me: () => Promise.reject(problem('unauthenticated')), sessions: { signInWithLink: () => (calls++, answer.promise) } as never, tenants: { look: async () => ({}) } as never });
    const start = location.pathname + location.search;
    history.replaceState(null, '', `${start}#token=link-1`);
    try {
      const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" methods="password link" .client=${client}></sg-sign-in>`);
      const use = await until(() => $<HTMLButtonElement>(el, '[part=use-link]'));
      expect(calls).to.equal(0);
      await pressedWhileBusy(el, use, () => calls);
      answer.reject(problem('link_used'));
      const alert = await until(() => $(el, '[role=alert]'));
      expect(textOf(alert)).to.contain('already been used');
      await until(() => el.shadowRoot!.activeElement === alert);
      expect($(el, '#email')).to.not.equal(null);
      await expect(el).to.be.accessible();
    } finally {
      history.replaceState(null, '', start);
    }
  });

  it('describes a field only by what exists: its error, and its hint when it has one', async () => {
    const el = await signIn({} as never);
    expect($(el, '#email')!.getAttribute('aria-describedby')).to.equal('email-error');
    expect($(el, '#password')!.getAttribute('aria-describedby')).to.equal('password-error');
    for (const node of el.shadowRoot!.querySelectorAll('[aria-describedby]')) {
      for (const id of node.getAttribute('aria-describedby')!.split(' ')) expect(el.shadowRoot!.getElementById(id), id).to.not.equal(null);
    }
  });

  it('draws field borders at 3:1 or more against the card, light and dark', async () => {
    for (const theme of ['light', 'dark']) {
      const el = await signIn({} as never, theme);
      const card = getComputedStyle($(el, '[part=base]')!).backgroundColor;
      for (const id of ['#email', '#password']) expect(contrast(getComputedStyle($(el, id)!).borderTopColor, card), `${theme} ${id}`).to.be.at.least(3);
      // Dividers and the card's own edge keep the lighter border.
      expect(contrast(getComputedStyle($(el, '[part=base]')!).borderTopColor, card), `${theme} card edge`).to.be.below(3);
    }
  });
});
