import { describe, expect, it } from 'vitest';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal, signedInClient } from '../support/make-portal.js';

const at = new Date('2026-01-05T09:00:00Z');


describe('view.open: one rule with portal.can', () => {
  it('lists a folder\'s children only where portal.can allows them', async () => {
    // A resource shared as an item that the host later turned into a folder: the folder shows
    // (its own share), but a share of one item covers nothing inside it. `open` used to list
    // every child while `can` refused each.
    const setup = makePortal();
    const { portal, content } = setup;
    const actor = await signedInClient(setup, staffA, 'ivy@example.com');
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-binder', kind: 'item', name: 'Binder', updatedAt: at });
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-binder', kind: 'item' }]);
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-binder', kind: 'folder', name: 'Binder', updatedAt: at });
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-page-1', kind: 'item', parentId: 'd-binder', name: 'Page 1', updatedAt: at });
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-page-2', kind: 'item', parentId: 'd-binder', name: 'Page 2', updatedAt: at });
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-page-2', kind: 'item' }]);

    const opened = await portal.view.open(actor, 'p-maple', 'documents', 'd-binder');
    expect(opened.children?.map((c) => c.id)).toEqual(['d-page-2']);
    const ref = (id: string) => ({ projectId: 'p-maple', module: 'documents', id });
    expect(await portal.can(actor, 'read', ref('d-page-1'))).toBe(false);
    expect(await portal.can(actor, 'read', ref('d-page-2'))).toBe(true);
  });

  it('lists what a shared or attached folder holds, leaving out draft reports', async () => {
    const setup = makePortal();
    const { portal, content } = setup;
    const actor = await signedInClient(setup, staffA, 'ivy@example.com');
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contracts', kind: 'folder' }]);
    expect((await portal.view.open(actor, 'p-maple', 'documents', 'd-contracts')).children?.map((c) => c.id).sort()).toEqual(['d-contract', 'd-permits']);
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'reports', id: 'r-folder', kind: 'folder', name: 'Reports', updatedAt: at });
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'reports', id: 'r-a', kind: 'item', parentId: 'r-folder', status: 'completed', name: 'A', updatedAt: at });
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'reports', id: 'r-b', kind: 'item', parentId: 'r-folder', status: 'draft', name: 'B', updatedAt: at });
    await portal.updates.publish(staffA, 'p-maple', { body: 'reports', resources: [{ module: 'reports', id: 'r-folder' }] });
    expect((await portal.view.open(actor, 'p-maple', 'reports', 'r-folder')).children?.map((c) => c.id)).toEqual(['r-a']);
  });

  it('answers 404 for a folder the client may not see even when the host cannot list its children', async () => {
    const setup = makePortal();
    const { portal, content } = setup;
    const actor = await signedInClient(setup, staffA, 'ivy@example.com');
    const failure = new Error('document store unavailable');
    content.children = async () => {
      throw failure;
    };
    // Unshared: the same not-found as any resource the client may not see, not the host's error.
    await expect(portal.view.open(actor, 'p-maple', 'documents', 'd-contracts')).rejects.toMatchObject({ code: 'not_found' });
    // Shared: the host's failure is the answer.
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contracts', kind: 'folder' }]);
    await expect(portal.view.open(actor, 'p-maple', 'documents', 'd-contracts')).rejects.toBe(failure);
  });
});
