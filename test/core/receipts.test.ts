import { describe, expect, it } from 'vitest';
import { memoryStorage } from 'sitegate/adapters/memory';
import type { ClientActor, PortalEvent } from 'sitegate';
import { staffA, staffB, TENANT_A } from '../../src/testing/fixtures.js';
import { countingStorage } from '../support/counting-storage.js';
import { makePortal } from '../support/make-portal.js';

const SECOND = 1000;

/** A portal with one active client of p-maple, and the contracts folder and a drawing shared. */
async function withClient(options: Parameters<typeof makePortal>[0] = {}) {
  const setup = makePortal(options);
  const added = await setup.portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
  await setup.portal.outbox.flush();
  const { session } = await setup.portal.invites.accept(setup.lastInviteToken('eve@example.com'), { password: 'long enough password' });
  const actor = (await setup.portal.sessions.resolve(session.token)) as ClientActor;
  await setup.portal.shares.share(staffA, 'p-maple', [
    { module: 'documents', id: 'd-contracts', kind: 'folder' },
    { module: 'drawings', id: 'dr-a101', kind: 'item' },
  ]);
  return { ...setup, actor, clientId: added.id };
}

describe('read receipts', () => {
  it('records a view when the client opens a resource; listing the feed records nothing', async () => {
    const { portal, actor, clientId, clock } = await withClient();
    await portal.view.feed(actor, 'p-maple');
    expect(await portal.receipts.list(staffA, 'p-maple')).toEqual({ items: [], nextCursor: null });
    const openedAt = clock.now();
    await portal.view.open(actor, 'p-maple', 'documents', 'd-contract');
    expect((await portal.receipts.list(staffA, 'p-maple')).items).toEqual([
      { tenantId: TENANT_A, projectId: 'p-maple', clientId, module: 'documents', id: 'd-contract', firstViewedAt: openedAt, lastViewedAt: openedAt, views: 1 },
    ]);
  });

  it('writes once for 50 opens within a minute; views counts recorded views, at most one a minute', async () => {
    const counted = countingStorage(memoryStorage());
    const { portal, actor, clock } = await withClient({ storage: counted.storage });
    const first = clock.now();
    for (let i = 0; i < 50; i++) {
      await portal.view.open(actor, 'p-maple', 'drawings', 'dr-a101');
      clock.advanceMs(SECOND);
    }
    // 50 opens over 50 s: one write; the rest see the recent view and neither write nor open a transaction.
    const writes = () => counted.results('recordView').filter((r) => r !== 'throttled');
    expect(writes()).toEqual(['created']);
    expect(counted.results('recordView')).toHaveLength(1);
    let [receipt] = (await portal.receipts.list(staffA, 'p-maple')).items;
    expect(receipt).toMatchObject({ firstViewedAt: first, lastViewedAt: first, views: 1 });

    clock.advanceMs(10 * SECOND); // a minute after the recorded view
    const again = clock.now();
    await portal.view.open(actor, 'p-maple', 'drawings', 'dr-a101');
    await portal.view.open(actor, 'p-maple', 'drawings', 'dr-a101');
    expect(writes()).toEqual(['created', 'updated']);
    [receipt] = (await portal.receipts.list(staffA, 'p-maple')).items;
    expect(receipt).toMatchObject({ firstViewedAt: first, lastViewedAt: again, views: 2 });
  });

  it('records a host-served file through receipts.record, only one the client may see', async () => {
    const { portal, actor, clientId } = await withClient();
    await portal.receipts.record(actor, { projectId: 'p-maple', module: 'documents', id: 'd-permit' });
    expect((await portal.receipts.list(staffA, 'p-maple')).items.map((r) => [r.clientId, r.module, r.id])).toEqual([[clientId, 'documents', 'd-permit']]);

    // Unshared, another project, another module, nonexistent: not found, and nothing recorded.
    for (const ref of [
      { projectId: 'p-maple', module: 'documents', id: 'd-budget' },
      { projectId: 'p-harbor', module: 'documents', id: 'd-contract' },
      { projectId: 'p-maple', module: 'drawings', id: 'dr-a201' },
      { projectId: 'p-maple', module: 'documents', id: 'ghost' },
    ] as const) {
      await expect(portal.receipts.record(actor, ref), ref.id).rejects.toMatchObject({ code: 'not_found' });
    }
    expect((await portal.receipts.list(staffA, 'p-maple')).items).toHaveLength(1);
    expect(await portal.receipts.list(staffA, 'p-harbor')).toEqual({ items: [], nextCursor: null });

    // Bad input: 422 naming the field, nothing recorded.
    await expect(portal.receipts.record(actor, { projectId: 'p-maple', module: 'blueprints', id: 'x' } as never)).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [expect.objectContaining({ path: ['module'] })],
    });
    await expect(portal.receipts.record(actor, { projectId: 'p-maple', module: 'documents', id: 'd-permit', extra: 1 } as never)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    // Staff do not record views.
    await expect(portal.receipts.record(staffA as never, { projectId: 'p-maple', module: 'documents', id: 'd-permit' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('stops recording at once when access ends', async () => {
    const { portal, actor, clientId } = await withClient();
    await portal.clients.revokeProject(staffA, clientId, 'p-maple');
    await expect(portal.receipts.record(actor, { projectId: 'p-maple', module: 'drawings', id: 'dr-a101' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await portal.receipts.list(staffA, 'p-maple')).toEqual({ items: [], nextCursor: null });
  });

  it('lists for staff of the tenant only, filtered by module, resource and client', async () => {
    const { portal, actor, clientId } = await withClient();
    await portal.view.open(actor, 'p-maple', 'documents', 'd-contract');
    await portal.view.open(actor, 'p-maple', 'drawings', 'dr-a101');
    const ids = async (filter: Parameters<typeof portal.receipts.list>[2]) => (await portal.receipts.list(staffA, 'p-maple', filter)).items.map((r) => r.id);
    expect((await ids({})).sort()).toEqual(['d-contract', 'dr-a101']);
    expect(await ids({ module: 'drawings' })).toEqual(['dr-a101']);
    expect(await ids({ id: 'd-contract' })).toEqual(['d-contract']);
    expect(await ids({ clientId: 'someone-else' })).toEqual([]);
    expect((await ids({ clientId })).length).toBe(2);
    expect(await portal.receipts.list(staffB, 'p-maple')).toEqual({ items: [], nextCursor: null });
    await expect(portal.receipts.list(actor as never, 'p-maple')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(portal.receipts.list(staffA, 'p-maple', { module: 'nope' } as never)).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [expect.objectContaining({ path: ['query', 'module'] })],
    });
    await expect(portal.receipts.list(staffA, 'p-maple', { colour: 'red' } as never)).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(portal.receipts.list(staffA, '../x')).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('tells the host and the audit trail of a client\'s first view only', async () => {
    const heard: PortalEvent[] = [];
    const { portal, actor, clientId, clock } = await withClient({ onEvent: (e) => void heard.push(e) });
    await portal.view.open(actor, 'p-maple', 'documents', 'd-contract');
    clock.advanceMs(5 * 60 * SECOND);
    await portal.view.open(actor, 'p-maple', 'documents', 'd-contract');
    await portal.outbox.flush();
    const viewed = heard.filter((e) => e.type === 'client.viewed');
    expect(viewed).toEqual([
      { id: expect.any(String), type: 'client.viewed', tenantId: TENANT_A, at: expect.any(Date), data: { clientId, projectId: 'p-maple', module: 'documents', id: 'd-contract' } },
    ]);
    const audit = await portal.audit.list(staffA, { clientId });
    expect(audit.items.filter((e) => e.action === 'resource.viewed')).toHaveLength(1);
  });

  it('opening still works when recording the receipt fails; the failure goes to onError', async () => {
    const errors: unknown[] = [];
    const storage = memoryStorage();
    const { portal, actor } = await withClient({ storage, onError: (e) => void errors.push(e) });
    const original = storage.transaction.bind(storage);
    storage.transaction = async () => {
      throw new Error('storage hiccup');
    };
    try {
      expect((await portal.view.open(actor, 'p-maple', 'documents', 'd-contract')).resource.id).toBe('d-contract');
    } finally {
      storage.transaction = original;
    }
    expect(errors).toHaveLength(1);
    expect(await portal.receipts.list(staffA, 'p-maple')).toEqual({ items: [], nextCursor: null });
  });

  it('opening still works when the receipt fails and so does the onError hearing it', async () => {
    const storage = memoryStorage();
    const { portal, actor } = await withClient({
      storage,
      onError: () => {
        throw new Error('logger down');
      },
    });
    storage.transaction = async () => {
      throw new Error('storage hiccup');
    };
    expect((await portal.view.open(actor, 'p-maple', 'documents', 'd-contract')).resource.id).toBe('d-contract');
  });
});
