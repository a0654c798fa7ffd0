import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortal, type Mail, type Storage } from 'sitegate';
import { memoryContent, memoryStorage } from 'sitegate/adapters/memory';
import { sampleContent, staffA, TENANT_A, tenantSettings } from '../../src/testing/fixtures.js';
import { client } from '../../src/testing/storage/records.js';
import { testClock, testPasswords } from '../support/make-portal.js';
import { flakyMail } from '../mail/support/flaky-mail.js';
import { sqlBackends, type SqlBackend } from './sql-backends.js';

const MINUTE = 60_000;

/** Counts sends per digest (the `X-Sitegate-Job` header); fails `failRate` of them at random, one in five permanently. */
const countingMail = (options: { seed: number; failRate?: number; maxDelayMs?: number }) => flakyMail({ ...options, countBy: 'X-Sitegate-Job' });

function digestPortal(storage: Storage, mail: Mail, clock = testClock()) {
  const settings = structuredClone(tenantSettings);
  settings[TENANT_A]!.notifications = { default: 'instant' };
  const portal = createPortal({
    storage,
    mail,
    content: memoryContent(sampleContent()),
    acceptUrl: (token) => `https://builder.example/portal/accept#token=${token}`,
    unsubscribeUrl: (token) => `https://builder.example/api/portal/notifications/unsubscribe?token=${token}`,
    tenants: async (id) => settings[id] ?? null,
    now: clock.now,
    passwords: testPasswords,
    outbox: { baseDelayMs: 1000, maxDelayMs: 60_000, leaseMs: 120_000 },
  });
  return { portal, clock };
}

/** `count` active clients of p-maple, written straight to storage (this suite is about delivery, not invites). */
async function activeClients(storage: Storage, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `cl-${String(i).padStart(3, '0')}`);
  for (const id of ids) await storage.saveClient(client({ id, email: `${id}@example.com`, activatedAt: new Date('2026-03-01T00:00:00Z') }));
  return ids;
}

const unfinished = async (storage: Storage) => (await storage.listMailJobs(TENANT_A)).filter((j) => j.state === 'pending' || j.state === 'sending').length;

describe('digests under mail failures', () => {
  it.each([7, 42])('with 3 sends in 10 failing (seed %i): every digest ends sent or failed with a reason, none sent twice', async (seed) => {
    const storage = memoryStorage();
    const mail = countingMail({ seed, failRate: 0.3 });
    const { portal, clock } = digestPortal(storage, mail);
    const ids = await activeClients(storage, 60);
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    await portal.updates.publish(staffA, 'p-maple', { body: 'Framing started' });
    clock.advanceMs(6 * MINUTE);
    let rounds = 0;
    do {
      expect(++rounds, 'the outbox should settle within its attempt limit').toBeLessThan(40);
      await portal.outbox.flush();
      clock.advanceMs(MINUTE);
    } while ((await unfinished(storage)) > 0);

    const jobs = (await storage.listMailJobs(TENANT_A)).filter((j) => j.kind === 'digest');
    // One digest per client, holding both items.
    expect(jobs.map((j) => j.clientId).sort()).toEqual(ids);
    for (const job of jobs) {
      expect(['sent', 'failed']).toContain(job.state);
      expect((await storage.listNotifications(TENANT_A, { digestId: job.id })).length).toBe(2);
      const sends = mail.delivered.get(job.id) ?? 0;
      if (job.state === 'sent') expect(sends).toBe(1);
      else {
        expect(sends).toBe(0);
        expect(job.lastError).toMatch(/mailbox unavailable|gave up after 6 attempts/);
      }
    }
    const sent = jobs.filter((j) => j.state === 'sent').length;
    expect([...mail.delivered.values()].reduce((a, b) => a + b, 0)).toBe(sent);
    expect(sent).toBeGreaterThan(40);
    expect(await storage.listNotifications(TENANT_A, { pending: true })).toEqual([]);
  });

  it('a worker that died mid-send leaves the digest to the next claim once the lease runs out: sent once', async () => {
    const storage = memoryStorage();
    const mail = countingMail({ seed: 1 });
    const { portal, clock } = digestPortal(storage, mail);
    await activeClients(storage, 1);
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    clock.advanceMs(6 * MINUTE);
    // Assemble, then claim as a worker that is never heard from again.
    const stuck = digestPortal(storage, { name: 'dead', send: () => new Promise(() => {}) }, clock);
    void stuck.portal.outbox.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await storage.listMailJobs(TENANT_A)).map((j) => j.state)).toEqual(['sending']);
    expect(await portal.outbox.flush()).toMatchObject({ sent: 0 });
    clock.advanceMs(121_000);
    expect(await portal.outbox.flush()).toMatchObject({ sent: 1 });
    expect([...mail.delivered.values()]).toEqual([1]);
  });
});

for (const backend of sqlBackends()) {
  describe(`two workers on one ${backend.name} database`, () => {
    let db: SqlBackend;
    beforeAll(async () => {
      db = await backend.open();
    }, 120_000);
    afterAll(async () => db?.close());

    it('assemble and send each digest once, each notification in one digest', { timeout: 240_000 }, async () => {
      const [one, two] = [await db.storage(), await db.storage()];
      const mail = countingMail({ seed: 5, maxDelayMs: 5 });
      const clock = testClock();
      const a = digestPortal(one, mail, clock);
      const b = digestPortal(two, mail, clock);
      const ids = await activeClients(one, 20);
      await a.portal.shares.share(staffA, 'p-maple', [
        { module: 'documents', id: 'd-contract', kind: 'item' },
        { module: 'photos', id: 'ph-week1', kind: 'folder' },
      ]);
      clock.advanceMs(6 * MINUTE);
      const results = await Promise.all([a.portal.outbox.flush({ batchSize: 7 }), b.portal.outbox.flush({ batchSize: 5 }), a.portal.outbox.flush({ batchSize: 3, tenantId: TENANT_A })]);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(20);
      const jobs = (await one.listMailJobs(TENANT_A)).filter((j) => j.kind === 'digest');
      expect(jobs.map((j) => j.clientId).sort()).toEqual(ids);
      expect(jobs.every((j) => j.state === 'sent')).toBe(true);
      expect(mail.calls).toBe(20);
      expect([...mail.delivered.values()].every((n) => n === 1)).toBe(true);
      const notes = await one.listNotifications(TENANT_A, {});
      expect(notes).toHaveLength(40);
      expect(notes.every((n) => jobs.some((j) => j.id === n.digestId && j.clientId === n.clientId))).toBe(true);
    });
  });
}
