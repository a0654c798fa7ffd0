import { subject } from '@casl/ability';
import { describe, expect, it } from 'vitest';
import { defineAbilityFor, ValidationError, type ClientActor } from 'sitegate';
import { staffA, staffB } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

const ref = (module: string, id: string, projectId = 'p-maple') => ({ projectId, module, id });

async function withClient() {
  const setup = makePortal();
  const added = await setup.portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
  await setup.portal.outbox.flush();
  const { session } = await setup.portal.invites.accept(setup.lastInviteToken('eve@example.com'), { password: 'long enough password' });
  const actor = (await setup.portal.sessions.resolve(session.token)) as ClientActor;
  return { ...setup, actor, clientId: added.id };
}

describe('portal.can: one schema and one policy for every actor', () => {
  it('rejects a malformed actor with a ValidationError, as every other call does', async () => {
    const { portal } = makePortal();
    // Used to answer true: any object with type 'staff' and a tenantId was trusted.
    for (const actor of [{ type: 'staff', tenantId: 'acme' }, { type: 'staff', tenantId: 'acme', userId: '' }, { type: 'staff', tenantId: 'acme', userId: 'u/1' }]) {
      const error = await portal.can(actor, 'read', ref('documents', 'd-budget')).catch((e: unknown) => e);
      expect(error, JSON.stringify(actor)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]!.path[0]).toBe('actor');
    }
    await expect(portal.can({ type: 'client', tenantId: 'acme' }, 'read', ref('documents', 'd-budget'))).rejects.toBeInstanceOf(ValidationError);
    await expect(portal.can({ type: 'admin', tenantId: 'acme', userId: 'u1' }, 'read', ref('documents', 'd-budget'))).rejects.toBeInstanceOf(ValidationError);
    await expect(portal.can('acme', 'read', ref('documents', 'd-budget'))).rejects.toBeInstanceOf(ValidationError);
  });

  it('answers false for no actor at all (an anonymous request), never throwing', async () => {
    const { portal } = makePortal();
    expect(await portal.can(null, 'read', ref('documents', 'd-budget'))).toBe(false);
    expect(await portal.can(undefined, 'read', ref('documents', 'd-budget'))).toBe(false);
  });

  it('lets staff read what exists in their own tenant, drafts included, and nothing else', async () => {
    const { portal } = makePortal();
    expect(await portal.can(staffA, 'read', ref('documents', 'd-budget'))).toBe(true);
    expect(await portal.can(staffA, 'read', ref('reports', 'r-draft'))).toBe(true);
    expect(await portal.can(staffA, 'read', ref('documents', 'd-nowhere'))).toBe(false);
    expect(await portal.can(staffA, 'read', ref('documents', 'd-budget', 'p-harbor'))).toBe(false);
    // Globex has its own p-maple, where d-budget does not exist; Acme's stays Acme's.
    expect(await portal.can(staffB, 'read', ref('documents', 'd-budget'))).toBe(false);
    expect(await portal.can(staffB, 'read', ref('documents', 'd-contract'))).toBe(true);
  });

  it('never grants staff approve: deciding is the client\'s, and only where its role allows it', async () => {
    const { portal } = makePortal();
    // Used to answer true: staff held `manage` (every action) on every resource.
    expect(await portal.can(staffA, 'approve', ref('documents', 'd-budget'))).toBe(false);
    expect(await portal.can(staffA, 'approve', ref('selections', 'sel-tile'))).toBe(false);
    expect(await portal.can(staffA, 'approve', ref('changeOrders', 'co-1'))).toBe(false);
    const ability = defineAbilityFor(staffA);
    const resource = { tenantId: 'acme', projectId: 'p-maple', module: 'documents', id: 'd-budget', shared: false };
    expect(ability.can('read', subject('Resource', resource))).toBe(true);
    expect(ability.can('approve', subject('Resource', resource))).toBe(false);
    expect(ability.can('read', subject('Resource', { ...resource, tenantId: 'globex' }))).toBe(false);
  });

  it('answers false for actions that do not exist', async () => {
    const { portal, actor } = await withClient();
    await portal.shares.share(staffA, 'p-maple', [{ module: 'drawings', id: 'dr-a101', kind: 'item' }]);
    expect(await portal.can(actor, 'read', ref('drawings', 'dr-a101'))).toBe(true);
    for (const action of ['manage', 'delete', '', null]) {
      expect(await portal.can(actor, action as never, ref('drawings', 'dr-a101'))).toBe(false);
      expect(await portal.can(staffA, action as never, ref('drawings', 'dr-a101'))).toBe(false);
    }
  });

  it('lets a client approve only a shared resource in a module its role allows approving', async () => {
    const { portal, actor, clientId } = await withClient();
    await portal.roles.save(staffA, { id: 'owner', name: 'Owner', permissions: [{ module: 'selections', actions: ['approve'] }, { module: 'documents', actions: ['read'] }] });
    await portal.shares.share(staffA, 'p-maple', [
      { module: 'selections', id: 'sel-tile', kind: 'item' },
      { module: 'documents', id: 'd-budget', kind: 'item' },
    ]);
    expect(await portal.can(actor, 'approve', ref('selections', 'sel-tile'))).toBe(false);
    await portal.clients.update(staffA, clientId, { roleId: 'owner' });
    expect(await portal.can(actor, 'approve', ref('selections', 'sel-tile'))).toBe(true);
    expect(await portal.can(actor, 'approve', ref('documents', 'd-budget'))).toBe(false);
    expect(await portal.can(actor, 'read', ref('documents', 'd-budget'))).toBe(true);
  });
});
