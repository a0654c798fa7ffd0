import { describe, expect, it, vi } from 'vitest';
import { staffA } from '../../src/testing/fixtures.js';
import { approvalsSetup } from '../support/approvals.js';

/**
 * The client's own list says an open approval is stale (its resource changed since it was asked,
 * so every decision is refused `approval_stale`), as the staff list does: "Waiting on you" shows
 * it as such after a reload instead of offering Approve and Decline that can only be refused.
 */
describe('approvals.listMine: stale', () => {
  it('says an open approval is stale, and nothing else the staff list says (cannotDecide)', async () => {
    const { portal, dana, eve, content } = await approvalsSetup();
    const open = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'all' });
    const settled = await portal.approvals.request(staffA, 'p-maple', { module: 'selections', id: 'sel-tile', approvers: [dana.id] });
    await portal.approvals.decide(dana, 'p-maple', settled.id, { decision: 'approved', optionId: 'opt-1' });
    const mine = async () => new Map((await portal.approvals.listMine(dana, 'p-maple')).map((x) => [x.id, x]));
    // Touching only what is not asked about (the date) is no change.
    content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta: { amount: 420 } });
    expect((await mine()).get(open.id)).not.toHaveProperty('stale');

    content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta: { amount: 480 } });
    content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'selections', id: 'sel-tile', kind: 'item', name: 'Kitchen tile, revised', updatedAt: new Date() });
    // Eve cannot decide any more: the builder's list says so, Dana's does not.
    await portal.clients.setProjects(staffA, eve.id, []);
    expect((await portal.approvals.list(staffA, 'p-maple')).find((x) => x.id === open.id)).toMatchObject({ stale: true, cannotDecide: [{ clientId: eve.id }] });
    const listed = await mine();
    expect(listed.get(open.id)).toMatchObject({ stale: true, status: 'pending' });
    expect(listed.get(open.id)).not.toHaveProperty('cannotDecide');
    // Settled: nothing waits on it, so nothing to say.
    expect(listed.get(settled.id)).not.toHaveProperty('stale');
    await expect(portal.approvals.decide(dana, 'p-maple', open.id, { decision: 'approved' })).rejects.toMatchObject({ code: 'approval_stale' });
    // Through `list` as a client too, and filtered by resource.
    expect(await portal.approvals.list(dana, 'p-maple', { module: 'changeOrders', id: 'co-1' })).toEqual([expect.objectContaining({ id: open.id, stale: true })]);

    // Asked again about it as it is now: the new one is not stale (the old one is withdrawn with it).
    const again = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    const after = await mine();
    expect(after.get(again.id)).not.toHaveProperty('stale');
    expect(after.get(open.id)).toMatchObject({ status: 'withdrawn' });
    expect(after.get(open.id)).not.toHaveProperty('stale');
  });

  it('asks the content source once for all the approvals, however many there are', async () => {
    const { portal, dana, content } = await approvalsSetup();
    await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    await portal.approvals.request(staffA, 'p-maple', { module: 'selections', id: 'sel-tile', approvers: [dana.id] });
    const resolve = vi.spyOn(content, 'resolve');
    const listed = await portal.approvals.listMine(dana, 'p-maple');
    expect(listed).toHaveLength(2);
    expect(resolve).toHaveBeenCalledTimes(1);
  });
});
