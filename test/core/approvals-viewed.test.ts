import type { PortalEvent } from 'sitegate';
import { describe, expect, it } from 'vitest';
import { staffA } from '../../src/testing/fixtures.js';
import { approvalsSetup } from '../support/approvals.js';

describe('a decision is a view of what was decided on', () => {
  it('records the client\'s view of the resource, once, and tells the host of a first view', async () => {
    const heard: PortalEvent[] = [];
    const { portal, dana, eve } = await approvalsSetup({ onEvent: async (event) => void heard.push(event) });
    const approval = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'all' });
    expect((await portal.receipts.list(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1' })).items).toEqual([]);
    await portal.approvals.decide(dana, 'p-maple', approval.id, { decision: 'approved' });
    await portal.outbox.flush();
    expect((await portal.receipts.list(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1' })).items).toEqual([
      expect.objectContaining({ clientId: dana.id, views: 1 }),
    ]);
    expect(heard.filter((e) => e.type === 'client.viewed').map((e) => e.data)).toEqual([{ clientId: dana.id, projectId: 'p-maple', module: 'changeOrders', id: 'co-1' }]);
  });

  it('keeps the decision when the view cannot be noted, and reports why', async () => {
    const errors: unknown[] = [];
    const { portal, dana, storage } = await approvalsSetup({ onError: (error) => void errors.push(error) });
    const approval = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    const failing = new Error('receipts unavailable');
    storage.listReceipts = async () => {
      throw failing;
    };
    await expect(portal.approvals.decide(dana, 'p-maple', approval.id, { decision: 'approved' })).resolves.toMatchObject({ status: 'approved' });
    expect(errors).toEqual([failing]);
  });
});
