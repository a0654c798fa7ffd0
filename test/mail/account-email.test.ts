import { describe, expect, it } from 'vitest';
import { ACCOUNT_EMAIL_STRINGS, MailError, renderAccountEmail, type Mail } from 'sitegate';
import { memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { accountsEnv, PASSWORD } from '../support/accounts-flow.js';
import { makePortal } from '../support/make-portal.js';

const base = { clientName: 'Dana', tenant: { name: 'Acme Builders', modules: [] }, url: 'https://builder.example/portal/reset#token=abc', expiresAt: new Date('2026-03-02T11:00:00Z') };

describe('the account emails', () => {
  it('say what each link does and when it expires', () => {
    const reset = renderAccountEmail({ ...base, purpose: 'password-reset' });
    expect(reset.subject).toBe('Reset your password for the Acme Builders client portal');
    expect(reset.text).toContain('Hello Dana,');
    expect(reset.text).toContain('https://builder.example/portal/reset#token=abc');
    expect(reset.text).toContain('expires on March 2, 2026 at 11:00 AM UTC');
    expect(reset.html).toContain('>Reset password</a>');
    expect(renderAccountEmail({ ...base, purpose: 'sign-in' }).subject).toBe('Your sign-in link for the Acme Builders client portal');
    expect(renderAccountEmail({ ...base, purpose: 'confirm-email' }).html).toContain('>Confirm email address</a>');
  });

  it('escape names, flatten line breaks and link only http(s)', () => {
    const hostile = renderAccountEmail({
      ...base,
      purpose: 'password-reset',
      clientName: '<img src=x onerror=alert(1)>',
      tenant: { name: 'Evil\r\nBcc: all@example.com <b>', modules: [] },
      url: 'javascript:alert(1)',
    });
    expect(hostile.subject).not.toMatch(/[\r\n]/);
    expect(hostile.html).not.toContain('<img src=x');
    expect(hostile.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(hostile.html).not.toContain('href="javascript:');
  });

  it('take replacement words, for another language', () => {
    const email = renderAccountEmail(
      { ...base, purpose: 'sign-in' },
      { subject: 'Votre lien de connexion — {builder}', intro: 'Voici votre lien.', action: 'Connectez-vous :', button: 'Se connecter', ignore: 'Sinon, ignorez ce message.' },
    );
    expect(email.subject).toBe('Votre lien de connexion — Acme Builders');
    expect(email.html).toContain('>Se connecter</a>');
  });

  it('take a copy of ACCOUNT_EMAIL_STRINGS with every purpose replaced, as the docs suggest', () => {
    const translated = {
      ...ACCOUNT_EMAIL_STRINGS,
      'sign-in': { ...ACCOUNT_EMAIL_STRINGS['sign-in'], subject: 'Votre lien de connexion — {builder}', button: 'Se connecter' },
    };
    const email = renderAccountEmail({ ...base, purpose: 'sign-in' }, translated);
    expect(email.subject).toBe('Votre lien de connexion — Acme Builders');
    expect(email.html).toContain('>Se connecter</a>');
    // The purposes left as they were stay English.
    expect(renderAccountEmail({ ...base, purpose: 'password-reset' }, translated).subject).toBe('Reset your password for the Acme Builders client portal');
  });
});

describe('account link mail in the outbox', () => {
  it('holds the raw token only in the message, never in storage', async () => {
    const { portal, storage, mail, activeClient, resetToken } = await accountsEnv(memoryStorage());
    const { client } = await activeClient();
    const token = (await resetToken('dana@example.com'))!;
    expect(mail.messages.at(-1)!.headers?.['X-Sitegate-Link']).toBeDefined();
    const links = await storage.listAccountLinks(TENANT_A, client.id);
    expect(JSON.stringify(links)).not.toContain(token.split('.')[1]);
    expect(JSON.stringify(await portal.outbox.list(TENANT_A))).not.toContain(token.split('.')[1]);
  });

  it('cancels the mail of a link superseded or used before it went out', async () => {
    const { portal, mail, activeClient } = await accountsEnv(memoryStorage());
    await activeClient();
    const sent = mail.messages.length;
    await portal.passwords.requestReset({ tenantId: TENANT_A, email: 'dana@example.com' });
    await portal.passwords.requestReset({ tenantId: TENANT_A, email: 'dana@example.com' });
    expect(await portal.outbox.flush()).toMatchObject({ sent: 1, cancelled: 1 });
    expect(mail.messages.length).toBe(sent + 1);
  });

  it('retries a failed send with a fresh token; the earlier attempt\'s link is dead', async () => {
    let fail = true;
    const inner = memoryMail();
    const flaky: Mail & { messages: typeof inner.messages } = {
      name: 'flaky',
      messages: inner.messages,
      async send(message) {
        if (message.headers?.['X-Sitegate-Link'] && fail) {
          fail = false;
          inner.messages.push(message as never);
          throw new MailError('connection reset', { data: { permanent: false } });
        }
        return inner.send(message);
      },
    };
    const env = makePortal({ mail: flaky });
    const added = await env.portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
    await env.portal.outbox.flush();
    const invite = /token=([^\s"&<]+)/.exec(inner.messages.at(-1)!.text)![1]!;
    await env.portal.invites.accept(decodeURIComponent(invite), { password: PASSWORD });
    await env.portal.passwords.requestReset({ tenantId: TENANT_A, email: 'dana@example.com' });
    expect(await env.portal.outbox.flush()).toMatchObject({ retrying: 1 });
    const first = decodeURIComponent(/reset#token=([^\s"&<]+)/.exec(inner.messages.at(-1)!.text)![1]!);
    env.clock.advanceMs(10 * 60_000);
    expect(await env.portal.outbox.flush()).toMatchObject({ sent: 1 });
    const second = decodeURIComponent(/reset#token=([^\s"&<]+)/.exec(inner.messages.at(-1)!.text)![1]!);
    expect(second).not.toBe(first);
    expect(await env.portal.passwords.inspect(first)).toEqual({ status: 'cancelled' });
    expect(await env.portal.passwords.inspect(second)).toMatchObject({ status: 'pending' });
    expect((await env.portal.clients.get(staffA, added.id)).inviteDelivery?.state).toBe('sent');
  });
});
