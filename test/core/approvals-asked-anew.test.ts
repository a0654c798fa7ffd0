import { describe, expect, it } from 'vitest';
import type { PortalEvent } from 'sitegate';
import { canonicalJson } from '../../src/services/approval-snapshot.js';
import { staffA } from '../../src/testing/fixtures.js';
import { approvalsSetup } from '../support/approvals.js';
import { holdNextTransaction } from '../support/hold-transaction.js';

const changeOrder = (meta: Record<string, unknown>) =>
  ({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta }) as const;

describe('canonical JSON of sparse arrays', () => {
  it('writes array holes as null, so a sparse array in meta still makes JSON', () => {
    const sparse: unknown[] = [];
    sparse[0] = 'outlet';
    sparse[2] = 'breaker';
    expect(canonicalJson({ lines: sparse })).toBe('{"lines":["outlet",null,"breaker"]}');
    expect(canonicalJson(new Array(2))).toBe('[null,null]');
  });

  it('requests, lists and decides on a resource whose meta holds a sparse array', async () => {
    const { portal, content, dana } = await approvalsSetup();
    const lines: string[] = [];
    lines[0] = 'outlet';
    lines[2] = 'GFCI breaker';
    content.put(changeOrder({ amount: 420, lines }));
    const approval = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    expect(approval.snapshot.meta).toEqual({ amount: 420, lines: ['outlet', null, 'GFCI breaker'] });
    expect(await portal.approvals.list(staffA, 'p-maple')).toEqual([expect.not.objectContaining({ stale: true })]);
    await expect(portal.approvals.decide(dana, 'p-maple', approval.id, { decision: 'approved' })).resolves.toMatchObject({ status: 'approved' });
  });
});

describe('reopening about a resource that changed', () => {
  it('withdraws the open approvals that asked about it as it was, as a request does', async () => {
    const heard: PortalEvent[] = [];
    const { portal, content, dana } = await approvalsSetup({ onEvent: async (event) => void heard.push(event) });
    const first = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    await portal.approvals.decide(dana, 'p-maple', first.id, { decision: 'declined' });
    content.put(changeOrder({ amount: 400 }));
    const second = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    content.put(changeOrder({ amount: 380 }));
    await portal.outbox.flush();
    heard.length = 0;

    const reopened = await portal.approvals.reopen(staffA, 'p-maple', first.id, { reason: 'Lower price' });
    const listed = new Map((await portal.approvals.list(staffA, 'p-maple')).map((a) => [a.id, a]));
    expect(listed.get(first.id)).toMatchObject({ status: 'reopened', round: 2, snapshot: { amount: 380 } });
    expect(listed.get(second.id)).toMatchObject({ status: 'withdrawn' });
    expect(listed.get(second.id)).not.toHaveProperty('stale');
    // Dana is asked once, about the change order as it is now.
    expect((await portal.approvals.listMine(dana, 'p-maple')).filter((a) => a.status === 'pending' || a.status === 'reopened').map((a) => a.id)).toEqual([reopened.id]);
    await portal.outbox.flush();
    expect(heard.map((e) => [e.type, e.data.approvalId, e.data.supersededBy])).toEqual([
      ['approval.requested', first.id, undefined],
      ['approval.withdrawn', second.id, first.id],
    ]);
  });

  it('leaves open approvals about the resource as it is now alone', async () => {
    const { portal, dana, eve } = await approvalsSetup();
    const first = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    await portal.approvals.decide(dana, 'p-maple', first.id, { decision: 'declined' });
    const parallel = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [eve.id] });
    await portal.approvals.reopen(staffA, 'p-maple', first.id, { reason: 'Think again' });
    const listed = new Map((await portal.approvals.list(staffA, 'p-maple')).map((a) => [a.id, a.status]));
    expect(listed).toEqual(new Map([[first.id, 'reopened'], [parallel.id, 'pending']]));
  });
});

describe('two requests about a resource that changes between them', () => {
  it('refuses the one that read it first and committed last, leaving the newer request open', async () => {
    const heard: PortalEvent[] = [];
    const { portal, content, dana, storage, clock } = await approvalsSetup({ onEvent: async (event) => void heard.push(event) });
    content.put(changeOrder({ amount: 420 }));
    // The first request reads the change order, then waits at its transaction.
    const { reached: atTransaction, release } = holdNextTransaction(storage);
    const slow = portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    await atTransaction;
    clock.advanceMs(1000);
    content.put(changeOrder({ amount: 480 }));
    const current = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    release();
    await expect(slow).rejects.toMatchObject({ status: 409, reason: 'resource_changed' });

    const listed = await portal.approvals.list(staffA, 'p-maple');
    expect(listed.map((a) => [a.id, a.status])).toEqual([[current.id, 'pending']]);
    await expect(portal.approvals.decide(dana, 'p-maple', current.id, { decision: 'approved' })).resolves.toMatchObject({ status: 'approved' });
    await portal.outbox.flush();
    expect(heard.filter((e) => e.type.startsWith('approval.')).map((e) => [e.type, e.data.approvalId])).toEqual([
      ['approval.requested', current.id],
      ['approval.decided', current.id],
      ['approval.completed', current.id],
    ]);
  });
});
