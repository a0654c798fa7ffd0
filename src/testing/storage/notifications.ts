import { describe, expect, it } from 'vitest';
import type { Notification, UnsubscribeToken } from '../../model/notification.js';
import type { PendingDigestQuery } from '../../ports/notification-store.js';
import { TENANT_A, TENANT_B } from '../fixtures.js';
import { at, client, DAY, mailJob, T0, type GetStorage } from './records.js';

const MINUTE = 60_000;

/** A pending notification of `cl-1` in p-maple, queued at T0. */
export const notification = (over: Partial<Notification> = {}): Notification => ({
  tenantId: TENANT_A,
  id: 'nt-1',
  clientId: 'cl-1',
  projectId: 'p-maple',
  module: 'documents',
  resourceId: 'd-contract',
  kind: 'share',
  createdAt: T0,
  ...over,
});

export const unsubscribeToken = (over: Partial<UnsubscribeToken> = {}): UnsubscribeToken => ({
  tenantId: TENANT_A,
  tokenHash: 'a'.repeat(64),
  clientId: 'cl-1',
  createdAt: T0,
  expiresAt: at(DAY),
  ...over,
});

/** Every cutoff at `ms` from T0: all clients whose oldest is at or before it are listed. */
const cutoffsAt = (ms: number): PendingDigestQuery['cutoffs'] => ({ instant: at(ms), daily: at(ms), weekly: at(ms), unset: at(ms) });

