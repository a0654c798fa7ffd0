import { describe, expect, it } from 'vitest';
import { ConflictError } from 'sitegate';
import { staffA } from '../../src/testing/fixtures.js';
import { approvalsSetup } from '../support/approvals.js';

/** The `reason` a refused call's ConflictError carries (docs/errors.md), failing if it is not one. */
async function reasonOf(call: Promise<unknown>): Promise<string | undefined> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConflictError);
  return (error as ConflictError).reason;
}

describe('every conflict says why in a stable word', () => {
  it('on inviting and on sending a reset', async () => {
    const { portal, activeClient } = await approvalsSetup();
    const { clients } = portal;
    const invited = await clients.add(staffA, { email: 'ivy@example.com', projectIds: ['p-maple'] });
    expect(await reasonOf(clients.sendPasswordReset(staffA, invited.id))).toBe('no_account');
    await clients.update(staffA, invited.id, { portalAccess: false });
    expect(await reasonOf(clients.sendInvite(staffA, invited.id))).toBe('portal_access_off');
    await clients.archive(staffA, invited.id);
    expect(await reasonOf(clients.sendInvite(staffA, invited.id))).toBe('client_archived');
    expect(await reasonOf(clients.update(staffA, invited.id, { portalAccess: true }))).toBe('client_archived');
    expect(await reasonOf(clients.update(staffA, invited.id, { email: 'ivy.new@example.com' }))).toBe('client_archived');

    const joined = await activeClient('jo@example.com', 'client');
    expect(await reasonOf(clients.sendInvite(staffA, joined.id))).toBe('has_account');
    await clients.update(staffA, joined.id, { email: 'jo.new@example.com' });
    expect(await reasonOf(clients.sendPasswordReset(staffA, joined.id))).toBe('email_unconfirmed');
    await clients.update(staffA, joined.id, { email: 'jo@example.com', portalAccess: false });
    expect(await reasonOf(clients.sendPasswordReset(staffA, joined.id))).toBe('portal_access_off');
    await clients.archive(staffA, joined.id);
    expect(await reasonOf(clients.sendPasswordReset(staffA, joined.id))).toBe('client_archived');
  });

  it('on deciding, reopening and withdrawing approvals', async () => {
    const { portal, dana, eve } = await approvalsSetup();
    const both = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'all' });
    expect(await reasonOf(portal.approvals.reopen(staffA, 'p-maple', both.id, { reason: 'Asked again' }))).toBe('still_open');
    await portal.approvals.decide(dana, 'p-maple', both.id, { decision: 'approved' });
    expect(await reasonOf(portal.approvals.decide(dana, 'p-maple', both.id, { decision: 'declined' }))).toBe('already_decided');
    await portal.approvals.withdraw(staffA, 'p-maple', both.id);
    expect(await reasonOf(portal.approvals.withdraw(staffA, 'p-maple', both.id))).toBe('not_open');
  });
});
