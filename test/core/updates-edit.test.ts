import { describe, expect, it } from 'vitest';
import { ValidationError, type ClientActor } from 'sitegate';
import { staffA, staffB, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

/** A portal with one active client of p-maple and one published update with two attachments. */
async function withUpdate() {
  const setup = makePortal();
  await setup.portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
  await setup.portal.outbox.flush();
  const { session } = await setup.portal.invites.accept(setup.lastInviteToken('eve@example.com'), { password: 'long enough password' });
  const actor = (await setup.portal.sessions.resolve(session.token)) as ClientActor;
  const published = await setup.portal.updates.publish(staffA, 'p-maple', {
    title: 'Week 1',
    body: 'Foundation poured.',
    resources: [
      { module: 'drawings', id: 'dr-a201' },
      { module: 'photos', id: 'ph-1' },
    ],
  });
  const can = (module: string, id: string) => setup.portal.can(actor, 'read', { projectId: 'p-maple', module, id });
  const feedUpdates = async () => (await setup.portal.view.feed(actor, 'p-maple')).modules.updates ?? [];
  const audit = async () => (await setup.portal.audit.list(staffA, { projectId: 'p-maple' })).items.map((e) => e.action);
  return { ...setup, actor, published, can, feedUpdates, audit };
}

describe('updates: edit', () => {
  it('changes the fields given, keeps the rest, marks the update edited and records it', async () => {
    const { portal, published, clock, feedUpdates, audit } = await withUpdate();
    clock.advanceMs(60_000);
    const edited = await portal.updates.edit(staffA, 'p-maple', published.id, { body: '  Foundation poured and cured.  ' });
    expect(edited).toEqual({ ...published, body: 'Foundation poured and cured.', editedAt: clock.now() });
    expect((await portal.updates.list(staffA, 'p-maple')).items).toEqual([edited]);
    const [shown] = await feedUpdates();
    expect(shown?.update).toMatchObject({ body: 'Foundation poured and cured.', editedAt: clock.now() });
    expect(shown?.resources.map((r) => r.id)).toEqual(['dr-a201', 'ph-1']);
    expect((await audit())[0]).toBe('update.edited');
    const [event] = (await portal.audit.list(staffA, { projectId: 'p-maple' })).items;
    expect(event).toMatchObject({ actor: { type: 'staff', id: 'u-alice' }, data: { updateId: published.id, fields: ['body'] } });
  });

  it('removes the title with title: null', async () => {
    const { portal, published } = await withUpdate();
    const edited = await portal.updates.edit(staffA, 'p-maple', published.id, { title: null });
    expect(edited).not.toHaveProperty('title');
    expect((await portal.updates.list(staffA, 'p-maple')).items[0]).not.toHaveProperty('title');
  });

  it('replaces the attachments: a detached resource is no longer visible through the update, a new one is', async () => {
    const { portal, published, can, feedUpdates } = await withUpdate();
    expect(await can('photos', 'ph-1')).toBe(true);
    expect(await can('documents', 'd-contract')).toBe(false);
    await portal.updates.edit(staffA, 'p-maple', published.id, { resources: [{ module: 'documents', id: 'd-contract' }] });
    expect(await can('photos', 'ph-1')).toBe(false);
    expect(await can('documents', 'd-contract')).toBe(true);
    expect((await feedUpdates())[0]?.resources.map((r) => r.id)).toEqual(['d-contract']);
  });

  it('validates attachments like publish (same project, must exist), reports every bad one, and changes nothing', async () => {
    const { portal, published } = await withUpdate();
    const error = await portal.updates
      .edit(staffA, 'p-maple', published.id, {
        body: 'changed',
        resources: [
          { module: 'documents', id: 'd-contract' },
          { module: 'documents', id: 'nope' },
          { module: 'drawings', id: 'dr-a101' },
        ],
      })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i: { path: unknown[] }) => i.path)).toEqual([['resources', 1, 'id']]);
    // A resource of another project (dr-a101 is p-maple's) cannot be attached to a p-harbor update.
    const harbor = await portal.updates.publish(staffA, 'p-harbor', { body: 'Harbor news' });
    await expect(portal.updates.edit(staffA, 'p-harbor', harbor.id, { resources: [{ module: 'drawings', id: 'dr-a101' }] })).rejects.toMatchObject({
      issues: [{ path: ['resources', 0, 'id'] }],
    });
    expect((await portal.updates.list(staffA, 'p-harbor')).items).toEqual([harbor]);
    expect((await portal.updates.list(staffA, 'p-maple')).items).toEqual([published]);
  });

  it('answers 422 for bad input and an empty edit, and changes nothing', async () => {
    const { portal, published } = await withUpdate();
    for (const input of [{}, { body: '   ' }, { title: '' }, { body: 'x'.repeat(20_001) }, { body: 'ok', extra: 1 }, { resources: [{ module: 'nope', id: 'x' }] }, null, 'text']) {
      await expect(portal.updates.edit(staffA, 'p-maple', published.id, input as never), JSON.stringify(input)).rejects.toMatchObject({ code: 'validation_failed' });
    }
    await expect(portal.updates.edit(staffA, 'p-maple', '../x', { body: 'x' })).rejects.toMatchObject({ code: 'validation_failed' });
    expect((await portal.updates.list(staffA, 'p-maple')).items).toEqual([published]);
  });

  it('is not found for another tenant, another project, an unknown id and a removed update', async () => {
    const { portal, published } = await withUpdate();
    await expect(portal.updates.edit(staffB, 'p-maple', published.id, { body: 'hijack' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(portal.updates.edit(staffA, 'p-oak', published.id, { body: 'moved?' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(portal.updates.edit(staffA, 'p-maple', 'up_missing', { body: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    await portal.updates.remove(staffA, 'p-maple', published.id);
    await expect(portal.updates.edit(staffA, 'p-maple', published.id, { body: 'back' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('is for staff only', async () => {
    const { portal, published, actor } = await withUpdate();
    await expect(portal.updates.edit(actor as never, 'p-maple', published.id, { body: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(portal.updates.remove(actor as never, 'p-maple', published.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(portal.updates.edit(null as never, 'p-maple', published.id, { body: 'x' })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});

describe('updates: remove', () => {
  it('hides the update from the feed, the staff list and the storage reads, keeps the record, and records it', async () => {
    const { portal, storage, published, can, feedUpdates, audit } = await withUpdate();
    const other = await portal.updates.publish(staffA, 'p-maple', { body: 'Roof on.', resources: [{ module: 'photos', id: 'ph-1' }] });
    await portal.updates.remove(staffA, 'p-maple', published.id);
    expect((await feedUpdates()).map((u) => u.update.id)).toEqual([other.id]);
    expect((await portal.updates.list(staffA, 'p-maple')).items.map((u) => u.id)).toEqual([other.id]);
    // What notifications read: a removed update drops out of digests.
    expect(await storage.getUpdate(TENANT_A, published.id)).toBeNull();
    // What only the removed update made visible is no longer visible; the photo still is, through the other update.
    expect(await can('drawings', 'dr-a201')).toBe(false);
    expect(await can('photos', 'ph-1')).toBe(true);
    expect((await audit())[0]).toBe('update.removed');
  });

  it('is not found a second time, for another tenant or project, and for an unknown id', async () => {
    const { portal, published, feedUpdates } = await withUpdate();
    await expect(portal.updates.remove(staffB, 'p-maple', published.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(portal.updates.remove(staffA, 'p-oak', published.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(portal.updates.remove(staffA, 'p-maple', 'up_missing')).rejects.toMatchObject({ code: 'not_found' });
    expect((await feedUpdates()).map((u) => u.update.id)).toEqual([published.id]);
    await portal.updates.remove(staffA, 'p-maple', published.id);
    await expect(portal.updates.remove(staffA, 'p-maple', published.id)).rejects.toMatchObject({ code: 'not_found' });
    const actions = (await portal.audit.list(staffA, { projectId: 'p-maple' })).items.map((e) => e.action);
    expect(actions.filter((a) => a === 'update.removed')).toHaveLength(1);
  });
});

describe('updates in the feed: what the client is told of their attachments', () => {
  it('names only the attachments the client may see, in the update as in its resources', async () => {
    const { portal, actor, content, feedUpdates } = await withUpdate();
    const withAll = async () => ((await feedUpdates())[0]!.update.resources ?? []).map((r) => `${r.module}/${r.id}`);
    expect(await withAll()).toEqual(['drawings/dr-a201', 'photos/ph-1']);
    // The role no longer reads drawings: the update stops naming the drawing.
    await portal.roles.save(staffA, { id: 'photos-only', name: 'Photos only', permissions: [{ module: 'photos', actions: ['read'] }, { module: 'updates', actions: ['read'] }] });
    await portal.clients.update(staffA, actor.clientId, { roleId: 'photos-only' });
    expect(await withAll()).toEqual(['photos/ph-1']);
    // Nor of one the builder's product deleted since.
    content.remove({ tenantId: TENANT_A, projectId: 'p-maple', module: 'photos', id: 'ph-1' });
    expect(await withAll()).toEqual([]);
    expect((await feedUpdates())[0]!.resources).toEqual([]);
    // The staff list keeps every attachment as published.
    expect((await portal.updates.list(staffA, 'p-maple')).items[0]!.resources.map((r) => r.id)).toEqual(['dr-a201', 'ph-1']);
  });
});
