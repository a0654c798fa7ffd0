import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../model/portal-event.js';
import { TENANT_A, TENANT_B } from '../fixtures.js';
import { at, T0, type GetStorage } from './records.js';

/** A pending `client.viewed` event of tenant A, due at T0. */
export const storedEvent = (over: Partial<StoredEvent> = {}): StoredEvent => ({
  id: 'ev-1',
  type: 'client.viewed',
  tenantId: TENANT_A,
  at: T0,
  data: { clientId: 'cl-1', projectId: 'p-maple', module: 'documents', id: 'd-contract' },
  state: 'pending',
  attempts: 0,
  runAt: T0,
  updatedAt: T0,
  ...over,
});

const LEASE = at(60_000);
const ids = (events: StoredEvent[]) => events.map((e) => `${e.tenantId}/${e.id}`);

export function eventTests(get: GetStorage): void {
  describe('events', () => {
    it('lists a tenant\'s events in insertion order, every field kept, filtered by state', async () => {
      // Ids and times out of order on purpose: insertion order is the order.
      const full = storedEvent({ id: 'ev-b', type: 'approval.decided', at: at(5), data: { approvalId: 'ap-1', nested: { n: 2, ok: true, list: ['x'] } }, lastError: 'host down' });
      await get().insertEvent(full);
      await get().insertEvent(storedEvent({ id: 'ev-a', at: at(-5), state: 'delivered' }));
      await get().insertEvent(storedEvent({ id: 'ev-c', tenantId: TENANT_B }));
      expect(await get().listEvents(TENANT_A)).toEqual([full, storedEvent({ id: 'ev-a', at: at(-5), state: 'delivered' })]);
      expect(ids(await get().listEvents(TENANT_A, { state: 'delivered' }))).toEqual([`${TENANT_A}/ev-a`]);
      expect(ids(await get().listEvents(TENANT_B))).toEqual([`${TENANT_B}/ev-c`]);
    });

    it('refuses a second event with the same id (ConflictError), keeping the first', async () => {
      await get().insertEvent(storedEvent());
      await expect(get().insertEvent(storedEvent({ type: 'invite.accepted' }))).rejects.toMatchObject({ code: 'conflict' });
      expect(await get().listEvents(TENANT_A)).toEqual([storedEvent()]);
    });

    it('claims only the head of each tenant\'s queue, oldest runAt first, leasing it', async () => {
      await get().insertEvent(storedEvent({ id: 'ev-a1', runAt: at(-10) }));
      await get().insertEvent(storedEvent({ id: 'ev-a2', runAt: at(-30) }));
      await get().insertEvent(storedEvent({ id: 'ev-b1', tenantId: TENANT_B, runAt: at(-20) }));
      const claimed = await get().claimEvents(T0, 10, LEASE);
      expect(ids(claimed)).toEqual([`${TENANT_B}/ev-b1`, `${TENANT_A}/ev-a1`]);
      expect(claimed[1]).toEqual(storedEvent({ id: 'ev-a1', state: 'delivering', attempts: 1, runAt: LEASE, updatedAt: T0 }));
      // While the heads are leased, the tenants' later events wait.
      expect(await get().claimEvents(T0, 10, LEASE)).toEqual([]);
      expect(await get().settleEvent(TENANT_A, 'ev-a1', 1, { state: 'delivered', runAt: at(1), updatedAt: at(1) })).toBe(true);
      expect(ids(await get().claimEvents(at(1), 10, LEASE))).toEqual([`${TENANT_A}/ev-a2`]);
    });

    it('claims nothing of a tenant whose head is not due yet, not even a due later event', async () => {
      await get().insertEvent(storedEvent({ id: 'ev-1', runAt: at(1000) }));
      await get().insertEvent(storedEvent({ id: 'ev-2', runAt: at(-1000) }));
      await get().insertEvent(storedEvent({ id: 'ev-3', tenantId: TENANT_B }));
      expect(ids(await get().claimEvents(T0, 10, LEASE))).toEqual([`${TENANT_B}/ev-3`]);
      expect(ids(await get().claimEvents(at(1000), 10, LEASE))).toEqual([`${TENANT_A}/ev-1`]);
    });

    it('goes on past a delivered or failed head', async () => {
      await get().insertEvent(storedEvent({ id: 'ev-1', state: 'delivered' }));
      await get().insertEvent(storedEvent({ id: 'ev-2', state: 'failed' }));
      await get().insertEvent(storedEvent({ id: 'ev-3' }));
      await get().insertEvent(storedEvent({ id: 'ev-4' }));
      expect(ids(await get().claimEvents(T0, 10, LEASE))).toEqual([`${TENANT_A}/ev-3`]);
      await get().settleEvent(TENANT_A, 'ev-3', 1, { state: 'failed', runAt: T0, updatedAt: T0, lastError: 'gave up' });
      expect(ids(await get().claimEvents(T0, 10, LEASE))).toEqual([`${TENANT_A}/ev-4`]);
    });

    it('claims a delivering head again once its lease has lapsed; the old claim can no longer settle', async () => {
      await get().insertEvent(storedEvent());
      await get().claimEvents(T0, 1, at(1000));
      expect(await get().claimEvents(at(999), 1, at(2000))).toEqual([]);
      const again = await get().claimEvents(at(1000), 1, at(2000));
      expect(again).toEqual([storedEvent({ state: 'delivering', attempts: 2, runAt: at(2000), updatedAt: at(1000) })]);
      expect(await get().settleEvent(TENANT_A, 'ev-1', 1, { state: 'delivered', runAt: at(1001), updatedAt: at(1001) })).toBe(false);
      expect((await get().listEvents(TENANT_A))[0]?.state).toBe('delivering');
    });

    it('settles only a delivering event with the claim\'s attempts; sets or clears lastError', async () => {
      expect(await get().settleEvent(TENANT_A, 'ev-1', 1, { state: 'delivered', runAt: T0, updatedAt: T0 })).toBe(false);
      await get().insertEvent(storedEvent());
      expect(await get().settleEvent(TENANT_A, 'ev-1', 0, { state: 'delivered', runAt: T0, updatedAt: T0 })).toBe(false);
      await get().claimEvents(T0, 1, LEASE);
      expect(await get().settleEvent(TENANT_B, 'ev-1', 1, { state: 'delivered', runAt: T0, updatedAt: T0 })).toBe(false);
      expect(await get().settleEvent(TENANT_A, 'ev-1', 1, { state: 'pending', runAt: at(500), updatedAt: at(2), lastError: 'host said 503' })).toBe(true);
      expect(await get().listEvents(TENANT_A)).toEqual([storedEvent({ attempts: 1, runAt: at(500), updatedAt: at(2), lastError: 'host said 503' })]);
      await get().claimEvents(at(500), 1, LEASE);
      expect(await get().settleEvent(TENANT_A, 'ev-1', 2, { state: 'delivered', runAt: at(501), updatedAt: at(501) })).toBe(true);
      expect(await get().listEvents(TENANT_A)).toEqual([storedEvent({ state: 'delivered', attempts: 2, runAt: at(501), updatedAt: at(501) })]);
      expect(await get().settleEvent(TENANT_A, 'ev-1', 2, { state: 'failed', runAt: at(502), updatedAt: at(502) })).toBe(false);
    });

    it('claims only the given tenant\'s head when asked for one tenant, and at most `limit`', async () => {
      await get().insertEvent(storedEvent({ id: 'ev-a' }));
      await get().insertEvent(storedEvent({ id: 'ev-b', tenantId: TENANT_B, runAt: at(-1) }));
      await get().insertEvent(storedEvent({ id: 'ev-c', tenantId: 'initech', runAt: at(-2) }));
      expect(ids(await get().claimEvents(T0, 10, LEASE, TENANT_A))).toEqual([`${TENANT_A}/ev-a`]);
      expect(await get().claimEvents(T0, 0, LEASE)).toEqual([]);
      expect(ids(await get().claimEvents(T0, 1, LEASE))).toEqual(['initech/ev-c']);
      expect(ids(await get().claimEvents(T0, 10, LEASE))).toEqual([`${TENANT_B}/ev-b`]);
    });

    // Needs transactions isolated from one another (the suite's isolation cases).
    describe('transaction isolation', () => {
      it('makes a tenant\'s events visible in queue order: a second inserting transaction waits for the first to end', async () => {
        let inserted!: () => void;
        let release!: () => void;
        const first = new Promise<void>((resolve) => (inserted = resolve));
        const gate = new Promise<void>((resolve) => (release = resolve));
        const done: string[] = [];
        const one = get().transaction(async (tx) => {
          await tx.insertEvent(storedEvent({ id: 'ev-1' }));
          inserted();
          await gate;
        }).then(() => done.push('ev-1'));
        await first;
        const two = get().transaction((tx) => tx.insertEvent(storedEvent({ id: 'ev-2' }))).then(() => done.push('ev-2'));
        await new Promise((resolve) => setTimeout(resolve, 200));
        // Had the second committed by now, a worker could deliver ev-2 while ev-1 is still to come.
        expect(done).toEqual([]);
        release();
        await Promise.all([one, two]);
        // Both committed; which answer reached this process first says nothing about the commits.
        expect(done.sort()).toEqual(['ev-1', 'ev-2']);
        expect(ids(await get().listEvents(TENANT_A))).toEqual([`${TENANT_A}/ev-1`, `${TENANT_A}/ev-2`]);
        expect(ids(await get().claimEvents(T0, 10, LEASE))).toEqual([`${TENANT_A}/ev-1`]);
      });
    });

    it('under concurrent claimers: no event twice, never two of one tenant at once, each tenant in order', async () => {
      const tenants = ['t-1', 't-2', 't-3'];
      for (let i = 0; i < 8; i++) for (const tenantId of tenants) await get().insertEvent(storedEvent({ tenantId, id: `ev-${i}` }));
      const inFlight = new Set<string>();
      const delivered = new Map<string, string[]>(tenants.map((t) => [t, []]));
      const problems: string[] = [];
      const worker = async () => {
        for (let idle = 0; idle < 20; ) {
          const claimed = await get().claimEvents(T0, 2, LEASE);
          if (claimed.length === 0) {
            idle++;
            await new Promise((resolve) => setTimeout(resolve, 2));
            continue;
          }
          idle = 0;
          for (const event of claimed) {
            if (inFlight.has(event.tenantId)) problems.push(`two events of ${event.tenantId} at once`);
            inFlight.add(event.tenantId);
          }
          await new Promise((resolve) => setTimeout(resolve, 1));
          for (const event of claimed) {
            inFlight.delete(event.tenantId);
            delivered.get(event.tenantId)!.push(event.id);
            if (!(await get().settleEvent(event.tenantId, event.id, event.attempts, { state: 'delivered', runAt: T0, updatedAt: T0 }))) problems.push(`${event.id} lost its claim`);
          }
        }
      };
      await Promise.all([worker(), worker(), worker()]);
      expect(problems).toEqual([]);
      for (const tenantId of tenants) expect(delivered.get(tenantId), tenantId).toEqual(Array.from({ length: 8 }, (_, i) => `ev-${i}`));
    });
  });
}
