import { describe, expect, it } from 'vitest';
import { memoryMail } from 'sitegate/adapters/memory';
import { staffA, staffB, TENANT_A } from '../../src/testing/fixtures.js';
import { mailPortal } from './support/mail-portal.js';

/**
 * Preparing a mail calls the host's hooks (the inviter's name, the tenant's settings, project
 * names). One that hangs must not hold every other tenant's mail or the worker's `stop()`, and
 * one that is merely slow must not let a claim that may have lost its job mint a token or send.
 */

const LEASE_MS = 400;

describe('the outbox and slow host hooks', () => {
  it('sends the other tenants\' mail and stops while one tenant\'s hook hangs', async () => {
    const mail = memoryMail();
    const errors: unknown[] = [];
    const { portal } = mailPortal(mail, {
      outbox: { leaseMs: LEASE_MS },
      staffName: (tenantId) => (tenantId === TENANT_A ? new Promise(() => {}) : Promise.resolve('Bob Builder')),
      onError: (e) => void errors.push(e),
    });
    await portal.clients.add(staffA, { email: 'stuck@example.com', projectIds: ['p-maple'] });
    await portal.clients.add(staffB, { email: 'sent@example.com', projectIds: ['p-maple'] });
    const started = Date.now();
    const result = await portal.outbox.flush();
    // The hung one waits out 80% of the lease, then is retried later; the other is sent.
    expect(Date.now() - started).toBeLessThan(LEASE_MS * 5);
    expect(result).toMatchObject({ sent: 1, retrying: 1 });
    expect(mail.messages.map((m) => m.to)).toEqual(['sent@example.com']);
    expect((errors[0] as Error).message).toBe(`The mail was not prepared within the outbox lease (${LEASE_MS} ms)`);

    const worker = portal.outbox.start({ intervalMs: 5 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stopping = Date.now();
    await worker.stop();
    expect(Date.now() - stopping).toBeLessThan(LEASE_MS * 5);
  });

  it('mints no token and sends nothing once a fifth of the lease went on preparing; the next attempt sends', async () => {
    const mail = memoryMail();
    const errors: unknown[] = [];
    let slow = true;
    const env = mailPortal(mail, {
      outbox: { leaseMs: 120_000 },
      staffName: async () => {
        // The hook answers after 30 s of the 2-minute lease, by the portal's clock.
        if (slow) env.clock.advanceMs(30_000);
        return 'Alice Builder';
      },
      onError: (e) => void errors.push(e),
    });
    const { portal, storage, clock } = env;
    const client = await portal.clients.add(staffA, { email: 'owner@example.com', projectIds: ['p-maple'] });
    const [job] = await portal.outbox.list(TENANT_A, { clientId: client.id });
    const invite = await storage.getInvite(TENANT_A, job!.inviteId!);
    expect(await portal.outbox.flush()).toMatchObject({ sent: 0, retrying: 1 });
    expect(mail.messages).toHaveLength(0);
    // No token stored: a worker that took the job meanwhile keeps the link it mails working.
    expect((await storage.getInvite(TENANT_A, invite!.id))!.tokenHash).toBe(invite!.tokenHash);
    expect((errors[0] as Error).message).toMatch(/took more than a fifth of the outbox lease .* it is sent on a later attempt$/);

    slow = false;
    clock.advanceMs(120_000);
    expect(await portal.outbox.flush()).toMatchObject({ sent: 1 });
    expect(mail.messages.map((m) => m.to)).toEqual(['owner@example.com']);
    expect((await storage.getInvite(TENANT_A, invite!.id))!.tokenHash).not.toBe(invite!.tokenHash);
  });
});
