import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../errors/ConflictError.js';
import type { Approval, ApprovalDecision } from '../../model/approval.js';
import type { StorageOps } from '../../ports/storage.js';
import { TENANT_A, TENANT_B } from '../fixtures.js';
import { at, DAY, nth, T0, type GetStorage } from './records.js';

export const approval = (over: Partial<Approval> = {}): Approval => ({
  tenantId: TENANT_A,
  id: 'ap-1',
  projectId: 'p-maple',
  module: 'changeOrders',
  resourceId: 'co-1',
  approvers: ['cl-1', 'cl-2'],
  mode: 'any',
  status: 'pending',
  round: 1,
  dueAt: at(7 * DAY),
  message: 'Please approve the extra outlet.',
  snapshot: { module: 'changeOrders', id: 'co-1', name: 'CO-1 Extra outlet', amount: 420.5, currency: 'USD', meta: { amount: 420.5, nested: { b: [1, 'two', null], a: true } } },
  snapshotHash: 'a'.repeat(64),
  requestedBy: 'u-alice',
  requestedAt: T0,
  updatedAt: T0,
  ...over,
});

export const approvalDecision = (over: Partial<ApprovalDecision> = {}): ApprovalDecision => ({
  tenantId: TENANT_A,
  id: 'ad-1',
  approvalId: 'ap-1',
  round: 1,
  clientId: 'cl-1',
  decision: 'approved',
  note: 'Looks good — go ahead.',
  optionId: 'opt-2',
  ip: '2001:db8::7',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
  snapshot: approval().snapshot,
  snapshotHash: 'a'.repeat(64),
  decidedAt: at(1000),
  clientEmail: 'dana@example.com',
  clientName: 'Dana Ó Briain',
  evidence: '{"decision":"approved","format":"sitegate.decision/v1","note":"Looks good — go ahead."}',
  evidenceHash: 'b'.repeat(64),
  ...over,
});

/**
 * What `approvals.decide` does under the row lock, reduced to storage: read the approval for
 * update, refuse unless still pending, append the decision, settle. `true` when this call settled it.
 */
async function settleOnce(tx: StorageOps, clientId: string, id: string): Promise<boolean> {
  const current = await tx.getApprovalForUpdate(TENANT_A, 'ap-1');
  if (!current || current.status !== 'pending') return false;
  if (!(await tx.insertApprovalDecision(approvalDecision({ id, clientId })))) return false;
  await tx.saveApproval({ ...current, status: 'approved', settledAt: at(2000), updatedAt: at(2000) });
  return true;
}

