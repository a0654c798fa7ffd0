import { describe, expect, it } from 'vitest';
import { ApprovalError, ValidationError, type PortalEvent } from 'sitegate';
import { staffA } from '../../src/testing/fixtures.js';
import { approvalsSetup } from '../support/approvals.js';
import { holdNextTransaction } from '../support/hold-transaction.js';

const changeOrder = (amount: number) =>
  ({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta: { amount } }) as const;

/** Eve and Dana asked about CO-1 at 420 (round 1); Dana declines, the amount becomes 9000 and the builder asks again (round 2). */
async function reopenedAt9000() {
  const heard: PortalEvent[] = [];
  const setup = await approvalsSetup({ onEvent: async (event) => void heard.push(event) });
  const { portal, content, dana, eve } = setup;
  const shown = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id] });
  expect(shown).toMatchObject({ round: 1, snapshot: { amount: 420 } });
  await portal.approvals.decide(dana, 'p-maple', shown.id, { decision: 'declined', round: 1, snapshotHash: shown.snapshotHash });
  content.put(changeOrder(9000));
  const now = await portal.approvals.reopen(staffA, 'p-maple', shown.id, { reason: 'New price' });
  expect(now).toMatchObject({ round: 2, status: 'reopened', snapshot: { amount: 9000 } });
  await portal.outbox.flush();
  heard.length = 0;
  return { ...setup, heard, shown, now, eve };
}

describe('a decision names the round (and snapshot) it was made on', () => {
  it('is taken when it names the current round and snapshot', async () => {
    const { portal, eve, now } = await reopenedAt9000();
    const decided = await portal.approvals.decide(eve, 'p-maple', now.id, { decision: 'approved', round: 2, snapshotHash: now.snapshotHash });
    expect(decided).toMatchObject({ status: 'approved', round: 2 });
    expect(decided.decisions.at(-1)).toMatchObject({ clientId: eve.id, round: 2, decision: 'approved', snapshot: { amount: 9000 } });
  });

  it('refuses one made on an earlier round (approval_stale, reason reopened): nothing stored, nothing told', async () => {
    const { portal, eve, shown, state, heard } = await reopenedAt9000();
    const before = await state();
    for (const asShown of [{ round: 1, snapshotHash: shown.snapshotHash }, { round: 1 }, { snapshotHash: shown.snapshotHash }]) {
      const refused = await portal.approvals.decide(eve, 'p-maple', shown.id, { decision: 'approved', ...asShown }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ApprovalError);
      expect(refused).toMatchObject({ code: 'approval_stale', status: 409, data: { reason: 'reopened' } });
    }
    expect(await state()).toEqual(before);
    await portal.outbox.flush();
    expect(heard).toEqual([]);
    const [listed] = await portal.approvals.list(staffA, 'p-maple');
    expect(listed!.decisions.filter((d) => d.clientId === eve.id)).toEqual([]);
  });

  it('refuses a chosen option of a round asked before, whose prices changed', async () => {
    const { portal, content, dana, eve, state } = await approvalsSetup();
    const shown = await portal.approvals.request(staffA, 'p-maple', { module: 'selections', id: 'sel-tile', approvers: [dana.id, eve.id] });
    await portal.approvals.decide(dana, 'p-maple', shown.id, { decision: 'declined' });
    content.put({
      tenantId: 'acme', projectId: 'p-maple', module: 'selections', id: 'sel-tile', kind: 'item', name: 'Kitchen tile', status: 'pending', updatedAt: new Date(),
      meta: { allowance: 1200, options: [{ id: 'opt-1', name: 'Matte white', price: 2900 }, { id: 'opt-2', name: 'Slate grey', price: 3400 }] },
    });
    await portal.approvals.reopen(staffA, 'p-maple', shown.id, { reason: 'Prices went up' });
    const before = await state();
    await expect(portal.approvals.decide(eve, 'p-maple', shown.id, { decision: 'approved', optionId: 'opt-1', round: shown.round })).rejects.toMatchObject({
      code: 'approval_stale',
    });
    expect(await state()).toEqual(before);
  });

  it('without a round or snapshot, is taken on the approval as it is (older callers)', async () => {
    const { portal, eve, now } = await reopenedAt9000();
    await expect(portal.approvals.decide(eve, 'p-maple', now.id, { decision: 'approved' })).resolves.toMatchObject({ status: 'approved', round: 2 });
  });

  it('refuses one whose round was asked again while it was being taken', async () => {
    const { portal, dana, eve, storage, state } = await approvalsSetup();
    const shown = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id] });
    // Eve's decision passes the first checks on round 1, then waits at its transaction.
    const { reached: atTransaction, release } = holdNextTransaction(storage);
    const late = portal.approvals.decide(eve, 'p-maple', shown.id, { decision: 'approved', round: 1, snapshotHash: shown.snapshotHash }).catch((e: unknown) => e);
    await atTransaction;
    await portal.approvals.decide(dana, 'p-maple', shown.id, { decision: 'declined' });
    // Asked again about the same change order: the same snapshot, a new round.
    const now = await portal.approvals.reopen(staffA, 'p-maple', shown.id, { reason: 'Think again' });
    expect(now.snapshotHash).toBe(shown.snapshotHash);
    const before = await state();
    release();
    expect(await late).toMatchObject({ code: 'approval_stale', data: { reason: 'reopened' } });
    expect(await state()).toEqual(before);
  });

  it('checks the round and snapshot given are well-formed', async () => {
    const { portal, eve, now } = await reopenedAt9000();
    for (const [bad, path] of [[{ round: 0 }, 'round'], [{ round: 1.5 }, 'round'], [{ snapshotHash: 'abc' }, 'snapshotHash'], [{ snapshotHash: now.snapshotHash.toUpperCase() }, 'snapshotHash']] as const) {
      const refused = await portal.approvals.decide(eve, 'p-maple', now.id, { decision: 'approved', ...bad }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ValidationError);
      expect((refused as ValidationError).issues.map((i) => i.path)).toEqual([[path]]);
    }
  });
});
