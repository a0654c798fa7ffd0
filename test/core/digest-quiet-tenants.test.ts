import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import type { Storage } from 'sitegate';
import { memoryStorage } from 'sitegate/adapters/memory';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { staffA, staffB, TENANT_A, TENANT_B, tenantSettings } from '../../src/testing/fixtures.js';
import { notification } from '../../src/testing/storage/notifications.js';
import { makePortal, signedInClient } from '../support/make-portal.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const notifications = { portalUrl: (t: string, p: string) => `https://builder.example/portal/${t}/${p}`, unsubscribeUrl: (token: string) => `https://builder.example/unsubscribe?token=${token}` };

/** `storage` counting the calls made on it outside transactions, by operation; `hide` leaves those operations out, as a store without them. */
function counted(inner: Storage, hide: readonly string[] = []) {
  const calls = new Map<string, number>();
  const storage = new Proxy(inner, {
    has: (target, prop) => !hide.includes(String(prop)) && Reflect.has(target, prop),
    get(target, prop, receiver) {
      if (hide.includes(String(prop))) return undefined;
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...args: unknown[]) => {
        calls.set(prop, (calls.get(prop) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as Storage;
  const take = (op: string) => {
    const n = calls.get(op) ?? 0;
    calls.delete(op);
    return n;
  };
  return { storage, take };
}

const lite = new PGlite();
afterAll(() => lite.close());
let schemas = 0;
const backends = [
  { name: 'memory', storage: (): Storage => memoryStorage() },
  { name: 'PGlite', storage: (): Storage => pgliteStorage({ db: lite, schema: `digest_quiet_${++schemas}` }) },
];

/**
 * Eve is Acme's client, gus Globex's, both active on their p-maple; both tenants in UTC with the
 * default frequency (daily at 07:00). The clock starts on Monday 2026-03-02 10:00 UTC.
 */
async function setup(inner: Storage, hide: readonly string[] = []) {
  const { storage, take } = counted(inner, hide);
  const made = makePortal({ storage, notifications });
  const eve = await signedInClient(made, staffA, 'eve@example.com');
  const gus = await signedInClient(made, staffB, 'gus@example.com');
  made.mail.messages.length = 0;
  const digestsTo = () => made.mail.messages.filter((m) => m.headers?.['List-Unsubscribe']).map((m) => m.to);
  const shareTo = (staff: typeof staffA, id = 'd-contract') => made.portal.shares.share(staff, 'p-maple', [{ module: 'documents', id, kind: 'item' }]);
  /** Moves the clock to `iso` (or on by `ms`), flushes, and says how many client reads that pass made. */
  const flushAt = async (when: string | number) => {
    const target = typeof when === 'string' ? new Date(when).getTime() : made.clock.now().getTime() + when;
    made.clock.advanceMs(target - made.clock.now().getTime());
    take('listPendingDigests');
    await made.portal.outbox.flush();
    return take('listPendingDigests');
  };
  return { ...made, storage, take, eve, gus, digestsTo, shareTo, flushAt };
}

describe.each(backends)('digest passes skip tenants with nothing due soon ($name)', ({ storage }) => {
  it('reads a tenant waiting for its daily hour once per instant window, and at every pass as the hour comes', async () => {
    const { shareTo, flushAt, digestsTo } = await setup(storage());
    await shareTo(staffA);
    await shareTo(staffB);
    // One read per tenant; then both are passed over until the window (5 minutes) ends.
    expect(await flushAt('2026-03-02T10:00:01Z')).toBe(2);
    expect(await flushAt(SECOND)).toBe(0);
    expect(await flushAt('2026-03-02T10:05:00Z')).toBe(0);
    expect(await flushAt('2026-03-02T10:05:01Z')).toBe(2);
    expect(await flushAt('2026-03-02T10:05:02Z')).toBe(0);
    // 07:00 UTC falls inside the window from 06:56: each pass reads, so none is late.
    expect(await flushAt('2026-03-03T06:56:00Z')).toBe(2);
    expect(await flushAt('2026-03-03T06:59:59Z')).toBe(2);
    expect(digestsTo()).toEqual([]);
    expect(await flushAt('2026-03-03T07:00:00Z')).toBe(2);
    expect(digestsTo().sort()).toEqual(['eve@example.com', 'gus@example.com']);
    // Nothing pending any more: the tenants are not listed, so not read.
    expect(await flushAt(SECOND)).toBe(0);
  });

  it('sends an instant digest when its window ends, not a pass later', async () => {
    const { portal, eve, shareTo, flushAt, digestsTo } = await setup(storage());
    await portal.notifications.set(eve, { frequency: 'instant' });
    await shareTo(staffA); // 10:00:00
    expect(await flushAt('2026-03-02T10:01:00Z')).toBe(1);
    // Eve is due at 10:05:00: Acme is passed over until then.
    expect(await flushAt('2026-03-02T10:04:59Z')).toBe(0);
    expect(digestsTo()).toEqual([]);
    expect(await flushAt('2026-03-02T10:05:00Z')).toBe(1);
    expect(digestsTo()).toEqual(['eve@example.com']);
    // A share at 10:06 is due at 10:11; the pass at 10:10:00 (the window's end) reads and waits for it.
    await flushAt('2026-03-02T10:06:00Z');
    await shareTo(staffA, 'd-permit');
    expect(await flushAt('2026-03-02T10:10:00Z')).toBe(1);
    expect(await flushAt('2026-03-02T10:10:59Z')).toBe(0);
    expect(await flushAt('2026-03-02T10:11:00Z')).toBe(1);
    expect(digestsTo()).toEqual(['eve@example.com', 'eve@example.com']);
  });

  it('does not trust a skip set before the clock went back', async () => {
    const { shareTo, flushAt, clock } = await setup(storage());
    await shareTo(staffA);
    expect(await flushAt('2026-03-02T12:00:00Z')).toBe(1);
    expect(await flushAt(SECOND)).toBe(0);
    // An hour back, the span would last an hour and five minutes: read now, and skipped after.
    clock.advanceMs(-60 * MINUTE);
    expect(await flushAt(SECOND)).toBe(1);
    expect(await flushAt(SECOND)).toBe(0);
  });

  it('reads a tenant at the next pass once one of its clients changes frequency here', async () => {
    const { portal, eve, shareTo, flushAt, digestsTo } = await setup(storage());
    await shareTo(staffA); // 10:00, daily: due tomorrow at 07:00
    expect(await flushAt('2026-03-02T12:00:00Z')).toBe(1);
    await portal.notifications.set(eve, { frequency: 'instant' });
    expect(await flushAt(SECOND)).toBe(1);
    expect(digestsTo()).toEqual(['eve@example.com']);
  });

  it('sees a frequency changed by another process within the instant window', async () => {
    const made = await setup(storage());
    await made.shareTo(staffA);
    expect(await made.flushAt('2026-03-02T12:00:00Z')).toBe(1);
    // Another process's portal on the same database: this one does not hear of it.
    await made.storage.saveNotificationSettings({ tenantId: TENANT_A, clientId: made.eve.clientId, frequency: 'instant', updatedAt: made.clock.now() });
    expect(await made.flushAt(SECOND)).toBe(0);
    expect(made.digestsTo()).toEqual([]);
    expect(await made.flushAt('2026-03-02T12:05:00Z')).toBe(1);
    expect(made.digestsTo()).toEqual(['eve@example.com']);
  });
});

describe('the tenant scan', () => {
  it('lists tenants in pages of 500 and reads each once until its window ends', async () => {
    const { storage, take } = counted(memoryStorage());
    const made = makePortal({ storage, notifications });
    const tenants = Array.from({ length: 1_201 }, (_, i) => `builder-${String(i).padStart(4, '0')}`);
    for (const tenantId of tenants) made.settings[tenantId] = { ...tenantSettings[TENANT_A]! };
    await storage.insertNotifications(tenants.map((tenantId) => notification({ tenantId, createdAt: made.clock.now() })));
    take('listPendingTenants');
    take('listPendingDigests');
    await made.portal.outbox.flush();
    expect(take('listPendingTenants')).toBe(3);
    expect(take('listPendingDigests')).toBe(1_201);
    made.clock.advanceMs(SECOND);
    await made.portal.outbox.flush();
    expect(take('listPendingTenants')).toBe(3);
    expect(take('listPendingDigests')).toBe(0);
  });

  it('without listPendingTenants in the store, scans clients across tenants page by page, each by its tenant’s rules', async () => {
    const { portal, eve, shareTo, flushAt, digestsTo, take } = await setup(memoryStorage(), ['listPendingTenants']);
    await portal.notifications.set(eve, { frequency: 'instant' });
    await shareTo(staffA);
    await shareTo(staffB);
    // No tenant is passed over: every pass reads across tenants, one page here.
    expect(await flushAt('2026-03-02T10:04:59Z')).toBe(1);
    expect(await flushAt(SECOND)).toBe(1);
    expect(digestsTo()).toEqual(['eve@example.com']);
    expect(await flushAt('2026-03-03T07:00:00Z')).toBe(1);
    expect(digestsTo()).toEqual(['eve@example.com', 'gus@example.com']);
    expect(take('listPendingTenants')).toBe(0);
  });

  it('judges a tenant it reads alone (`flush({ tenantId })`) the same way', async () => {
    const { portal, eve, shareTo, clock, take, digestsTo } = await setup(memoryStorage());
    await portal.notifications.set(eve, { frequency: 'instant' });
    await shareTo(staffA);
    take('listPendingTenants');
    const flushAcme = async (iso: string) => {
      clock.advanceMs(new Date(iso).getTime() - clock.now().getTime());
      take('listPendingDigests');
      await portal.outbox.flush({ tenantId: TENANT_A });
      return take('listPendingDigests');
    };
    expect(await flushAcme('2026-03-02T10:01:00Z')).toBe(1);
    expect(await flushAcme('2026-03-02T10:04:59Z')).toBe(0);
    expect(await flushAcme('2026-03-02T10:05:00Z')).toBe(1);
    expect(digestsTo()).toEqual(['eve@example.com']);
    expect(take('listPendingTenants')).toBe(0);
  });
});
