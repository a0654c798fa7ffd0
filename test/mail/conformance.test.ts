import { afterAll, beforeAll } from 'vitest';
import { memoryMail } from 'sitegate/adapters/memory';
import { smtpMail, type SmtpMail } from 'sitegate/adapters/smtp';
import { mailConformance } from 'sitegate/testing';
import type { Mail } from 'sitegate';
import { startTestSmtpServer, type TestSmtpServer } from './support/smtp-server.js';

// Our own adapters run the published suite exactly as an outside adapter author would.

const memory = memoryMail();
mailConformance({
  name: 'memoryMail',
  create: () => memory,
  // As the suite's example has it: the adapter's own messages, header names as sent.
  inbox: () => memory.messages,
});

let server: TestSmtpServer;
let refusing: TestSmtpServer;
let closedUrl: string;
beforeAll(async () => {
  server = await startTestSmtpServer();
  refusing = await startTestSmtpServer();
  refusing.rejectRecipient = () => ({ code: 550, message: '5.1.1 Mailbox unavailable' });
  const closed = await startTestSmtpServer();
  closedUrl = closed.url;
  await closed.close();
});
afterAll(async () => {
  await server.close();
  await refusing.close();
});

mailConformance({
  name: 'smtpMail',
  create: () => smtpMail({ url: server.url, from: 'portal@acme.example' }),
  inbox: () => server.inbox(),
  dispose: (mail: Mail) => (mail as SmtpMail).close(),
  failing: {
    permanent: () => smtpMail({ url: refusing.url, from: 'portal@acme.example' }),
    transient: () => smtpMail({ url: closedUrl, from: 'portal@acme.example' }),
  },
});
