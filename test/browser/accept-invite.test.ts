import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgAcceptInvite } from '../../components/index.js';
import { $, fakeClient, HOSTILE_NAME, problem, pwned, shot, textOf, until } from './support/helpers.js';

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

describe('sg-accept-invite (msw mocks)', () => {
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
