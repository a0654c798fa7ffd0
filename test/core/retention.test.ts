import { describe, expect, it } from 'vitest';
import { memoryStorage } from 'sitegate/adapters/memory';
import type { Storage } from 'sitegate';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

const PASSWORD = 'correct horse battery';
const EMAIL = 'dana@example.com';

/** Memory storage that counts `purgeEnded` calls, to see the batches a purge takes. */
function countingPurges(): { storage: Storage; calls: () => number } {
  const storage = memoryStorage();
  let calls = 0;
  const purgeEnded = storage.purgeEnded.bind(storage);
  storage.purgeEnded = (query) => {
    calls++;
    return purgeEnded(query);
  };
  return { storage, calls: () => calls };
}

describe('portal.retention.purge', () => {
  it('deletes what ended over keepDays ago, and nothing a client or builder still uses', async () => {
    const { portal, clock, lastInviteToken, lastLinkToken } = makePortal();
    const added = await portal.clients.add(staffA, { email: EMAIL, projectIds: ['p-maple'] });
    await portal.outbox.flush();
    const inviteToken = lastInviteToken(EMAIL);
    const { session } = await portal.invites.accept(inviteToken, { password: PASSWORD });
    expect(await portal.sessions.resolve(session.token)).not.toBeNull();
    await portal.passwords.requestReset({ tenantId: TENANT_A, email: EMAIL });
    await portal.outbox.flush();
    const resetToken = lastLinkToken(EMAIL, 'reset')!;
    const audit = (await portal.audit.list(staffA, {})).items.length;

    // Day 59: the invite expired on day 14 and the reset link within the hour, the mail went out
    // on day 0; the session (30 days) expired only 29 days ago, inside the 30 kept.
    clock.advanceDays(59);
    expect(await portal.invites.inspect(inviteToken)).toEqual({ status: 'accepted' });
    const first = await portal.retention.purge();
    expect(first).toMatchObject({ sessions: 0, invites: 1, accountLinks: 1, mailJobs: 2 });
    expect(first.before).toEqual(new Date(clock.now().getTime() - 30 * 24 * 3_600_000));
    expect(await portal.outbox.list(TENANT_A)).toEqual([]);
    // A purged link reads as any unknown link does.
    expect(await portal.invites.inspect(inviteToken)).toEqual({ status: 'cancelled' });
    expect((await portal.passwords.inspect(resetToken)).status).toBe('cancelled');

    clock.advanceDays(2);
    expect(await portal.retention.purge()).toMatchObject({ sessions: 1, invites: 0, accountLinks: 0, mailJobs: 0 });

    // The client, its account and the audit trail are all still there: Dana signs in as before.
    expect((await portal.clients.get(staffA, added.id)).status).toBe('active');
    const again = await portal.sessions.signIn({ tenantId: TENANT_A, email: EMAIL, password: PASSWORD });
    expect(again.client.id).toBe(added.id);
    expect((await portal.audit.list(staffA, {})).items.length).toBeGreaterThanOrEqual(audit);
  });

  it('takes keepDays, and deletes in batches of batchSize until a batch comes back short', async () => {
    const { storage, calls } = countingPurges();
    const { portal, clock, lastInviteToken } = makePortal({ storage });
    await portal.clients.add(staffA, { email: EMAIL, projectIds: ['p-maple'] });
    await portal.outbox.flush();
    await portal.invites.accept(lastInviteToken(EMAIL), { password: PASSWORD });
    for (let i = 0; i < 2; i++) await portal.sessions.signIn({ tenantId: TENANT_A, email: EMAIL, password: PASSWORD });

    clock.advanceDays(32);
    // Three sessions expired on day 30: kept for 3 days, gone after 1.
    expect((await portal.retention.purge({ keepDays: 3 })).sessions).toBe(0);
    const before = calls();
    expect((await portal.retention.purge({ keepDays: 1, batchSize: 1 })).sessions).toBe(3);
    // Full batches of one, one, one, then an empty one.
    expect(calls() - before).toBe(4);
  });

  it('purges one tenant when given, leaving the others', async () => {
    const { portal, clock, lastInviteToken } = makePortal();
    await portal.clients.add(staffA, { email: EMAIL, projectIds: ['p-maple'] });
    await portal.outbox.flush();
    await portal.invites.accept(lastInviteToken(EMAIL), { password: PASSWORD });
    clock.advanceDays(90);
    expect((await portal.retention.purge({ tenantId: 'some-other-tenant' })).sessions).toBe(0);
    expect((await portal.retention.purge({ tenantId: TENANT_A })).sessions).toBe(1);
  });

  it('asks again only for the kinds whose batch was full', async () => {
    const storage = memoryStorage();
    const asked: unknown[] = [];
    let full = 2;
    storage.purgeEnded = async ({ kinds }) => {
      asked.push(kinds);
      return { sessions: full-- > 0 ? 2 : 1, invites: 0, accountLinks: 0, unsubscribeTokens: 0, mailJobs: 0, notifications: 0, events: 0 };
    };
    const { portal } = makePortal({ storage });
    expect((await portal.retention.purge({ batchSize: 2 })).sessions).toBe(5);
    expect(asked).toEqual([undefined, ['sessions'], ['sessions']]);
  });

  it('refuses an adapter count the limit does not allow, instead of looping or adding up nonsense', async () => {
    for (const wrong of [3, -1, 1.5, Number.NaN, undefined]) {
      const storage = memoryStorage();
      storage.purgeEnded = async () => ({ sessions: wrong as number, invites: 0, accountLinks: 0, unsubscribeTokens: 0, mailJobs: 0, notifications: 0, events: 0 });
      const { portal } = makePortal({ storage });
      await expect(portal.retention.purge({ batchSize: 2 }), String(wrong)).rejects.toMatchObject({ code: 'storage_failed', message: expect.stringContaining(`sessions: ${String(wrong)}`) });
    }
  });

  it('refuses bad options with a ValidationError naming each, and deletes nothing', async () => {
    const { portal, storage, clock, lastInviteToken } = makePortal();
    await portal.clients.add(staffA, { email: EMAIL, projectIds: ['p-maple'] });
    await portal.outbox.flush();
    await portal.invites.accept(lastInviteToken(EMAIL), { password: PASSWORD });
    clock.advanceDays(90);
    const cases: [unknown, (string | number)[]][] = [
      [{ keepDays: 0 }, ['options', 'keepDays']],
      [{ keepDays: 1.5 }, ['options', 'keepDays']],
      [{ keepDays: '30' }, ['options', 'keepDays']],
      [{ batchSize: 0 }, ['options', 'batchSize']],
      [{ tenantId: '' }, ['options', 'tenantId']],
      [{ keepdays: 30 }, ['options']],
    ];
    for (const [options, path] of cases) {
      await expect(portal.retention.purge(options as never), JSON.stringify(options)).rejects.toMatchObject({
        name: 'ValidationError',
        code: 'validation_failed',
        issues: expect.arrayContaining([expect.objectContaining({ path })]),
      });
    }
    expect(await storage.listMailJobs(TENANT_A)).toHaveLength(1);
  });
});