export function notificationTests(get: GetStorage): void {
  describe('notifications', () => {
    it('inserts many at once and lists them by client, digest and pending, oldest first', async () => {
      await get().insertNotifications([
        notification({ id: 'nt-2', createdAt: at(MINUTE) }),
        notification(),
        notification({ id: 'nt-3', clientId: 'cl-2' }),
      ]);
      await get().insertNotifications([]);
      expect((await get().listNotifications(TENANT_A, { clientId: 'cl-1' })).map((n) => n.id)).toEqual(['nt-1', 'nt-2']);
      expect(await get().listNotifications(TENANT_A, { clientId: 'cl-1', pending: true })).toEqual([notification(), notification({ id: 'nt-2', createdAt: at(MINUTE) })]);
      expect((await get().listNotifications(TENANT_A, {})).map((n) => n.id)).toEqual(['nt-1', 'nt-3', 'nt-2']);
      expect(await get().listNotifications(TENANT_B, {})).toEqual([]);
    });

    it('refuses a batch with a clashing id and stores none of it', async () => {
      await get().insertNotifications([notification()]);
      await expect(get().insertNotifications([notification({ id: 'nt-9' }), notification()])).rejects.toMatchObject({ code: 'conflict' });
      expect((await get().listNotifications(TENANT_A, {})).map((n) => n.id)).toEqual(['nt-1']);
    });

    it('lists a project’s audience lean, by client id, of one status when asked', async () => {
      await get().saveClient(client({ id: 'cl-3', email: 'c3@example.com', roleId: 'viewer', activatedAt: T0, projectIds: ['p-maple', 'p-oak'] }));
      await get().saveClient(client({ id: 'cl-1', activatedAt: T0, pendingEmail: 'new@example.com' }));
      await get().saveClient(client({ id: 'cl-2', email: 'c2@example.com', inviteExpiresAt: at(DAY) }));
      await get().saveClient(client({ id: 'cl-4', email: 'c4@example.com', activatedAt: T0, archivedAt: at(1) }));
      await get().saveClient(client({ id: 'cl-5', email: 'c5@example.com', activatedAt: T0, projectIds: ['p-oak'] }));
      await get().saveClient(client({ id: 'cl-6', email: 'c6@example.com', activatedAt: T0, portalAccess: false }));
      await get().saveClient(client({ tenantId: TENANT_B, id: 'cl-7', email: 'c7@example.com', activatedAt: T0 }));
      expect(await get().listProjectAudience(TENANT_A, 'p-maple')).toEqual([
        { clientId: 'cl-1', roleId: 'client', status: 'active', pendingEmail: true },
        { clientId: 'cl-2', roleId: 'client', status: 'invited', pendingEmail: false },
        { clientId: 'cl-3', roleId: 'viewer', status: 'active', pendingEmail: false },
        { clientId: 'cl-4', roleId: 'client', status: 'archived', pendingEmail: false },
        { clientId: 'cl-6', roleId: 'client', status: 'disabled', pendingEmail: false },
      ]);
      expect((await get().listProjectAudience(TENANT_A, 'p-maple', { status: 'active' })).map((m) => m.clientId)).toEqual(['cl-1', 'cl-3']);
      // A client that leaves the project leaves its audience.
      await get().saveClient(client({ id: 'cl-3', email: 'c3@example.com', roleId: 'viewer', activatedAt: T0, projectIds: ['p-oak'] }));
      expect((await get().listProjectAudience(TENANT_A, 'p-oak')).map((m) => m.clientId)).toEqual(['cl-3', 'cl-5']);
      expect((await get().listProjectAudience(TENANT_A, 'p-maple', { status: 'active' })).map((m) => m.clientId)).toEqual(['cl-1']);
      expect(await get().listProjectAudience(TENANT_B, 'p-oak')).toEqual([]);
      expect(await get().listProjectAudience(TENANT_A, 'p-none')).toEqual([]);
    });

    it('inserts many mail jobs at once (the digests of an assembly), replacing one with the same id', async () => {
      await get().insertMailJobs([]);
      await get().insertMailJob(mailJob({ id: 'dg-1', state: 'failed', lastError: 'old' }));
      const digest = mailJob({ id: 'dg-1', kind: 'digest', inviteId: undefined, clientId: 'cl-1', runAt: at(5), createdAt: at(1), updatedAt: at(2) });
      const other = mailJob({ id: 'dg-2', kind: 'digest', inviteId: undefined, clientId: 'cl-2', attempts: 2, lastError: 'timeout', providerId: 'p-1' });
      const { inviteId: _a, ...plainDigest } = digest;
      const { inviteId: _b, ...plainOther } = other;
      await get().insertMailJobs([plainDigest, plainOther, mailJob({ tenantId: TENANT_B, id: 'dg-1' })]);
      expect(await get().getMailJob(TENANT_A, 'dg-1')).toEqual(plainDigest);
      expect(await get().getMailJob(TENANT_A, 'dg-2')).toEqual(plainOther);
      expect((await get().listMailJobs(TENANT_B)).map((j) => j.id)).toEqual(['dg-1']);
    });

    it('stores and replaces a client preference', async () => {
      expect(await get().getNotificationSettings(TENANT_A, 'cl-1')).toBeNull();
      await get().saveNotificationSettings({ tenantId: TENANT_A, clientId: 'cl-1', frequency: 'weekly', updatedAt: T0 });
      await get().saveNotificationSettings({ tenantId: TENANT_A, clientId: 'cl-1', frequency: 'instant', updatedAt: at(1) });
      expect(await get().getNotificationSettings(TENANT_A, 'cl-1')).toEqual({ tenantId: TENANT_A, clientId: 'cl-1', frequency: 'instant', updatedAt: at(1) });
      expect(await get().getNotificationSettings(TENANT_B, 'cl-1')).toBeNull();
    });

    it('reads many clients\' preferences at once: only those that have one, of the tenant', async () => {
      const weekly = { tenantId: TENANT_A, clientId: 'cl-1', frequency: 'weekly', updatedAt: T0 } as const;
      const off = { tenantId: TENANT_A, clientId: 'cl-3', frequency: 'off', updatedAt: at(1) } as const;
      await get().saveNotificationSettings(weekly);
      await get().saveNotificationSettings(off);
      await get().saveNotificationSettings({ tenantId: TENANT_B, clientId: 'cl-2', frequency: 'daily', updatedAt: T0 });
      const listed = await get().listNotificationSettings(TENANT_A, ['cl-3', 'cl-2', 'cl-1']);
      expect([...listed].sort((a, b) => (a.clientId < b.clientId ? -1 : 1))).toEqual([weekly, off]);
      expect(await get().listNotificationSettings(TENANT_A, [])).toEqual([]);
      expect(await get().listNotificationSettings(TENANT_B, ['cl-1'])).toEqual([]);
    });

    it('lists clients whose oldest pending notification passed the cutoff of their frequency; off always', async () => {
      await get().insertNotifications([
        notification({ id: 'nt-1', clientId: 'cl-1', createdAt: at(0) }),
        notification({ id: 'nt-2', clientId: 'cl-1', createdAt: at(10 * MINUTE) }),
        notification({ id: 'nt-3', clientId: 'cl-2', createdAt: at(10 * MINUTE) }),
        notification({ id: 'nt-4', clientId: 'cl-3', createdAt: at(10 * MINUTE) }),
        notification({ id: 'nt-5', clientId: 'cl-4', createdAt: at(10 * MINUTE) }),
        notification({ id: 'nt-6', tenantId: TENANT_B, clientId: 'cl-1', createdAt: at(0) }),
      ]);
      await get().saveNotificationSettings({ tenantId: TENANT_A, clientId: 'cl-2', frequency: 'instant', updatedAt: T0 });
      await get().saveNotificationSettings({ tenantId: TENANT_A, clientId: 'cl-3', frequency: 'off', updatedAt: T0 });
      await get().saveNotificationSettings({ tenantId: TENANT_A, clientId: 'cl-4', frequency: 'weekly', updatedAt: T0 });
      const cutoffs = { instant: at(10 * MINUTE), daily: at(0), weekly: at(0), unset: at(5 * MINUTE) };
      const listed = await get().listPendingDigests({ cutoffs, limit: 10 });
      expect(listed).toEqual([
        { tenantId: TENANT_A, clientId: 'cl-1', oldest: at(0) },
        { tenantId: TENANT_A, clientId: 'cl-2', frequency: 'instant', oldest: at(10 * MINUTE) },
        { tenantId: TENANT_A, clientId: 'cl-3', frequency: 'off', oldest: at(10 * MINUTE) },
        { tenantId: TENANT_B, clientId: 'cl-1', oldest: at(0) },
      ]);
      expect(await get().listPendingDigests({ cutoffs, limit: 2, after: { tenantId: TENANT_A, clientId: 'cl-2' } })).toEqual([
        { tenantId: TENANT_A, clientId: 'cl-3', frequency: 'off', oldest: at(10 * MINUTE) },
        { tenantId: TENANT_B, clientId: 'cl-1', oldest: at(0) },
      ]);
      expect((await get().listPendingDigests({ cutoffs, limit: 10, tenantId: TENANT_B })).map((p) => p.tenantId)).toEqual([TENANT_B]);
    });

    it('lists the tenants holding pending notifications, by id, after one and up to a limit (when it has listPendingTenants)', async (test) => {
      const store = get();
      if (!store.listPendingTenants) return test.skip('optional: this store has no listPendingTenants');
      const TENANT_C = 'initech';
      // Ids in code-point order, as everywhere: an upper-case id before any lower-case one.
      const UPPER = 'Zenith';
      expect(await store.listPendingTenants({ limit: 10 })).toEqual([]);
      await store.insertNotifications([
        notification({ id: 'nt-5', tenantId: UPPER }),
        notification({ id: 'nt-1', tenantId: TENANT_C }),
        notification({ id: 'nt-2', tenantId: TENANT_A, clientId: 'cl-2' }),
        notification({ id: 'nt-3', tenantId: TENANT_A, clientId: 'cl-1' }),
        notification({ id: 'nt-4', tenantId: TENANT_B }),
      ]);
      expect(await store.listPendingTenants({ limit: 10 })).toEqual([UPPER, TENANT_A, TENANT_B, TENANT_C]);
      expect(await store.listPendingTenants({ limit: 2 })).toEqual([UPPER, TENANT_A]);
      expect(await store.listPendingTenants({ limit: 10, after: UPPER })).toEqual([TENANT_A, TENANT_B, TENANT_C]);
      expect(await store.listPendingTenants({ limit: 10, after: TENANT_A })).toEqual([TENANT_B, TENANT_C]);
      expect(await store.listPendingTenants({ limit: 1, after: TENANT_B })).toEqual([TENANT_C]);
      expect(await store.listPendingTenants({ limit: 10, after: TENANT_C })).toEqual([]);
      // Only pending ones count: a tenant whose notifications are all in digests, or dropped, is not listed.
      await store.attachDigests(TENANT_B, [{ clientId: 'cl-1', digestId: 'dg-1' }], at(DAY));
      expect(await store.dropPendingNotifications(TENANT_C, ['cl-1'], at(DAY))).toBe(1);
      expect(await store.listPendingTenants({ limit: 10 })).toEqual([UPPER, TENANT_A]);
    });

    it('attaches a client’s pending notifications up to a time to one digest, and drops them', async () => {
      await get().insertNotifications([
        notification({ id: 'nt-1' }),
        notification({ id: 'nt-2', createdAt: at(MINUTE) }),
        notification({ id: 'nt-3', createdAt: at(2 * MINUTE) }),
        notification({ id: 'nt-4', clientId: 'cl-2' }),
        notification({ id: 'nt-5', clientId: 'cl-3' }),
      ]);
      expect(await get().attachDigests(TENANT_A, [{ clientId: 'cl-1', digestId: 'dg-1' }, { clientId: 'cl-9', digestId: 'dg-9' }], at(MINUTE))).toEqual([{ clientId: 'cl-1', digestId: 'dg-1', count: 2 }]);
      expect((await get().listNotifications(TENANT_A, { digestId: 'dg-1' })).map((n) => [n.id, n.digestId])).toEqual([['nt-1', 'dg-1'], ['nt-2', 'dg-1']]);
      expect(await get().attachDigests(TENANT_A, [{ clientId: 'cl-2', digestId: 'dg-4' }], at(MINUTE))).toEqual([{ clientId: 'cl-2', digestId: 'dg-4', count: 1 }]);
      // A batch of digests in one read, oldest first across them; other filters still hold.
      expect((await get().listNotifications(TENANT_A, { digestIds: ['dg-4', 'dg-1', 'dg-none'] })).map((n) => n.id)).toEqual(['nt-1', 'nt-4', 'nt-2']);
      expect((await get().listNotifications(TENANT_A, { digestIds: ['dg-4', 'dg-1'], clientId: 'cl-2' })).map((n) => n.id)).toEqual(['nt-4']);
      expect(await get().listNotifications(TENANT_A, { digestIds: [] })).toEqual([]);
      expect(await get().listNotifications(TENANT_B, { digestIds: ['dg-1'] })).toEqual([]);
      // Attached once: a second claim finds nothing pending up to that time.
      expect(await get().attachDigests(TENANT_A, [{ clientId: 'cl-1', digestId: 'dg-2' }], at(MINUTE))).toEqual([]);
      expect(await get().attachDigests(TENANT_B, [{ clientId: 'cl-2', digestId: 'dg-3' }], at(DAY))).toEqual([]);
      expect(await get().dropPendingNotifications(TENANT_A, ['cl-1', 'cl-2'], at(DAY))).toBe(1);
      expect((await get().listNotifications(TENANT_A, {})).map((n) => n.id)).toEqual(['nt-1', 'nt-4', 'nt-5', 'nt-2']);
      expect(await get().listPendingDigests({ cutoffs: cutoffsAt(DAY), limit: 10 })).toEqual([{ tenantId: TENANT_A, clientId: 'cl-3', oldest: T0 }]);
    });

    it('uses an unsubscribe token once, before it expires; same hash twice is a conflict', async () => {
      await get().insertUnsubscribeToken(unsubscribeToken());
      await expect(get().insertUnsubscribeToken(unsubscribeToken())).rejects.toMatchObject({ code: 'conflict' });
      expect(await get().useUnsubscribeToken(TENANT_B, 'a'.repeat(64), at(1))).toBeNull();
      expect(await get().useUnsubscribeToken(TENANT_A, 'a'.repeat(64), at(1))).toEqual(unsubscribeToken({ usedAt: at(1) }));
      expect(await get().useUnsubscribeToken(TENANT_A, 'a'.repeat(64), at(2))).toBeNull();
      expect(await get().getUnsubscribeToken(TENANT_A, 'a'.repeat(64))).toEqual(unsubscribeToken({ usedAt: at(1) }));
      await get().insertUnsubscribeToken(unsubscribeToken({ tokenHash: 'b'.repeat(64) }));
      expect(await get().useUnsubscribeToken(TENANT_A, 'b'.repeat(64), at(DAY))).toBeNull();
      expect(await get().getUnsubscribeToken(TENANT_A, 'c'.repeat(64))).toBeNull();
    });

    it('inserts many unsubscribe tokens at once; a clash of hashes stores none of them', async () => {
      const c = unsubscribeToken({ tokenHash: 'c'.repeat(64) });
      const d = unsubscribeToken({ tokenHash: 'd'.repeat(64), clientId: 'cl-2' });
      const other = unsubscribeToken({ tenantId: TENANT_B, tokenHash: 'c'.repeat(64) });
      await get().insertUnsubscribeTokens([c, d, other]);
      await get().insertUnsubscribeTokens([]);
      expect(await get().getUnsubscribeToken(TENANT_A, 'd'.repeat(64))).toEqual(d);
      expect(await get().getUnsubscribeToken(TENANT_B, 'c'.repeat(64))).toEqual(other);
      const e = unsubscribeToken({ tokenHash: 'e'.repeat(64) });
      await expect(get().insertUnsubscribeTokens([e, c])).rejects.toMatchObject({ code: 'conflict' });
      await expect(get().insertUnsubscribeTokens([e, e])).rejects.toMatchObject({ code: 'conflict' });
      expect(await get().getUnsubscribeToken(TENANT_A, 'e'.repeat(64))).toBeNull();
      expect(await get().useUnsubscribeToken(TENANT_A, 'c'.repeat(64), at(1))).toEqual({ ...c, usedAt: at(1) });
    });
  });

  describe('transaction isolation', () => {
    it('two transactions claiming one client’s notifications never attach one to two digests', async () => {
      await get().insertNotifications(Array.from({ length: 20 }, (_, i) => notification({ id: `nt-${String(i).padStart(2, '0')}` })));
      const claim = (digestId: string) =>
        get().transaction(async (tx) => {
          const got = await tx.attachDigests(TENANT_A, [{ clientId: 'cl-1', digestId }], at(MINUTE));
          await new Promise((resolve) => setTimeout(resolve, 20));
          return got;
        });
      const [a, b] = await Promise.all([claim('dg-a'), claim('dg-b')]);
      const counts = [...a, ...b].map((c) => c.count);
      expect(counts.reduce((x, y) => x + y, 0)).toBe(20);
      const all = await get().listNotifications(TENANT_A, {});
      expect(all.every((n) => n.digestId === 'dg-a' || n.digestId === 'dg-b')).toBe(true);
    });
  });
}
