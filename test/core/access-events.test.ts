import { PGlite } from '@electric-sql/pglite';
import { NotFoundError, type PortalEvent, type Storage } from 'sitegate';
import { memoryStorage } from 'sitegate/adapters/memory';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { lostPermissions } from '../../src/services/access-events.js';
import { staffA, staffB, TENANT_A, TENANT_B } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

const pglite = new PGlite();
let schemas = 0;
afterAll(() => pglite.close());

const backends: { name: string; storage: () => Storage }[] = [
  { name: 'memory', storage: () => memoryStorage() },
  { name: 'PGlite', storage: () => pgliteStorage({ db: pglite, schema: `access_events_${++schemas}` }) },
];

describe.each(backends)('access.revoked on $name', ({ storage }) => {
  async function setup() {
    const heard: PortalEvent[] = [];
    const made = makePortal({ storage: storage(), onEvent: async (event) => void heard.push(event) });
    const client = await made.portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple', 'p-harbor', 'p-oak'], invite: false });
    /** The data of every `access.revoked` event queued so far, oldest first. */
    const revoked = async (tenantId = TENANT_A) => (await made.storage.listEvents(tenantId)).filter((e) => e.type === 'access.revoked').map((e) => e.data);
    return { ...made, client, heard, revoked };
  }

  it('reports a removed share with what it made visible, and delivers it to the host', { timeout: 30_000 }, async () => {
    const { portal, clock, heard, revoked } = await setup();
    const [share] = await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contracts', kind: 'folder' }]);
    await portal.shares.unshare(staffA, 'p-maple', share!.id);
    const data = { cause: 'share_removed', projectId: 'p-maple', module: 'documents', id: 'd-contracts', kind: 'folder', shareId: share!.id };
    expect(await revoked()).toEqual([data]);

    await portal.outbox.flush();
    expect(heard.filter((e) => e.type === 'access.revoked')).toEqual([{ id: expect.any(String), type: 'access.revoked', tenantId: TENANT_A, at: clock.now(), data }]);
  });

  it('reports nothing for a revocation that did not happen', { timeout: 30_000 }, async () => {
    const { portal, client, revoked } = await setup();
    await expect(portal.shares.unshare(staffA, 'p-maple', 'sh-unknown')).rejects.toBeInstanceOf(NotFoundError);
    await portal.clients.revokeProject(staffA, client.id, 'p-unassigned');
    await portal.clients.setProjects(staffA, client.id, ['p-maple', 'p-harbor', 'p-oak']);
    await portal.clients.update(staffA, client.id, { name: 'Eve', portalAccess: true });
    await portal.roles.save(staffA, { id: 'docs', name: 'Documents', permissions: [{ module: 'documents', actions: ['read'] }] });
    // A wider role, and a client given the role it has: nothing is lost.
    await portal.roles.save(staffA, { id: 'docs', name: 'Documents', permissions: [{ module: 'documents', actions: ['read', 'approve'] }] });
    await portal.clients.update(staffA, client.id, { roleId: 'client' });
    expect(await revoked()).toEqual([]);
  });

  it('reports each project taken from a client, by revokeProject or by setProjects', { timeout: 30_000 }, async () => {
    const { portal, client, revoked } = await setup();
    await portal.clients.revokeProject(staffA, client.id, 'p-oak');
    await portal.clients.setProjects(staffA, client.id, ['p-maple', 'p-oak']);
    await portal.clients.setProjects(staffA, client.id, []);
    expect(await revoked()).toEqual([
      { cause: 'project_removed', clientId: client.id, projectId: 'p-oak' },
      { cause: 'project_removed', clientId: client.id, projectId: 'p-harbor' },
      { cause: 'project_removed', clientId: client.id, projectId: 'p-maple' },
      { cause: 'project_removed', clientId: client.id, projectId: 'p-oak' },
    ]);
  });

  it('reports portal access switched off and an archive, once each', { timeout: 30_000 }, async () => {
    const { portal, client, revoked } = await setup();
    await portal.clients.update(staffA, client.id, { portalAccess: false });
    await portal.clients.update(staffA, client.id, { portalAccess: false });
    await portal.clients.archive(staffA, client.id);
    await portal.clients.archive(staffA, client.id);
    await portal.clients.restore(staffA, client.id);
    expect(await revoked()).toEqual([
      { cause: 'portal_access_off', clientId: client.id },
      { cause: 'client_archived', clientId: client.id },
    ]);
  });

  it('reports what a narrowed role and a client\'s narrower role take away', { timeout: 30_000 }, async () => {
    const { portal, client, revoked } = await setup();
    const both = [{ module: 'documents' as const, actions: ['read' as const] }, { module: 'changeOrders' as const, actions: ['read' as const, 'approve' as const] }];
    await portal.roles.save(staffA, { id: 'owner', name: 'Owner', permissions: both });
    await portal.roles.save(staffA, { id: 'docs', name: 'Documents', permissions: [both[0]!] });
    await portal.clients.update(staffA, client.id, { roleId: 'owner' });
    await portal.clients.update(staffA, client.id, { roleId: 'docs' });
    await portal.roles.save(staffA, { id: 'owner', name: 'Owner', permissions: [{ module: 'documents', actions: ['read'] }, { module: 'changeOrders', actions: ['read'] }] });
    // Added again with a role: the existing client takes it.
    await portal.clients.add(staffA, { email: 'eve@example.com', projectIds: [], roleId: 'docs', invite: false });
    await portal.clients.add(staffA, { email: 'eve@example.com', projectIds: [], roleId: 'owner', invite: false });
    await portal.clients.add(staffA, { email: 'eve@example.com', projectIds: [], roleId: 'docs', invite: false });
    const [fromBuiltIn, toDocs, narrowed, addedNarrower, ...none] = await revoked();
    expect(fromBuiltIn).toMatchObject({ cause: 'role_changed', roleId: 'owner', previousRoleId: 'client' });
    expect(toDocs).toEqual({ cause: 'role_changed', clientId: client.id, roleId: 'docs', previousRoleId: 'owner', lost: [{ module: 'changeOrders', actions: ['approve', 'read'] }] });
    expect(narrowed).toEqual({ cause: 'role_narrowed', roleId: 'owner', lost: [{ module: 'changeOrders', actions: ['approve'] }] });
    // docs → docs and docs → owner lose nothing; owner → docs loses the change orders.
    expect(addedNarrower).toEqual({ cause: 'role_changed', clientId: client.id, roleId: 'docs', previousRoleId: 'owner', lost: [{ module: 'changeOrders', actions: ['read'] }] });
    expect(none).toEqual([]);
  });

  it('compares what clients can really do: approve implies read, and modules the tenant does not enable count for nothing', { timeout: 30_000 }, async () => {
    const { portal, revoked } = await setup();
    const other = await portal.clients.add(staffB, { email: 'gus@example.com', projectIds: ['p-maple'], invite: false });
    // Dropping a `read` that `approve` implies loses nothing.
    await portal.roles.save(staffA, { id: 'co', name: 'Change orders', permissions: [{ module: 'changeOrders', actions: ['read', 'approve'] }] });
    await portal.roles.save(staffA, { id: 'co', name: 'Change orders', permissions: [{ module: 'changeOrders', actions: ['approve'] }] });
    // Dropping `approve` loses the `read` it implied too, when nothing else grants it.
    await portal.roles.save(staffA, { id: 'co', name: 'Change orders', permissions: [{ module: 'documents', actions: ['read'] }] });
    expect(await revoked()).toEqual([{ cause: 'role_narrowed', roleId: 'co', lost: [{ module: 'changeOrders', actions: ['approve', 'read'] }] }]);
    // Globex enables documents, photos and updates only: from the built-in role to one reading
    // documents and drawings, a Globex client loses photos and updates, nothing more.
    await portal.roles.save(staffB, { id: 'docs', name: 'Documents', permissions: [{ module: 'documents', actions: ['read'] }, { module: 'drawings', actions: ['read'] }] });
    await portal.clients.update(staffB, other.id, { roleId: 'docs' });
    expect(await revoked(TENANT_B)).toEqual([
      { cause: 'role_changed', clientId: other.id, roleId: 'docs', previousRoleId: 'client', lost: [{ module: 'updates', actions: ['read'] }, { module: 'photos', actions: ['read'] }] },
    ]);
  });

  it('reports nothing more for an archived client: it has no access to lose', { timeout: 30_000 }, async () => {
    const { portal, client, revoked } = await setup();
    await portal.roles.save(staffA, { id: 'docs', name: 'Documents', permissions: [{ module: 'documents', actions: ['read'] }] });
    await portal.clients.archive(staffA, client.id);
    await portal.clients.update(staffA, client.id, { portalAccess: false, roleId: 'docs' });
    await portal.clients.revokeProject(staffA, client.id, 'p-oak');
    await portal.clients.setProjects(staffA, client.id, []);
    expect(await revoked()).toEqual([{ cause: 'client_archived', clientId: client.id }]);
  });

  it('reports attachments an edit takes off an update, and a removed update with what it attached', { timeout: 30_000 }, async () => {
    const { portal, revoked } = await setup();
    const log = { module: 'dailyLogs' as const, id: 'dl-1' };
    const photo = { module: 'photos' as const, id: 'ph-1' };
    const update = await portal.updates.publish(staffA, 'p-maple', { body: 'Week 1', resources: [log, photo] });
    // Text only, and adding one: nothing taken away.
    await portal.updates.edit(staffA, 'p-maple', update.id, { body: 'Week one' });
    await portal.updates.edit(staffA, 'p-maple', update.id, { resources: [log, photo, { module: 'dailyLogs', id: 'dl-2' }] });
    await portal.updates.edit(staffA, 'p-maple', update.id, { resources: [{ module: 'dailyLogs', id: 'dl-2' }] });
    await portal.updates.remove(staffA, 'p-maple', update.id);
    await expect(portal.updates.remove(staffA, 'p-maple', update.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await revoked()).toEqual([
      { cause: 'attachments_removed', projectId: 'p-maple', updateId: update.id, resources: [log, photo] },
      { cause: 'update_removed', projectId: 'p-maple', updateId: update.id, resources: [{ module: 'dailyLogs', id: 'dl-2' }] },
    ]);
  });

  it('queues the event in the tenant that revoked, and no other', { timeout: 30_000 }, async () => {
    const { portal, revoked } = await setup();
    const other = await portal.clients.add(staffB, { email: 'gus@example.com', projectIds: ['p-maple'], invite: false });
    await portal.clients.revokeProject(staffB, other.id, 'p-maple');
    expect(await revoked(TENANT_B)).toEqual([{ cause: 'project_removed', clientId: other.id, projectId: 'p-maple' }]);
    expect(await revoked(TENANT_A)).toEqual([]);
  });
});

describe('lostPermissions', () => {
  it('lists what the first allows and the second does not, merging a module listed twice', () => {
    expect(
      lostPermissions(
        [
          { module: 'documents', actions: ['read'] },
          { module: 'selections', actions: ['read', 'approve'] },
          { module: 'documents', actions: ['approve', 'read'] },
        ],
        [{ module: 'selections', actions: ['read'] }],
      ),
    ).toEqual([
      { module: 'documents', actions: ['read', 'approve'] },
      { module: 'selections', actions: ['approve'] },
    ]);
    expect(lostPermissions([{ module: 'documents', actions: ['read'] }], [{ module: 'documents', actions: ['approve', 'read'] }])).toEqual([]);
  });
});
