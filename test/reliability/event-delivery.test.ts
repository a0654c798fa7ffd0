import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPortal, type PortalEvent, type Storage } from 'sitegate';
import { memoryContent, memoryMail } from 'sitegate/adapters/memory';
import { emitEvent } from '../../src/kernel/event-log.js';
import { sampleContent, tenantSettings } from '../../src/testing/fixtures.js';
import { testPasswords } from '../support/make-portal.js';
import { sqlBackends, type SqlBackend } from './sql-backends.js';

/** A portal on `storage` with the real clock, quick retries and the given host handler: one worker "process". */
function worker(storage: Storage, onEvent: (event: PortalEvent) => Promise<void>, leaseMs = 10_000) {
  return createPortal({
    storage,
    mail: memoryMail(),
    content: memoryContent(sampleContent()),
    acceptUrl: (token) => `https://builder.example/accept#token=${token}`,
    tenants: async (id) => tenantSettings[id] ?? null,
    passwords: testPasswords,
    outbox: { baseDelayMs: 5, maxDelayMs: 20, leaseMs, maxAttempts: 10 },
    onEvent,
  });
}

/** `count` events per tenant, queued as the services queue them; ids per tenant, oldest first. */
async function queue(storage: Storage, tenants: string[], count: number): Promise<Map<string, string[]>> {
  const ids = new Map<string, string[]>(tenants.map((t) => [t, []]));
  for (let i = 0; i < count; i++) {
    for (const tenantId of tenants) {
      const event = await storage.transaction((tx) => emitEvent(tx, new Date(), tenantId, 'client.viewed', { clientId: 'cl-eve', projectId: 'p-maple', module: 'documents', id: `d-${i}` }));
      ids.get(tenantId)!.push(event.id);
    }
  }
  return ids;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(sqlBackends())('event delivery on $name', ({ open }) => {
  let backend: SqlBackend;
  beforeAll(async () => {
    backend = await open();
  }, 120_000);
  afterAll(async () => backend?.close());
  beforeEach(async () => backend.reset());

  it('two workers on one database: each tenant in order, each event delivered once, never two of a tenant at once', { timeout: 60_000 }, async () => {
    const tenants = ['t-1', 't-2', 't-3'];
    const [one, two] = [await backend.storage(), await backend.storage()];
    const expected = await queue(one, tenants, 12);
    const delivered = new Map<string, string[]>(tenants.map((t) => [t, []]));
    const inFlight = new Set<string>();
    const tries = new Map<string, number>();
    const problems: string[] = [];
    const byWorker = [0, 0];
    const host = (n: number) => async (event: PortalEvent) => {
      if (inFlight.has(event.tenantId)) problems.push(`two events of ${event.tenantId} at once (${event.id})`);
      inFlight.add(event.tenantId);
      try {
        await sleep(Math.random() * 3);
        const attempt = (tries.get(event.id) ?? 0) + 1;
        tries.set(event.id, attempt);
        // Every third event fails on its first attempt: its tenant must wait for it.
        if (attempt === 1 && Number(String(event.data.id).slice('d-'.length)) % 3 === 0) throw new Error('host briefly down');
        delivered.get(event.tenantId)!.push(event.id);
        byWorker[n]!++;
      } finally {
        inFlight.delete(event.tenantId);
      }
    };
    const workers = [worker(one, host(0)).outbox.start({ intervalMs: 3, batchSize: 2 }), worker(two, host(1)).outbox.start({ intervalMs: 3, batchSize: 2 })];
    try {
      await expect.poll(() => [...delivered.values()].flat().length, { timeout: 45_000, interval: 20 }).toBe(36);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    expect(problems).toEqual([]);
    for (const tenantId of tenants) expect(delivered.get(tenantId), tenantId).toEqual(expected.get(tenantId));
    for (const tenantId of tenants) expect((await one.listEvents(tenantId)).every((e) => e.state === 'delivered')).toBe(true);
    // Both workers took part (they compete for the same queues).
    expect(byWorker[0]! + byWorker[1]!).toBe(36);
  });

  it('a worker that dies mid-delivery: after the lease lapses another redelivers the event, same id, before the next', { timeout: 60_000 }, async () => {
    const storage = await backend.storage();
    const [first, second] = (await queue(storage, ['t-1'], 2)).get('t-1')!;
    // The dead worker: it claimed the head with a short lease and never settled it.
    const heard: string[] = [];
    const survivor = worker(await backend.storage(), async (event) => void heard.push(event.id));
    const leaseEnds = Date.now() + 1500;
    const [claimed] = await storage.claimEvents(new Date(), 10, new Date(leaseEnds));
    expect(claimed?.id).toBe(first);
    expect((await survivor.outbox.flush()).events).toEqual({ delivered: 0, failed: 0, retrying: 0 });
    expect(heard).toEqual([]);
    await sleep(leaseEnds - Date.now() + 50);
    expect((await survivor.outbox.flush()).events).toEqual({ delivered: 2, failed: 0, retrying: 0 });
    expect(heard).toEqual([first, second]);
    expect((await storage.listEvents('t-1'))[0]).toMatchObject({ id: first, state: 'delivered', attempts: 2 });
  });
});