export function approvalTests(get: GetStorage): void {
  describe('approvals', () => {
    it('stores an approval and reads it back equal, optional fields absent when not given', async () => {
      await get().insertApproval(approval());
      expect(await get().getApproval(TENANT_A, 'ap-1')).toEqual(approval());
      const { dueAt: _d, message: _m, ...bare } = approval({ id: 'ap-2' });
      await get().insertApproval(bare);
      const read = await get().getApproval(TENANT_A, 'ap-2');
      expect(read).toEqual(bare);
      expect(read).not.toHaveProperty('dueAt');
      expect(read).not.toHaveProperty('settledAt');
      expect(await get().getApproval(TENANT_A, 'ap-missing')).toBeNull();
      expect(await get().getApproval(TENANT_B, 'ap-1')).toBeNull();
    });

    it('refuses a second approval with the same id (ConflictError) and keeps the first', async () => {
      await get().insertApproval(approval());
      await expect(get().insertApproval(approval({ message: 'other' }))).rejects.toBeInstanceOf(ConflictError);
      expect((await get().getApproval(TENANT_A, 'ap-1'))?.message).toBe(approval().message);
    });

    it('saves an approval over the stored one, and reports whether there was one', async () => {
      await get().insertApproval(approval());
      const { dueAt: _d, ...rest } = approval();
      const settled: Approval = { ...rest, status: 'declined', round: 2, settledAt: at(5000), reopenReason: 'Price changed', updatedAt: at(5000) };
      expect(await get().saveApproval(settled)).toBe(true);
      expect(await get().getApproval(TENANT_A, 'ap-1')).toEqual(settled);
      const withdrawn: Approval = { ...approval(), status: 'withdrawn', withdrawnAt: at(6000), withdrawReason: 'Asked the wrong client', updatedAt: at(6000) };
      expect(await get().saveApproval(withdrawn)).toBe(true);
      expect(await get().getApproval(TENANT_A, 'ap-1')).toEqual(withdrawn);
      // Reopened: the withdrawal's fields go, and stay gone when read back.
      expect(await get().saveApproval(approval({ status: 'reopened', round: 2 }))).toBe(true);
      const reopened = await get().getApproval(TENANT_A, 'ap-1');
      expect(reopened).not.toHaveProperty('withdrawnAt');
      expect(reopened).not.toHaveProperty('withdrawReason');
      expect(await get().saveApproval(approval({ id: 'ap-none' }))).toBe(false);
      expect(await get().getApproval(TENANT_A, 'ap-none')).toBeNull();
      expect(await get().saveApproval(approval({ tenantId: TENANT_B }))).toBe(false);
    });

    it('lists a project’s approvals by requestedAt then id, filtered by module, resource and approver', async () => {
      await get().insertApproval(approval({ id: 'ap-3', requestedAt: at(2) }));
      await get().insertApproval(approval({ id: 'ap-2', requestedAt: at(1), module: 'selections', resourceId: 'sel-tile', approvers: ['cl-3'] }));
      await get().insertApproval(approval({ id: 'ap-1', requestedAt: at(2) }));
      await get().insertApproval(approval({ id: 'ap-9', projectId: 'p-oak' }));
      await get().insertApproval(approval({ id: 'ap-b', tenantId: TENANT_B }));
      const ids = async (query?: Parameters<StorageOps['listApprovals']>[2]) => (await get().listApprovals(TENANT_A, 'p-maple', query)).map((a) => a.id);
      expect(await ids()).toEqual(['ap-2', 'ap-1', 'ap-3']);
      expect(await ids({ module: 'changeOrders' })).toEqual(['ap-1', 'ap-3']);
      expect(await ids({ resourceId: 'sel-tile' })).toEqual(['ap-2']);
      expect(await ids({ clientId: 'cl-2' })).toEqual(['ap-1', 'ap-3']);
      expect(await ids({ clientId: 'cl-3', module: 'selections' })).toEqual(['ap-2']);
      expect(await ids({ clientId: 'cl-4' })).toEqual([]);
      expect(await get().listApprovals(TENANT_B, 'p-oak')).toEqual([]);
      expect((await get().listApprovals(TENANT_A, 'p-maple'))[1]).toEqual(approval({ requestedAt: at(2) }));
    });

    it('appends decisions, one per client and round, and lists them by decidedAt then id', async () => {
      await get().insertApproval(approval());
      expect(await get().insertApprovalDecision(approvalDecision())).toBe(true);
      expect(await get().insertApprovalDecision(approvalDecision({ id: 'ad-2', decision: 'declined' }))).toBe(false);
      expect(await get().insertApprovalDecision(approvalDecision({ id: 'ad-3', round: 2, decidedAt: at(500) }))).toBe(true);
      expect(await get().insertApprovalDecision(approvalDecision({ id: 'ad-0', clientId: 'cl-2', decidedAt: at(500) }))).toBe(true);
      // Same id again, whatever else: not stored.
      expect(await get().insertApprovalDecision(approvalDecision({ clientId: 'cl-9' }))).toBe(false);
      // What an earlier version recorded: no email, name or evidence either.
      const { note: _n, optionId: _o, ip: _i, userAgent: _u, clientEmail: _e, clientName: _cn, evidence: _ev, evidenceHash: _eh, ...bare } = approvalDecision({ id: 'ad-4', approvalId: 'ap-2' });
      expect(await get().insertApprovalDecision(bare)).toBe(true);
      const listed = await get().listApprovalDecisions(TENANT_A, ['ap-1']);
      expect(listed.map((d) => d.id)).toEqual(['ad-0', 'ad-3', 'ad-1']);
      expect(listed[2]).toEqual(approvalDecision());
      expect(await get().listApprovalDecisions(TENANT_A, ['ap-2'])).toEqual([bare]);
      expect((await get().listApprovalDecisions(TENANT_A, ['ap-1', 'ap-2', 'ap-1'])).map((d) => d.id)).toEqual(['ad-0', 'ad-3', 'ad-1', 'ad-4']);
      expect(await get().listApprovalDecisions(TENANT_A, [])).toEqual([]);
      expect(await get().listApprovalDecisions(TENANT_B, ['ap-1'])).toEqual([]);
    });

    it('keeps decisions out of a transaction that throws, with the approval as it was', async () => {
      await get().insertApproval(approval());
      const failure = new Error('after the decision');
      await expect(
        get().transaction(async (tx) => {
          await settleOnce(tx, 'cl-1', 'ad-1');
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await get().listApprovalDecisions(TENANT_A, ['ap-1'])).toEqual([]);
      expect((await get().getApproval(TENANT_A, 'ap-1'))?.status).toBe('pending');
    });

    it('of 20 concurrent decisions by one client in one round, exactly one is stored', async () => {
      await get().insertApproval(approval({ mode: 'all' }));
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => get().insertApprovalDecision(approvalDecision({ id: nth('ad', i), decidedAt: at(i) }))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await get().listApprovalDecisions(TENANT_A, ['ap-1'])).toHaveLength(1);
    });

    // Settling reads the approval for update: on a store whose transactions are not isolated,
    // two settle at once.
    describe('transaction isolation', () => {
      it('of two approvers settling an approval at once, exactly one settles it', async () => {
        await get().insertApproval(approval());
        const results = await Promise.all([
          get().transaction((tx) => settleOnce(tx, 'cl-1', 'ad-1')),
          get().transaction((tx) => settleOnce(tx, 'cl-2', 'ad-2')),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await get().listApprovalDecisions(TENANT_A, ['ap-1'])).toHaveLength(1);
        expect((await get().getApproval(TENANT_A, 'ap-1'))?.status).toBe('approved');
      });

      it('of 20 concurrent settling transactions, exactly one settles and one decision is kept', async () => {
        await get().insertApproval(approval());
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => get().transaction((tx) => settleOnce(tx, `cl-${i % 2}`, nth('ad', i)))));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await get().listApprovalDecisions(TENANT_A, ['ap-1'])).toHaveLength(1);
      });
    });
  });
}
