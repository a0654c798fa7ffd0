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

/**
 * `storage` counting the calls made on it outside transactions, by operation; `hide` leaves
 * those operations out, as a store without them. `once.after(op, fn)` runs `fn` after the next
 * call of `op` has read, before its answer is used; `once.attachNothing()` makes the next
 * `attachDigests` attach nothing, as when another worker holds the rows.
 */
function counted(inner: Storage, hide: readonly string[] = []) {
  const calls = new Map<string, number>();
  const after = new Map<string, () => Promise<unknown>>();
  let attachNothing = false;
  const withinTransaction = (tx: object) =>
    new Proxy(tx, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (prop !== 'attachDigests' || !attachNothing || typeof value !== 'function') return value;
        attachNothing = false;
        return async () => [];
      },
    });
  const storage = new Proxy(inner, {
    has: (target, prop) => !hide.includes(String(prop)) && Reflect.has(target, prop),
    get(target, prop, receiver) {
      if (hide.includes(String(prop))) return undefined;
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      const call = value as (...a: unknown[]) => Promise<unknown>;
      if (prop === 'transaction') return (fn: (tx: object) => Promise<unknown>) => call.call(target, (tx: object) => fn(withinTransaction(tx)));
      return async (...args: unknown[]) => {
        calls.set(prop, (calls.get(prop) ?? 0) + 1);
        const answer = await call.apply(target, args);
        const then = after.get(prop);
        after.delete(prop);
        await then?.();
        return answer;
      };
    },
  }) as Storage;
  const take = (op: string) => {
    const n = calls.get(op) ?? 0;
    calls.delete(op);
    return n;
  };
  const once = {
    after: (op: string, fn: () => Promise<unknown>) => void after.set(op, fn),
    attachNothing: () => void (attachNothing = true),
  };
  return { storage, take, once };
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
async function setup(inner: Storage, hide: readonly string[] = [], windows?: { instantMinutes: number }) {
  const { storage, take, once } = counted(inner, hide);
  const made = makePortal({ storage, notifications: { ...notifications, ...(windows ? { digestWindows: windows } : {}) } });
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
  return { ...made, storage, take, once, eve, gus, digestsTo, shareTo, flushAt };
}

