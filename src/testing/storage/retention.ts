import { describe, expect, it } from 'vitest';
import type { MailJob } from '../../model/outbox.js';
import type { Storage } from '../../ports/storage.js';
import type { PurgeCounts } from '../../ports/retention-store.js';
import { TENANT_A, TENANT_B } from '../fixtures.js';
import { accountLink } from './account-links.js';
import { storedEvent } from './events.js';
import { notification, unsubscribeToken } from './notifications.js';
import { approval, approvalDecision } from './approvals.js';
import { receipt } from './receipts.js';
import { account, at, auditEvent, client, DAY, invite, mailJob, session, share, T0, update, type GetStorage } from './records.js';

/** The cutoff of every purge here: what ended at or before it goes. */
const CUT = at(DAY);
const AFTER = at(DAY + 1);
const NONE: PurgeCounts = { sessions: 0, invites: 0, accountLinks: 0, unsubscribeTokens: 0, mailJobs: 0, notifications: 0, events: 0 };
const ONE_EACH: PurgeCounts = { sessions: 1, invites: 1, accountLinks: 1, unsubscribeTokens: 1, mailJobs: 1, notifications: 1, events: 1 };

/**
 * One record of every kind, each ended at `when`: a session and links that expire then, a
 * digest sent then (its job, and the notification it carried, queued then), an event delivered
 * then. `id` names them all; the digest's client is `cl-<id>`.
 */
async function seedEnded(s: Storage, tenantId: string, id: string, when: Date, job: Partial<MailJob> = {}): Promise<void> {
  await s.insertSession(session({ tenantId, id, tokenHash: `hash-${id}`, expiresAt: when }));
  await s.insertInvite(invite({ tenantId, id, status: 'accepted', acceptedAt: T0, expiresAt: when }));
  await s.insertAccountLink(accountLink({ tenantId, id, status: 'used', usedAt: T0, expiresAt: when }));
  await s.insertUnsubscribeToken(unsubscribeToken({ tenantId, tokenHash: `token-${id}`, expiresAt: when }));
  await s.insertNotifications([notification({ tenantId, id, clientId: `cl-${id}`, createdAt: when })]);
  await s.transaction((tx) => tx.attachDigests(tenantId, [{ clientId: `cl-${id}`, digestId: id }], when));
  await s.insertMailJob(mailJob({ tenantId, id, kind: 'digest', clientId: `cl-${id}`, state: 'sent', attempts: 1, updatedAt: when, ...job }));
  await s.insertEvent(storedEvent({ tenantId, id, state: 'delivered', attempts: 1, updatedAt: when }));
}

/** Which of the records `seedEnded` wrote under `id` are still there, by kind. */
async function left(s: Storage, tenantId: string, id: string): Promise<(keyof PurgeCounts)[]> {
  const there: Record<keyof PurgeCounts, boolean> = {
    sessions: !!(await s.getSessionByTokenHash(tenantId, `hash-${id}`)),
    invites: !!(await s.getInvite(tenantId, id)),
    accountLinks: !!(await s.getAccountLink(tenantId, id)),
    unsubscribeTokens: !!(await s.getUnsubscribeToken(tenantId, `token-${id}`)),
    mailJobs: !!(await s.getMailJob(tenantId, id)),
    notifications: (await s.listNotifications(tenantId, { digestId: id })).length > 0,
    events: (await s.listEvents(tenantId)).some((e) => e.id === id),
  };
  return (Object.keys(there) as (keyof PurgeCounts)[]).filter((kind) => there[kind]);
}
const EVERY_KIND = Object.keys(NONE);

