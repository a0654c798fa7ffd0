import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import type { Storage } from 'sitegate';
import { memoryContent, memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { sampleContent, staffA, staffB, TENANT_A, TENANT_B, tenantSettings } from '../../src/testing/fixtures.js';
import { notification } from '../../src/testing/storage/notifications.js';
import { createContexts } from '../../src/portal/create-context.js';
import { digestAssembly } from '../../src/services/digests.js';
import { makePortal, signedInClient, testClock, testPasswords } from '../support/make-portal.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const UNSUBSCRIBE = 'https://builder.example/api/portal/notifications/unsubscribe?token=';
const notifications = { portalUrl: (t: string, p: string) => `https://builder.example/portal/${t}/${p}`, unsubscribeUrl: (token: string) => `${UNSUBSCRIBE}${token}` };

const lite = new PGlite();
afterAll(() => lite.close());
let schemas = 0;
const backends = [
  { name: 'memory', storage: (): Storage => memoryStorage() },
  { name: 'PGlite', storage: (): Storage => pgliteStorage({ db: lite, schema: `digest_zones_${++schemas}` }) },
];

/**
 * Acme builds in Sydney, Globex in Chicago; eve is Acme's client, gus Globex's, both active on
 * their p-maple. The clock starts on Monday 2026-03-02 10:00 UTC: 21:00 in Sydney (AEDT, UTC+11),
 * 04:00 in Chicago (CST, UTC−6).
 */
async function setup(storage: Storage, zones: { acme?: string; globex?: string } = { acme: 'Australia/Sydney', globex: 'America/Chicago' }) {
  const made = makePortal({ storage, notifications });
  if (zones.acme) made.settings[TENANT_A]!.timeZone = zones.acme;
  if (zones.globex) made.settings[TENANT_B]!.timeZone = zones.globex;
  const eve = await signedInClient(made, staffA, 'eve@example.com');
  const gus = await signedInClient(made, staffB, 'gus@example.com');
  made.mail.messages.length = 0;
  const digestsTo = () => made.mail.messages.filter((m) => m.headers?.['List-Unsubscribe']).map((m) => m.to);
  const share = () =>
    Promise.all([
      made.portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]),
      made.portal.shares.share(staffB, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]),
    ]);
  /** Moves the clock to `iso` and flushes (all tenants, or one). */
  const flushAt = async (iso: string, tenantId?: string) => {
    made.clock.advanceMs(new Date(iso).getTime() - made.clock.now().getTime());
    await made.portal.outbox.flush(tenantId === undefined ? undefined : { tenantId });
    return digestsTo();
  };
  return { ...made, eve, gus, share, flushAt, digestsTo };
}

