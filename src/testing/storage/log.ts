import { describe, expect, it } from 'vitest';
import { TENANT_A, TENANT_B } from '../fixtures.js';
import { at, auditEvent, mailJob, T0, type GetStorage } from './records.js';

export function logTests(get: GetStorage): void {
  describe('audit', () => {
    it('lists newest first, then id descending, with every field kept', async () => {
      const full = auditEvent({ id: 'ev-b', clientId: 'cl-1', projectId: 'p-maple', data: { projectIds: ['p-maple'], via: 'add', n: 2, ok: true } });
      await get().insertAudit(full);
      await get().insertAudit(auditEvent({ id: 'ev-a', at: T0 }));
      await get().insertAudit(auditEvent({ id: 'ev-c', at: at(-1), actor: { type: 'system', id: 'outbox' }, action: 'invite.sent' }));
      await get().insertAudit(auditEvent({ id: 'ev-d', at: at(1) }));
      const page = await get().listAudit(TENANT_A, { limit: 10 });
      expect(page.items.map((e) => e.id)).toEqual(['ev-d', 'ev-b', 'ev-a', 'ev-c']);
      expect(page.items[1]).toEqual(full);
      expect(page.items[2]).toEqual(auditEvent({ id: 'ev-a' }));
      expect(page.nextCursor).toBeNull();
    });

    it('filters by project and by client', async () => {
      await get().insertAudit(auditEvent({ id: 'ev-1', projectId: 'p-maple', clientId: 'cl-1' }));
      await get().insertAudit(auditEvent({ id: 'ev-2', projectId: 'p-oak', clientId: 'cl-1' }));
      await get().insertAudit(auditEvent({ id: 'ev-3', projectId: 'p-maple' }));
      const ids = async (q: { projectId?: string; clientId?: string }) => (await get().listAudit(TENANT_A, { limit: 10, ...q })).items.map((e) => e.id);
      expect(await ids({ projectId: 'p-maple' })).toEqual(['ev-3', 'ev-1']);
      expect(await ids({ clientId: 'cl-1' })).toEqual(['ev-2', 'ev-1']);
      expect(await ids({ projectId: 'p-maple', clientId: 'cl-1' })).toEqual(['ev-1']);
    });
  });

  describe('outbox', () => {
    it('stores, finds, replaces and lists mail jobs by createdAt, then id', async () => {
      expect(await get().getMailJob(TENANT_A, 'job-1')).toBeNull();
      await get().insertMailJob(mailJob({ id: 'job-b', createdAt: at(0) }));
      await get().insertMailJob(mailJob({ id: 'job-a', createdAt: at(0), clientId: 'cl-2' }));
      await get().insertMailJob(mailJob({ id: 'job-0', createdAt: at(1), state: 'sent', providerId: 'msg-1' }));
      const failed = mailJob({ id: 'job-b', state: 'failed', attempts: 5, lastError: 'mailbox full', updatedAt: at(9) });
      await get().saveMailJob(failed);
      expect(await get().getMailJob(TENANT_A, 'job-b')).toEqual(failed);
      expect((await get().listMailJobs(TENANT_A)).map((j) => j.id)).toEqual(['job-a', 'job-b', 'job-0']);
      expect((await get().listMailJobs(TENANT_A, { state: 'sent' })).map((j) => j.id)).toEqual(['job-0']);
      expect((await get().listMailJobs(TENANT_A, { clientId: 'cl-2' })).map((j) => j.id)).toEqual(['job-a']);
      expect(await get().listMailJobs(TENANT_A, { state: 'pending', clientId: 'cl-1' })).toEqual([]);
    });

    it('claims due jobs of every tenant, oldest runAt first, leasing them', async () => {
      await get().insertMailJob(mailJob({ id: 'job-late', runAt: at(-10) }));
      await get().insertMailJob(mailJob({ id: 'job-early', tenantId: TENANT_B, runAt: at(-20) }));
      await get().insertMailJob(mailJob({ id: 'job-now', runAt: T0 }));
      await get().insertMailJob(mailJob({ id: 'job-future', runAt: at(1) }));
      for (const state of ['sent', 'failed', 'cancelled'] as const) await get().insertMailJob(mailJob({ id: `job-${state}`, state, runAt: at(-30) }));
      const lease = at(60_000);
      const claimed = await get().claimMailJobs(T0, 10, lease);
      expect(claimed.map((j) => j.id)).toEqual(['job-early', 'job-late', 'job-now']);
      expect(claimed[0]).toEqual(mailJob({ id: 'job-early', tenantId: TENANT_B, state: 'sending', attempts: 1, runAt: lease, updatedAt: T0 }));
      expect(await get().getMailJob(TENANT_B, 'job-early')).toEqual(claimed[0]);
      expect(await get().claimMailJobs(T0, 10, lease)).toEqual([]);
    });

    it('claims only the given tenant\'s due jobs when asked for one tenant', async () => {
      await get().insertMailJob(mailJob({ id: 'job-a', runAt: at(-10) }));
      await get().insertMailJob(mailJob({ id: 'job-b', tenantId: TENANT_B, runAt: at(-20) }));
      const lease = at(60_000);
      expect((await get().claimMailJobs(T0, 10, lease, TENANT_A)).map((j) => [j.tenantId, j.id])).toEqual([[TENANT_A, 'job-a']]);
      expect(await get().getMailJob(TENANT_B, 'job-b')).toEqual(mailJob({ id: 'job-b', tenantId: TENANT_B, runAt: at(-20) }));
      expect((await get().claimMailJobs(T0, 10, lease, TENANT_B)).map((j) => j.id)).toEqual(['job-b']);
      expect(await get().claimMailJobs(T0, 10, lease)).toEqual([]);
    });

    it('claims at most `limit` jobs', async () => {
      for (let i = 0; i < 5; i++) await get().insertMailJob(mailJob({ id: `job-${i}`, runAt: at(-i) }));
      expect((await get().claimMailJobs(T0, 2, at(1000))).map((j) => j.id)).toEqual(['job-4', 'job-3']);
    });

    it('claims a sending job again once its lease has lapsed', async () => {
      await get().insertMailJob(mailJob());
      await get().claimMailJobs(T0, 1, at(1000));
      expect(await get().claimMailJobs(at(999), 1, at(2000))).toEqual([]);
      const again = await get().claimMailJobs(at(1000), 1, at(2000));
      expect(again).toEqual([mailJob({ state: 'sending', attempts: 2, runAt: at(2000), updatedAt: at(1000) })]);
    });

    it('settles a claim only while it is current: still sending, same attempt, same tenant', async () => {
      await get().insertMailJob(mailJob({ lastError: 'connection reset' }));
      const sent = { jobId: 'job-1', state: 'sent', updatedAt: at(1) } as const;
      expect(await get().settleMailJobs(TENANT_A, [{ ...sent, attempts: 0 }])).toEqual([false]); // not claimed
      await get().claimMailJobs(T0, 1, at(1000));
      expect(await get().settleMailJobs(TENANT_A, [{ ...sent, attempts: 0 }])).toEqual([false]); // an older attempt
      expect(await get().settleMailJobs(TENANT_B, [{ ...sent, attempts: 1 }])).toEqual([false]); // another tenant
      expect(await get().settleMailJobs(TENANT_A, [{ ...sent, jobId: 'job-none', attempts: 1 }])).toEqual([false]);
      expect(await get().settleMailJobs(TENANT_A, [])).toEqual([]);
      expect(await get().getMailJob(TENANT_A, 'job-1')).toEqual(mailJob({ state: 'sending', attempts: 1, runAt: at(1000), updatedAt: T0, lastError: 'connection reset' }));

      // Sent: the lease end stays as runAt, the provider's id is kept, the old error is cleared.
      expect(await get().settleMailJobs(TENANT_A, [{ ...sent, attempts: 1, updatedAt: at(2), providerId: 'msg-9' }])).toEqual([true]);
      expect(await get().getMailJob(TENANT_A, 'job-1')).toEqual(mailJob({ state: 'sent', attempts: 1, runAt: at(1000), updatedAt: at(2), providerId: 'msg-9' }));
      // Settled: the same claim cannot settle twice.
      expect(await get().settleMailJobs(TENANT_A, [{ jobId: 'job-1', attempts: 1, state: 'failed', updatedAt: at(3), lastError: 'late' }])).toEqual([false]);
    });

    it('settles a retry with its next attempt time and reason, which a later claim then takes', async () => {
      await get().insertMailJob(mailJob());
      await get().claimMailJobs(T0, 1, at(1000));
      expect(await get().settleMailJobs(TENANT_A, [{ jobId: 'job-1', attempts: 1, state: 'pending', updatedAt: at(5), runAt: at(60), lastError: 'timeout' }])).toEqual([true]);
      expect(await get().getMailJob(TENANT_A, 'job-1')).toEqual(mailJob({ state: 'pending', attempts: 1, runAt: at(60), updatedAt: at(5), lastError: 'timeout' }));
      expect(await get().claimMailJobs(at(59), 1, at(2000))).toEqual([]);
      const [again] = await get().claimMailJobs(at(60), 1, at(2000));
      expect(again).toMatchObject({ state: 'sending', attempts: 2 });
      // The first claim's worker, back late, records nothing over the second.
      expect(await get().settleMailJobs(TENANT_A, [{ jobId: 'job-1', attempts: 1, state: 'failed', updatedAt: at(61), lastError: 'late' }])).toEqual([false]);
      expect(await get().settleMailJobs(TENANT_A, [{ jobId: 'job-1', attempts: 2, state: 'cancelled', updatedAt: at(62), lastError: 'nothing left to send' }])).toEqual([true]);
      expect(await get().getMailJob(TENANT_A, 'job-1')).toEqual(mailJob({ state: 'cancelled', attempts: 2, runAt: at(2000), updatedAt: at(62), lastError: 'nothing left to send' }));
    });

    it('settles many claims at once, each fenced on its own, answering in the order asked', async () => {
      for (const id of ['job-a', 'job-b', 'job-c', 'job-d']) await get().insertMailJob(mailJob({ id }));
      await get().claimMailJobs(T0, 3, at(1000)); // job-a, job-b, job-c: attempt 1; job-d stays pending
      const outcomes = [
        { jobId: 'job-c', attempts: 1, state: 'failed', updatedAt: at(3), lastError: 'mailbox unavailable' },
        { jobId: 'job-d', attempts: 1, state: 'sent', updatedAt: at(3) },
        { jobId: 'job-a', attempts: 1, state: 'sent', updatedAt: at(3), providerId: 'msg-a' },
        { jobId: 'job-b', attempts: 2, state: 'sent', updatedAt: at(3) },
      ] as const;
      expect(await get().settleMailJobs(TENANT_A, outcomes)).toEqual([true, false, true, false]);
      expect((await get().listMailJobs(TENANT_A)).map((j) => [j.id, j.state, j.lastError ?? null, j.providerId ?? null])).toEqual([
        ['job-a', 'sent', null, 'msg-a'],
        ['job-b', 'sending', null, null],
        ['job-c', 'failed', 'mailbox unavailable', null],
        ['job-d', 'pending', null, null],
      ]);
    });
  });
}
