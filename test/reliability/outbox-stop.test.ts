import { describe, expect, it } from 'vitest';
import type { Mail, MailMessage } from 'sitegate';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

/** A mail server that takes `delayMs` per message and keeps what it accepted. */
function slowMail(delayMs: number): Mail & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    name: 'slow',
    sent,
    async send(message) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      sent.push(message);
      return {};
    },
  };
}

describe('outbox worker stop()', () => {
  it('finishes the batch in flight and leaves the backlog for the next worker', async () => {
    const mail = slowMail(20);
    const setup = makePortal({ mail });
    const backlog = 600;
    for (let i = 0; i < backlog; i++) await setup.portal.clients.add(staffA, { email: `c${i}@example.com`, projectIds: ['p-maple'] });

    const worker = setup.portal.outbox.start({ batchSize: 25, intervalMs: 10 });
    while (mail.sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const stopping = performance.now();
    await worker.stop();
    const stopMs = performance.now() - stopping;

    // At most the batch that was being delivered, and the one claimed just before stop().
    expect(mail.sent.length).toBeLessThanOrEqual(50);
    expect(stopMs).toBeLessThan(1000);
    const jobs = await setup.storage.listMailJobs(TENANT_A);
    expect(jobs.filter((j) => j.state === 'sending')).toEqual([]);
    expect(jobs.filter((j) => j.state === 'sent')).toHaveLength(mail.sent.length);
    const left = jobs.filter((j) => j.state === 'pending').length;
    expect(left).toBe(backlog - mail.sent.length);

    // Nothing was lost or half-done: the next worker delivers the rest, each mail once.
    const next = await setup.portal.outbox.flush();
    expect(next.sent).toBe(left);
    expect(new Set(mail.sent.map((m) => m.to)).size).toBe(backlog);
    expect(mail.sent).toHaveLength(backlog);
  }, 60_000);
});
