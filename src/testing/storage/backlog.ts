import { describe, expect, it } from 'vitest';
import { TENANT_A, TENANT_B } from '../fixtures.js';
import { storedEvent } from './events.js';
import { at, mailJob, T0, type GetStorage } from './records.js';

/** The outbox's monitoring counts (`mailBacklog`, `eventBacklog`) and the replay of given-up events. */
export function backlogTests(get: GetStorage): void {
  describe('outbox backlog', () => {
    it('counts nothing, and no oldest due time, in an empty outbox', async () => {
      const empty = { due: 0, retrying: 0, inFlight: 0, failed: 0, oldestDueAt: null };
      expect(await get().mailBacklog(T0)).toEqual(empty);
      expect(await get().eventBacklog(T0, TENANT_A)).toEqual(empty);
    });

    it('counts mail jobs by where they stand at `now`, of every tenant or of one', async () => {
      await get().insertMailJobs([
        mailJob({ id: 'j-due', runAt: at(-30_000) }),
        mailJob({ id: 'j-due-later', runAt: at(-5_000) }),
        // A worker's lease that lapsed: its job is due again.
        mailJob({ id: 'j-lapsed', state: 'sending', attempts: 1, runAt: at(-1_000) }),
        mailJob({ id: 'j-retry', attempts: 2, runAt: at(60_000), lastError: 'busy' }),
        mailJob({ id: 'j-sending', state: 'sending', attempts: 1, runAt: at(90_000) }),
        mailJob({ id: 'j-failed', state: 'failed', attempts: 6 }),
        mailJob({ id: 'j-sent', state: 'sent', attempts: 1 }),
        mailJob({ id: 'j-cancelled', state: 'cancelled' }),
        mailJob({ id: 'j-b', tenantId: TENANT_B, runAt: at(-60_000) }),
      ]);
      expect(await get().mailBacklog(T0)).toEqual({ due: 4, retrying: 1, inFlight: 1, failed: 1, oldestDueAt: at(-60_000) });
      expect(await get().mailBacklog(T0, TENANT_A)).toEqual({ due: 3, retrying: 1, inFlight: 1, failed: 1, oldestDueAt: at(-30_000) });
      expect(await get().mailBacklog(T0, TENANT_B)).toEqual({ due: 1, retrying: 0, inFlight: 0, failed: 0, oldestDueAt: at(-60_000) });
      // A minute on, the retry is due; the worker's lease has not lapsed yet.
      expect(await get().mailBacklog(at(60_000), TENANT_A)).toEqual({ due: 4, retrying: 0, inFlight: 1, failed: 1, oldestDueAt: at(-30_000) });
    });

    it('counts events the same way, `delivering` in flight', async () => {
      await get().insertEvent(storedEvent({ id: 'ev-due', runAt: at(-10_000) }));
      await get().insertEvent(storedEvent({ id: 'ev-delivering', state: 'delivering', attempts: 1, runAt: at(30_000) }));
      await get().insertEvent(storedEvent({ id: 'ev-retry', attempts: 1, runAt: at(45_000) }));
      await get().insertEvent(storedEvent({ id: 'ev-failed', state: 'failed', attempts: 6 }));
      await get().insertEvent(storedEvent({ id: 'ev-delivered', state: 'delivered', attempts: 1 }));
      await get().insertEvent(storedEvent({ id: 'ev-b', tenantId: TENANT_B, state: 'failed' }));
      expect(await get().eventBacklog(T0, TENANT_A)).toEqual({ due: 1, retrying: 1, inFlight: 1, failed: 1, oldestDueAt: at(-10_000) });
      expect(await get().eventBacklog(T0)).toEqual({ due: 1, retrying: 1, inFlight: 1, failed: 2, oldestDueAt: at(-10_000) });
    });
  });

  describe('retrying given-up events', () => {
    it('puts the tenant\'s failed events back, due now with fresh attempts, and leaves every other event as it is', async () => {
      const failedA = storedEvent({ id: 'ev-1', state: 'failed', attempts: 6, runAt: at(-99), updatedAt: at(-99), lastError: 'host down' });
      await get().insertEvent(failedA);
      await get().insertEvent(storedEvent({ id: 'ev-2', state: 'delivered', attempts: 1 }));
      await get().insertEvent(storedEvent({ id: 'ev-3', state: 'failed', attempts: 6 }));
      await get().insertEvent(storedEvent({ id: 'ev-4', attempts: 2, runAt: at(5_000) }));
      const otherTenant = storedEvent({ id: 'ev-1', tenantId: TENANT_B, state: 'failed', attempts: 6 });
      await get().insertEvent(otherTenant);

      expect(await get().retryFailedEvents(TENANT_A, at(1), ['ev-3', 'ev-2', 'ev-4', 'nope'])).toBe(1);
      expect(await get().retryFailedEvents(TENANT_A, at(2))).toBe(1);
      expect(await get().retryFailedEvents(TENANT_A, at(3))).toBe(0);
      expect(await get().retryFailedEvents(TENANT_A, at(3), [])).toBe(0);

      const events = await get().listEvents(TENANT_A);
      expect(events.map((e) => e.id)).toEqual(['ev-1', 'ev-2', 'ev-3', 'ev-4']);
      expect(events[0]).toEqual({ ...failedA, state: 'pending', attempts: 0, runAt: at(2), updatedAt: at(2) });
      expect(events[2]).toMatchObject({ state: 'pending', attempts: 0, runAt: at(1), updatedAt: at(1) });
      expect(events[1]!.state).toBe('delivered');
      expect(events[3]).toMatchObject({ state: 'pending', attempts: 2, runAt: at(5_000) });
      expect(await get().listEvents(TENANT_B)).toEqual([otherTenant]);
    });

    it('never has a retried event claimed while a newer event of the tenant is being delivered', async () => {
      await get().insertEvent(storedEvent({ id: 'ev-old', state: 'failed', attempts: 6 }));
      await get().insertEvent(storedEvent({ id: 'ev-new', runAt: at(-1) }));
      const lease = at(60_000);
      expect((await get().claimEvents(T0, 10, lease)).map((e) => e.id)).toEqual(['ev-new']);
      expect(await get().retryFailedEvents(TENANT_A, at(1))).toBe(1);
      expect(await get().claimEvents(at(1), 10, at(120_000))).toEqual([]);
      expect((await get().listEvents(TENANT_A))[0]).toMatchObject({ id: 'ev-old', state: 'pending', runAt: lease });
      // Once the newer one is settled, the retried one goes at its time.
      expect(await get().settleEvent(TENANT_A, 'ev-new', 1, { state: 'delivered', runAt: at(2), updatedAt: at(2) })).toBe(true);
      expect((await get().claimEvents(lease, 10, at(120_000))).map((e) => e.id)).toEqual(['ev-old']);
    });

    it('delivers a retried event before the tenant\'s newer ones: it keeps its place in the queue', async () => {
      await get().insertEvent(storedEvent({ id: 'ev-old', state: 'failed', attempts: 6 }));
      await get().insertEvent(storedEvent({ id: 'ev-new', runAt: at(-1) }));
      await get().retryFailedEvents(TENANT_A, at(10));
      const lease = at(60_000);
      // Its head is the retried event, due only at its new runAt; the newer event waits behind it.
      expect(await get().claimEvents(at(5), 10, lease)).toEqual([]);
      expect((await get().claimEvents(at(10), 10, lease)).map((e) => e.id)).toEqual(['ev-old']);
    });
  });
}
