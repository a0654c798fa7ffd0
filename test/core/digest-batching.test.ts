import { describe, expect, it } from 'vitest';
import type { ClientActor, Storage } from 'sitegate';
import { memoryStorage } from 'sitegate/adapters/memory';
import { staffA } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

/** Memory storage that counts the calls made on it (outside transactions), by operation. */
function countingStorage() {
  const inner = memoryStorage();
  const calls = new Map<string, number>();
  const sizes = new Map<string, number[]>();
  const storage = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...args: unknown[]) => {
        calls.set(prop, (calls.get(prop) ?? 0) + 1);
        const list = args.find(Array.isArray) as unknown[] | undefined;
        if (list) sizes.set(prop, [...(sizes.get(prop) ?? []), list.length]);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as Storage;
  return { storage, calls, sizes, reset: () => (calls.clear(), sizes.clear()) };
}

describe('digest delivery, batch by batch', () => {
  it('reads clients, preferences and notifications, stores tokens and settles jobs once per batch, not once per digest', async () => {
    const counted = countingStorage();
    const made = makePortal({
      storage: counted.storage,
      notifications: { unsubscribeUrl: (token) => `https://builder.example/unsubscribe?token=${encodeURIComponent(token)}` },
    });
    const { portal } = made;
    const emails = Array.from({ length: 6 }, (_, i) => `client${i}@example.com`);
    for (const email of emails) {
      await portal.clients.add(staffA, { email, projectIds: ['p-maple'] });
      await portal.outbox.flush();
      const { session } = await portal.invites.accept(made.lastInviteToken(email), { password: 'long enough password' });
      const actor = (await portal.sessions.resolve(session.token)) as ClientActor;
      await portal.notifications.set(actor, { frequency: 'instant' });
    }
    await portal.shares.share(staffA, 'p-maple', [
      { module: 'documents', id: 'd-contract', kind: 'item' },
      { module: 'drawings', id: 'dr-a101', kind: 'item' },
    ]);
    made.mail.messages.length = 0;
    made.clock.advanceMs(5 * 60_000);

    counted.reset();
    const result = await portal.outbox.flush({ batchSize: 25 });
    expect(result).toMatchObject({ sent: 6, failed: 0, retrying: 0, cancelled: 0 });
    expect(made.mail.messages).toHaveLength(6);
    for (const message of made.mail.messages) expect(message.text).toContain('Building contract.pdf');

    const { calls, sizes } = counted;
    expect(calls.get('getClients')).toBe(1);
    expect(calls.get('listNotificationSettings')).toBe(1);
    expect(calls.get('listNotifications')).toBe(1);
    expect(calls.get('insertUnsubscribeTokens')).toBe(1);
    expect(sizes.get('insertUnsubscribeTokens')).toEqual([6]);
    expect(calls.get('settleMailJobs')).toBe(1);
    expect(sizes.get('settleMailJobs')).toEqual([6]);
    for (const perDigest of ['getClient', 'getNotificationSettings', 'insertUnsubscribeToken', 'getMailJobForUpdate', 'saveMailJob']) expect(calls.get(perDigest) ?? 0, perDigest).toBe(0);
  });
});
