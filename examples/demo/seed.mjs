// First-start data for the demo: a few clients in every state and some shared content, made
// through the public API exactly as a host would.
import { DEMO_TENANT } from './content.mjs';

export const demoStaff = { type: 'staff', tenantId: DEMO_TENANT, userId: 'demo-builder' };
export const DEMO_CLIENT = { email: 'dana@example.com', password: 'portal-demo-2026' };
/** Dana's co-owner of 12 Maple Street: change orders there need both of them. */
export const DEMO_CO_OWNER = { email: 'sam@example.com', password: 'portal-demo-2026-sam' };
/** Home owners read everything shared and decide change orders and selections. */
const HOMEOWNER_ROLE = {
  id: 'homeowner',
  name: 'Home owner',
  permissions: ['updates', 'documents', 'drawings', 'reports', 'photos', 'dailyLogs', 'schedule', 'selections', 'changeOrders', 'invoices'].map((module) => ({
    module,
    actions: module === 'selections' || module === 'changeOrders' ? ['read', 'approve'] : ['read'],
  })),
};

export async function seedIfEmpty(portal, { acceptToken }) {
  const existing = await portal.clients.list(demoStaff, { limit: 1 });
  if (existing.items.length > 0) return false;

  await portal.shares.share(demoStaff, 'maple-12', [
    { module: 'documents', id: 'maple-12-contracts', kind: 'folder' },
    { module: 'drawings', id: 'maple-12-a101', kind: 'item' },
    { module: 'reports', id: 'maple-12-frame-inspection', kind: 'item' },
    { module: 'photos', id: 'maple-12-foundation', kind: 'folder' },
    { module: 'dailyLogs', id: 'maple-12-log-20', kind: 'item' },
    { module: 'dailyLogs', id: 'maple-12-log-21', kind: 'item' },
    { module: 'schedule', id: 'maple-12-schedule', kind: 'item' },
    { module: 'selections', id: 'maple-12-tile', kind: 'item' },
    { module: 'changeOrders', id: 'maple-12-co-2', kind: 'item' },
    { module: 'invoices', id: 'maple-12-inv-1002', kind: 'item' },
  ]);
  await portal.updates.publish(demoStaff, 'maple-12', {
    title: 'Framing is underway',
    body: 'The walls are up on the ground floor and the roof trusses arrive Thursday. Photos of the foundation are in the Foundation album.',
    resources: [{ module: 'photos', id: 'maple-12-photo-2' }],
  });

  // Dana is active: invited, accepted, and can sign in with the demo password.
  const dana = await portal.clients.add(demoStaff, { email: DEMO_CLIENT.email, name: 'Dana Whitfield', projectIds: ['maple-12', 'harbor-view'] });
  await portal.outbox.flush();
  await portal.invites.accept(acceptToken(DEMO_CLIENT.email), { password: DEMO_CLIENT.password });
  // Dana and Sam own the house: the builder asks them to approve change orders (the builder page's "Request approval").
  await portal.roles.save(demoStaff, HOMEOWNER_ROLE);
  await portal.clients.update(demoStaff, dana.id, { roleId: HOMEOWNER_ROLE.id });
  await portal.clients.add(demoStaff, { email: DEMO_CO_OWNER.email, name: 'Sam Whitfield', projectIds: ['maple-12'], roleId: HOMEOWNER_ROLE.id });
  await portal.outbox.flush();
  await portal.invites.accept(acceptToken(DEMO_CO_OWNER.email), { password: DEMO_CO_OWNER.password });
  // Others show the other states of the client list.
  await portal.clients.add(demoStaff, { email: 'marco.rossi@example.com', name: 'Marco Rossi', projectIds: ['maple-12'] });
  await portal.clients.add(demoStaff, { email: 'priya@example.com', name: 'Priya Natarajan', projectIds: ['harbor-view'], invite: false });
  const lee = await portal.clients.add(demoStaff, { email: 'lee.chen@example.com', name: 'Lee Chen', projectIds: ['oak-lane'], invite: false });
  await portal.clients.update(demoStaff, lee.id, { portalAccess: false });
  await portal.outbox.flush();
  return dana;
}
