import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClientActor, Storage } from 'sitegate';
import { memoryStorage } from 'sitegate/adapters/memory';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { FEED_PAGE } from '../../src/services/feed-page.js';
import { VISIT_GAP_MS } from '../../src/services/project-visits.js';
import { WireFeed } from '../../src/contract/wire.js';
import { parse } from '../../src/contract/check.js';
import { countingStorage } from '../support/counting-storage.js';
import { makePortal } from '../support/make-portal.js';

const MINUTE = 60_000;
const LATER = VISIT_GAP_MS + MINUTE;

/** A portal with the contract shared and an active client of p-maple. */
async function signedIn(options: Parameters<typeof makePortal>[0] = {}) {
  const setup = makePortal(options);
  await setup.portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
  await setup.portal.updates.publish(staffA, 'p-maple', { body: 'Before the first visit' });
  await setup.portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
  await setup.portal.outbox.flush();
  const { session } = await setup.portal.invites.accept(setup.lastInviteToken('eve@example.com'), { password: 'long enough password' });
  const actor = (await setup.portal.sessions.resolve(session.token)) as ClientActor;
  return { ...setup, actor };
}

const newIds = (list: { id: string; isNew?: boolean }[] | undefined) => (list ?? []).filter((r) => r.isNew).map((r) => r.id);