describe.each(backends)('digests at each tenant’s local hour ($name)', ({ storage }) => {
  it('daily: 07:00 in Chicago and 07:00 in Sydney, each at its own hour, none early', async () => {
    const { share, flushAt, portal } = await setup(storage());
    await share();
    // 07:00 in Chicago is 13:00 UTC; 07:00 (next day) in Sydney is 20:00 UTC.
    expect(await flushAt('2026-03-02T12:59:59Z')).toEqual([]);
    expect(await flushAt('2026-03-02T13:00:00Z')).toEqual(['gus@example.com']);
    // Eve was listed and passed over, not claimed: her notification waits, no digest job exists.
    expect(await portal.outbox.list(TENANT_A)).not.toContainEqual(expect.objectContaining({ kind: 'digest' }));
    expect(await flushAt('2026-03-02T19:59:59Z')).toEqual(['gus@example.com']);
    expect(await flushAt('2026-03-02T20:00:00Z')).toEqual(['gus@example.com', 'eve@example.com']);
    // 07:00 UTC, the old hour for everyone, sends nothing more.
    expect(await flushAt('2026-03-03T07:00:00Z')).toEqual(['gus@example.com', 'eve@example.com']);
  });

  it('per tenant (`flush({ tenantId })`): the scan uses the tenant’s zone exactly', async () => {
    const { share, flushAt } = await setup(storage());
    await share();
    expect(await flushAt('2026-03-02T13:00:00Z', TENANT_A)).toEqual([]);
    expect(await flushAt('2026-03-02T13:00:00Z', TENANT_B)).toEqual(['gus@example.com']);
    expect(await flushAt('2026-03-02T19:59:59Z', TENANT_A)).toEqual(['gus@example.com']);
    expect(await flushAt('2026-03-02T20:00:00Z', TENANT_A)).toEqual(['gus@example.com', 'eve@example.com']);
  });

  it('weekly: Monday 07:00 in Sydney, which is Sunday 20:00 UTC', async () => {
    const { portal, eve, gus, share, flushAt } = await setup(storage());
    await portal.notifications.set(eve, { frequency: 'weekly' });
    await portal.notifications.set(gus, { frequency: 'weekly' });
    await flushAt('2026-03-03T10:00:00Z'); // Tuesday
    await share();
    expect(await flushAt('2026-03-08T19:59:59Z')).toEqual([]);
    expect(await flushAt('2026-03-08T20:00:00Z')).toEqual(['eve@example.com']);
    // Chicago's Monday 07:00 is after its clocks went forward: 12:00 UTC.
    expect(await flushAt('2026-03-09T11:59:59Z')).toEqual(['eve@example.com']);
    expect(await flushAt('2026-03-09T12:00:00Z')).toEqual(['eve@example.com', 'gus@example.com']);
  });

  it('clients not yet due, a page and more of them, hold up no one and are picked up at their hour', async () => {
    const made = await setup(storage());
    // 600 Acme clients (ids before Globex's in the scan) wait for Sydney's 07:00 with a notification each.
    await made.storage.insertNotifications(Array.from({ length: 600 }, (_, i) => notification({ id: `nt-w${i}`, clientId: `cl-w${String(i).padStart(3, '0')}`, createdAt: new Date('2026-03-02T10:00:00Z') })));
    await made.share();
    expect(await made.flushAt('2026-03-02T13:00:00Z')).toEqual(['gus@example.com']);
    expect(await made.storage.listNotifications(TENANT_A, { pending: true })).toHaveLength(601);
    await made.flushAt('2026-03-02T20:00:00Z');
    expect(await made.storage.listNotifications(TENANT_A, { pending: true })).toEqual([]);
    expect(made.digestsTo()).toEqual(['gus@example.com', 'eve@example.com']);
  });
});

describe('a tenant without a usable zone', () => {
  it('without a timeZone, or with one the runtime does not know, digests go out at the hour in UTC', async () => {
    const { share, flushAt, settings } = await setup(memoryStorage(), { globex: 'Mars/Olympus_Mons' });
    expect(settings[TENANT_A]!.timeZone).toBeUndefined();
    await share();
    expect(await flushAt('2026-03-03T06:59:59Z')).toEqual([]);
    expect((await flushAt('2026-03-03T07:00:00Z')).sort()).toEqual(['eve@example.com', 'gus@example.com']);
  });

  it('a zone Intl refuses at assembly falls back to UTC and is reported to onError once', async () => {
    const errors: unknown[] = [];
    const clock = testClock('2026-03-03T06:00:00Z');
    const storage = memoryStorage();
    const { background } = createContexts({
      storage, mail: memoryMail(), content: memoryContent(sampleContent()), acceptUrl: (t) => t, now: clock.now, passwords: testPasswords,
      tenants: async (id) => tenantSettings[id] ?? null, onError: (error) => errors.push(error), ...notifications,
    });
    // Settings that skipped the check (a zone this runtime lost since): assembly must not fail on it.
    const assembly = digestAssembly({ ...background, tenant: async () => ({ ...tenantSettings[TENANT_A]!, timeZone: 'Mars/Olympus_Mons' }) });
    await storage.insertNotifications([notification({ createdAt: new Date('2026-03-02T10:00:00Z') })]);
    expect(await assembly.assemble()).toEqual({ digests: 0, dropped: 0 });
    clock.advanceMs(HOUR);
    expect(await assembly.assemble()).toEqual({ digests: 1, dropped: 0 });
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('Digests of tenant "acme" fall due in UTC: its timeZone "Mars/Olympus_Mons" is not one this runtime knows');
  });
});
