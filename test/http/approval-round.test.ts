import { describe, expect, it } from 'vitest';
import { ApprovalError } from 'sitegate';
import { createPortalClient } from 'sitegate/client';
import { staffA } from '../../src/testing/fixtures.js';
import { asAlice, makeHttp } from './support.js';

/** CO-1 at 420 asked of Dana and Eve (round 1), declined by Dana, then at 9000 asked again (round 2). */
async function setup() {
  const http = makeHttp();
  const { portal, content, handler } = http;
  await portal.roles.save(staffA, { id: 'owner', name: 'Owner', permissions: [{ module: 'changeOrders', actions: ['approve'] }] });
  await portal.shares.share(staffA, 'p-maple', [{ module: 'changeOrders', id: 'co-1', kind: 'item' }]);
  const dana = await http.signedInClient('dana@example.com', ['p-maple']);
  const eve = await http.signedInClient('eve@example.com', ['p-maple']);
  for (const c of [dana, eve]) await portal.clients.update(staffA, c.client.id, { roleId: 'owner' });
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => handler(new Request(input, init))) as typeof globalThis.fetch;
  const asEve = createPortalClient({ baseUrl: 'http://portal.test/api/portal', token: eve.session, retries: 0, fetch });
  const shown = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.client.id, eve.client.id] });
  await http.send('POST', `/portal/projects/p-maple/approvals/${shown.id}/decision`, { body: { decision: 'declined' }, headers: dana.headers });
  content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta: { amount: 9000 } });
  const now = await portal.approvals.reopen(staffA, 'p-maple', shown.id, { reason: 'New price' });
  const state = async () => (await http.send('GET', '/projects/p-maple/approvals', { headers: asAlice })).json;
  return { ...http, eve, asEve, shown, now, state, path: `/portal/projects/p-maple/approvals/${shown.id}/decision` };
}

describe('a decision over HTTP names the round it was made on', () => {
  it('refuses an earlier round with 409 approval_stale, reason reopened, and stores nothing', async () => {
    const { send, eve, shown, state, path } = await setup();
    const before = await state();
    const response = await send('POST', path, { body: { decision: 'approved', round: 1, snapshotHash: shown.snapshotHash }, headers: eve.headers });
    expect(response.status).toBe(409);
    expect(response.json).toMatchObject({ code: 'approval_stale', reason: 'reopened', detail: expect.any(String) });
    expect(await state()).toEqual(before);
    // A round that is not a whole number is bad input.
    expect((await send('POST', path, { body: { decision: 'approved', round: 'one' }, headers: eve.headers })).json).toMatchObject({
      code: 'validation_failed',
      errors: [expect.objectContaining({ path: ['round'] })],
    });
  });

  it('the typed client sends the round and snapshot, and rebuilds the refusal with its reason', async () => {
    const { asEve, shown, now, state } = await setup();
    const before = await state();
    const refused = await asEve.approvals.decide('p-maple', shown.id, { decision: 'approved', round: shown.round, snapshotHash: shown.snapshotHash }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApprovalError);
    expect(refused).toMatchObject({ code: 'approval_stale', data: { reason: 'reopened' } });
    expect((refused as ApprovalError).reason).toBe('reopened');
    expect(await state()).toEqual(before);
    await expect(asEve.approvals.decide('p-maple', now.id, { decision: 'approved', round: now.round, snapshotHash: now.snapshotHash })).resolves.toMatchObject({
      status: 'approved',
      round: 2,
    });
  });
});
