import { describe, expect, it } from 'vitest';
import type { ClientActor } from 'sitegate';
import { allows, allowsEach } from '../../src/access/allows.js';
import { coverageOf, grantsFrom } from '../../src/access/coverage.js';
import { defineAbilityFor, mayActIn, resourceSubject } from '../../src/access/policy.js';
import type { Resource } from '../../src/model/resource.js';
import type { Share } from '../../src/model/share.js';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

const ref = (module: string, id: string) => ({ projectId: 'p-maple', module, id });

async function withClient() {
  const setup = makePortal();
  const added = await setup.portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
  await setup.portal.outbox.flush();
  const { session } = await setup.portal.invites.accept(setup.lastInviteToken('eve@example.com'), { password: 'long enough password' });
  const actor = (await setup.portal.sessions.resolve(session.token)) as ClientActor;
  return { ...setup, actor, clientId: added.id };
}

describe('the compiled policy is reused, and a change of the facts behind it counts at once', () => {
  it('a role change, a module switched off and a revoked project take effect on the very next check', async () => {
    const { portal, actor, clientId, settings } = await withClient();
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-budget', kind: 'item' }]);
    await portal.roles.save(staffA, { id: 'viewer', name: 'Viewer', permissions: [{ module: 'documents', actions: ['read'] }] });
    await portal.roles.save(staffA, { id: 'photos-only', name: 'Photos only', permissions: [{ module: 'photos', actions: ['read'] }] });
    await portal.clients.update(staffA, clientId, { roleId: 'viewer' });
    // Asked twice: the second answer comes from the compiled policy.
    expect(await portal.can(actor, 'read', ref('documents', 'd-budget'))).toBe(true);
    expect(await portal.can(actor, 'read', ref('documents', 'd-budget'))).toBe(true);

    // The role itself changes (same role id): no stale policy answers.
    await portal.roles.save(staffA, { id: 'viewer', name: 'Viewer', permissions: [{ module: 'photos', actions: ['read'] }] });
    expect(await portal.can(actor, 'read', ref('documents', 'd-budget'))).toBe(false);
    await portal.roles.save(staffA, { id: 'viewer', name: 'Viewer', permissions: [{ module: 'documents', actions: ['read'] }] });
    expect(await portal.can(actor, 'read', ref('documents', 'd-budget'))).toBe(true);

    // Another role for the client.
    await portal.clients.update(staffA, clientId, { roleId: 'photos-only' });
    expect(await portal.can(actor, 'read', ref('documents', 'd-budget'))).toBe(false);
    await portal.clients.update(staffA, clientId, { roleId: 'viewer' });
    expect(await portal.can(actor, 'read', ref('documents', 'd-budget'))).toBe(true);

    // The tenant switches the module off, then on.
    const modules = settings[TENANT_A]!.modules;
    settings[TENANT_A]!.modules = modules.filter((m) => m !== 'documents');
    expect(await portal.can(actor, 'read', ref('documents', 'd-budget'))).toBe(false);
    settings[TENANT_A]!.modules = modules;
    expect(await portal.can(actor, 'read', ref('documents', 'd-budget'))).toBe(true);

    // Project revoked, portal access off.
    await portal.clients.revokeProject(staffA, clientId, 'p-maple');
    expect(await portal.can(actor, 'read', ref('documents', 'd-budget'))).toBe(false);
    await portal.clients.setProjects(staffA, clientId, ['p-maple']);
    expect(await portal.can(actor, 'read', ref('documents', 'd-budget'))).toBe(true);
    await portal.clients.update(staffA, clientId, { portalAccess: false });
    expect(await portal.can(actor, 'read', ref('documents', 'd-budget'))).toBe(false);
  });
});

describe('allows and allowsEach, with their kept verdicts, answer as the CASL policy asked directly', () => {
  it('for every combination of module, kind, status, coverage and action', () => {
    const client = {
      tenantId: TENANT_A,
      id: 'c1',
      email: 'c@example.com',
      roleId: 'client',
      projectIds: ['p-maple'],
      portalAccess: true,
      activatedAt: new Date(),
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    const actor = { type: 'client' as const, tenantId: TENANT_A, clientId: 'c1' };
    const permissions = [
      { module: 'documents' as const, actions: ['read' as const] },
      { module: 'reports' as const, actions: ['read' as const] },
      { module: 'selections' as const, actions: ['read' as const, 'approve' as const] },
    ];
    const abilities = [defineAbilityFor(actor, { client: client as never, permissions }), defineAbilityFor(staffA)];
    const share = (module: Share['module'], resourceId: string, kind: Share['kind']): Share => ({
      tenantId: TENANT_A, id: `s-${module}-${resourceId}`, projectId: 'p-maple', module, resourceId, kind, sharedBy: 'u', createdAt: new Date(),
    });
    const grants = grantsFrom([share('documents', 'd1', 'item'), share('reports', 'r1', 'item'), share('reports', 'rf', 'folder'), share('selections', 's1', 'item')], [{ module: 'documents', id: 'd2' }]);
    const resources: Resource[] = [];
    for (const module of ['documents', 'reports', 'selections', 'photos'] as const) {
      for (const id of ['d1', 'd2', 'r1', 'rf', 's1', 'x']) {
        // An unknown kind or an empty status: what a host's bad data could carry.
        for (const kind of ['item', 'folder', 'odd'] as Resource['kind'][]) {
          for (const status of [undefined, 'completed', 'draft', '']) {
            for (const projectId of ['p-maple', 'p-other']) {
              resources.push({ tenantId: TENANT_A, projectId, module, id, kind, name: id, updatedAt: new Date(), ...(status === undefined ? {} : { status }) });
            }
          }
        }
      }
    }
    for (const ability of abilities) {
      for (const action of ['read', 'approve', 'manage', 'delete'] as const) {
        const each = allowsEach(ability, action, TENANT_A, grants);
        for (const resource of resources) {
          for (const ancestors of [[], ['rf']]) {
            // An attachment covers a resource only for an actor that reads the project's updates.
            const coverage = coverageOf(grants, resource, ancestors);
            const shared = coverage !== null && (coverage.via !== 'attachment' || mayActIn(ability, 'read', TENANT_A, resource.projectId, 'updates'));
            const direct = ability.can(action, resourceSubject(TENANT_A, resource, shared));
            // Twice: the second answer comes from the kept verdicts.
            expect(each(resource, ancestors), JSON.stringify({ action, resource, ancestors })).toBe(direct);
            expect(allows(ability, action, TENANT_A, resource, grants, ancestors)).toBe(direct);
          }
        }
      }
    }
  });
});
