import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { smtpMail, type SmtpMail } from 'sitegate/adapters/smtp';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { mailPortal, tokenIn } from './support/mail-portal.js';
import { startTestSmtpServer, type TestSmtpServer } from './support/smtp-server.js';

describe('the outbox delivering invites over SMTP', () => {
  let server: TestSmtpServer;
  let mail: SmtpMail;

  beforeAll(async () => {
    server = await startTestSmtpServer();
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(async () => {
    server.script.length = 0;
    await mail.close();
  });

  const setup = (options: Parameters<typeof mailPortal>[1] = {}) => {
    mail = smtpMail({ url: server.url, from: 'portal@acme.example' });
    return mailPortal(mail, options);
  };
  const receivedFor = (to: string) => server.received.filter((m) => m.to.includes(to));

  it('retries a 4xx reply after the backoff and delivers the invite exactly once', async () => {
    const { portal, clock } = setup();
    const client = await portal.clients.add(staffA, { email: 'greylisted@example.com', projectIds: ['p-maple'] });
    server.script.push({ code: 451, message: '4.3.0 Mail server temporarily unavailable' });

    expect(await portal.outbox.flush()).toMatchObject({ sent: 0, retrying: 1 });
    const [waiting] = await portal.outbox.list(TENANT_A, { clientId: client.id });
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1, lastError: expect.stringContaining('temporarily unavailable') });
    expect((await portal.clients.get(staffA, client.id)).inviteDelivery).toMatchObject({ state: 'queued', reason: expect.stringContaining('451') });

    // Not due yet: a flush right away sends nothing.
    expect(await portal.outbox.flush()).toMatchObject({ sent: 0, retrying: 0 });
    clock.advanceMs(60_000);
    expect(await portal.outbox.flush()).toMatchObject({ sent: 1 });
    clock.advanceMs(60 * 60_000);
    expect(await portal.outbox.flush()).toMatchObject({ sent: 0, retrying: 0 });

    expect(receivedFor('greylisted@example.com')).toHaveLength(1);
    const [sent] = await portal.outbox.list(TENANT_A, { clientId: client.id });
    expect(sent).toMatchObject({ state: 'sent', attempts: 2, providerId: expect.stringMatching(/^Q\d+$/) });
    expect((await portal.clients.get(staffA, client.id)).inviteDelivery).toMatchObject({ state: 'sent' });
    expect((await portal.clients.get(staffA, client.id)).inviteDelivery?.reason).toBeUndefined();
    // The link in the mail that arrived is the one that works.
    const token = tokenIn(receivedFor('greylisted@example.com')[0]!.parsed.text);
    await expect(portal.invites.accept(token, { password: 'correct horse battery' })).resolves.toMatchObject({ client: { status: 'active' } });
  });

  it('marks a 5xx as failed at once, with the server reason on the job and the client', async () => {
    const { portal, clock } = setup();
    const client = await portal.clients.add(staffA, { email: 'bounced@example.com', projectIds: ['p-maple'] });
    server.script.push({ code: 550, message: '5.7.1 Relaying denied for this sender' });

    expect(await portal.outbox.flush()).toMatchObject({ failed: 1, retrying: 0 });
    const [job] = await portal.outbox.list(TENANT_A, { clientId: client.id });
    expect(job).toMatchObject({ state: 'failed', attempts: 1, lastError: expect.stringContaining('Relaying denied for this sender') });
    const details = await portal.clients.get(staffA, client.id);
    expect(details.inviteDelivery).toMatchObject({ state: 'failed', reason: expect.stringContaining('550') });
    expect(details.inviteDelivery?.reason).toContain('Relaying denied for this sender');

    clock.advanceDays(1);
    expect(await portal.outbox.flush()).toMatchObject({ sent: 0, failed: 0, retrying: 0 });
    expect(receivedFor('bounced@example.com')).toHaveLength(0);

    // A resend queues a new mail, and the client's state follows the new invite.
    await portal.clients.sendInvite(staffA, client.id);
    expect((await portal.clients.get(staffA, client.id)).inviteDelivery).toMatchObject({ state: 'queued' });
    expect(await portal.outbox.flush()).toMatchObject({ sent: 1 });
    expect((await portal.clients.get(staffA, client.id)).inviteDelivery).toMatchObject({ state: 'sent' });
  });

  it('retries when the server drops the connection', async () => {
    const { portal, clock } = setup();
    const client = await portal.clients.add(staffA, { email: 'dropped@example.com', projectIds: ['p-maple'] });
    server.script.push('drop', 'drop');
    expect(await portal.outbox.flush()).toMatchObject({ retrying: 1 });
    clock.advanceMs(60_000);
    expect(await portal.outbox.flush()).toMatchObject({ retrying: 1 });
    clock.advanceMs(60_000);
    expect(await portal.outbox.flush()).toMatchObject({ sent: 1 });
    expect(receivedFor('dropped@example.com')).toHaveLength(1);
    const [job] = await portal.outbox.list(TENANT_A, { clientId: client.id });
    expect(job).toMatchObject({ state: 'sent', attempts: 3 });
  });

  it('escapes a hostile tenant and client name: HTML-escaped, and never a header', async () => {
    const { portal, settings } = setup();
    settings[TENANT_A]!.name = 'Acme <script>alert(1)</script>\r\nBcc: evil@example.net';
    await portal.clients.add(staffA, { email: 'victim@example.com', name: 'Dana <img src=x onerror=alert(2)>\r\nX-Injected: yes', projectIds: ['p-maple'] });
    expect(await portal.outbox.flush()).toMatchObject({ sent: 1 });

    const [got] = receivedFor('victim@example.com');
    expect(got!.to).toEqual(['victim@example.com']);
    expect(server.received.some((m) => m.to.includes('evil@example.net'))).toBe(false);
    expect(got!.parsed.headerLines.some((line) => /^(bcc|x-injected):/i.test(line))).toBe(false);
    expect(got!.parsed.headers.subject).toBe('Acme <script>alert(1)</script> Bcc: evil@example.net invited you to their client portal for 12 Maple Street');
    expect(got!.parsed.html).not.toContain('<script>');
    expect(got!.parsed.html).not.toContain('<img src=x');
    expect(got!.parsed.html).toContain('Acme &lt;script&gt;alert(1)&lt;/script&gt; Bcc: evil@example.net');
    expect(got!.parsed.html).toContain('Hello Dana &lt;img src=x onerror=alert(2)&gt; X-Injected: yes,');
    expect(got!.parsed.text).toContain('Hello Dana <img src=x onerror=alert(2)> X-Injected: yes,');
  });

  it('runs the reference invite flow with the outbox and SMTP in the path', async () => {
    const { portal, clock } = setup({ staffName: async (_tenant, userId) => (userId === staffA.userId ? 'Alice Cooper' : undefined) });
    const added = await portal.clients.add(staffA, { email: 'erin@example.com', name: 'Erin', projectIds: ['p-maple', 'p-harbor'] });
    expect(added.inviteDelivery).toMatchObject({ state: 'queued' });
    await portal.outbox.flush();
    const first = receivedFor('erin@example.com')[0]!;
    expect(first.parsed.headers.subject).toBe('Alice Cooper at Acme Builders invited you to their client portal for 12 Maple Street and Harbor View Townhomes');
    expect(first.parsed.text).toContain('Alice Cooper at Acme Builders invited you');
    const firstToken = tokenIn(first.parsed.text);
    expect(await portal.invites.inspect(firstToken)).toMatchObject({ status: 'pending', email: 'erin@example.com' });

    clock.advanceDays(2);
    await portal.clients.sendInvite(staffA, added.id);
    await portal.outbox.flush();
    const second = receivedFor('erin@example.com')[1]!;
    expect(second.parsed.headers.subject).toContain('Your new invite');
    expect(second.parsed.text).toContain('replaces the earlier one');
    const secondToken = tokenIn(second.parsed.text);
    await expect(portal.invites.accept(firstToken, { password: 'correct horse battery' })).rejects.toMatchObject({ code: 'invite_invalid' });
    const { client } = await portal.invites.accept(secondToken, { password: 'correct horse battery' });
    expect(client).toMatchObject({ status: 'active', email: 'erin@example.com' });
  });
});
