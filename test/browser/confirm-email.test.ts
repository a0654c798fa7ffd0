import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgConfirmEmail, SgSignInEvent } from '../../components/index.js';
import { createPortalClient } from '../../src/client/index.js';
import type { PortalClient, SignedIn } from '../../src/client/types.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, backToSignInByKeyboard, fakeClient, HOSTILE_NAME, nodeName, problem, pwned, shots, textOf, until } from './support/helpers.js';
import { BASE, staffClient, startMocks } from './support/mocks.js';

const STAFF = { type: 'staff', tenantId: 'acme', userId: 'u-alice' } as const;
const NEW_PASSWORD = 'a brand new passphrase';

/** The builder changes dana's address (through the real core behind msw); returns the token of the link mailed to `to`. */
async function confirmToken(mock: MockPortal, to = 'dana.new@example.com'): Promise<string> {
  mock.staff = STAFF;
  const staff = staffClient();
  const dana = (await staff.clients.list()).items.find((c) => c.email === 'dana@example.com')!;
  await staff.clients.update(dana.id, { email: to });
  mock.staff = null; // the page's visitor is not staff
  return until(() => mock.accountLinkToken(to, 'confirm-email'));
}

/** An api client to the msw mock portal that notes the path of every request. */
function watchedClient(paths: string[]): PortalClient {
  const watched: typeof fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    paths.push(new URL(request.url).pathname);
    return fetch(request);
  };
  return createPortalClient({ baseUrl: BASE, fetch: watched, keepSessionToken: false, retries: 0 });
}

async function open(token: string, client: PortalClient = staffClient()): Promise<SgConfirmEmail> {
  return fixture<SgConfirmEmail>(html`<sg-confirm-email token=${token} tenant-id="acme" .client=${client}></sg-confirm-email>`);
}

function fill(el: SgConfirmEmail, password: string, repeat = password): void {
  ($(el, '#password') as HTMLInputElement).value = password;
  ($(el, '#confirm') as HTMLInputElement).value = repeat;
}

/**
 * Opens a dead link: the page looks at it first and says so at once, never showing a form or
 * sending a password.
 */
async function openDead(token: string): Promise<SgConfirmEmail> {
  const paths: string[] = [];
  const el = await open(token, watchedClient(paths));
  await until(() => $(el, '[part=message]'));
  expect($(el, 'form')).to.equal(null);
  expect(paths).to.include(`${BASE}/email/inspect`);
  expect(paths).not.to.include(`${BASE}/email/confirm`);
  return el;
}

const start = location.pathname + location.search;

