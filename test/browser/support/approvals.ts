import type { MockPortal } from '../../../src/mocks/index.js';

/**
 * Approvals on the mock portal: an "Owner" role that may approve change orders and selections,
 * Dana and Eli (both active, in p-maple) holding it, the change order `co-1` and a selection
 * with two options shared. Fay stays on the default role (she may not approve).
 */
export async function approvalsSetup(mock: MockPortal): Promise<{ dana: string; eli: string; fay: string }> {
  const { portal, content } = mock;
  const staff = mock.staff!;
  await portal.roles.save(staff, { id: 'owner', name: 'Owner', permissions: [{ module: 'changeOrders', actions: ['read', 'approve'] }, { module: 'selections', actions: ['read', 'approve'] }] });
  content.put({
    tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date('2026-01-05T09:00:00Z'),
    meta: { amount: 420, description: 'One more outlet in the kitchen island.' },
  });
  content.put({
    tenantId: 'acme', projectId: 'p-maple', module: 'selections', id: 'sel-tile', kind: 'item', name: 'Kitchen tile', updatedAt: new Date('2026-01-05T09:00:00Z'),
    meta: { allowance: 1500, options: [{ id: 'opt-1', name: 'Matte white', price: 1200 }, { id: 'opt-2', name: 'Slate grey', price: 1650 }] },
  });
  await portal.shares.share(staff, 'p-maple', [{ module: 'changeOrders', id: 'co-1', kind: 'item' }, { module: 'selections', id: 'sel-tile', kind: 'item' }]);
  // Eli is invited in the seed; accepting the invite makes him active.
  await mock.signInAs('eli@example.com', { password: 'portal-password-eli' });
  await portal.clients.add(staff, { email: 'fay@example.com', projectIds: ['p-maple'], invite: true });
  await mock.signInAs('fay@example.com', { password: 'portal-password-fay' });
  const id = async (email: string) => (await portal.clients.list(staff, { q: email })).items[0]!.id;
  const [dana, eli, fay] = [await id('dana@example.com'), await id('eli@example.com'), await id('fay@example.com')];
  for (const c of [dana, eli]) await portal.clients.update(staff, c, { roleId: 'owner' });
  return { dana, eli, fay };
}
