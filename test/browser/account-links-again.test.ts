import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgResetPassword, SgSignIn, SgSignInEvent } from '../../components/index.js';
import { createPortalClient } from '../../src/client/index.js';
import type { PortalClient } from '../../src/client/types.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, backToSignInByKeyboard, fakeClient, nodeName, problem, textOf, until } from './support/helpers.js';
import { BASE, staffClient, startMocks } from './support/mocks.js';

/**
 * The account pages a second time: a valid link opened in the tab that shows a dead one (only
 * the fragment changes, so the page does not reload), the way back to sign-in from a dead reset
 * link, and how long "too many attempts" asks to wait.
 */

/** An api client to the msw mock portal that notes every request's path and body. */
function watchedClient(requests: { path: string; url: string; body: string }[], answer?: (request: Request) => Response | undefined): PortalClient {
  const watched: typeof fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    requests.push({ path: new URL(request.url).pathname, url: request.url, body: await request.clone().text() });
    return answer?.(request) ?? fetch(request);
  };
  return createPortalClient({ baseUrl: BASE, fetch: watched, keepSessionToken: false, retries: 0 });
}

const start = location.pathname + location.search;

describe('a valid link opened in the same tab as a dead one (msw mocks)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
    mock.staff = null; // a visitor, not staff
  });
  afterEach(() => history.replaceState(null, '', start));

  it('<sg-reset-password>: a new #token=… leaves "no longer valid" for the new link’s form', async () => {
    history.replaceState(null, '', `${start}#token=garbage`);
    const requests: { path: string; url: string; body: string }[] = [];
    const el = await fixture<SgResetPassword>(html`<sg-reset-password tenant-id="acme" .client=${watchedClient(requests)}></sg-reset-password>`);
    await until(() => $(el, '[part=message]'));
    expect(textOf(el)).to.contain('This reset link is no longer valid');

    await staffClient().passwords.requestReset({ tenantId: 'acme', email: 'dana@example.com' });
    const token = await until(() => mock.accountLinkToken('dana@example.com', 'password-reset'));
    location.hash = `#token=${encodeURIComponent(token)}`;
    await until(() => $(el, 'form #password'));
    expect(textOf(el)).to.contain('Set a new password for dana@example.com');
    expect(textOf(el)).not.to.contain('no longer valid');
    expect(el.token).to.equal(token);
    // The new token left the address bar as the first did, and went only in request bodies.
    await until(() => location.hash === '');
    expect(location.href).not.to.contain(token);
    const inspects = requests.filter((r) => r.path === `${BASE}/password/inspect`);
    expect(inspects.map((r) => JSON.parse(r.body).token)).to.deep.equal(['garbage', token]);
    for (const r of requests) expect(r.url).not.to.contain(token);
    // A reload of this entry still has the new link.
    const reloaded = await fixture<SgResetPassword>(html`<sg-reset-password tenant-id="acme" .client=${staffClient()}></sg-reset-password>`);
    expect(reloaded.token).to.equal(token);

    // And it works: the password is set with the new token.
    const signedIn: SgSignInEvent[] = [];
    el.addEventListener('sg-sign-in', (e) => signedIn.push(e));
    for (const id of ['#password', '#confirm']) ($(el, id) as HTMLInputElement).value = 'a brand new passphrase';
    ($(el, 'form') as HTMLFormElement).requestSubmit();
    await until(() => signedIn.length);
    expect(JSON.parse(requests.find((r) => r.path === `${BASE}/password/reset`)!.body).token).to.equal(token);
    expect(textOf(el)).to.contain('Your password is set');
  });

  it('<sg-reset-password>: a new link clears what the dead one’s page showed (a sent request, a field error)', async () => {
    history.replaceState(null, '', `${start}#token=garbage`);
    const el = await fixture<SgResetPassword>(html`<sg-reset-password tenant-id="acme" .client=${staffClient()}></sg-reset-password>`);
    await until(() => $(el, '#email'));
    $(el, '[part=submit]')!.click(); // no address: the field says so
    await until(() => $(el, '#email[aria-invalid=true]'));
    await staffClient().passwords.requestReset({ tenantId: 'acme', email: 'dana@example.com' });
    const token = await until(() => mock.accountLinkToken('dana@example.com', 'password-reset'));
    location.hash = `#token=${encodeURIComponent(token)}`;
    await until(() => $(el, 'form #password'));
    expect($(el, '[aria-invalid=true]')).to.equal(null);
    expect($(el, '[role=alert]')).to.equal(null);
  });

  it('<sg-sign-in methods="password link">: a new #token=… after a dead link signs the client in with it', async () => {
    history.replaceState(null, '', `${start}#token=garbage`);
    const requests: { path: string; url: string; body: string }[] = [];
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" methods="password link" .client=${watchedClient(requests)}></sg-sign-in>`);
    (await until(() => $<HTMLElement>(el, '[part=use-link]'))).click();
    await until(() => $(el, '[role=alert]'));
    expect(textOf(el)).to.match(/link is not valid|link has expired|link has already been used/);

    await staffClient().sessions.requestLink({ tenantId: 'acme', email: 'dana@example.com' });
    const token = await until(() => mock.accountLinkToken('dana@example.com', 'sign-in'));
    const signedIn: SgSignInEvent[] = [];
    el.addEventListener('sg-sign-in', (e) => signedIn.push(e));
    location.hash = `#token=${encodeURIComponent(token)}`;
    // The card starts afresh with the new link, which waits for its button.
    const use = await until(() => $<HTMLElement>(el, '[part=use-link]'));
    expect($(el, '[role=alert]')).to.equal(null);
    expect(requests.filter((r) => r.path === `${BASE}/session/link/accept`)).to.have.length(1);
    use.click();
    await until(() => signedIn.length);
    expect(signedIn[0]!.detail.client.email).to.equal('dana@example.com');
    await until(() => textOf(el).includes('Signed in as dana@example.com'));
    expect($(el, '[role=alert]')).to.equal(null);
    await until(() => location.hash === '');
    expect(location.href).not.to.contain(token);
    const accepts = requests.filter((r) => r.path === `${BASE}/session/link/accept`);
    expect(accepts.map((r) => JSON.parse(r.body).token)).to.deep.equal(['garbage', token]);
    for (const r of requests) expect(r.url).not.to.contain(token);
    // Used: the history entry no longer offers it.
    expect(JSON.stringify(history.state ?? null)).not.to.contain(token);
  });

  it('<sg-sign-in>: a fragment change that brings no new link changes nothing', async () => {
    const tried: string[] = [];
    const client = fakeClient({
      me: () => Promise.reject(problem('unauthenticated')),
      tenants: { look: async () => ({}) } as never,
      sessions: { signInWithLink: async (token) => (tried.push(token), Promise.reject(problem('link_invalid'))) },
    });
    history.replaceState(null, '', `${start}#token=dead-1`);
    const el = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" methods="password link" .client=${client}></sg-sign-in>`);
    (await until(() => $<HTMLElement>(el, '[part=use-link]'))).click();
    await until(() => $(el, '[role=alert]'));
    location.hash = '#section';
    await new Promise((r) => setTimeout(r, 50));
    expect(tried).to.deep.equal(['dead-1']);
    expect($(el, '[part=use-link]')).to.equal(null);
    location.hash = '#token=dead-2';
    const use = await until(() => $<HTMLElement>(el, '[part=use-link]'));
    expect(tried).to.deep.equal(['dead-1']);
    use.click();
    await until(() => tried.length === 2);
    expect(tried).to.deep.equal(['dead-1', 'dead-2']);
  });
});

