import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPortal, MailError, type Mail } from 'sitegate';
import { memoryContent, memoryStorage } from 'sitegate/adapters/memory';
import { createPortalHandler } from 'sitegate/server';
import { sampleContent, staffA, TENANT_A, tenantSettings } from '../../src/testing/fixtures.js';
import { mailPortal } from '../mail/support/mail-portal.js';
import { BASE, asAlice } from '../http/support.js';
import { makePortal } from '../support/make-portal.js';

/**
 * Where failures nobody asked about go: background work reports to the portal's `onError`
 * (by default `console.error`), every mail given up is named as such, and a reporting hook that
 * itself throws or rejects changes nothing — no crash, no unhandled rejection, no failed work.
 */

const refusing = (permanent: boolean): Mail => ({
  name: 'refusing',
  async send() {
    throw new MailError(permanent ? 'SMTP 535 authentication failed' : 'SMTP 421 try later', { data: { permanent } });
  },
});

async function inviteOne(portal: ReturnType<typeof mailPortal>['portal']): Promise<string> {
  return (await portal.clients.add(staffA, { email: 'owner@example.com', projectIds: ['p-maple'] })).id;
}

afterEach(() => vi.restoreAllMocks());

describe('mail given up', () => {
  it('reports a permanent refusal once, as MailGivenUpError with the adapter error as cause', async () => {
    const errors: unknown[] = [];
    const { portal } = mailPortal(refusing(true), { onError: (e) => void errors.push(e) });
    await inviteOne(portal);
    expect(await portal.outbox.flush()).toMatchObject({ failed: 1 });
    expect(errors).toHaveLength(1);
    const [job] = await portal.outbox.list(TENANT_A);
    const gaveUp = errors[0] as Error;
    expect(gaveUp.name).toBe('MailGivenUpError');
    expect(gaveUp.message).toBe(`Mail job ${job!.id} (invite, tenant ${TENANT_A}) is failed and will not be sent again: SMTP 535 authentication failed`);
    expect(gaveUp.cause).toBeInstanceOf(MailError);
  });

  it('reports each retry, then the last attempt as MailGivenUpError', async () => {
    const errors: unknown[] = [];
    const { portal, clock } = mailPortal(refusing(false), { outbox: { maxAttempts: 3 }, onError: (e) => void errors.push(e) });
    await inviteOne(portal);
    for (let i = 0; i < 3; i++) {
      await portal.outbox.flush();
      clock.advanceMs(60_000);
    }
    expect(errors.map((e) => (e as Error).name)).toEqual(['MailError', 'MailError', 'MailGivenUpError']);
    expect((errors[2] as Error).message).toMatch(/will not be sent again: gave up after 3 attempts: SMTP 421 try later$/);
  });

  it('reports an invite that expired while its mail waited to be retried', async () => {
    const errors: unknown[] = [];
    const { portal, clock } = mailPortal(refusing(false), { outbox: { maxAttempts: 100, maxDelayMs: 24 * 60 * 60_000 }, onError: (e) => void errors.push(e) });
    await inviteOne(portal);
    await portal.outbox.flush();
    clock.advanceDays(15);
    expect(await portal.outbox.flush()).toMatchObject({ failed: 1 });
    expect(errors.map((e) => (e as Error).name)).toEqual(['MailError', 'MailGivenUpError']);
    expect((errors[1] as Error).message).toContain('the invite expired before its mail could be sent');
  });

  it('reports a job whose workers kept dying', async () => {
    const errors: unknown[] = [];
    const { portal, storage, clock } = mailPortal(refusing(false), { outbox: { maxAttempts: 2, leaseMs: 1000 }, onError: (e) => void errors.push(e) });
    await inviteOne(portal);
    for (let i = 0; i < 2; i++) {
      await storage.claimMailJobs(clock.now(), 10, new Date(clock.now().getTime() + 1000));
      clock.advanceMs(1000);
    }
    expect(await portal.outbox.flush()).toMatchObject({ failed: 1 });
    expect(errors.map((e) => (e as Error).name)).toEqual(['MailGivenUpError']);
  });
});

describe('the portal onError', () => {
  it('defaults to console.error', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const portal = createPortal({
      storage: memoryStorage(),
      mail: refusing(true),
      content: memoryContent(sampleContent()),
      acceptUrl: (token) => `https://builder.example/accept#${token}`,
      tenants: async (id) => tenantSettings[id] ?? null,
    });
    await inviteOne(portal);
    await portal.outbox.flush();
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0]![0]).toBe('sitegate: background work failed');
    expect((logged.mock.calls[0]![1] as Error).name).toBe('MailGivenUpError');
  });

  it.each([
    ['throws', () => {
      throw new Error('logger down');
    }],
    ['rejects', () => Promise.reject(new Error('error tracker unreachable'))],
  ])('that %s leaves the worker running and the mail retried', async (_label, onError) => {
    const { portal, clock } = mailPortal(refusing(false), { outbox: { maxAttempts: 3 }, onError });
    await inviteOne(portal);
    const worker = portal.outbox.start({ intervalMs: 1 });
    // Two failed tries: the first report was heard (and failed) and the worker went on.
    while ((await portal.outbox.list(TENANT_A))[0]!.attempts < 2) {
      clock.advanceMs(60_000);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await worker.stop();
    const [job] = await portal.outbox.list(TENANT_A);
    expect(job!.lastError).toBe('SMTP 421 try later');
    // Let a stray rejection surface before the test ends: vitest fails the run on one.
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});

describe('the handler onError', () => {
  it('that rejects leaves the 500 answered and nothing unhandled', async () => {
    const { portal } = makePortal();
    const handler = createPortalHandler(portal, {
      basePath: '/api/portal',
      authenticateStaff: () => {
        throw new Error('identity provider down');
      },
      onError: () => Promise.reject(new Error('error tracker unreachable')),
    });
    const response = await handler(new Request(`${BASE}/clients`, { headers: asAlice }));
    expect(response.status).toBe(500);
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});
