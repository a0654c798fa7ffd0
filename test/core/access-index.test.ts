import { describe, expect, it } from 'vitest';
import { AccessTarget, ValidationError } from 'sitegate';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal, signedInClient } from '../support/make-portal.js';

type Setup = ReturnType<typeof makePortal>;


/** A portal with one active client of p-maple, its permits folder and one drawing shared, a daily log attached. */
async function withSharing(setup: Setup = makePortal()) {
  const actor = await signedInClient(setup, staffA, 'ivy@example.com');
  await setup.portal.shares.share(staffA, 'p-maple', [
    { module: 'documents', id: 'd-permits', kind: 'folder' },
    { module: 'drawings', id: 'dr-a101', kind: 'item' },
  ]);
  await setup.portal.shares.share(staffA, 'p-harbor', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
  await setup.portal.updates.publish(staffA, 'p-maple', { body: 'see the log', resources: [{ module: 'dailyLogs', id: 'dl-2' }] });
  return { ...setup, actor };
}

const ref = (module: string, id: string, projectId = 'p-maple') => ({ projectId, module, id });

describe('portal.access: a client access index for synchronous checks', () => {
  it('agrees with portal.can on items, folders, attachments, modules and projects', async () => {
    const { portal, settings, actor } = await withSharing();
    const refs = [
      ref('drawings', 'dr-a101'),
      ref('drawings', 'dr-a201'),
      ref('documents', 'd-permits'),
      ref('documents', 'd-permit'),
      ref('documents', 'd-contract'),
      ref('dailyLogs', 'dl-2'),
      ref('dailyLogs', 'dl-1'),
      ref('documents', 'd-contract', 'p-harbor'),
    ];
    const check = async () => {
      const access = await portal.access(actor);
      const targets = await access.resolve(refs);
      for (const [i, r] of refs.entries()) {
        expect(access.can('read', targets[i]), JSON.stringify(r)).toBe(await portal.can(actor, 'read', r));
      }
      return targets.map((target) => access.can('read', target));
    };
    expect(await check()).toEqual([true, false, true, true, false, true, false, false]);
    settings[TENANT_A]!.modules = ['documents'];
    expect(await check()).toEqual([false, false, true, true, false, false, false, false]);
    const access = await portal.access(actor);
    const [permits] = await access.resolve([ref('documents', 'd-permits')]);
    expect(access.can('read', permits)).toBe(true);
    expect(access.can('approve', permits)).toBe(false);
  });

  it('never shows a report that is not completed, even when attached to an update', async () => {
    // Found by the model-based suite: the index used to skip the completed-report rule.
    const setup = makePortal();
    const { portal } = setup;
    const actor = await signedInClient(setup, staffA, 'ivy@example.com');
    await portal.updates.publish(staffA, 'p-maple', { body: 'draft attached', resources: [{ module: 'reports', id: 'r-draft' }, { module: 'reports', id: 'r-inspection' }] });
    const access = await portal.access(actor);
    const [draft, inspection] = await access.resolve([ref('reports', 'r-draft'), ref('reports', 'r-inspection')]);
    expect(draft!.resource.status).toBe('draft');
    expect(access.can('read', draft)).toBe(false);
    expect(access.can('read', inspection)).toBe(true);
    expect(await portal.can(actor, 'read', ref('reports', 'r-draft'))).toBe(false);
    expect(await portal.can(actor, 'read', ref('reports', 'r-inspection'))).toBe(true);
  });

  it('believes no ancestry, kind or status a caller claims: only targets it resolved count', async () => {
    const { portal, actor } = await withSharing();
    const access = await portal.access(actor);
    // Each of these used to answer true while portal.can answered false.
    const claims = [
      // An unshared item "inside" the shared permits folder.
      { ...ref('documents', 'd-budget'), ancestorIds: ['d-permits'] },
      // An id the content source does not know at all.
      { ...ref('documents', 'd-ghost'), ancestorIds: ['d-permits'] },
      // A draft report dressed up as a folder, attached or not.
      { ...ref('reports', 'r-draft'), kind: 'folder' },
      // The attached daily log treated as a folder holding another log.
      { ...ref('dailyLogs', 'dl-1'), ancestorIds: ['dl-2'] },
    ];
    await portal.updates.publish(staffA, 'p-maple', { body: 'draft', resources: [{ module: 'reports', id: 'r-draft' }] });
    const fresh = await portal.access(actor);
    for (const claim of claims) {
      const { projectId, module, id } = claim;
      expect(await portal.can(actor, 'read', { projectId, module, id }), JSON.stringify(claim)).toBe(false);
      expect(access.can('read', claim as never), JSON.stringify(claim)).toBe(false);
      expect(fresh.can('read', claim as never), JSON.stringify(claim)).toBe(false);
      const [resolved] = await fresh.resolve([claim as never]);
      expect(fresh.can('read', resolved), JSON.stringify(claim)).toBe(false);
    }

    // A copy of a real target, or an object made to look like one, is not a target this index resolved.
    const [permit, budget] = await access.resolve([ref('documents', 'd-permit'), ref('documents', 'd-budget')]);
    expect(access.can('read', permit)).toBe(true);
    expect(access.can('read', { ...permit! } as never)).toBe(false);
    const lookalike = Object.assign(Object.create(AccessTarget.prototype), { ...budget, ancestorIds: ['d-permits'] });
    expect(lookalike).toBeInstanceOf(AccessTarget);
    expect(access.can('read', lookalike)).toBe(false);
    expect(access.can('read', new AccessTarget(budget!.resource, [permit!.resource]))).toBe(false);
    // What it resolved cannot be changed afterwards.
    expect(Reflect.set(budget!, 'ancestorIds', ['d-permits'])).toBe(false);
    expect(Reflect.set(budget!.ancestorIds, 0, 'd-permits')).toBe(false);
    expect(access.can('read', budget)).toBe(false);
    // Targets belong to the index that resolved them.
    expect(fresh.can('read', permit)).toBe(false);
    expect(access.can('read', null)).toBe(false);
    expect(access.can('read', undefined)).toBe(false);
  });

  it('resolves null for malformed refs, projects the client does not hold and unknown ids', async () => {
    const { portal, actor } = await withSharing();
    const access = await portal.access(actor);
    const targets = await access.resolve([
      ref('documents', 'd-permit'),
      ref('documents', '../etc/passwd'),
      ref('nope', 'x'),
      null as never,
      ref('documents', 'd-contract', 'p-harbor'),
      ref('documents', 'd-unknown'),
      ref('drawings', 'dr-a101'),
    ]);
    expect(targets.map((t) => t && `${t.module}/${t.id}`)).toEqual(['documents/d-permit', null, null, null, null, null, 'drawings/dr-a101']);
    expect(targets[0]!.ancestorIds).toEqual(['d-permits', 'd-contracts']);
    expect(targets[0]!.resource.name).toBe('Building permit.pdf');
    expect(await access.resolve([])).toEqual([]);
    const error = await access.resolve('d-permit' as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]!.path).toEqual(['refs']);
  });

  it('climbs folders a level at a time for the whole list, remembering what it resolved', async () => {
    const { portal, actor, content } = await withSharing();
    const calls: number[] = [];
    const resolve = content.resolve.bind(content);
    // Count what the portal asks of the host's content source.
    content.resolve = async (tenantId, refs) => (calls.push(refs.length), resolve(tenantId, refs));
    const access = await portal.access(actor);
    const targets = await access.resolve([ref('documents', 'd-permit'), ref('documents', 'd-contract'), ref('photos', 'ph-1'), ref('documents', 'd-budget')]);
    // The refs, then their three parents; the one grandparent, d-contracts, is one of those.
    expect(calls).toEqual([4, 3]);
    expect(targets.map((t) => t!.ancestorIds)).toEqual([['d-permits', 'd-contracts'], ['d-contracts'], ['ph-week1'], []]);
    calls.length = 0;
    await access.resolve([ref('documents', 'd-permit')]);
    expect(calls).toEqual([1]);
  });

  it('trusts no parent the content source answers with that is not the one asked for', async () => {
    const setup = makePortal();
    const { portal, content } = setup;
    const actor = await signedInClient(setup, staffA, 'ivy@example.com');
    await portal.shares.share(staffA, 'p-maple', [{ module: 'photos', id: 'ph-week1', kind: 'folder' }]);
    // A host bug: a document whose parent id names a photo folder, and a loop.
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-stray', kind: 'item', parentId: 'ph-week1', name: 'Stray', updatedAt: new Date() });
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-loop-a', kind: 'folder', parentId: 'd-loop-b', name: 'A', updatedAt: new Date() });
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-loop-b', kind: 'folder', parentId: 'd-loop-a', name: 'B', updatedAt: new Date() });
    const access = await portal.access(actor);
    const [stray, loop] = await access.resolve([ref('documents', 'd-stray'), ref('documents', 'd-loop-a')]);
    expect(stray!.ancestorIds).toEqual([]);
    expect(loop!.ancestorIds).toEqual(['d-loop-b']);
    expect(access.can('read', stray)).toBe(false);
    expect(await portal.can(actor, 'read', ref('documents', 'd-stray'))).toBe(false);
  });
});