describe('new since the previous visit', () => {
  it('does not mark new what the client had opened before it was unshared by mistake and shared again', async () => {
    const { portal, actor, clock } = await signedIn();
    await portal.view.feed(actor, 'p-maple');
    await portal.view.open(actor, 'p-maple', 'documents', 'd-contract');
    const [share] = (await portal.shares.list(staffA, 'p-maple', { module: 'documents' })).items;
    clock.advanceMs(MINUTE);
    await portal.shares.unshare(staffA, 'p-maple', share!.id);
    await portal.shares.share(staffA, 'p-maple', [
      { module: 'documents', id: 'd-contract', kind: 'item' },
      { module: 'drawings', id: 'dr-a101', kind: 'item' },
    ]);
    clock.advanceMs(LATER);
    const next = await portal.view.feed(actor, 'p-maple');
    expect(newIds(next.modules.documents)).toEqual([]);
    expect(newIds(next.modules.drawings)).toEqual(['dr-a101']);
    expect(next.newCounts).toEqual({ drawings: 1 });
  });

  const lite = new PGlite();
  afterAll(() => lite.close());
  it.each([
    { name: 'memory', storage: () => memoryStorage(), apart: 1 },
    { name: 'PGlite', storage: () => pgliteStorage({ db: lite, schema: 'feed_new_receipts' }), apart: 0 },
  ])("reads a returning client's receipts with the feed's other reads where storage can ($name)", async ({ storage: make, apart }) => {
    const counted = countingStorage(make());
    const receiptReads = () => counted.results('listReceipts').length;
    const { portal, actor, clock } = await signedIn({ storage: counted.storage });
    await portal.view.feed(actor, 'p-maple');
    await portal.view.open(actor, 'p-maple', 'documents', 'd-contract');
    clock.advanceMs(MINUTE);
    await portal.shares.share(staffA, 'p-maple', [
      { module: 'documents', id: 'd-permit', kind: 'item' },
      { module: 'drawings', id: 'dr-a101', kind: 'item' },
    ]);
    clock.advanceMs(LATER);
    const before = receiptReads();
    const next = await portal.view.feed(actor, 'p-maple');
    // What was opened is not new, whichever way the receipts were read.
    expect(newIds(next.modules.documents)).toEqual(['d-permit']);
    expect(newIds(next.modules.drawings)).toEqual(['dr-a101']);
    expect(receiptReads() - before).toBe(apart);
  });

  it('marks nothing new during the first visit, then what was shared or published after it', async () => {
    const { portal, actor, clock } = await signedIn();
    const first = await portal.view.feed(actor, 'p-maple');
    expect(first.modules.documents).toEqual([expect.objectContaining({ id: 'd-contract', isNew: false })]);
    expect(first.modules.updates?.map((u) => u.isNew)).toEqual([false]);
    expect(first.newCounts).toBeUndefined();

    clock.advanceMs(5 * MINUTE);
    await portal.shares.share(staffA, 'p-maple', [{ module: 'drawings', id: 'dr-a101', kind: 'item' }]);
    // Still the first visit: nothing is new yet.
    const again = await portal.view.feed(actor, 'p-maple');
    expect(newIds(again.modules.drawings)).toEqual([]);
    expect(again.newCounts).toBeUndefined();

    clock.advanceMs(MINUTE);
    await portal.shares.share(staffA, 'p-maple', [
      { module: 'drawings', id: 'dr-a201', kind: 'item' },
      { module: 'photos', id: 'ph-week1', kind: 'folder' },
    ]);
    await portal.updates.publish(staffA, 'p-maple', { body: 'Framing started' });
    clock.advanceMs(LATER);
    const next = await portal.view.feed(actor, 'p-maple');
    // New: what became visible after the first visit's last load (the reload, 5 minutes in).
    expect(newIds(next.modules.drawings)).toEqual(['dr-a201']);
    expect(newIds(next.modules.photos)).toEqual(['ph-week1']);
    expect(newIds(next.modules.documents)).toEqual([]);
    expect(next.modules.updates?.map((u) => [u.update.body, u.isNew])).toEqual([
      ['Framing started', true],
      ['Before the first visit', false],
    ]);
    expect(next.newCounts).toEqual({ drawings: 1, photos: 1, updates: 1 });

    // Reloading within the visit keeps the same boundary.
    clock.advanceMs(10 * MINUTE);
    expect((await portal.view.feed(actor, 'p-maple')).newCounts).toEqual({ drawings: 1, photos: 1, updates: 1 });
    // The visit after that starts from this one: nothing new.
    clock.advanceMs(LATER);
    const after = await portal.view.feed(actor, 'p-maple');
    expect(after.newCounts).toBeUndefined();
    expect(newIds(after.modules.drawings)).toEqual([]);
  });

  it('says when a load is the client’s first visit: its reloads too, not the visits after it', async () => {
    const { portal, actor, clock } = await signedIn();
    const first = await portal.view.feed(actor, 'p-maple');
    expect(first.firstVisit).toBe(true);
    // A reload within the first visit, and the next page of a section, are still the first visit.
    clock.advanceMs(5 * MINUTE);
    expect((await portal.view.feed(actor, 'p-maple')).firstVisit).toBe(true);
    expect((await portal.view.feed(actor, 'p-maple', { module: 'documents' })).firstVisit).toBe(true);
    // Back after the gap: the first visit is the previous one, and what is new counts from it.
    clock.advanceMs(LATER);
    const second = await portal.view.feed(actor, 'p-maple');
    expect(second).not.toHaveProperty('firstVisit');
    clock.advanceMs(10 * MINUTE);
    expect(await portal.view.feed(actor, 'p-maple')).not.toHaveProperty('firstVisit');
  });

  it('counts a whole section, not only the page the feed lists, and pages keep the marks', async () => {
    const { portal, actor, clock, content } = await signedIn();
    await portal.view.feed(actor, 'p-maple');
    const total = FEED_PAGE + 12;
    for (let i = 0; i < total; i++) content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'photos', id: `ph-n${i}`, name: `Photo ${i}`, kind: 'item', updatedAt: new Date('2026-01-01T00:00:00Z') });
    // Ten shared before the first visit ends; the rest after it.
    await portal.shares.share(staffA, 'p-maple', Array.from({ length: 10 }, (_, i) => ({ module: 'photos' as const, id: `ph-n${i}`, kind: 'item' as const })));
    clock.advanceMs(2 * MINUTE);
    await portal.view.feed(actor, 'p-maple');
    clock.advanceMs(MINUTE);
    await portal.shares.share(staffA, 'p-maple', Array.from({ length: total - 10 }, (_, i) => ({ module: 'photos' as const, id: `ph-n${i + 10}`, kind: 'item' as const })));
    for (let i = 0; i < FEED_PAGE + 5; i++) await portal.updates.publish(staffA, 'p-maple', { body: `Update ${i}` });
    // Beyond the first page, a shared photo the host no longer has: neither listed nor counted.
    content.remove({ tenantId: TENANT_A, projectId: 'p-maple', module: 'photos', id: `ph-n${total - 1}` });
    clock.advanceMs(LATER);

    const first = await portal.view.feed(actor, 'p-maple');
    expect(first.modules.photos).toHaveLength(FEED_PAGE);
    expect(newIds(first.modules.photos)).toHaveLength(FEED_PAGE - 10);
    expect(first.newCounts).toEqual({ photos: total - 11, updates: FEED_PAGE + 5 });
    const rest = await portal.view.feed(actor, 'p-maple', { module: 'photos', cursor: first.more!.photos! });
    expect(newIds(rest.modules.photos)).toHaveLength(11);
    expect(rest.newCounts).toEqual({ photos: total - 11 });
    const older = await portal.view.feed(actor, 'p-maple', { module: 'updates', cursor: first.more!.updates! });
    expect(older.modules.updates?.map((u) => u.isNew)).toEqual([true, true, true, true, true, false]);
    expect(older.newCounts).toEqual({ updates: FEED_PAGE + 5 });
  });

  it('does not count what was unshared, nor modules the client may not read', async () => {
    const { portal, actor, clock, settings } = await signedIn();
    settings[TENANT_A]!.modules = ['documents', 'updates'];
    await portal.view.feed(actor, 'p-maple');
    clock.advanceMs(MINUTE);
    const [gone] = await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-permit', kind: 'item' }]);
    await portal.shares.share(staffA, 'p-maple', [{ module: 'photos', id: 'ph-week1', kind: 'folder' }]);
    await portal.shares.unshare(staffA, 'p-maple', gone!.id);
    clock.advanceMs(LATER);
    const feed = await portal.view.feed(actor, 'p-maple');
    expect(feed.modules.photos).toBeUndefined();
    expect(feed.newCounts).toBeUndefined();
  });

  it('records a visit from first pages only, at most once a minute', async () => {
    const storage = memoryStorage();
    const { portal, actor, clock } = await signedIn({ storage });
    const visit = () => storage.getVisit(TENANT_A, actor.clientId, 'p-maple');
    await portal.view.feed(actor, 'p-maple');
    const firstAt = (await visit())!.lastVisitAt;
    clock.advanceMs(30_000);
    await portal.view.feed(actor, 'p-maple');
    expect((await visit())!.lastVisitAt).toEqual(firstAt);
    clock.advanceMs(31_000);
    await portal.view.feed(actor, 'p-maple', { module: 'documents' });
    expect((await visit())!.lastVisitAt).toEqual(firstAt);
    await portal.view.feed(actor, 'p-maple');
    expect((await visit())!.lastVisitAt.getTime()).toBe(firstAt.getTime() + 61_000);
  });

  it('serves the feed when the visit cannot be recorded, marking nothing new', async () => {
    const errors: unknown[] = [];
    const inner = memoryStorage();
    const storage: Storage = Object.assign(Object.create(inner) as Storage, {
      recordVisit: async () => {
        throw new Error('disk full');
      },
    });
    const { portal, actor, clock } = await signedIn({ storage, onError: (e) => errors.push(e) });
    clock.advanceMs(LATER);
    const feed = await portal.view.feed(actor, 'p-maple');
    expect(feed.modules.documents?.map((d) => d.isNew)).toEqual([false]);
    expect(errors).toHaveLength(1);
  });

  it('reads the visit with the scope and the feed in one round trip, and writes it only when due', async () => {
    const inner = memoryStorage();
    const calls: string[] = [];
    let release: () => void = () => {};
    let gate: Promise<void> | undefined;
    const storage: Storage = Object.assign(Object.create(inner) as Storage, {
      getClient: async (...a: Parameters<Storage['getClient']>) => {
        calls.push('getClient');
        await gate;
        return inner.getClient(...a);
      },
      readFeed: async (...a: Parameters<Storage['readFeed']>) => (calls.push('readFeed'), inner.readFeed(...a)),
      recordVisit: async (...a: Parameters<Storage['recordVisit']>) => (calls.push('recordVisit'), inner.recordVisit(...a)),
    });
    const { portal, actor, clock } = await signedIn({ storage });
    calls.length = 0;
    gate = new Promise((resolve) => (release = resolve));
    const first = portal.view.feed(actor, 'p-maple');
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Everything the feed reads is asked for, in one read, while the client's record is still on its way.
    expect([...calls].sort()).toEqual(['getClient', 'readFeed']);
    release();
    await first;
    expect(calls.slice(2)).toEqual(['recordVisit']);
    gate = undefined;
    // Within the minute: the read tells, nothing is sent to be written.
    calls.length = 0;
    clock.advanceMs(30_000);
    await portal.view.feed(actor, 'p-maple');
    expect([...calls].sort()).toEqual(['getClient', 'readFeed']);
    clock.advanceMs(31_000);
    await portal.view.feed(actor, 'p-maple');
    expect(calls.filter((c) => c === 'recordVisit')).toHaveLength(1);
  });

  it('records no visit to a project the client does not hold', async () => {
    const storage = memoryStorage();
    const { portal, actor } = await signedIn({ storage });
    await expect(portal.view.feed(actor, 'p-birch')).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(await storage.getVisit(TENANT_A, actor.clientId, 'p-birch')).toBeNull();
  });

  it('serves the feed when the visit cannot be read, marking nothing new and writing nothing', async () => {
    const errors: unknown[] = [];
    const inner = memoryStorage();
    let writes = 0;
    // The feed's one read fails, and so does the visit's own when read apart.
    const storage: Storage = Object.assign(Object.create(inner) as Storage, {
      readFeed: async () => {
        throw new Error('connection reset');
      },
      getVisit: async () => {
        throw new Error('connection reset');
      },
      recordVisit: async (...a: Parameters<Storage['recordVisit']>) => (writes++, inner.recordVisit(...a)),
    });
    const { portal, actor, clock } = await signedIn({ storage, onError: (e) => errors.push(e) });
    await inner.recordVisit(TENANT_A, actor.clientId, 'p-maple', new Date('2026-01-01T00:00:00Z'), {
      quietSince: new Date('2025-12-31T23:59:00Z'),
      newVisitBefore: new Date('2025-12-31T23:30:00Z'),
    });
    clock.advanceMs(LATER);
    const feed = await portal.view.feed(actor, 'p-maple');
    expect(feed.modules.documents?.map((d) => d.isNew)).toEqual([false]);
    expect(feed.newCounts).toBeUndefined();
    // A visit that could not be read tells nothing: not a first visit either.
    expect(feed).not.toHaveProperty('firstVisit');
    expect(errors).toHaveLength(1);
    expect(writes).toBe(0);
  });

  it('reads apart when the one read of the feed fails, and still marks what is new', async () => {
    const errors: unknown[] = [];
    const inner = memoryStorage();
    const failure = new Error('statement timeout');
    const storage: Storage = Object.assign(Object.create(inner) as Storage, {
      readFeed: async () => {
        throw failure;
      },
    });
    const { portal, actor, clock } = await signedIn({ storage, onError: (e) => errors.push(e) });
    await portal.view.feed(actor, 'p-maple');
    clock.advanceMs(MINUTE);
    await portal.shares.share(staffA, 'p-maple', [{ module: 'drawings', id: 'dr-a101', kind: 'item' }]);
    await portal.updates.publish(staffA, 'p-maple', { body: 'Framing started' });
    clock.advanceMs(LATER);
    errors.length = 0;
    const feed = await portal.view.feed(actor, 'p-maple');
    expect(newIds(feed.modules.drawings)).toEqual(['dr-a101']);
    expect(feed.modules.updates?.map((u) => [u.update.body, u.isNew])).toEqual([
      ['Framing started', true],
      ['Before the first visit', false],
    ]);
    expect(feed.newCounts).toEqual({ drawings: 1, updates: 1 });
    expect(errors).toEqual([failure]);
    // A visit was recorded from what was read apart.
    expect((await inner.getVisit(TENANT_A, actor.clientId, 'p-maple'))?.lastVisitAt).toEqual(clock.now());
  });

  it('resolves the new shares beyond the page together with the page: one wait on the host', async () => {
    const { portal, actor, clock, content } = await signedIn();
    await portal.view.feed(actor, 'p-maple');
    clock.advanceMs(MINUTE);
    const total = FEED_PAGE + 5;
    for (let i = 0; i < total; i++) content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'photos', id: `ph-b${i}`, name: `Photo ${i}`, kind: 'item', updatedAt: new Date('2026-01-01T00:00:00Z') });
    await portal.shares.share(staffA, 'p-maple', Array.from({ length: total }, (_, i) => ({ module: 'photos' as const, id: `ph-b${i}`, kind: 'item' as const })));
    clock.advanceMs(LATER);
    // A host that takes a while to answer: count the times the feed waits on it, one after another.
    const resolve = content.resolve.bind(content);
    let inFlight = 0;
    let waits = 0;
    content.resolve = async (...args: Parameters<typeof resolve>) => {
      if (inFlight++ === 0) waits++;
      try {
        await new Promise((r) => setTimeout(r, 5));
        return await resolve(...args);
      } finally {
        inFlight--;
      }
    };
    const feed = await portal.view.feed(actor, 'p-maple');
    expect(feed.newCounts).toMatchObject({ photos: total });
    expect(waits).toBe(1);
  });

  it('reads a returning client’s receipts while the host resolves the page, not after it', async () => {
    const inner = memoryStorage();
    let receiptsAsked!: () => void;
    const asked = new Promise<void>((resolve) => (receiptsAsked = resolve));
    const storage: Storage = Object.assign(Object.create(inner) as Storage, {
      listReceipts: async (...a: Parameters<Storage['listReceipts']>) => (receiptsAsked(), inner.listReceipts(...a)),
    });
    const { portal, actor, clock, content } = await signedIn({ storage });
    await portal.view.feed(actor, 'p-maple');
    await portal.view.open(actor, 'p-maple', 'documents', 'd-contract');
    clock.advanceMs(MINUTE);
    await portal.shares.share(staffA, 'p-maple', [{ module: 'drawings', id: 'dr-a101', kind: 'item' }]);
    clock.advanceMs(LATER);
    // A host still answering when the receipts are asked for: read after the page, they would
    // not be asked for until the wait below gave up.
    const resolve = content.resolve.bind(content);
    let askedWhileResolving = false;
    content.resolve = async (...args: Parameters<typeof resolve>) => {
      askedWhileResolving = await Promise.race([asked.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 200))]);
      return resolve(...args);
    };
    const feed = await portal.view.feed(actor, 'p-maple');
    expect(askedWhileResolving).toBe(true);
    expect(newIds(feed.modules.drawings)).toEqual(['dr-a101']);
    expect(feed.newCounts).toEqual({ drawings: 1 });
  });

  it('fails the feed when the receipts it needs cannot be read, and leaves no failure unhandled when it does not need them', async () => {
    const errors: unknown[] = [];
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    const inner = memoryStorage();
    const failure = new Error('connection reset');
    let visitsFail = false;
    let receiptReads = 0;
    const storage: Storage = Object.assign(Object.create(inner) as Storage, {
      listReceipts: async () => {
        receiptReads++;
        throw failure;
      },
      recordVisit: async (...a: Parameters<Storage['recordVisit']>) => {
        if (visitsFail) throw new Error('disk full');
        return inner.recordVisit(...a);
      },
    });
    const { portal, actor, clock } = await signedIn({ storage, onError: (e) => errors.push(e) });
    await portal.view.feed(actor, 'p-maple');
    clock.advanceMs(MINUTE);
    await portal.shares.share(staffA, 'p-maple', [{ module: 'drawings', id: 'dr-a101', kind: 'item' }]);
    clock.advanceMs(LATER);
    process.on('unhandledRejection', onUnhandled);
    try {
      // Something is new: the feed needs the receipts, and says it could not read them.
      await expect(portal.view.feed(actor, 'p-maple')).rejects.toBe(failure);
      // Later in the same visit, when it is due to be written again and cannot be, nothing is
      // marked new: the receipts, read early, go unused.
      visitsFail = true;
      clock.advanceMs(MINUTE + 1000);
      receiptReads = 0;
      const feed = await portal.view.feed(actor, 'p-maple');
      expect(receiptReads).toBe(1);
      expect(newIds(feed.modules.drawings)).toEqual([]);
      expect(feed.newCounts).toBeUndefined();
      expect(errors).toEqual([expect.objectContaining({ message: 'disk full' })]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('keeps isNew, newCounts and firstVisit across the wire', () => {
    const resource = { tenantId: 'acme', projectId: 'p', module: 'documents', id: 'd', kind: 'item', name: 'D', updatedAt: '2026-01-01T00:00:00.000Z' };
    const update = { tenantId: 'acme', id: 'u', projectId: 'p', body: 'B', resources: [], authorId: 'a', publishedAt: '2026-01-01T00:00:00.000Z' };
    const feed = parse(WireFeed, {
      project: { tenantId: 'acme', id: 'p', name: 'P' },
      modules: { documents: [{ ...resource, isNew: true }], updates: [{ update, resources: [], isNew: false }], schedule: { resource: { ...resource, module: 'schedule', isNew: true }, schedule: null } },
      newCounts: { documents: 1, schedule: 1 },
      firstVisit: true,
    });
    expect(feed.modules.documents?.[0]?.isNew).toBe(true);
    expect(feed.modules.updates?.[0]?.isNew).toBe(false);
    expect(feed.modules.schedule?.resource.isNew).toBe(true);
    expect(feed.newCounts).toEqual({ documents: 1, schedule: 1 });
    expect(feed.firstVisit).toBe(true);
    expect(() => parse(WireFeed, { project: { tenantId: 'acme', id: 'p', name: 'P' }, modules: {}, firstVisit: 'yes' })).toThrow();
    expect(() => parse(WireFeed, { project: { tenantId: 'acme', id: 'p', name: 'P' }, modules: {}, newCounts: { documents: 'many' } })).toThrow();
  });
});
