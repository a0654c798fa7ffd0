import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from 'sitegate';
import { memoryStorage } from 'sitegate/adapters/memory';
import { staffA } from '../../src/testing/fixtures.js';
import { approvalsSetup } from '../support/approvals.js';

/**
 * A decision reads the client's access, then stores itself in a transaction. Whatever takes
 * access away in between — the builder's unshare, archive or role edit — must be seen there:
 * revoking makes a pending approval unanswerable at once (docs/approvals.md).
 */
describe('access taken away while a decision is being made', () => {
  /** Memory storage that runs `step` just before its next transaction starts: the decision's. */
  async function setup() {
    const storage = memoryStorage();
    const transaction = storage.transaction.bind(storage);
    let before: (() => Promise<unknown>) | undefined;
    storage.transaction = async (fn) => {
      const step = before;
      before = undefined;
      await step?.();
      return transaction(fn);
    };
    const env = await approvalsSetup({ storage });
    const approval = await env.portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [env.dana.id, env.eve.id] });
    const decideAfter = (step: () => Promise<unknown>) => {
      before = step;
      return env.portal.approvals.decide(env.dana, 'p-maple', approval.id, { decision: 'approved' }).catch((error: unknown) => error);
    };
    const decisions = async () => (await env.portal.approvals.list(staffA, 'p-maple'))[0]!.decisions;
    return { ...env, approval, decideAfter, decisions };
  }

  it('an unshare that lands after the checks: not_found, and no decision recorded', async () => {
    const { portal, shares, decideAfter, decisions } = await setup();
    const coShare = shares.find((s) => s.resourceId === 'co-1')!;
    expect(await decideAfter(() => portal.shares.unshare(staffA, 'p-maple', coShare.id))).toBeInstanceOf(NotFoundError);
    expect(await decisions()).toEqual([]);
  });

  it('the client archived after the checks: not_found, and no decision recorded', async () => {
    const { portal, dana, decideAfter, decisions } = await setup();
    expect(await decideAfter(() => portal.clients.archive(staffA, dana.id))).toBeInstanceOf(NotFoundError);
    expect(await decisions()).toEqual([]);
  });

  it('the project taken from the client after the checks: not_found, and no decision recorded', async () => {
    const { portal, dana, decideAfter, decisions } = await setup();
    expect(await decideAfter(() => portal.clients.setProjects(staffA, dana.id, ['p-oak']))).toBeInstanceOf(NotFoundError);
    expect(await decisions()).toEqual([]);
  });

  it('the role edited to no longer approve after the checks: 403, and no decision recorded', async () => {
    const { portal, decideAfter, decisions } = await setup();
    const readOnly = { id: 'owner', name: 'Owner', permissions: [{ module: 'changeOrders' as const, actions: ['read' as const] }] };
    expect(await decideAfter(() => portal.roles.save(staffA, readOnly))).toBeInstanceOf(ForbiddenError);
    expect(await decisions()).toEqual([]);
  });

  it('nothing taken away: the decision is recorded', async () => {
    const { portal, decideAfter, decisions } = await setup();
    const decided = await decideAfter(() => portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]));
    expect(decided).toMatchObject({ status: 'approved' });
    expect(await decisions()).toHaveLength(1);
  });
});