describe.each(backends)('digest passes skip tenants with nothing due soon ($name)', ({ storage }) => {
  it('reads a tenant waiting for its daily hour once per instant window, and at every pass around the hour', async () => {
    const { shareTo, flushAt, digestsTo } = await setup(storage());
    await shareTo(staffA);
    await shareTo(staffB);
    // One read per tenant; then both are passed over until the window (5 minutes) ends, less
    // the minute a row may stay uncommitted after its time was read.
    expect(await flushAt('2026-03-02T10:00:01Z')).toBe(2);
    expect(await flushAt(SECOND)).toBe(0);
    expect(await flushAt('2026-03-02T10:04:00Z')).toBe(0);
    expect(await flushAt('2026-03-02T10:04:01Z')).toBe(2);
    expect(await flushAt('2026-03-02T10:04:02Z')).toBe(0);
    // The pass at 06:54 skips the tenants until 06:58; from then on 07:00 UTC falls inside the
    // window, and each pass reads, so none is late.
    expect(await flushAt('2026-03-03T06:54:00Z')).toBe(2);
    expect(await flushAt('2026-03-03T06:57:59Z')).toBe(0);
    expect(await flushAt('2026-03-03T06:58:00Z')).toBe(2);
    expect(await flushAt('2026-03-03T06:59:59Z')).toBe(2);
    expect(digestsTo()).toEqual([]);
    expect(await flushAt('2026-03-03T07:00:00Z')).toBe(2);
    expect(digestsTo().sort()).toEqual(['eve@example.com', 'gus@example.com']);
    // Nothing pending any more: the tenants are not listed, so not read.
    expect(await flushAt(SECOND)).toBe(0);
  });

  it('reads every pass for a minute after the hour, for a row its transaction commits late', async () => {
    const { storage: store, eve, shareTo, flushAt, digestsTo } = await setup(storage());
    await shareTo(staffA);
    await flushAt('2026-03-03T07:00:00Z');
    expect(digestsTo()).toEqual(['eve@example.com']);
    // Another client's news at 07:00 keeps Acme listed; not due before tomorrow.
    await store.insertNotifications([notification({ id: 'nt-other', clientId: 'cl-other', createdAt: new Date('2026-03-03T07:00:00Z') })]);
    expect(await flushAt(SECOND)).toBe(1);
    // A share whose transaction read the clock before 07:00 commits now: due at 07:00.
    await store.insertNotifications([notification({ id: 'nt-late', clientId: eve.clientId, createdAt: new Date('2026-03-03T06:59:59.900Z') })]);
    expect(await flushAt(SECOND)).toBe(1);
    expect(digestsTo()).toEqual(['eve@example.com', 'eve@example.com']);
    // A minute after the hour, the tenant is skipped again.
    expect(await flushAt('2026-03-03T07:01:01Z')).toBe(1);
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
    // A share at 10:06 is due at 10:11; the pass at 10:09:00 (the span's end) reads and waits for it.
    await flushAt('2026-03-02T10:06:00Z');
    await shareTo(staffA, 'd-permit');
    expect(await flushAt('2026-03-02T10:09:00Z')).toBe(1);
    expect(await flushAt('2026-03-02T10:10:59Z')).toBe(0);
    expect(await flushAt('2026-03-02T10:11:00Z')).toBe(1);
    expect(digestsTo()).toEqual(['eve@example.com', 'eve@example.com']);
  });

  it('skips nothing with an instant window of 0', async () => {
    const { shareTo, flushAt, digestsTo } = await setup(storage(), [], { instantMinutes: 0 });
    await shareTo(staffA);
    expect(await flushAt('2026-03-02T10:00:01Z')).toBe(1);
    expect(await flushAt(SECOND)).toBe(1);
    expect(await flushAt('2026-03-03T07:00:00Z')).toBe(1);
    expect(digestsTo()).toEqual(['eve@example.com']);
  });

  it('sets no skip after a pass that claimed a digest (another worker may hold some of its rows, and fail)', async () => {
    const { portal, eve, shareTo, flushAt, digestsTo, once } = await setup(storage());
    await portal.notifications.set(eve, { frequency: 'instant' });
    await shareTo(staffA);
    once.attachNothing();
    expect(await flushAt('2026-03-02T10:05:00Z')).toBe(1);
    expect(digestsTo()).toEqual([]);
    expect(await flushAt(SECOND)).toBe(1);
    expect(digestsTo()).toEqual(['eve@example.com']);
  });

  it('sets no skip after a pass that failed', async () => {
    const { shareTo, flushAt, once } = await setup(storage());
    await shareTo(staffA);
    once.after('listPendingDigests', async () => {
      throw new Error('the database went away');
    });
    expect(await flushAt('2026-03-02T10:00:01Z')).toBe(1);
    expect(await flushAt(SECOND)).toBe(1);
    expect(await flushAt(SECOND)).toBe(0);
  });

  it('does not trust a skip set before the clock went back', async () => {
    const { shareTo, flushAt, clock } = await setup(storage());
    await shareTo(staffA);
    expect(await flushAt('2026-03-02T12:00:00Z')).toBe(1);
    expect(await flushAt(SECOND)).toBe(0);
    // A minute back, within what the span covers: it dates from a later time, so the pass reads.
    clock.advanceMs(-MINUTE);
    expect(await flushAt(SECOND)).toBe(1);
    expect(await flushAt(SECOND)).toBe(0);
  });

  it('does not trust a skip longer than the time this process has seen pass', async () => {
    // A window of 3 s: skips of 1.5 s, short enough to outlast in a test.
    const { shareTo, flushAt, clock } = await setup(storage(), [], { instantMinutes: 0.05 });
    await shareTo(staffA);
    expect(await flushAt('2026-03-02T12:00:00Z')).toBe(1);
    expect(await flushAt(500)).toBe(0);
    // The clock went back and came forward again while 1.6 s passed: inside the span by the
    // portal's clock, past it by this process's.
    clock.advanceMs(-500);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(await flushAt(500)).toBe(1);
  });

  it('reads a tenant at the next pass once one of its clients changes frequency here', async () => {
    const { portal, eve, shareTo, flushAt, digestsTo } = await setup(storage());
    await shareTo(staffA); // 10:00, daily: due tomorrow at 07:00
    expect(await flushAt('2026-03-02T12:00:00Z')).toBe(1);
    await portal.notifications.set(eve, { frequency: 'instant' });
    expect(await flushAt(SECOND)).toBe(1);
    expect(digestsTo()).toEqual(['eve@example.com']);
  });

  it('sets no skip from a pass that read a tenant before its client changed frequency', async () => {
    const { portal, eve, shareTo, flushAt, digestsTo, once } = await setup(storage());
    await shareTo(staffA); // 10:00, daily
    // Eve turns to instant while the pass reads Acme: what it read says nothing is due.
    once.after('listPendingDigests', () => portal.notifications.set(eve, { frequency: 'instant' }));
    expect(await flushAt('2026-03-02T12:00:00Z')).toBe(1);
    expect(digestsTo()).toEqual([]);
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
    expect(await made.flushAt('2026-03-02T12:03:59Z')).toBe(0);
    expect(await made.flushAt('2026-03-02T12:04:00Z')).toBe(1);
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

  it('skips a tenant only until its next client is due, found on any page of its clients', async () => {
    const { storage, take } = counted(memoryStorage());
    const made = makePortal({ storage, notifications });
    made.settings[TENANT_A]!.notifications = { default: 'instant' };
    // 500 clients due at 10:03 fill the first page of 500; the one due first, at 10:02, is on the second.
    const clients = Array.from({ length: 501 }, (_, i) => `cl-${String(i).padStart(4, '0')}`);
    await storage.insertNotifications(clients.map((clientId, i) => notification({ id: `nt-${i}`, clientId, createdAt: new Date(i === 500 ? '2026-03-02T09:57:00Z' : '2026-03-02T09:58:00Z') })));
    const pass = async (iso: string) => {
      made.clock.advanceMs(new Date(iso).getTime() - made.clock.now().getTime());
      take('listPendingDigests');
      await made.portal.outbox.flush();
      return take('listPendingDigests');
    };
    expect(await pass('2026-03-02T10:00:00Z')).toBe(2);
    expect(await pass('2026-03-02T10:01:59Z')).toBe(0);
    expect(await pass('2026-03-02T10:02:00Z')).toBe(2);
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