describe('sg-confirm-email (msw mocks)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
    mock.staff = null;
    // A link used by an earlier test marks this tab (see link-used-then-reloaded.test.ts).
    sessionStorage.clear();
  });
  afterEach(() => history.replaceState(null, '', start));

  it('confirms the new address with a new password by keyboard, signs the client in and shows the done slot', async () => {
    const token = await confirmToken(mock);
    const el = await fixture<SgConfirmEmail>(
      html`<sg-confirm-email token=${token} tenant-id="acme" .client=${staffClient()}><a slot="done" href="#portal">Open your portal</a></sg-confirm-email>`,
    );
    const form = await until(() => $(el, 'form'));
    expect(textOf(el)).to.contain('Confirm your new email address');
    expect(textOf(el)).to.contain('your old password ended with your old address');
    expect(textOf(el)).to.contain('not a commonly used password');
    expect(textOf(form)).to.contain('Confirm and sign in');
    await expect(el).to.be.accessible();
    await shots('confirm-email', el);
    const events: SgSignInEvent[] = [];
    el.addEventListener('sg-sign-in', (e) => events.push(e));
    $(el, '#password')!.focus();
    await sendKeys({ type: NEW_PASSWORD });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: NEW_PASSWORD });
    await sendKeys({ press: 'Enter' });
    await until(() => events.length);
    expect(events[0]!.detail.client.email).to.equal('dana.new@example.com');
    expect(events[0]!.composed).to.equal(true);
    const done = await until(() => $(el, '[role=status]'));
    expect(textOf(done)).to.contain('Your new email address is confirmed and you are signed in');
    await until(() => el.shadowRoot!.activeElement === done);
    const slot = $<HTMLSlotElement>(el, 'slot[name=done]')!;
    expect(slot.assignedElements().map((a) => a.textContent)).to.deep.equal(['Open your portal']);
    expect($(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
    await shots('confirm-email-done', el);
    // The new password goes with the new address.
    await staffClient().sessions.signIn({ tenantId: 'acme', email: 'dana.new@example.com', password: NEW_PASSWORD });
  });

  it('reads the token from the URL fragment, takes it out of the address bar, and forgets it once used', async () => {
    const token = await confirmToken(mock);
    history.replaceState(null, '', `${start}#token=${encodeURIComponent(token)}`);
    const el = await fixture<SgConfirmEmail>(html`<sg-confirm-email tenant-id="acme" .client=${staffClient()}></sg-confirm-email>`);
    expect(location.hash).to.equal('');
    expect(location.href).not.to.contain(token);
    expect(el.token).to.equal(token);
    await until(() => $(el, 'form #password'));
    // A reload still has the link; confirming uses it, and a reload after that does not.
    const reloaded = await fixture<SgConfirmEmail>(html`<sg-confirm-email tenant-id="acme" .client=${staffClient()}></sg-confirm-email>`);
    expect(reloaded.token).to.equal(token);
    await until(() => $(reloaded, 'form'));
    fill(reloaded, NEW_PASSWORD);
    ($(reloaded, 'form') as HTMLFormElement).requestSubmit();
    await until(() => textOf(reloaded).includes('Your new email address is confirmed'));
    expect(history.state).to.equal(null);
    const after = await fixture<SgConfirmEmail>(html`<sg-confirm-email tenant-id="acme" .client=${staffClient()}></sg-confirm-email>`);
    expect(after.token).to.equal('');
  });

  it('only a token in the fragment itself counts: a kept one is not spent again on a fragment change', async () => {
    const tried: string[] = [];
    const client = fakeClient({
      tenants: { look: async () => ({}) } as never,
      emails: { inspect: live, confirm: async (token) => (tried.push(token), Promise.reject(problem('link_used'))) },
    });
    history.replaceState(null, '', `${start}#token=used-1`);
    const el = await fixture<SgConfirmEmail>(html`<sg-confirm-email tenant-id="acme" .client=${client}></sg-confirm-email>`);
    expect(el.token).to.equal('used-1');
    history.replaceState({ 'sitegate:confirm-email-link': 'used-0' }, '', `${start}#section`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await new Promise((r) => setTimeout(r, 50));
    expect(el.token).to.equal('used-1');
    // A new link opened in the same tab starts the page afresh, with an empty form.
    await until(() => $(el, 'form'));
    ($(el, '#password') as HTMLInputElement).value = 'typed for the old link';
    location.hash = '#token=fresh-2';
    await until(() => el.token === 'fresh-2');
    await el.updateComplete;
    expect(location.hash).to.equal('');
    expect(($(el, '#password') as HTMLInputElement).value).to.equal('');
    expect(tried).to.deep.equal([]);
  });

  it('a repeat that does not match or a short password shows on the field and sends nothing', async () => {
    const token = await confirmToken(mock);
    const paths: string[] = [];
    const el = await open(token, watchedClient(paths));
    await until(() => $(el, 'form'));
    fill(el, NEW_PASSWORD, 'something else entirely');
    $(el, '[part=submit]')!.click();
    await until(() => $(el, '#confirm[aria-invalid=true]'));
    expect(textOf($(el, '#confirm-error')!)).to.equal('The passwords do not match.');
    expect(el.shadowRoot!.activeElement?.id).to.equal('confirm');
    fill(el, 'short');
    $(el, '[part=submit]')!.click();
    await until(() => $(el, '#password[aria-invalid=true]'));
    expect(textOf(el)).to.contain('Use at least 10 characters');
    expect(el.shadowRoot!.activeElement?.id).to.equal('password');
    expect(paths.filter((p) => p === `${BASE}/email/confirm`)).to.deep.equal([]);
  });

  it('shows the server’s refusal of the password on the field, and the link still works', async () => {
    const token = await confirmToken(mock);
    const paths: string[] = [];
    const el = await open(token, watchedClient(paths));
    await until(() => $(el, 'form'));
    fill(el, 'aaaaaaaaaaaa');
    $(el, '[part=submit]')!.click();
    const error = await until(() => $(el, '#password-error')?.textContent?.includes('repeats') && $(el, '#password-error'));
    expect(error.textContent).to.equal('This repeats a few characters. Choose one that is harder to guess.');
    expect($(el, '#password')!.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.id).to.equal('password');
    expect(paths.filter((p) => p === `${BASE}/email/confirm`)).to.have.length(1);
    await expect(el).to.be.accessible();
    await shots('confirm-email-weak', el);
    // Nothing was used up: the same page confirms with a better password.
    const events: SgSignInEvent[] = [];
    el.addEventListener('sg-sign-in', (e) => events.push(e));
    fill(el, NEW_PASSWORD);
    $(el, '[part=submit]')!.click();
    await until(() => events.length);
    expect($(el, '[aria-invalid=true]')).to.equal(null);
  });

  it('a used, expired or replaced link says so, that only the builder sends a new one, and leads back to sign-in', async () => {
    const used = await confirmToken(mock);
    await staffClient().emails.confirm(used, { password: NEW_PASSWORD });
    const el = await openDead(used);
    const message = $(el, '[part=message]')!;
    expect(textOf(message)).to.contain('This confirmation link has already been used');
    expect(textOf(message)).to.contain('If you already confirmed your new address');
    expect(textOf(message)).to.contain('can send you a new confirmation link');
    expect($(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
    await shots('confirm-email-used', el);

    expect(textOf($(el, '[part=back]')!)).to.equal('Back to sign in');
    expect((await backToSignInByKeyboard(el)).composed).to.equal(true);
  });

  it('an expired link says so', async () => {
    const token = await confirmToken(mock);
    mock.advance(15 * 86_400_000);
    const el = await openDead(token);
    expect(textOf(el)).to.contain('This confirmation link has expired');
    expect(textOf(el)).not.to.contain('If you already confirmed');
    expect(nodeName($(el, '[part=back]'))).to.contain('Back to sign in');
  });

  it('a replaced or unknown link is no longer valid', async () => {
    const first = await confirmToken(mock);
    await confirmToken(mock, 'dana.newer@example.com'); // corrected again: the first link dies
    for (const token of [first, 'not-a-token']) {
      const el = await openDead(token);
      expect(textOf(el)).to.contain('This confirmation link is no longer valid');
    }
  });

  it('a link used elsewhere after the page opened says so when its password is sent', async () => {
    const token = await confirmToken(mock);
    const el = await open(token);
    await until(() => $(el, 'form'));
    await staffClient().emails.confirm(token, { password: NEW_PASSWORD });
    fill(el, 'another long passphrase');
    $(el, '[part=submit]')!.click();
    const message = await until(() => $(el, '[part=message]'));
    expect(textOf(message)).to.contain('This confirmation link has already been used');
    expect($(el, 'form')).to.equal(null);
    // The form went: focus goes to what says why.
    await until(() => el.shadowRoot!.activeElement === message);
  });

  it('gives password managers the new address as the username', async () => {
    const el = await open(await confirmToken(mock));
    const username = await until(() => $<HTMLInputElement>(el, 'form input[autocomplete=username]'));
    expect(username.value).to.equal('dana.new@example.com');
    expect(username.hidden).to.equal(true);
  });

});

/** `emails.inspect` of a fake client: every link is live. */
const live = async () => ({ status: 'pending' as const, email: 'dana.new@example.com' });

/** A fake client whose links are live and whose `emails.confirm` notes each token in `calls` and answers `answer()`. */
function confirmingClient(calls: string[], answer: () => Promise<SignedIn>): PortalClient {
  return fakeClient({
    tenants: { look: async () => ({}) } as never,
    emails: {
      inspect: live,
      confirm: (token) => {
        calls.push(token);
        return answer();
      },
    },
  });
}

describe('sg-confirm-email (fake client)', () => {
  beforeEach(() => sessionStorage.clear());

  it('sends one request per press while busy, and keeps focus on the busy button', async () => {
    let finish!: () => void;
    const calls: string[] = [];
    const client = confirmingClient(calls, () => new Promise((resolve) => (finish = () => resolve({ client: { id: 'c1', email: 'dana.new@example.com' } as never, session: { token: 's', expiresAt: new Date() } }))));
    const el = await fixture<SgConfirmEmail>(html`<sg-confirm-email token="t1" .client=${client}></sg-confirm-email>`);
    await until(() => $(el, 'form'));
    fill(el, NEW_PASSWORD);
    const submit = $<HTMLButtonElement>(el, '[part=submit]')!;
    submit.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(submit.getAttribute('aria-disabled')).to.equal('true');
    expect(textOf(submit)).to.equal('Confirming…');
    await sendKeys({ press: 'Enter' });
    submit.click();
    await el.updateComplete;
    expect(calls).to.deep.equal(['t1']);
    expect(nodeName(el.shadowRoot!.activeElement)).to.equal(nodeName(submit));
    const events: SgSignInEvent[] = [];
    el.addEventListener('sg-sign-in', (e) => events.push(e));
    finish();
    await until(() => events.length);
    expect(events[0]!.detail.client.email).to.equal('dana.new@example.com');
    expect(calls).to.have.length(1);
  });

  it('another token set while a request is out gets a form that sends, not one stuck busy', async () => {
    const calls: string[] = [];
    // The first link's request never settles.
    const client = confirmingClient(calls, () => new Promise(() => {}));
    const el = await fixture<SgConfirmEmail>(html`<sg-confirm-email token="t1" .client=${client}></sg-confirm-email>`);
    await until(() => $(el, 'form'));
    fill(el, NEW_PASSWORD);
    ($(el, 'form') as HTMLFormElement).requestSubmit();
    await el.updateComplete;
    expect($(el, '[part=submit]')!.getAttribute('aria-disabled')).to.equal('true');
    el.token = 't2';
    // The new link is looked at first; then its own form shows.
    await el.updateComplete;
    const submit = await until(() => $(el, '[part=submit]'));
    expect(submit.hasAttribute('aria-disabled')).to.equal(false);
    fill(el, NEW_PASSWORD);
    ($(el, 'form') as HTMLFormElement).requestSubmit();
    await el.updateComplete;
    expect(calls).to.deep.equal(['t1', 't2']);
  });

  it('a link that cannot be looked at (the network) says why and tries again on request', async () => {
    let fail = true;
    const client = fakeClient({
      tenants: { look: async () => ({}) } as never,
      // A fetch that never reached the server rejects with a TypeError.
      emails: { inspect: () => (fail ? Promise.reject(new TypeError('Failed to fetch')) : live()) },
    });
    const el = await fixture<SgConfirmEmail>(html`<sg-confirm-email token="t1" .client=${client}></sg-confirm-email>`);
    const retry = await until(() => [...el.shadowRoot!.querySelectorAll('button')].find((b) => textOf(b) === 'Try again'));
    expect($(el, '.notice.error[role=alert]')).not.to.equal(null);
    expect($(el, 'form')).to.equal(null);
    fail = false;
    retry.click();
    await until(() => $(el, 'form'));
    expect($(el, '.notice.error')).to.equal(null);
  });

  it('names the builder on a dead link’s page when it knows it, and shows no form without a token', async () => {
    const client = fakeClient({ tenants: { look: async () => ({ name: 'Acme Builders' }) } });
    const el = await fixture<SgConfirmEmail>(html`<sg-confirm-email tenant-id="acme" .client=${client}></sg-confirm-email>`);
    await until(() => textOf(el).includes('Only Acme Builders can send you a new confirmation link'));
    expect(textOf(el)).to.contain('This confirmation link is no longer valid');
    expect($(el, 'form')).to.equal(null);
  });

  it('says a hostile builder name as text', async () => {
    const client = fakeClient({ tenants: { look: async () => ({ name: HOSTILE_NAME }) }, emails: { inspect: live } });
    const el = await fixture<SgConfirmEmail>(html`<sg-confirm-email token="t1" tenant-id="acme" .client=${client}></sg-confirm-email>`);
    el.token = '';
    await until(() => textOf(el).includes(HOSTILE_NAME));
    expect($(el, '[part=message] img')).to.equal(null);
    expect(pwned()).to.equal(undefined);
  });

  it('too many attempts says how many minutes to wait', async () => {
    for (const [lang, words] of [
      ['en', 'Too many attempts. Try again in 8 minutes.'],
      ['fr', 'Trop de tentatives. Réessayez dans 8\u00a0minutes.'],
    ] as const) {
      const client = fakeClient({
        tenants: { look: async () => ({}) } as never,
        emails: { inspect: live, confirm: () => Promise.reject(Object.assign(problem('rate_limited'), { status: 429, retryAfterSeconds: 480 })) },
      });
      const page = await fixture<HTMLElement>(html`<div lang=${lang}><sg-confirm-email token="t1" .client=${client}></sg-confirm-email></div>`);
      const el = page.querySelector<SgConfirmEmail>('sg-confirm-email')!;
      await until(() => $(el, 'form'));
      fill(el, NEW_PASSWORD);
      $(el, '[part=submit]')!.click();
      const alert = await until(() => $(el, '.notice.error[role=alert]'));
      expect(alert.textContent!.trim()).to.equal(words);
      // The form stays for another try, and focus is on what happened.
      expect($(el, 'form')).not.to.equal(null);
      await until(() => el.shadowRoot!.activeElement === alert);
    }
  });

  it('speaks French under lang="fr": the form, a refused password, a dead link', async () => {
    const answers = [
      Object.assign(problem('validation_failed'), { status: 422, issues: [{ path: ['password'], message: 'is too common', code: 'password_common' }] }),
      Object.assign(problem('link_expired'), { status: 410 }),
    ];
    const client = fakeClient({
      tenants: { look: async () => ({}) } as never,
      emails: { inspect: live, confirm: () => Promise.reject(answers.shift()) },
    });
    const page = await fixture<HTMLElement>(html`<div lang="fr"><sg-confirm-email token="t1" .client=${client}></sg-confirm-email></div>`);
    const el = page.querySelector<SgConfirmEmail>('sg-confirm-email')!;
    await until(() => $(el, 'form'));
    expect(textOf(el)).to.contain('Confirmez votre nouvelle adresse e-mail');
    expect(textOf($(el, '[part=submit]')!)).to.equal('Confirmer et se connecter');
    fill(el, 'password1234');
    $(el, '[part=submit]')!.click();
    const error = await until(() => ($(el, '#password-error')?.textContent ? $(el, '#password-error') : undefined));
    expect(error.textContent).to.equal('C’est l’un des mots de passe les plus courants. Choisissez-en un plus difficile à deviner.');
    fill(el, NEW_PASSWORD);
    $(el, '[part=submit]')!.click();
    await until(() => $(el, '[part=message]'));
    expect(textOf(el)).to.contain('Ce lien de confirmation a expiré');
    expect(textOf(el)).to.contain('Seul votre constructeur peut vous envoyer un nouveau lien de confirmation');
    expect(textOf($(el, '[part=back]')!)).to.equal('Retour à la connexion');
  });
});
