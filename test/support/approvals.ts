import type { ClientActor } from 'sitegate';
import { staffA } from '../../src/testing/fixtures.js';
import { makePortal } from './make-portal.js';

export const PASSWORD = 'long enough password';

/** A change order and a selection with options in p-maple, shared; three approvers and a read-only client. */
export async function approvalsSetup(options: Parameters<typeof makePortal>[0] = {}) {
  const setup = makePortal(options);
  const { portal, content } = setup;
  await portal.roles.save(staffA, {
    id: 'owner',
    name: 'Owner',
    permissions: [
      { module: 'changeOrders', actions: ['approve'] },
      { module: 'selections', actions: ['approve'] },
      { module: 'documents', actions: ['read'] },
    ],
  });
  content.put({
    tenantId: 'acme', projectId: 'p-maple', module: 'selections', id: 'sel-tile', kind: 'item', name: 'Kitchen tile', status: 'pending',
    updatedAt: new Date('2026-01-05T09:00:00Z'),
    meta: { allowance: 1200, options: [{ id: 'opt-1', name: 'Matte white', price: 900 }, { id: 'opt-2', name: 'Slate grey', price: 1400 }] },
  });
  const shares = await portal.shares.share(staffA, 'p-maple', [
    { module: 'changeOrders', id: 'co-1', kind: 'item' },
    { module: 'selections', id: 'sel-tile', kind: 'item' },
  ]);

  async function activeClient(email: string, roleId: string, projectIds = ['p-maple']): Promise<ClientActor & { id: string }> {
    const added = await portal.clients.add(staffA, { email, projectIds, roleId });
    await portal.outbox.flush();
    const { session } = await portal.invites.accept(setup.lastInviteToken(email), { password: PASSWORD });
    const actor = (await portal.sessions.resolve(session.token)) as ClientActor;
    return { ...actor, id: added.id };
  }

  const dana = await activeClient('dana@example.com', 'owner');
  const eve = await activeClient('eve@example.com', 'owner');
  const finn = await activeClient('finn@example.com', 'owner');
  const gus = await activeClient('gus@example.com', 'client');

  /** Everything approvals keep for the tenant, for "nothing changed" checks. */
  async function state() {
    return {
      // Without `cannotDecide` and `stale`: read from access and content as they are now, not stored.
      approvals: (await portal.approvals.list(staffA, 'p-maple')).map(({ cannotDecide: _c, stale: _s, ...approval }) => approval),
      audit: (await portal.audit.list(staffA, { limit: 500 })).items.length,
    };
  }

  return { ...setup, shares, dana, eve, finn, gus, activeClient, state };
}
