import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgAcceptInvite } from '../../components/index.js';
import { takeFragmentToken } from '../../components/accept-invite/fragment-token.js';
import { $, fakeClient, HOSTILE_NAME, nodeName, problem, pwned, shot, shots, textOf, until } from './support/helpers.js';

const pending = { status: 'pending' as const, email: 'dana@example.com', name: 'Dana', tenantName: 'Acme Builders' };

describe('sg-accept-invite (fake client)', () => {
  it('shows who invited whom, then accepts by keyboard', async () => {
    let accepted: unknown;
    const client = fakeClient({
      invites: {
        inspect: async () => pending,
        accept: async (token, input) => {
          accepted = { token, input };
          return { client: { id: 'c1', email: 'dana@example.com', name: 'Dana' } as never, session: { token: 's', expiresAt: new Date() } };
        },
      },
    });
    const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite token="t1" .client=${client}></sg-accept-invite>`);
    await until(() => $(el, 'form'));
    expect(textOf(el)).to.contain('Acme Builders invited you');
    expect(textOf(el)).to.contain('dana@example.com');
    await expect(el).to.be.accessible();
    await shot('accept-invite', el);
    const events: Event[] = [];
    el.addEventListener('sg-invite-accepted', (e) => events.push(e));
    $(el, '#password')!.focus();
    await sendKeys({ type: 'correct horse battery' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'correct horse battery' });
    await sendKeys({ press: 'Enter' });
    await until(() => events.length);
    expect(accepted).to.deep.equal({ token: 't1', input: { password: 'correct horse battery', name: 'Dana' } });
    expect(textOf(el)).to.contain('Welcome, Dana');
  });

  it('wraps an address with no space in it inside the card at 390 px, and names every password rule', async () => {
    const long = `${'a'.repeat(60)}@${'b'.repeat(60)}.example.com`;
    await setViewport({ width: 390, height: 844 });
    try {
      const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite token="t1" .client=${fakeClient({ invites: { inspect: async () => ({ ...pending, email: long }) } })}></sg-accept-invite>`);
      await until(() => $(el, 'form'));
      expect(textOf(el)).to.contain(long);
      expect(document.documentElement.scrollWidth).to.be.at.most(390);
      expect(textOf(el)).to.contain('At least 10 characters, and not a commonly used password.');
      await shot('accept-invite-long-address', el);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('validates the password inline before sending', async () => {
    const client = fakeClient({ invites: { inspect: async () => pending } });
    const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite token="t1" .client=${client}></sg-accept-invite>`);
    await until(() => $(el, 'form'));
    $(el, 'button[type=submit]')!.click();
    await el.updateComplete;
    expect($(el, '#password')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#password-error')!.textContent).to.contain('at least 10');
  });

  for (const [code, title] of [
    ['invite_expired', 'expired'],
    ['invite_used', 'already been used'],
    ['invite_invalid', 'not valid'],
  ] as const) {
    it(`shows a clear page for ${code}`, async () => {
      const client = fakeClient({ invites: { inspect: async () => Promise.reject(problem(code)) } });
      const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite token="t1" .client=${client}></sg-accept-invite>`);
      await until(() => $(el, '[part=message]'));
      expect(textOf(el)).to.contain(title);
      await expect(el).to.be.accessible();
    });
  }

  it('keeps focus on the busy button while joining, then puts it on the welcome that replaces the form', async () => {
    let finish!: () => void;
    let calls = 0;
    const client = fakeClient({
      invites: {
        inspect: async () => pending,
        accept: () =>
          new Promise((resolve) => {
            calls++;
            finish = () => resolve({ client: { id: 'c1', email: 'dana@example.com', name: 'Dana' } as never, session: { token: 's', expiresAt: new Date() } });
          }),
      },
    });
    const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite token="t1" .client=${client}></sg-accept-invite>`);
    await until(() => $(el, 'form'));
    for (const id of ['#password', '#confirm']) ($(el, id) as HTMLInputElement).value = 'correct horse battery';
    const submit = $<HTMLButtonElement>(el, '[part=submit]')!;
    submit.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(nodeName(el.shadowRoot!.activeElement)).to.equal(nodeName(submit));
    expect(textOf(submit)).to.equal('Joining…');
    await sendKeys({ press: 'Enter' }); // ignored while joining
    expect(calls).to.equal(1);
    finish();
    const welcome = await until(() => $(el, '[role=status]'));
    expect(textOf(welcome)).to.contain('Welcome, Dana');
    await until(() => el.shadowRoot!.activeElement === welcome);
    await expect(el).to.be.accessible();
  });

  it('puts focus on the page that says the link died while the form was open', async () => {
    const client = fakeClient({ invites: { inspect: async () => pending, accept: () => Promise.reject(problem('invite_expired')) } });
    const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite token="t1" .client=${client}></sg-accept-invite>`);
    await until(() => $(el, 'form'));
    for (const id of ['#password', '#confirm']) ($(el, id) as HTMLInputElement).value = 'correct horse battery';
    $(el, '[part=submit]')!.click();
    const message = await until(() => $(el, '[part=message]'));
    await until(() => el.shadowRoot!.activeElement === message);
    expect(textOf(message)).to.contain('expired');
  });

  it('renders a hostile tenant name as text', async () => {
    const client = fakeClient({ invites: { inspect: async () => ({ ...pending, tenantName: HOSTILE_NAME, name: HOSTILE_NAME }) } });
    const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite token="t1" .client=${client}></sg-accept-invite>`);
    await until(() => $(el, 'form'));
    expect($(el, 'h2')!.textContent).to.contain(HOSTILE_NAME);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    await new Promise((r) => setTimeout(r, 50));
    expect(pwned()).to.equal(undefined);
  });
});

describe('sg-accept-invite reads the token from the URL fragment', () => {
  const start = location.pathname + location.search;
  // An invite used by an earlier test marks this tab (see link-used-then-reloaded.test.ts).
  beforeEach(() => sessionStorage.clear());
  afterEach(() => history.replaceState(null, '', start));

  function inspecting(seen: string[]) {
    return fakeClient({ invites: { inspect: async (token) => (seen.push(token), pending) } });
  }

  it('takes #token=… when no token attribute is set, and removes it from the address bar', async () => {
    history.replaceState(null, '', `${start}#token=tok.frag-1`);
    const before = history.length;
    const seen: string[] = [];
    const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite .client=${inspecting(seen)}></sg-accept-invite>`);
    await until(() => $(el, 'form'));
    expect(seen).to.deep.equal(['tok.frag-1']);
    expect(el.token).to.equal('tok.frag-1');
    expect(location.hash).to.equal('');
    expect(location.href).not.to.contain('tok.frag-1');
    // Replaced, not pushed: the token-bearing entry is gone from history.
    expect(history.length).to.equal(before);
  });

  it('still has the link after a reload, in its own history entry only, until the invite is accepted', async () => {
    history.replaceState({ route: 'host' }, '', `${start}#token=tok.reload-1`);
    const seen: string[] = [];
    await fixture<SgAcceptInvite>(html`<sg-accept-invite .client=${inspecting(seen)}></sg-accept-invite>`);
    await until(() => seen.length);
    expect(location.href).not.to.contain('tok.reload-1');
    // A reload loads the page again on the same entry, its fragment gone: the element still has the link.
    const accepted: string[] = [];
    const client = fakeClient({
      invites: {
        inspect: async (token) => (seen.push(token), pending),
        accept: async (token) => (accepted.push(token), { client: { id: 'c1', email: 'dana@example.com', name: 'Dana' } as never, session: { token: 's', expiresAt: new Date() } }),
      },
    });
    const reloaded = await fixture<SgAcceptInvite>(html`<sg-accept-invite .client=${client}></sg-accept-invite>`);
    await until(() => $(reloaded, 'form'));
    expect(seen).to.deep.equal(['tok.reload-1', 'tok.reload-1']);
    // The host's own state is kept beside it, and a sign-in or reset form on the same entry does not take it.
    expect((history.state as { route?: string }).route).to.equal('host');
    expect(takeFragmentToken('sign-in')).to.equal(undefined);
    expect(takeFragmentToken('reset')).to.equal(undefined);
    ($(reloaded, '#password') as HTMLInputElement).value = 'correct horse battery';
    ($(reloaded, '#confirm') as HTMLInputElement).value = 'correct horse battery';
    ($(reloaded, 'form') as HTMLFormElement).requestSubmit();
    await until(() => accepted.length);
    expect(accepted).to.deep.equal(['tok.reload-1']);
    // Used: a reload after that no longer offers the link, and the host's state is untouched.
    await until(() => !JSON.stringify(history.state).includes('tok.reload-1'));
    expect(history.state).to.deep.equal({ route: 'host' });
    const after = await fixture<SgAcceptInvite>(html`<sg-accept-invite .client=${inspecting([])}></sg-accept-invite>`);
    await until(() => !$(after, 'form') && textOf(after).length > 0);
    expect($(after, 'form')).to.equal(null);
  });

  it('keeps other fragment parameters and decodes the token', async () => {
    history.replaceState(null, '', `${start}#lang=en&token=${encodeURIComponent('a.b_c-d')}`);
    const seen: string[] = [];
    await fixture<SgAcceptInvite>(html`<sg-accept-invite .client=${inspecting(seen)}></sg-accept-invite>`);
    await until(() => seen.length);
    expect(seen).to.deep.equal(['a.b_c-d']);
    expect(location.hash).to.equal('#lang=en');
  });

  it('prefers the token attribute and then leaves the fragment alone', async () => {
    history.replaceState(null, '', `${start}#token=from-fragment`);
    const seen: string[] = [];
    await fixture<SgAcceptInvite>(html`<sg-accept-invite token="from-attribute" .client=${inspecting(seen)}></sg-accept-invite>`);
    await until(() => seen.length);
    expect(seen).to.deep.equal(['from-attribute']);
    expect(location.hash).to.equal('#token=from-fragment');
  });

  it('shows the invalid-link page when neither is there', async () => {
    const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite .client=${inspecting([])}></sg-accept-invite>`);
    await until(() => $(el, '[part=message]'));
    expect(textOf(el)).to.contain('not valid');
  });

  it('follows a new invite link opened in the same tab (fragment change)', async () => {
    const seen: string[] = [];
    const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite .client=${inspecting(seen)}></sg-accept-invite>`);
    location.hash = '#token=tok.later';
    await until(() => seen.length);
    expect(seen).to.deep.equal(['tok.later']);
    await until(() => location.hash === '');
    expect(el.token).to.equal('tok.later');
  });
});

