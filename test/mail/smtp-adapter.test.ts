import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MailError } from 'sitegate';
import { smtpMail, type SmtpMail } from 'sitegate/adapters/smtp';
import type { MailMessage } from 'sitegate';
import { startTestSmtpServer, type TestSmtpServer } from './support/smtp-server.js';

const message = (over: Partial<MailMessage> = {}): MailMessage => ({
  to: 'dana@example.com',
  subject: 'Acme Builders invited you to their client portal',
  text: 'Hello Dana,\n\nAccept: https://builder.example/accept?token=t0k3n\n',
  html: '<p>Hello Dana,</p><p><a href="https://builder.example/accept?token=t0k3n">Accept invite</a></p>',
  headers: { 'X-Sitegate-Invite': 'in_123', 'X-Sitegate-Job': 'mj_456' },
  messageId: '<mj_456.1@sitegate>',
  ...over,
});

describe('smtpMail against a real SMTP server', () => {
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
    delete server.rejectRecipient;
    await mail?.close();
  });

  it('delivers text, HTML, our headers and our Message-ID, and returns the queue id', async () => {
    mail = smtpMail({ url: server.url, from: '"Acme Builders" <portal@acme.example>' });
    const receipt = await mail.send(message());
    expect(receipt.providerId).toBe(`Q${server.received.length}`);
    const got = server.received.at(-1)!;
    expect(got.to).toEqual(['dana@example.com']);
    expect(got.from).toBe('portal@acme.example');
    expect(got.parsed.headers).toMatchObject({
      'message-id': '<mj_456.1@sitegate>',
      'x-sitegate-invite': 'in_123',
      'x-sitegate-job': 'mj_456',
      subject: 'Acme Builders invited you to their client portal',
      to: 'dana@example.com',
      from: 'Acme Builders <portal@acme.example>',
    });
    expect(got.parsed.headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(got.parsed.headers.date).toBeTruthy();
    expect(got.parsed.text.replace(/\r\n/g, '\n')).toBe(message().text);
    expect(got.parsed.html).toBe(message().html);
  });

  it('accepts nodemailer transport options (pooled) and the options as a second argument', async () => {
    mail = smtpMail({ transport: { host: '127.0.0.1', port: server.port, secure: false, pool: true, maxConnections: 1 } }, { from: 'portal@acme.example' });
    await Promise.all([mail.send(message({ to: 'a@example.com' })), mail.send(message({ to: 'b@example.com' }))]);
    expect(server.received.slice(-2).flatMap((m) => m.to).sort()).toEqual(['a@example.com', 'b@example.com']);
  });

  it('sends to exactly one recipient even when the address holds a comma', async () => {
    mail = smtpMail({ url: server.url, from: 'portal@acme.example' });
    const before = server.received.length;
    await mail.send(message({ to: '"x, y"@example.com' })).catch(() => undefined);
    for (const m of server.received.slice(before)) expect(m.to).toHaveLength(1);
  });

  it('reports a 4xx reply as transient, with the code and the server reason', async () => {
    mail = smtpMail({ url: server.url, from: 'portal@acme.example' });
    server.script.push({ code: 451, message: 'Requested action aborted: local error in processing' });
    const error = await mail.send(message()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailError);
    expect(error).toMatchObject({ code: 'mail_failed', permanent: false, responseCode: 451 });
    expect((error as MailError).message).toContain('local error in processing');
  });

  it('reports a 5xx reply as permanent, with the code and the server reason', async () => {
    mail = smtpMail({ url: server.url, from: 'portal@acme.example' });
    server.script.push({ code: 554, message: 'Transaction failed: message looks like spam' });
    const error = await mail.send(message()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'MailError', permanent: true, responseCode: 554 });
    expect((error as MailError).message).toContain('message looks like spam');
  });

  it('reports a rejected recipient as permanent, and a greylisted one as transient', async () => {
    mail = smtpMail({ url: server.url, from: 'portal@acme.example' });
    server.rejectRecipient = (address) =>
      address.startsWith('nobody') ? { code: 550, message: '5.1.1 No such user here' } : address.startsWith('grey') ? { code: 450, message: '4.7.1 Greylisted, try again later' } : undefined;
    await expect(mail.send(message({ to: 'nobody@example.com' }))).rejects.toMatchObject({ permanent: true, responseCode: 550, message: expect.stringContaining('No such user') });
    await expect(mail.send(message({ to: 'grey@example.com' }))).rejects.toMatchObject({ permanent: false, responseCode: 450 });
  });

  it('reports a dropped connection as transient', async () => {
    mail = smtpMail({ url: server.url, from: 'portal@acme.example' });
    server.script.push('drop');
    await expect(mail.send(message())).rejects.toMatchObject({ name: 'MailError', permanent: false });
  });

  it('reports a refused connection as transient', async () => {
    const closed = await startTestSmtpServer();
    const url = closed.url;
    await closed.close();
    mail = smtpMail({ url, from: 'portal@acme.example' });
    await expect(mail.send(message())).rejects.toMatchObject({ name: 'MailError', permanent: false });
  });

  it('aborts a send that takes longer than sendTimeoutMs, as transient', async () => {
    const net = await import('node:net');
    // Accepts the connection and never greets: the SMTP session never starts.
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    mail = smtpMail({ url: `smtp://127.0.0.1:${port}`, from: 'portal@acme.example', sendTimeoutMs: 300 });
    const started = Date.now();
    await expect(mail.send(message())).rejects.toMatchObject({ name: 'MailError', permanent: false });
    expect(Date.now() - started).toBeLessThan(5000);
    silent.close();
  });

  it('keeps a CR/LF in the subject and headers from starting new headers', async () => {
    mail = smtpMail({ url: server.url, from: 'portal@acme.example' });
    await mail.send(message({ subject: 'Hi\r\nBcc: evil@example.net', headers: { 'X-Sitegate-Invite': 'in_1\r\nX-Injected: yes' } }));
    const got = server.received.at(-1)!;
    expect(got.to).toEqual(['dana@example.com']);
    expect(got.parsed.headerLines.some((l) => /^(bcc|x-injected):/i.test(l))).toBe(false);
  });
});