describe('going back to a history entry that kept an older link', () => {
  afterEach(() => history.replaceState(null, '', start));

  it('<sg-sign-in> and <sg-reset-password> do not spend a kept token again on a fragment change', async () => {
    const tried: string[] = [];
    const inspected: string[] = [];
    const client = fakeClient({
      me: () => Promise.reject(problem('unauthenticated')),
      tenants: { look: async () => ({}) } as never,
      sessions: { signInWithLink: async (token) => (tried.push(token), Promise.reject(problem('link_invalid'))) },
      passwords: { inspect: async (token) => (inspected.push(token), Promise.reject(problem('link_used'))), requestReset: async () => undefined },
    });
    history.replaceState(null, '', `${start}#token=dead-1`);
    const signIn = await fixture<SgSignIn>(html`<sg-sign-in tenant-id="acme" methods="password link" .client=${client}></sg-sign-in>`);
    (await until(() => $<HTMLElement>(signIn, '[part=use-link]'))).click();
    await until(() => $(signIn, '[role=alert]'));
    history.replaceState(null, '', `${start}#token=used-1`);
    const reset = await fixture<SgResetPassword>(html`<sg-reset-password tenant-id="acme" .client=${client}></sg-reset-password>`);
    await until(() => $(reset, '[part=message]'));
    // Back to an entry whose state kept other tokens: only the fragment changes, with no token in it.
    history.replaceState({ 'sitegate:sign-in-link': 'dead-0', 'sitegate:reset-link': 'used-0' }, '', `${start}#section`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await new Promise((r) => setTimeout(r, 50));
    expect(tried).to.deep.equal(['dead-1']);
    expect($(signIn, '[part=use-link]')).to.equal(null);
    expect(inspected).to.deep.equal(['used-1']);
    expect(reset.token).to.equal('used-1');
  });
});

describe('a dead reset link leads back to sign-in', () => {
  const dead = fakeClient({
    tenants: { look: async () => ({}) } as never,
    passwords: { inspect: () => Promise.reject(problem('link_used')), requestReset: async () => undefined },
  });

  it('offers "Back to sign in", which asks the page for the sign-in form (sg-sign-in-request)', async () => {
    const el = await fixture<SgResetPassword>(html`<sg-reset-password token="used" tenant-id="acme" .client=${dead}></sg-reset-password>`);
    await until(() => $(el, '[part=message]'));
    expect(textOf(el)).to.contain('This reset link has already been used');
    const back = await until(() => $<HTMLButtonElement>(el, '[part=back]'));
    expect(textOf(back)).to.equal('Back to sign in');
    await expect(el).to.be.accessible();
    expect((await backToSignInByKeyboard(el)).composed).to.equal(true);
  });

  it('still offers it once a new link was asked for, and without tenant-id (no form to mail one)', async () => {
    const el = await fixture<SgResetPassword>(html`<sg-reset-password token="used" tenant-id="acme" .client=${dead}></sg-reset-password>`);
    await until(() => $(el, '#email'));
    ($(el, '#email') as HTMLInputElement).value = 'dana@example.com';
    $(el, '[part=submit]')!.click();
    await until(() => $(el, '[data-sent]'));
    expect(nodeName($(el, '[part=back]'))).to.contain('Back to sign in');

    const bare = await fixture<SgResetPassword>(html`<sg-reset-password token="used" .client=${dead}></sg-reset-password>`);
    await until(() => $(bare, '[part=message]'));
    expect($(bare, '#email')).to.equal(null);
    const requests: Event[] = [];
    bare.addEventListener('sg-sign-in-request', (e) => requests.push(e));
    $(bare, '[part=back]')!.click();
    expect(requests.length).to.equal(1);
  });
});

describe('"Too many attempts" says how long to wait', () => {
  beforeEach(async () => {
    const mock = await startMocks();
    mock.staff = null;
  });

  /** A 429 as the handler answers it, with `retryAfterSeconds` and `Retry-After`. */
  const tooMany = (seconds: number) =>
    new Response(
      JSON.stringify({ type: 'about:blank', title: 'Too Many Requests', status: 429, code: 'rate_limited', detail: `Too many attempts. Try again in ${seconds} seconds.`, retryAfterSeconds: seconds }),
      { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': String(seconds) } },
    );

  it('a refused sign-in names the minutes the server asks for (retryAfterSeconds 480 → 8 minutes), in English and French', async () => {
    for (const [lang, words] of [
      ['en', 'Too many attempts. Try again in 8 minutes.'],
      ['fr', 'Trop de tentatives. Réessayez dans 8\u00a0minutes.'],
    ] as const) {
      const client = watchedClient([], (r) => (r.method === 'POST' && new URL(r.url).pathname === `${BASE}/session` ? tooMany(480) : undefined));
      const page = await fixture<HTMLElement>(html`<div lang=${lang}><sg-sign-in tenant-id="acme" .client=${client}></sg-sign-in></div>`);
      const el = page.querySelector<SgSignIn>('sg-sign-in')!;
      await until(() => $(el, 'form'));
      ($(el, '#email') as HTMLInputElement).value = 'dana@example.com';
      ($(el, '#password') as HTMLInputElement).value = 'not the password';
      ($(el, 'form') as HTMLFormElement).requestSubmit();
      const alert = await until(() => $(el, '[role=alert]'));
      // The text itself: the French keeps its no-break space before the unit.
      expect(alert.textContent!.trim()).to.equal(words);
    }
  });

  it('the dead reset link’s "Send reset link" says the wait too (one minute, 45 seconds)', async () => {
    for (const [seconds, words] of [
      [60, 'Too many attempts. Try again in 1 minute.'],
      [45, 'Too many attempts. Try again in 45 seconds.'],
    ] as const) {
      const client = watchedClient([], (r) => (new URL(r.url).pathname === `${BASE}/password/forgot` ? tooMany(seconds) : undefined));
      const el = await fixture<SgResetPassword>(html`<sg-reset-password token="garbage" tenant-id="acme" .client=${client}></sg-reset-password>`);
      await until(() => $(el, '#email'));
      ($(el, '#email') as HTMLInputElement).value = 'dana@example.com';
      $(el, '[part=submit]')!.click();
      const alert = await until(() => $(el, '.notice.error[role=alert]'));
      expect(textOf(alert)).to.equal(words);
    }
  });

  it('keeps "Wait a moment and try again" when the error names no wait (after one that named one)', async () => {
    for (const [lang, waited, words] of [
      ['en', 'Too many attempts. Try again in 8 minutes.', 'Too many attempts. Wait a moment and try again.'],
      ['fr', 'Trop de tentatives. Réessayez dans 8\u00a0minutes.', 'Trop de tentatives. Patientez un instant et réessayez.'],
    ] as const) {
      const answers = [Object.assign(problem('rate_limited'), { status: 429, retryAfterSeconds: 480 }), Object.assign(problem('rate_limited'), { status: 429 })];
      const client = fakeClient({
        me: () => Promise.reject(problem('unauthenticated')),
        tenants: { look: async () => ({}) } as never,
        sessions: { signIn: () => Promise.reject(answers.shift()) },
      });
      const page = await fixture<HTMLElement>(html`<div lang=${lang}><sg-sign-in tenant-id="acme" .client=${client}></sg-sign-in></div>`);
      const el = page.querySelector<SgSignIn>('sg-sign-in')!;
      await until(() => $(el, 'form'));
      ($(el, '#email') as HTMLInputElement).value = 'dana@example.com';
      ($(el, '#password') as HTMLInputElement).value = 'not the password';
      for (const expected of [waited, words]) {
        ($(el, 'form') as HTMLFormElement).requestSubmit();
        const alert = await until(() => $(el, '[role=alert]')?.textContent?.trim() === expected && $(el, '[role=alert]'));
        expect(alert.textContent!.trim()).to.equal(expected);
      }
    }
  });
});
