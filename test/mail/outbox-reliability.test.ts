import { describe, expect, it } from 'vitest';
import { MailError, type Mail } from 'sitegate';
import { memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { testClock } from '../support/make-portal.js';
import { flakyMail } from './support/flaky-mail.js';
import { mailPortal } from './support/mail-portal.js';

type Portal = ReturnType<typeof mailPortal>['portal'];

async function invite(portal: Portal, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push((await portal.clients.add(staffA, { email: `client${i}@example.com`, projectIds: ['p-maple'] })).id);
  }
  return ids;
}

const unfinished = async (portal: Portal) =>
  (await portal.outbox.list(TENANT_A)).filter((j) => j.state === 'pending' || j.state === 'sending').length;

describe('the outbox under failures', () => {
  it.each([7, 42, 20260302])('settles 200 invites with 30%% of sends failing (seed %i): none stuck, lost or sent twice', async (seed) => {
    const mail = flakyMail({ seed, failRate: 0.3 });
    const { portal, clock } = mailPortal(mail);
    const clientIds = await invite(portal, 200);

    let rounds = 0;
    while ((await unfinished(portal)) > 0) {
      expect(++rounds, 'the outbox should settle within its attempt limit').toBeLessThan(30);
      await portal.outbox.flush();
      clock.advanceMs(60_000);
    }

    const jobs = await portal.outbox.list(TENANT_A);
    expect(jobs).toHaveLength(200);
    expect(new Set(jobs.map((j) => j.clientId))).toEqual(new Set(clientIds));
    for (const job of jobs) {
      expect(['sent', 'failed']).toContain(job.state);
      const client = await portal.clients.get(staffA, job.clientId);
      const sends = mail.delivered.get(job.inviteId!) ?? 0;
      if (job.state === 'sent') {
        expect(sends).toBe(1);
        expect(client.inviteDelivery).toMatchObject({ state: 'sent' });
      } else {
        expect(sends).toBe(0);
        expect(job.lastError).toMatch(/mailbox unavailable|gave up after 6 attempts/);
        expect(client.inviteDelivery).toMatchObject({ state: 'failed', reason: job.lastError });
      }
    }
    const sent = jobs.filter((j) => j.state === 'sent').length;
    expect([...mail.delivered.values()].reduce((a, b) => a + b, 0)).toBe(sent);
    expect(sent).toBeGreaterThan(150);
  });

  it('never sends a job twice when flushes run concurrently, in one process or several', async () => {
    const storage = memoryStorage();
    const clock = testClock();
    const mail = flakyMail({ seed: 3, maxDelayMs: 5 });
    const a = mailPortal(mail, { storage, clock });
    const b = mailPortal(mail, { storage, clock });
    await invite(a.portal, 60);

    const results = await Promise.all([a.portal.outbox.flush({ batchSize: 7 }), a.portal.outbox.flush({ batchSize: 5 }), b.portal.outbox.flush({ batchSize: 3 })]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(60);
    expect(mail.calls).toBe(60);
    expect([...mail.delivered.values()].every((n) => n === 1)).toBe(true);
    expect(mail.delivered.size).toBe(60);
  });

  it('retries a job whose worker died between claim and finish once the lease runs out', async () => {
    const mail = memoryMail();
    const { portal, storage, clock } = mailPortal(mail, { outbox: { leaseMs: 120_000 } });
    const [clientId] = await invite(portal, 1);
    // A worker claims the job and is never heard from again.
    const claimed = await storage.claimMailJobs(clock.now(), 10, new Date(clock.now().getTime() + 120_000));
    expect(claimed).toHaveLength(1);

    expect(await portal.outbox.flush()).toMatchObject({ sent: 0 });
    clock.advanceMs(119_000);
    expect(await portal.outbox.flush()).toMatchObject({ sent: 0 });
    clock.advanceMs(1_000);
    expect(await portal.outbox.flush()).toMatchObject({ sent: 1 });
    expect(mail.messages).toHaveLength(1);
    const [job] = await portal.outbox.list(TENANT_A, { clientId: clientId! });
    expect(job).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('gives up on a job whose workers keep dying, after maxAttempts claims', async () => {
    const mail = memoryMail();
    const { portal, storage, clock } = mailPortal(mail, { outbox: { maxAttempts: 3, leaseMs: 1000 } });
    const [clientId] = await invite(portal, 1);
    for (let i = 0; i < 3; i++) {
      expect(await storage.claimMailJobs(clock.now(), 10, new Date(clock.now().getTime() + 1000))).toHaveLength(1);
      clock.advanceMs(1000);
    }
    expect(await portal.outbox.flush()).toMatchObject({ failed: 1 });
    expect(mail.messages).toHaveLength(0);
    const client = await portal.clients.get(staffA, clientId!);
    expect(client.inviteDelivery).toMatchObject({ state: 'failed', reason: expect.stringContaining('gave up after 3 attempts') });
  });

  it('sends a new invite when a client whose invite mail failed for good is added again', async () => {
    let refusing = true;
    const sent: string[] = [];
    const mail: Mail = {
      name: 'refusing',
      async send(message) {
        if (refusing) throw new MailError('SMTP 550 mailbox unavailable', { data: { permanent: true, responseCode: 550 } });
        sent.push(message.to);
        return {};
      },
    };
    const { portal } = mailPortal(mail);
    const [clientId] = await invite(portal, 1);
    expect(await portal.outbox.flush()).toMatchObject({ failed: 1 });
    expect((await portal.clients.get(staffA, clientId!)).inviteDelivery).toMatchObject({ state: 'failed' });
    refusing = false;
    // The builder's natural retry: add the client again.
    await portal.clients.add(staffA, { email: 'client0@example.com', projectIds: ['p-maple'] });
    expect(await portal.outbox.flush()).toMatchObject({ sent: 1 });
    expect(sent).toEqual(['client0@example.com']);
    // Once it went out, adding again sends nothing more: that invite is pending, not failed.
    await portal.clients.add(staffA, { email: 'client0@example.com', projectIds: ['p-maple'] });
    expect(await portal.outbox.flush()).toMatchObject({ sent: 0 });
  });

  it('does not let a worker that outlived its lease overwrite the newer attempt', async () => {
    let release!: () => void;
    let calls = 0;
    const mail: Mail = {
      name: 'slow-then-fast',
      async send() {
        if (++calls === 1) await new Promise<void>((resolve) => (release = resolve));
        return { providerId: `p-${calls}` };
      },
    };
    const { portal, clock } = mailPortal(mail, { outbox: { leaseMs: 120_000 } });
    const [clientId] = await invite(portal, 1);
    const slow = portal.outbox.flush();
    while (calls === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    clock.advanceMs(120_000);
    expect(await portal.outbox.flush()).toMatchObject({ sent: 1 });
    release();
    expect(await slow).toMatchObject({ sent: 0 });
    const [job] = await portal.outbox.list(TENANT_A, { clientId: clientId! });
    expect(job).toMatchObject({ state: 'sent', attempts: 2, providerId: 'p-2' });
  });

  it('gives up after maxAttempts transient failures, with the last reason', async () => {
    const failing: Mail = {
      name: 'down',
      async send() {
        throw new MailError('SMTP ECONNECTION: connect ECONNREFUSED 127.0.0.1:2525', { data: { permanent: false } });
      },
    };
    const errors: unknown[] = [];
    const { portal, clock } = mailPortal(failing, { outbox: { maxAttempts: 3 }, onError: (e) => errors.push(e) });
    const [clientId] = await invite(portal, 1);
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(await portal.outbox.flush());
      clock.advanceMs(60_000);
    }
    expect(outcomes.map((o) => [o.retrying, o.failed])).toEqual([[1, 0], [1, 0], [0, 1], [0, 0]]);
    const client = await portal.clients.get(staffA, clientId!);
    expect(client.inviteDelivery).toMatchObject({ state: 'failed', reason: 'gave up after 3 attempts: SMTP ECONNECTION: connect ECONNREFUSED 127.0.0.1:2525' });
    // Two retries, then the give-up (test/core/error-reports.test.ts).
    expect(errors.map((e) => (e as Error).name)).toEqual(['MailError', 'MailError', 'MailGivenUpError']);
  });

  it('waits with exponential backoff between attempts', async () => {
    const failing: Mail = {
      name: 'down',
      async send() {
        throw new MailError('SMTP 421 try later', { data: { permanent: false, responseCode: 421 } });
      },
    };
    const { portal, clock } = mailPortal(failing, { outbox: { baseDelayMs: 10_000, maxDelayMs: 30_000, maxAttempts: 10 } });
    await invite(portal, 1);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      await portal.outbox.flush();
      const [job] = await portal.outbox.list(TENANT_A);
      waits.push(job!.runAt.getTime() - clock.now().getTime());
      clock.advanceMs(waits.at(-1)!);
    }
    expect(waits[0]).toBeGreaterThanOrEqual(5_000);
    expect(waits[0]).toBeLessThanOrEqual(10_000);
    expect(waits[1]).toBeGreaterThanOrEqual(10_000);
    expect(waits[1]).toBeLessThanOrEqual(20_000);
    expect(waits[2]).toBeGreaterThanOrEqual(15_000);
    expect(waits[3]).toBeLessThanOrEqual(30_000);
  });

  it('marks the mail failed when the invite expires before it could be sent', async () => {
    const failing: Mail = {
      name: 'down',
      async send() {
        throw new MailError('SMTP 421 try later', { data: { permanent: false, responseCode: 421 } });
      },
    };
    const { portal, clock } = mailPortal(failing, { outbox: { maxAttempts: 100, maxDelayMs: 24 * 60 * 60_000 } });
    const [clientId] = await invite(portal, 1);
    await portal.outbox.flush();
    clock.advanceDays(15);
    expect(await portal.outbox.flush()).toMatchObject({ failed: 1 });
    const client = await portal.clients.get(staffA, clientId!);
    expect(client.inviteDelivery).toMatchObject({ state: 'failed', reason: expect.stringContaining('expired before its mail could be sent') });
  });

  it('cancels the mail of a replaced invite and sends only the newest', async () => {
    const mail = memoryMail();
    const { portal } = mailPortal(mail);
    const [clientId] = await invite(portal, 1);
    await portal.clients.sendInvite(staffA, clientId!);
    expect(await portal.outbox.flush()).toMatchObject({ sent: 1, cancelled: 1 });
    expect(mail.messages).toHaveLength(1);
    expect(mail.messages[0]!.text).toContain('replaces the earlier one');
    expect((await portal.clients.get(staffA, clientId!)).inviteDelivery).toMatchObject({ state: 'sent' });
  });

  it('runs as a worker loop that stops cleanly', async () => {
    const mail = memoryMail();
    const { portal } = mailPortal(mail);
    const worker = portal.outbox.start({ intervalMs: 5 });
    await invite(portal, 2);
    const deadline = Date.now() + 5000;
    while (mail.messages.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(mail.messages).toHaveLength(2);
    await worker.stop();
    await portal.clients.add(staffA, { email: 'late@example.com', projectIds: ['p-maple'] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mail.messages).toHaveLength(2);
  });
});
