import { describe, expect, it } from 'vitest';
import { ValidationError, type ClientActor } from 'sitegate';
import { memoryStorage } from 'sitegate/adapters/memory';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { countingStorage } from '../support/counting-storage.js';
import { makePortal } from '../support/make-portal.js';

/** A portal with one active client of p-maple. */
async function withClient() {
  const setup = makePortal();
  const added = await setup.portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
  await setup.portal.outbox.flush();
  const { session } = await setup.portal.invites.accept(setup.lastInviteToken('eve@example.com'), { password: 'long enough password' });
  const actor = (await setup.portal.sessions.resolve(session.token)) as ClientActor;
  const can = (module: string, id: string, action: 'read' | 'approve' = 'read', projectId = 'p-maple') =>
    setup.portal.can(actor, action, { projectId, module, id });
  return { ...setup, actor, clientId: added.id, can };
}

describe('shares', () => {
  it('validates every resource against the content source and reports all problems', async () => {
    const { portal } = makePortal();
    const error = await portal.shares
      .share(staffA, 'p-maple', [
        { module: 'documents', id: 'ghost', kind: 'item' },
        { module: 'documents', id: 'd-contracts', kind: 'item' },
        { module: 'reports', id: 'r-draft', kind: 'item' },
        { module: 'drawings', id: 'd-contract', kind: 'item' },
        { module: 'documents', id: 'd-budget', kind: 'item' },
      ])
      .catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i: { path: unknown[] }) => i.path)).toEqual([
      ['resources', 0, 'id'],
      ['resources', 1, 'kind'],
      ['resources', 2, 'id'],
      ['resources', 3, 'id'],
    ]);
    expect(error.issues[1].message).toBe('"d-contracts" is a folder, not an item');
    // Each issue carries a code an interface can say in its own words.
    expect(error.issues.map((i: { code?: string }) => i.code)).toEqual(['resource_missing', 'kind_mismatch', 'not_completed', 'resource_missing']);
    expect((await portal.shares.list(staffA, 'p-maple')).items).toEqual([]);
    // A resource of another project is not in this one.
    await expect(portal.shares.share(staffA, 'p-oak', [{ module: 'documents', id: 'd-budget', kind: 'item' }])).rejects.toBeInstanceOf(ValidationError);
    await expect(portal.shares.share(staffA, 'p-nowhere', [{ module: 'documents', id: 'd-budget', kind: 'item' }])).rejects.toMatchObject({ code: 'not_found' });
    await expect(portal.shares.share(staffA, 'p-maple', [])).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(portal.shares.share(staffA, 'p-maple', [{ module: 'blueprints', id: 'x', kind: 'item' } as never])).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('is idempotent: sharing again returns the existing share', async () => {
    const { portal } = makePortal();
    const [first] = await portal.shares.share(staffA, 'p-maple', [{ module: 'drawings', id: 'dr-a101', kind: 'item' }]);
    const again = await portal.shares.share(staffA, 'p-maple', [
      { module: 'drawings', id: 'dr-a101', kind: 'item' },
      { module: 'drawings', id: 'dr-a201', kind: 'item' },
    ]);
    expect(again[0]!.id).toBe(first!.id);
    expect((await portal.shares.list(staffA, 'p-maple')).items).toHaveLength(2);
    expect((await portal.shares.list(staffA, 'p-maple', { module: 'documents' })).items).toHaveLength(0);
    const concurrent = await Promise.all([1, 2, 3].map(() => portal.shares.share(staffA, 'p-maple', [{ module: 'dailyLogs', id: 'dl-3', kind: 'item' }])));
    expect(new Set(concurrent.map(([s]) => s!.id)).size).toBe(1);
  });

  it('shares the schedule once per project', async () => {
    const { portal, content } = makePortal();
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'schedule', id: 'schedule-2', kind: 'item', name: 'Other', updatedAt: new Date() });
    await portal.shares.share(staffA, 'p-maple', [{ module: 'schedule', id: 'schedule', kind: 'item' }]);
    await portal.shares.share(staffA, 'p-maple', [{ module: 'schedule', id: 'schedule', kind: 'item' }]);
    await expect(portal.shares.share(staffA, 'p-maple', [{ module: 'schedule', id: 'schedule-2', kind: 'item' }])).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [{ path: ['resources'], code: 'schedule_shared' }],
    });
  });

  it('reports per resource whether it is shared, shared via a folder, or not', async () => {
    const { portal } = makePortal();
    const [folder] = await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contracts', kind: 'folder' }]);
    expect(await portal.shares.status(staffA, 'p-maple', 'documents', ['d-contracts', 'd-permit', 'd-budget'])).toEqual([
      { id: 'd-contracts', status: 'shared', shareId: folder!.id },
      { id: 'd-permit', status: 'via_folder', shareId: folder!.id },
      { id: 'd-budget', status: 'not_shared' },
    ]);
  });

  it('names the nearest shared folder, and counts an update attachment as not shared but seen, as the coverage rule does', async () => {
    const { portal } = makePortal();
    // The inner folder is shared first: a status that took whichever folder share storage
    // listed first could name the outer one.
    const [inner] = await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-permits', kind: 'folder' }]);
    const [outer] = await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contracts', kind: 'folder' }]);
    await portal.updates.publish(staffA, 'p-maple', { body: 'budget', resources: [{ module: 'documents', id: 'd-budget' }] });
    expect(await portal.shares.status(staffA, 'p-maple', 'documents', ['d-permit', 'd-contract', 'd-budget', 'd-ghost'])).toEqual([
      { id: 'd-permit', status: 'via_folder', shareId: inner!.id },
      { id: 'd-contract', status: 'via_folder', shareId: outer!.id },
      { id: 'd-budget', status: 'not_shared', attached: true },
      { id: 'd-ghost', status: 'not_shared' },
    ]);
  });

  it('says an item is seen through an attached folder, and stops saying so once the attachment is removed', async () => {
    const { portal } = makePortal();
    const update = await portal.updates.publish(staffA, 'p-maple', { body: 'permits', resources: [{ module: 'documents', id: 'd-permits' }] });
    expect(await portal.shares.status(staffA, 'p-maple', 'documents', ['d-permit', 'd-budget'])).toEqual([
      { id: 'd-permit', status: 'not_shared', attached: true },
      { id: 'd-budget', status: 'not_shared' },
    ]);
    // Shared on its own as well: the share is what the status names.
    const [own] = await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-permit', kind: 'item' }]);
    expect(await portal.shares.status(staffA, 'p-maple', 'documents', ['d-permit'])).toEqual([{ id: 'd-permit', status: 'shared', shareId: own!.id }]);
    await portal.shares.unshare(staffA, 'p-maple', own!.id);
    expect(await portal.shares.status(staffA, 'p-maple', 'documents', ['d-permit'])).toEqual([{ id: 'd-permit', status: 'not_shared', attached: true }]);
    await portal.updates.edit(staffA, 'p-maple', update.id, { resources: [] });
    expect(await portal.shares.status(staffA, 'p-maple', 'documents', ['d-permit'])).toEqual([{ id: 'd-permit', status: 'not_shared' }]);
  });

  it('unsharing hides the resource on the very next call', async () => {
    const { portal, actor, can } = await withClient();
    const [share] = await portal.shares.share(staffA, 'p-maple', [{ module: 'photos', id: 'ph-week1', kind: 'folder' }]);
    expect(await can('photos', 'ph-1')).toBe(true);
    await portal.shares.unshare(staffA, 'p-maple', share!.id);
    expect(await can('photos', 'ph-1')).toBe(false);
    expect((await portal.view.feed(actor, 'p-maple')).modules.photos).toEqual([]);
    await expect(portal.shares.unshare(staffA, 'p-maple', share!.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(portal.shares.unshare(staffA, 'p-oak', share!.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps shares in a module the tenant disabled, and shows them again when enabled', async () => {
    const { portal, actor, settings, can } = await withClient();
    settings[TENANT_A]!.modules = settings[TENANT_A]!.modules.filter((m) => m !== 'invoices');
    await portal.shares.share(staffA, 'p-maple', [{ module: 'invoices', id: 'inv-1', kind: 'item' }]);
    expect(await can('invoices', 'inv-1')).toBe(false);
    expect((await portal.view.feed(actor, 'p-maple')).modules.invoices).toBeUndefined();
    settings[TENANT_A]!.modules.push('invoices');
    expect(await can('invoices', 'inv-1')).toBe(true);
  });
});

describe('the client view', () => {
  it('shows nothing unless shared, and folders cover nested items now and later', async () => {
    const { portal, actor, content, can } = await withClient();
    expect(await can('documents', 'd-permit')).toBe(false);
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-permits', kind: 'folder' }]);
    expect(await can('documents', 'd-permit')).toBe(true);
    expect(await can('documents', 'd-contract')).toBe(false); // the parent folder is not shared
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-moved', kind: 'item', parentId: 'd-permits', name: 'Moved in', updatedAt: new Date() });
    expect(await can('documents', 'd-moved')).toBe(true);
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-moved', kind: 'item', name: 'Moved out', updatedAt: new Date() });
    expect(await can('documents', 'd-moved')).toBe(false);
    await expect(portal.view.open(actor, 'p-maple', 'documents', 'd-contracts')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('tells a visible resource its folder only when the client may see that folder too', async () => {
    const { portal, actor } = await withClient();
    // The contract is shared on its own; its folder, Contracts, is not.
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    const listed = async () => (await portal.view.feed(actor, 'p-maple')).modules.documents!.find((r) => r.id === 'd-contract')!;
    expect(await listed()).not.toHaveProperty('parentId');
    expect((await portal.view.open(actor, 'p-maple', 'documents', 'd-contract')).resource).not.toHaveProperty('parentId');
    // Once the folder is shared, its id is the client's to know.
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contracts', kind: 'folder' }]);
    expect((await listed()).parentId).toBe('d-contracts');
    expect((await portal.view.open(actor, 'p-maple', 'documents', 'd-contract')).resource.parentId).toBe('d-contracts');
    // A child listed in an opened folder names that folder.
    const opened = await portal.view.open(actor, 'p-maple', 'documents', 'd-contracts');
    expect(opened.children!.find((c) => c.id === 'd-contract')!.parentId).toBe('d-contracts');
  });

  it('tells a listed resource its folder when the client sees that folder through one further up', async () => {
    const { portal, actor, content } = await withClient();
    // Contracts holds Permits, which holds the permit; only the permit is shared at first.
    const [permit] = await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-permit', kind: 'item' }]);
    const listed = async (query?: { module: 'documents' }) => (await portal.view.feed(actor, 'p-maple', query)).modules.documents!.find((r) => r.id === 'd-permit')!;
    const opened = async () => (await portal.view.open(actor, 'p-maple', 'documents', 'd-permit')).resource;
    expect(await listed()).not.toHaveProperty('parentId');
    expect(await opened()).not.toHaveProperty('parentId');

    // Contracts shared as a folder covers Permits, which is not shared itself.
    const [contracts] = await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contracts', kind: 'folder' }]);
    expect((await listed()).parentId).toBe('d-permits');
    expect((await listed({ module: 'documents' })).parentId).toBe('d-permits');
    expect((await opened()).parentId).toBe('d-permits');

    // Contracts attached to an update shows Permits too, in the feed with its updates page. One
    // section asked for alone reads no updates and has no folder shared in it: it climbs nothing,
    // and does not tell the folder (the client still opens it from the update).
    await portal.shares.unshare(staffA, 'p-maple', contracts!.id);
    expect(await listed()).not.toHaveProperty('parentId');
    await portal.updates.publish(staffA, 'p-maple', {
      body: 'Contracts and the permit',
      resources: [
        { module: 'documents', id: 'd-contracts' },
        { module: 'documents', id: 'd-permit' },
      ],
    });
    const feed = await portal.view.feed(actor, 'p-maple');
    expect(feed.modules.documents!.find((r) => r.id === 'd-permit')!.parentId).toBe('d-permits');
    expect(feed.modules.updates![0]!.resources.find((r) => r.id === 'd-permit')!.parentId).toBe('d-permits');
    expect(await listed({ module: 'documents' })).not.toHaveProperty('parentId');
    expect((await opened()).parentId).toBe('d-permits');

    // Still never told: a folder under nothing visible, and a parent that is not a folder (here
    // an item the client sees, in the attached folder).
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-hidden', kind: 'folder', name: 'Hidden', updatedAt: new Date() });
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-inner', kind: 'folder', parentId: 'd-hidden', name: 'Inner', updatedAt: new Date() });
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-note', kind: 'item', parentId: 'd-inner', name: 'Note', updatedAt: new Date() });
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-sheet', kind: 'item', parentId: 'd-contracts', name: 'Sheet', updatedAt: new Date() });
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-odd', kind: 'item', parentId: 'd-sheet', name: 'Odd', updatedAt: new Date() });
    await portal.shares.share(staffA, 'p-maple', [
      { module: 'documents', id: 'd-note', kind: 'item' },
      { module: 'documents', id: 'd-odd', kind: 'item' },
    ]);
    for (const query of [undefined, { module: 'documents' as const }]) {
      const documents = (await portal.view.feed(actor, 'p-maple', query)).modules.documents!;
      expect(documents.find((r) => r.id === 'd-note')).not.toHaveProperty('parentId');
      expect(documents.find((r) => r.id === 'd-odd')).not.toHaveProperty('parentId');
      expect(documents.find((r) => r.id === 'd-permit')!.parentId).toBe(query ? undefined : 'd-permits');
    }
    await portal.shares.unshare(staffA, 'p-maple', permit!.id);
  });

  it('reads the folders above the listed resources a level at a time, their grants at most once, and none where no folder is open', async () => {
    const counting = countingStorage(memoryStorage());
    const setup = makePortal({ storage: counting.storage });
    const { portal, content } = setup;
    await portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
    await portal.outbox.flush();
    const { session } = await portal.invites.accept(setup.lastInviteToken('eve@example.com'), { password: 'long enough password' });
    const actor = (await portal.sessions.resolve(session.token)) as ClientActor;
    const put = (id: string, kind: 'item' | 'folder', parentId?: string) =>
      content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id, kind, name: id, updatedAt: new Date(), ...(parentId ? { parentId } : {}) });
    // Ten files, each in a folder of its own inside one top folder.
    put('d-top', 'folder');
    const files = Array.from({ length: 10 }, (_, i) => `d-file-${i}`);
    files.forEach((id, i) => (put(`d-sub-${i}`, 'folder', 'd-top'), put(id, 'item', `d-sub-${i}`)));
    await portal.shares.share(staffA, 'p-maple', files.map((id) => ({ module: 'documents' as const, id, kind: 'item' as const })));
    const resolved: number[] = [];
    const resolve = content.resolve.bind(content);
    content.resolve = async (tenantId, refs) => (resolved.push(refs.length), resolve(tenantId, refs));
    const feed = async () => {
      resolved.length = 0;
      counting.calls.length = 0;
      const documents = (await portal.view.feed(actor, 'p-maple', { module: 'documents' })).modules.documents!;
      return new Map(documents.map((r) => [r.id, r.parentId]));
    };

    // No folder shared or attached in the module: no folder above can be seen, none is read.
    const hidden = await feed();
    expect(files.map((id) => hidden.get(id))).toEqual(files.map(() => undefined));
    expect(resolved).toEqual([10]);
    expect(counting.calls.filter((c) => c.op === 'readGrants')).toHaveLength(0);

    // Another folder shared: the files' folders together, then the top one, all hidden; one grants read.
    put('d-other', 'folder');
    const [other] = await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-other', kind: 'folder' }]);
    const stillHidden = await feed();
    expect(files.map((id) => stillHidden.get(id))).toEqual(files.map(() => undefined));
    expect(resolved).toEqual([11, 10, 1]);
    expect(counting.calls.filter((c) => c.op === 'readGrants')).toHaveLength(1);
    await portal.shares.unshare(staffA, 'p-maple', other!.id);

    // The top folder shared: every file's folder is seen through it, as the project's shares say.
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-top', kind: 'folder' }]);
    const seen = await feed();
    expect(files.map((id) => seen.get(id))).toEqual(files.map((_, i) => `d-sub-${i}`));
    expect(resolved).toEqual([11, 10, 1]);
    expect(counting.calls.filter((c) => c.op === 'readGrants')).toHaveLength(0);
  });

  it('shows completed reports only', async () => {
    const { portal, actor, content, can } = await withClient();
    await portal.shares.share(staffA, 'p-maple', [{ module: 'reports', id: 'r-inspection', kind: 'item' }]);
    expect((await portal.view.feed(actor, 'p-maple')).modules.reports?.map((r) => r.id)).toEqual(['r-inspection']);
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'reports', id: 'r-inspection', kind: 'item', name: 'Reopened', status: 'draft', updatedAt: new Date() });
    expect(await can('reports', 'r-inspection')).toBe(false);
    expect((await portal.view.feed(actor, 'p-maple')).modules.reports).toEqual([]);
  });

  it('shows updates newest first with the attached resources, which become visible', async () => {
    const { portal, actor, clock, can } = await withClient();
    await portal.updates.publish(staffA, 'p-maple', { title: 'Framing started', body: 'Walls are going up.' });
    clock.advanceMs(60_000);
    const latest = await portal.updates.publish(staffA, 'p-maple', {
      body: 'New elevations attached.',
      resources: [{ module: 'drawings', id: 'dr-a201' }],
    });
    const feed = await portal.view.feed(actor, 'p-maple');
    expect(feed.modules.updates?.map((u) => u.update.id)[0]).toBe(latest.id);
    expect(feed.modules.updates?.[0]!.resources.map((r) => r.id)).toEqual(['dr-a201']);
    expect(await can('drawings', 'dr-a201')).toBe(true);
    await expect(
      portal.updates.publish(staffA, 'p-maple', { body: 'x', resources: [{ module: 'documents', id: 'd-contract' }, { module: 'documents', id: 'nope' }] }),
    ).rejects.toMatchObject({ issues: [{ path: ['resources', 1, 'id'] }] });
    // A resource of another project cannot be attached.
    await expect(portal.updates.publish(staffA, 'p-oak', { body: 'x', resources: [{ module: 'drawings', id: 'dr-a101' }] })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(portal.updates.publish(staffA, 'p-maple', { body: '   ' })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('shows an attached resource only to a client that reads updates: updates off, or a role without them, shows nothing', async () => {
    const { portal, actor, can, clientId, settings } = await withClient();
    await portal.updates.publish(staffA, 'p-maple', { body: 'The budget, for the record.', resources: [{ module: 'documents', id: 'd-budget' }] });
    const seen = async () => {
      const access = await portal.access(actor);
      const [target] = await access.resolve([{ projectId: 'p-maple', module: 'documents', id: 'd-budget' }]);
      const opened = await portal.view.open(actor, 'p-maple', 'documents', 'd-budget').then(() => true, (e) => (e.code === 'not_found' ? false : Promise.reject(e)));
      const listed = (await portal.view.feed(actor, 'p-maple')).modules.documents?.some((r) => r.id === 'd-budget') ?? false;
      return { can: await can('documents', 'd-budget'), index: access.can('read', target), opened, listed };
    };
    const none = { can: false, index: false, opened: false, listed: false };
    expect(await seen()).toMatchObject({ can: true, index: true, opened: true });
    const modules = settings[TENANT_A]!.modules;
    settings[TENANT_A]!.modules = modules.filter((m) => m !== 'updates');
    expect(await seen()).toEqual(none);
    await expect(portal.receipts.record(actor, { projectId: 'p-maple', module: 'documents', id: 'd-budget' })).rejects.toMatchObject({ code: 'not_found' });
    settings[TENANT_A]!.modules = modules;
    await portal.roles.save(staffA, { id: 'docs', name: 'Documents only', permissions: [{ module: 'documents', actions: ['read'] }] });
    await portal.clients.update(staffA, clientId, { roleId: 'docs' });
    expect(await seen()).toEqual(none);
    // A share of its own still shows it to that role: only the attachment needs updates.
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-budget', kind: 'item' }]);
    expect(await seen()).toMatchObject({ can: true, index: true, opened: true });
  });

  it('answers can() false, never throwing, for other projects, tenants and malformed input', async () => {
    const { portal, actor, can, clientId } = await withClient();
    await portal.shares.share(staffA, 'p-harbor', [{ module: 'documents', id: 'd-contracts', kind: 'folder' }]);
    expect(await can('documents', 'd-contract', 'read', 'p-harbor')).toBe(false);
    const otherTenant = { type: 'client' as const, tenantId: 'globex', clientId };
    expect(await portal.can(otherTenant, 'read', { projectId: 'p-maple', module: 'documents', id: 'd-contract' })).toBe(false);
    for (const bad of [null, {}, { projectId: 'p-maple' }, { projectId: '../x', module: 'documents', id: 'd' }, { projectId: 'p-maple', module: 'nope', id: 'x' }]) {
      expect(await portal.can(actor, 'read', bad as never)).toBe(false);
    }
    expect(await portal.can(null, 'read', { projectId: 'p-maple', module: 'documents', id: 'd-contract' })).toBe(false);
    expect(await portal.can(staffA, 'read', { projectId: 'p-maple', module: 'documents', id: 'd-budget' })).toBe(true);
    expect(await portal.can({ ...staffA, tenantId: 'globex' }, 'read', { projectId: 'p-harbor', module: 'documents', id: 'd-contract' })).toBe(false);
  });

  it('grants approve only where the role does', async () => {
    const { portal, can, clientId } = await withClient();
    await portal.shares.share(staffA, 'p-maple', [
      { module: 'selections', id: 'sel-tile', kind: 'item' },
      { module: 'changeOrders', id: 'co-1', kind: 'item' },
    ]);
    expect(await can('selections', 'sel-tile', 'approve')).toBe(false);
    await portal.roles.save(staffA, { id: 'owner', name: 'Owner', permissions: [{ module: 'selections', actions: ['approve'] }] });
    await portal.clients.update(staffA, clientId, { roleId: 'owner' });
    expect(await can('selections', 'sel-tile', 'approve')).toBe(true);
    expect(await can('selections', 'sel-tile', 'read')).toBe(true);
    expect(await can('changeOrders', 'co-1', 'read')).toBe(false);
    await expect(portal.roles.save(staffA, { id: 'client', name: 'Mine', permissions: [] })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('refuses the view to staff and to clients of projects they do not hold', async () => {
    const { portal, actor } = await withClient();
    await expect(portal.view.feed(staffA as never, 'p-maple')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(portal.view.feed(actor, 'p-oak')).rejects.toMatchObject({ code: 'not_found' });
    await expect(portal.view.open(actor, 'p-maple', 'documents', '../../etc/passwd')).rejects.toMatchObject({ code: 'validation_failed' });
    const me = await portal.view.me(actor);
    expect(me.projects.map((p) => p.id)).toEqual(['p-maple']);
    expect(Array.isArray(me.rules)).toBe(true);
  });

  it('shows a client its own record without how its invite mail went, which is the builder’s', async () => {
    const { portal, actor, clientId } = await withClient();
    expect((await portal.clients.get(staffA, clientId)).inviteDelivery).toMatchObject({ state: 'sent' });
    const me = await portal.view.me(actor);
    expect(me.client).toMatchObject({ id: clientId, email: 'eve@example.com', status: 'active' });
    expect(me.client).not.toHaveProperty('inviteDelivery');
    const signedIn = await portal.sessions.signIn({ tenantId: TENANT_A, email: 'eve@example.com', password: 'long enough password' });
    expect(signedIn.client).not.toHaveProperty('inviteDelivery');
  });
});

describe('audit', () => {
  it('records every invite, resend, accept, sign-in, access change, share and unshare with actor and time', async () => {
    const { portal, clientId, clock } = await withClient();
    await portal.sessions.signIn({ tenantId: TENANT_A, email: 'eve@example.com', password: 'long enough password' });
    const [share] = await portal.shares.share(staffA, 'p-maple', [{ module: 'drawings', id: 'dr-a101', kind: 'item' }]);
    await portal.shares.unshare(staffA, 'p-maple', share!.id);
    await portal.clients.setProjects(staffA, clientId, ['p-maple', 'p-oak']);
    await portal.clients.revokeProject(staffA, clientId, 'p-oak');
    await portal.clients.update(staffA, clientId, { portalAccess: false });
    const events = (await portal.audit.list(staffA)).items;
    expect(events.map((e) => e.action).reverse()).toEqual([
      'client.added',
      'client.project_granted',
      'invite.sent',
      'invite.accepted',
      'session.signed_in',
      'share.created',
      'share.removed',
      'client.projects_set',
      'client.project_granted',
      'client.project_revoked',
      'client.updated',
    ]);
    for (const e of events) expect(e.at.getTime()).toBe(clock.now().getTime());
    expect(events.find((e) => e.action === 'invite.accepted')!.actor).toEqual({ type: 'client', id: clientId });
    expect(events.find((e) => e.action === 'share.created')!.actor).toEqual({ type: 'staff', id: staffA.userId });
    // A project's trail says who was let in, not only who was let out.
    expect((await portal.audit.list(staffA, { projectId: 'p-maple' })).items.map((e) => e.action)).toEqual(['share.removed', 'share.created', 'client.project_granted']);
    expect((await portal.audit.list(staffA, { projectId: 'p-oak' })).items.map((e) => [e.action, e.clientId])).toEqual([
      ['client.project_revoked', clientId],
      ['client.project_granted', clientId],
    ]);
    expect((await portal.audit.list({ ...staffA, tenantId: 'globex' })).items).toEqual([]);
  });

  it('records what adding an existing client changed: its projects, each under its project, a role and a name', async () => {
    const { portal, clientId } = await withClient();
    await portal.roles.save(staffA, { id: 'owner', name: 'Owner', permissions: [{ module: 'changeOrders', actions: ['approve'] }] });
    await portal.clients.add(staffA, { email: 'eve@example.com', name: 'Eve', roleId: 'owner', projectIds: ['p-oak'] });
    const [grant, add] = (await portal.audit.list(staffA, { clientId })).items;
    expect(add).toMatchObject({ action: 'client.updated', data: { projectIds: ['p-maple', 'p-oak'], via: 'add', roleId: 'owner', name: 'Eve' } });
    expect(grant).toMatchObject({ action: 'client.project_granted', projectId: 'p-oak' });
    // Added again with nothing new: nothing but the add itself is said.
    await portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-oak'] });
    expect((await portal.audit.list(staffA, { clientId })).items[0]).toMatchObject({ action: 'client.updated', data: { projectIds: ['p-maple', 'p-oak'], via: 'add' } });
    expect((await portal.audit.list(staffA, { clientId })).items[0]!.data).not.toHaveProperty('roleId');
  });
});