describe('sg-accept-invite (msw mocks)', () => {
  it('accepts an emailed link: the token comes from the fragment and travels only in request bodies', async () => {
    const { startMocks, staffClient } = await import('./support/mocks.js');
    const mock = await startMocks();
    await staffClient().clients.add({ email: 'jo@example.com', name: 'Jo', projectIds: ['p-maple'] });
    const link = new URL(mock.inviteLink('jo@example.com')!);
    const token = mock.inviteToken('jo@example.com')!;
    expect(link.hash).to.equal(`#token=${encodeURIComponent(token)}`);
    expect(link.search).to.equal('');
    mock.staff = null;
    const urls: string[] = [];
    const bodies: string[] = [];
    const watched: typeof fetch = async (input, init) => {
      const request = new Request(input as RequestInfo, init);
      urls.push(request.url);
      bodies.push(await request.clone().text());
      return fetch(request);
    };
    const { createPortalClient } = await import('../../src/client/index.js');
    const client = createPortalClient({ baseUrl: '/api/portal', fetch: watched, keepSessionToken: false });
    const start = location.pathname + location.search;
    history.replaceState(null, '', `${start}${link.hash}`);
    try {
      const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite .client=${client}></sg-accept-invite>`);
      await until(() => $(el, 'form'));
      expect(location.hash).to.equal('');
      ($(el, '#password') as HTMLInputElement).value = 'a long enough password';
      ($(el, '#confirm') as HTMLInputElement).value = 'a long enough password';
      $(el, '[part=submit]')!.click();
      await until(() => textOf(el).includes('Welcome, Jo'));
    } finally {
      history.replaceState(null, '', start);
    }
    expect(urls.map((u) => new URL(u).pathname)).to.deep.equal(['/api/portal/invites/inspect', '/api/portal/invites/accept']);
    for (const url of urls) expect(url).not.to.contain(token);
    expect(bodies.every((b) => b.includes(token))).to.equal(true);
  });


  it('accepts a real invite by click; the link is then used', async () => {
    const { startMocks, staffClient } = await import('./support/mocks.js');
    const mock = await startMocks();
    await staffClient().clients.add({ email: 'ivy@example.com', name: 'Ivy', projectIds: ['p-maple'] });
    const token = mock.inviteToken('ivy@example.com')!;
    mock.staff = null;
    const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite token=${token} .client=${staffClient()}></sg-accept-invite>`);
    await until(() => $(el, 'form'));
    expect(textOf(el)).to.contain('Acme Builders invited you');
    ($(el, '#password') as HTMLInputElement).value = 'a long enough password';
    ($(el, '#confirm') as HTMLInputElement).value = 'a long enough password';
    $(el, '[part=submit]')!.click();
    await until(() => textOf(el).includes('Welcome, Ivy'));
    el.token = '';
    el.token = token;
    await until(() => $(el, '[part=message]'));
    expect(textOf(el)).to.contain('already been used');
  });

  it('shows an unknown token as an invalid link', async () => {
    const { startMocks, staffClient } = await import('./support/mocks.js');
    await startMocks();
    const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite token="nope" .client=${staffClient()}></sg-accept-invite>`);
    await until(() => $(el, '[part=message]'));
    expect(textOf(el)).to.contain('not valid');
    await shot('accept-invite-invalid', el);
  });
});

describe('sg-accept-invite: a dead link offers a way on', () => {
  it('the used page offers "Sign in" first and "Ask for a new link" naming the builder, by keyboard', async () => {
    const client = fakeClient({ invites: { inspect: async () => ({ status: 'accepted' as const, tenantName: 'Acme Builders' }) } });
    const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite token="t1" .client=${client}></sg-accept-invite>`);
    await until(() => $(el, '[part=message]'));
    const asked: Event[] = [];
    el.addEventListener('sg-sign-in-request', (e) => asked.push(e));
    expect($(el, '[part=sign-in]')!.classList.contains('primary')).to.equal(true);
    $(el, '[part=sign-in]')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(asked).to.have.length(1);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.tagName).to.equal('SUMMARY');
    await sendKeys({ press: 'Enter' });
    expect(($(el, '[part=new-link]') as HTMLDetailsElement).open).to.equal(true);
    expect(textOf(el)).to.contain('Invite links are sent by Acme Builders. Contact them and ask for a new invite.');
    await expect(el).to.be.accessible();
    await shots('accept-invite-accepted', el);
  });

  for (const status of ['expired', 'cancelled'] as const) {
    it(`the ${status} page says at once whom to ask for a new invite, with "Sign in" second, by keyboard`, async () => {
      const client = fakeClient({ invites: { inspect: async () => ({ status, tenantName: 'Acme Builders' }) } });
      const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite token="t1" .client=${client}></sg-accept-invite>`);
      const message = await until(() => $(el, '[part=message]'));
      // Said once, in the message itself: no disclosure that repeats it.
      expect(textOf(message)).to.contain('Invite links are sent by Acme Builders. Contact them and ask for a new invite.');
      expect($(el, '[part=new-link]')).to.equal(null);
      expect(textOf(el).match(/Contact them/g)).to.have.length(1);
      const asked: Event[] = [];
      el.addEventListener('sg-sign-in-request', (e) => asked.push(e));
      expect($(el, '[part=sign-in]')!.classList.contains('primary')).to.equal(false);
      $(el, '[part=sign-in]')!.focus();
      await sendKeys({ press: 'Enter' });
      expect(asked).to.have.length(1);
      await expect(el).to.be.accessible();
      await shots(`accept-invite-${status}`, el);
    });
  }

  it('"Sign in" is a link with sign-in-url, and names "your builder" when the link says nothing more', async () => {
    const client = fakeClient({ invites: { inspect: async () => Promise.reject(problem('invite_expired')) } });
    const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite token="t1" sign-in-url="/portal/sign-in" .client=${client}></sg-accept-invite>`);
    await until(() => $(el, '[part=message]'));
    expect($<HTMLAnchorElement>(el, 'a[part=sign-in]')!.href).to.equal(new URL('/portal/sign-in', location.href).href);
    expect(textOf(el)).to.contain('Invite links are sent by your builder.');
    await expect(el).to.be.accessible();
  });

  it('drops an unsafe sign-in-url and keeps the button', async () => {
    const client = fakeClient({ invites: { inspect: async () => ({ status: 'expired' as const }) } });
    const el = await fixture<SgAcceptInvite>(html`<sg-accept-invite token="t1" sign-in-url="javascript:alert(1)" .client=${client}></sg-accept-invite>`);
    await until(() => $(el, '[part=message]'));
    expect($(el, 'a[part=sign-in]')).to.equal(null);
    expect($(el, 'button[part=sign-in]')).to.not.equal(null);
  });
});