/** Retention: `purgeEnded` deletes what ended by the cutoff, never what is live or still needed. */
export function retentionTests(get: GetStorage): void {
  describe('retention', () => {
    it('deletes every kind ended at or before the cutoff, of every tenant, and keeps what ended after it', async () => {
      await seedEnded(get(), TENANT_A, 'old', CUT);
      await seedEnded(get(), TENANT_B, 'old', at(-DAY));
      await seedEnded(get(), TENANT_A, 'new', AFTER);
      const counts = await get().purgeEnded({ before: CUT, limit: 100 });
      expect(counts).toEqual({ sessions: 2, invites: 2, accountLinks: 2, unsubscribeTokens: 2, mailJobs: 2, notifications: 2, events: 2 });
      expect(await left(get(), TENANT_A, 'old'), 'ended at the cutoff').toEqual([]);
      expect(await left(get(), TENANT_B, 'old'), 'the other tenant, ended before').toEqual([]);
      expect(await left(get(), TENANT_A, 'new'), 'ended a millisecond after the cutoff').toEqual(EVERY_KIND);
      expect(await get().purgeEnded({ before: CUT, limit: 100 }), 'nothing left to purge').toEqual(NONE);
    });

    it('with a tenant, deletes only that tenant\'s records', async () => {
      await seedEnded(get(), TENANT_A, 'old', CUT);
      await seedEnded(get(), TENANT_B, 'old', CUT);
      expect(await get().purgeEnded({ before: CUT, limit: 100, tenantId: TENANT_B })).toEqual(ONE_EACH);
      expect(await left(get(), TENANT_B, 'old')).toEqual([]);
      expect(await left(get(), TENANT_A, 'old')).toEqual(EVERY_KIND);
    });

    it('with kinds, deletes only those kinds, counting the others 0', async () => {
      await seedEnded(get(), TENANT_A, 'old', CUT);
      expect(await get().purgeEnded({ before: CUT, limit: 100, kinds: ['sessions', 'events'] })).toEqual({ ...NONE, sessions: 1, events: 1 });
      expect(await left(get(), TENANT_A, 'old')).toEqual(EVERY_KIND.filter((kind) => kind !== 'sessions' && kind !== 'events'));
    });

    it('deletes at most `limit` of each kind per call; the next call takes the rest', async () => {
      for (const id of ['a', 'b', 'c']) await seedEnded(get(), TENANT_A, id, at(-DAY));
      expect(await get().purgeEnded({ before: CUT, limit: 2 })).toEqual({ sessions: 2, invites: 2, accountLinks: 2, unsubscribeTokens: 2, mailJobs: 2, notifications: 2, events: 2 });
      expect(await get().purgeEnded({ before: CUT, limit: 2 })).toEqual(ONE_EACH);
      for (const id of ['a', 'b', 'c']) expect(await left(get(), TENANT_A, id), id).toEqual([]);
    });

    it('never deletes mail or events still to deliver, however old, nor notifications waiting for a digest', async () => {
      // Old, but still in flight: a pending digest (with its notification), one being sent, and an event still queued.
      await seedEnded(get(), TENANT_A, 'queued', at(-DAY), { state: 'pending', attempts: 0 });
      await seedEnded(get(), TENANT_A, 'leased', at(-DAY), { state: 'sending' });
      await get().insertEvent(storedEvent({ id: 'ev-open', state: 'delivering', attempts: 1, updatedAt: at(-DAY) }));
      await get().insertEvent(storedEvent({ id: 'ev-waiting', state: 'pending', updatedAt: at(-DAY) }));
      // Queued long ago and not yet in any digest.
      await get().insertNotifications([notification({ id: 'nt-pending', clientId: 'cl-waiting', createdAt: at(-DAY) })]);
      const counts = await get().purgeEnded({ before: CUT, limit: 100 });
      expect({ mailJobs: counts.mailJobs, notifications: counts.notifications, events: counts.events }).toEqual({ mailJobs: 0, notifications: 0, events: 2 });
      for (const id of ['queued', 'leased']) {
        expect(await left(get(), TENANT_A, id), id).toEqual(['mailJobs', 'notifications']);
      }
      expect((await get().listEvents(TENANT_A)).map((e) => e.id).sort()).toEqual(['ev-open', 'ev-waiting']);
      expect((await get().listNotifications(TENANT_A, { pending: true })).map((n) => n.id)).toEqual(['nt-pending']);
    });

    it('keeps an expired invite or link while mail still to send carries it; only the tenant\'s own mail counts', async () => {
      await get().insertInvite(invite({ id: 'inv-waiting', expiresAt: at(-DAY) }));
      await get().insertAccountLink(accountLink({ id: 'al-waiting', expiresAt: at(-DAY) }));
      await get().insertMailJob(mailJob({ id: 'job-invite', inviteId: 'inv-waiting', updatedAt: at(-DAY) }));
      await get().insertMailJob(mailJob({ id: 'job-link', kind: 'password-reset', inviteId: undefined, linkId: 'al-waiting', state: 'sending', attempts: 1, updatedAt: at(-DAY) }));
      // The same ids in tenant B, whose mail is all sent: there nothing holds them.
      await get().insertInvite(invite({ tenantId: TENANT_B, id: 'inv-waiting', expiresAt: at(-DAY) }));
      await get().insertAccountLink(accountLink({ tenantId: TENANT_B, id: 'al-waiting', expiresAt: at(-DAY) }));
      await get().insertMailJob(mailJob({ tenantId: TENANT_B, id: 'job-invite', inviteId: 'inv-waiting', state: 'sent', attempts: 1, updatedAt: at(-DAY) }));
      // A digest of tenant B whose id is an open job's in tenant A: tenant B's job is sent.
      await seedEnded(get(), TENANT_B, 'job-invite', at(-DAY));
      const counts = await get().purgeEnded({ before: CUT, limit: 100 });
      expect({ invites: counts.invites, accountLinks: counts.accountLinks }).toEqual({ invites: 2, accountLinks: 2 });
      expect(await get().getInvite(TENANT_A, 'inv-waiting'), 'invite whose mail is pending').not.toBeNull();
      expect(await get().getAccountLink(TENANT_A, 'al-waiting'), 'link whose mail is being sent').not.toBeNull();
      expect(await get().getInvite(TENANT_B, 'inv-waiting')).toBeNull();
      expect(await get().getAccountLink(TENANT_B, 'al-waiting')).toBeNull();
      expect(await get().listNotifications(TENANT_B, {}), 'tenant B\'s digested notification').toEqual([]);
      expect((await get().listMailJobs(TENANT_A)).map((j) => j.id).sort()).toEqual(['job-invite', 'job-link']);
    });

    it('deletes failed and cancelled mail, failed events, and a digest\'s notifications once its job is gone', async () => {
      await seedEnded(get(), TENANT_A, 'failed', at(-DAY), { state: 'failed', lastError: 'mailbox unavailable' });
      await seedEnded(get(), TENANT_A, 'cancelled', at(-DAY), { state: 'cancelled' });
      await get().insertEvent(storedEvent({ id: 'ev-failed', state: 'failed', attempts: 8, updatedAt: at(-DAY) }));
      // A digest whose job is not stored (a job purged before its notifications, or never written).
      await get().insertNotifications([notification({ id: 'nt-orphan', clientId: 'cl-orphan', createdAt: at(-DAY) })]);
      await get().transaction((tx) => tx.attachDigests(TENANT_A, [{ clientId: 'cl-orphan', digestId: 'dg-orphan' }], at(-DAY)));
      const counts = await get().purgeEnded({ before: CUT, limit: 100 });
      expect({ mailJobs: counts.mailJobs, notifications: counts.notifications, events: counts.events }).toEqual({ mailJobs: 2, notifications: 3, events: 3 });
      expect(await left(get(), TENANT_A, 'failed')).toEqual([]);
      expect(await left(get(), TENANT_A, 'cancelled')).toEqual([]);
      expect(await get().listNotifications(TENANT_A, {})).toEqual([]);
    });

    it('leaves every other record alone, however old', async () => {
      const s = get();
      await s.saveClient(client({ createdAt: at(-DAY), updatedAt: at(-DAY) }));
      await s.saveAccount(account({ createdAt: at(-DAY), updatedAt: at(-DAY) }));
      await s.insertShare(share({ createdAt: at(-DAY) }));
      await s.insertUpdate(update({ publishedAt: at(-DAY) }));
      await s.insertAudit(auditEvent({ at: at(-DAY) }));
      await s.recordView(receipt({ firstViewedAt: at(-DAY), lastViewedAt: at(-DAY) }), at(-2 * DAY));
      await s.insertApproval(approval({ requestedAt: at(-DAY) }));
      await s.insertApprovalDecision(approvalDecision({ decidedAt: at(-DAY) }));
      expect(await s.purgeEnded({ before: at(365 * DAY), limit: 100 })).toEqual(NONE);
      expect(await s.getClient(TENANT_A, 'cl-1'), 'client').not.toBeNull();
      expect(await s.getAccount(TENANT_A, 'cl-1'), 'account').not.toBeNull();
      expect(await s.getShare(TENANT_A, 'sh-1'), 'share').not.toBeNull();
      expect(await s.getUpdate(TENANT_A, 'up-1'), 'update').not.toBeNull();
      expect((await s.listAudit(TENANT_A, { limit: 10 })).items.length, 'audit').toBe(1);
      expect((await s.listReceipts(TENANT_A, 'p-maple')).length, 'receipt').toBe(1);
      expect(await s.getApproval(TENANT_A, 'ap-1'), 'approval').not.toBeNull();
      expect((await s.listApprovalDecisions(TENANT_A, ['ap-1'])).length, 'decision').toBe(1);
    });
  });
}
