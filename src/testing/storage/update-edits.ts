import { describe, expect, it } from 'vitest';
import type { ResourceRef } from '../../model/resource.js';
import { TENANT_A, TENANT_B } from '../fixtures.js';
import { at, T0, update, type GetStorage } from './records.js';

const photo: ResourceRef = { module: 'photos', id: 'ph-1' };
const permit: ResourceRef = { module: 'documents', id: 'd-permit' };
const drawing: ResourceRef = { module: 'drawings', id: 'dr-a101' };
const ALL = [photo, permit, drawing];

const attachedIds = async (get: GetStorage) => (await get().findAttached(TENANT_A, 'p-maple', ALL)).map((r) => `${r.module}/${r.id}`).sort();
const listedIds = async (get: GetStorage) => (await get().listUpdates(TENANT_A, 'p-maple', { limit: 50 })).items.map((u) => u.id);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function updateEditTests(get: GetStorage): void {
  describe('update edits and removals', () => {
    it('getUpdate returns the stored update, and null for an unknown id or another tenant', async () => {
      const stored = update({ title: 'Week 1', resources: [photo] });
      await get().insertUpdate(stored);
      expect(await get().getUpdate(TENANT_A, 'up-1')).toEqual(stored);
      expect(await get().getUpdate(TENANT_A, 'up-nope')).toBeNull();
      expect(await get().getUpdate(TENANT_B, 'up-1')).toBeNull();
    });

    it('stores editedAt given to insertUpdate, and leaves it out when absent', async () => {
      await get().insertUpdate(update({ id: 'up-e', editedAt: at(5) }));
      await get().insertUpdate(update({ id: 'up-n' }));
      expect((await get().getUpdate(TENANT_A, 'up-e'))?.editedAt).toEqual(at(5));
      expect(await get().getUpdate(TENANT_A, 'up-n')).not.toHaveProperty('editedAt');
    });

    it('editUpdate replaces the fields given, keeps the others, sets editedAt and returns the update as stored', async () => {
      await get().insertUpdate(update({ title: 'Week 1', resources: [photo] }));
      const edited = await get().editUpdate(TENANT_A, 'p-maple', 'up-1', { body: 'Slab cured.', editedAt: at(1000) });
      const expected = update({ title: 'Week 1', body: 'Slab cured.', resources: [photo], editedAt: at(1000) });
      expect(edited).toEqual(expected);
      expect(await get().getUpdate(TENANT_A, 'up-1')).toEqual(expected);
      expect((await get().listUpdates(TENANT_A, 'p-maple', { limit: 10 })).items).toEqual([expected]);
      // The listing order stays by publishedAt: an edit does not bring an update to the top.
      await get().insertUpdate(update({ id: 'up-2', publishedAt: at(1) }));
      await get().editUpdate(TENANT_A, 'p-maple', 'up-1', { title: 'Week one', editedAt: at(2000) });
      expect(await listedIds(get)).toEqual(['up-2', 'up-1']);
    });

    it('editUpdate with title null removes the title', async () => {
      await get().insertUpdate(update({ title: 'Week 1' }));
      const edited = await get().editUpdate(TENANT_A, 'p-maple', 'up-1', { title: null, editedAt: at(1) });
      expect(edited).not.toHaveProperty('title');
      expect(await get().getUpdate(TENANT_A, 'up-1')).not.toHaveProperty('title');
      expect(await get().getUpdate(TENANT_A, 'up-1')).toEqual(update({ editedAt: at(1) }));
    });

    it('editUpdate of resources changes what findAttached answers', async () => {
      await get().insertUpdate(update({ resources: [photo, permit] }));
      expect(await attachedIds(get)).toEqual(['documents/d-permit', 'photos/ph-1']);
      const edited = await get().editUpdate(TENANT_A, 'p-maple', 'up-1', { resources: [drawing, photo], editedAt: at(1) });
      expect(edited?.resources).toEqual([drawing, photo]);
      expect(await attachedIds(get)).toEqual(['drawings/dr-a101', 'photos/ph-1']);
      await get().editUpdate(TENANT_A, 'p-maple', 'up-1', { resources: [], editedAt: at(2) });
      expect(await attachedIds(get)).toEqual([]);
    });

    it('editUpdate answers null, and changes nothing, for another project, another tenant or an unknown id', async () => {
      const stored = update({ title: 'Week 1', resources: [photo] });
      await get().insertUpdate(stored);
      expect(await get().editUpdate(TENANT_A, 'p-oak', 'up-1', { body: 'x', editedAt: at(1) })).toBeNull();
      expect(await get().editUpdate(TENANT_B, 'p-maple', 'up-1', { body: 'x', editedAt: at(1) })).toBeNull();
      expect(await get().editUpdate(TENANT_A, 'p-maple', 'up-nope', { body: 'x', editedAt: at(1) })).toBeNull();
      expect(await get().getUpdate(TENANT_A, 'up-1')).toEqual(stored);
    });

    it('removeUpdate hides the update from getUpdate, listUpdates and findAttached; once', async () => {
      await get().insertUpdate(update({ resources: [photo, permit] }));
      await get().insertUpdate(update({ id: 'up-2', publishedAt: at(1), resources: [photo] }));
      expect(await get().removeUpdate(TENANT_A, 'p-maple', 'up-1', at(10))).toBe(true);
      expect(await get().removeUpdate(TENANT_A, 'p-maple', 'up-1', at(11))).toBe(false);
      expect(await get().getUpdate(TENANT_A, 'up-1')).toBeNull();
      expect(await listedIds(get)).toEqual(['up-2']);
      // The photo stays attached through the other, live update; the permit was only on this one.
      expect(await attachedIds(get)).toEqual(['photos/ph-1']);
      expect(await get().editUpdate(TENANT_A, 'p-maple', 'up-1', { body: 'back?', editedAt: at(12) })).toBeNull();
      expect(await get().getUpdate(TENANT_A, 'up-1')).toBeNull();
    });

    it('removeUpdate answers false, and removes nothing, for another project, another tenant or an unknown id', async () => {
      await get().insertUpdate(update());
      expect(await get().removeUpdate(TENANT_A, 'p-oak', 'up-1', at(1))).toBe(false);
      expect(await get().removeUpdate(TENANT_B, 'p-maple', 'up-1', at(1))).toBe(false);
      expect(await get().removeUpdate(TENANT_A, 'p-maple', 'up-nope', at(1))).toBe(false);
      expect(await get().getUpdate(TENANT_A, 'up-1')).toEqual(update());
    });

    it('pages over the live updates only: removed ones neither count toward a page nor appear on the next', async () => {
      for (let i = 0; i < 6; i++) await get().insertUpdate(update({ id: `up-${i}`, publishedAt: at(i) }));
      await get().removeUpdate(TENANT_A, 'p-maple', 'up-4', at(10));
      await get().removeUpdate(TENANT_A, 'p-maple', 'up-1', at(10));
      const first = await get().listUpdates(TENANT_A, 'p-maple', { limit: 2 });
      expect(first.items.map((u) => u.id)).toEqual(['up-5', 'up-3']);
      const second = await get().listUpdates(TENANT_A, 'p-maple', { limit: 2, cursor: first.nextCursor! });
      expect(second.items.map((u) => u.id)).toEqual(['up-2', 'up-0']);
      expect(second.nextCursor).toBeNull();
    });

    it('undoes an edit and a removal when the transaction throws', async () => {
      const kept = update({ title: 'Week 1', resources: [photo] });
      const other = update({ id: 'up-2', publishedAt: at(1), resources: [permit] });
      await get().insertUpdate(kept);
      await get().insertUpdate(other);
      const boom = new Error('boom');
      await expect(
        get().transaction(async (tx) => {
          await tx.editUpdate(TENANT_A, 'p-maple', 'up-1', { title: null, body: 'changed', resources: [drawing], editedAt: at(5) });
          await tx.removeUpdate(TENANT_A, 'p-maple', 'up-2', at(5));
          expect(await tx.getUpdate(TENANT_A, 'up-2')).toBeNull();
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await get().getUpdate(TENANT_A, 'up-1')).toEqual(kept);
      expect(await get().getUpdate(TENANT_A, 'up-2')).toEqual(other);
      expect(await attachedIds(get)).toEqual(['documents/d-permit', 'photos/ph-1']);
    });

    describe('transaction isolation', () => {
      it('of concurrent removals of one update, exactly one answers true', async () => {
        await get().insertUpdate(update({ resources: [photo] }));
        const remove = () =>
          get().transaction(async (tx) => {
            const removed = await tx.removeUpdate(TENANT_A, 'p-maple', 'up-1', T0);
            await sleep(20);
            return removed;
          });
        const results = await Promise.all([remove(), remove(), remove()]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await attachedIds(get)).toEqual([]);
      });

      it('concurrent edits of different fields lose neither change', async () => {
        await get().insertUpdate(update({ title: 'Week 1', resources: [photo] }));
        const editBody = get().transaction(async (tx) => {
          const edited = await tx.editUpdate(TENANT_A, 'p-maple', 'up-1', { body: 'New body', editedAt: at(1) });
          await sleep(30);
          return edited;
        });
        const editResources = get().transaction((tx) => tx.editUpdate(TENANT_A, 'p-maple', 'up-1', { resources: [drawing], editedAt: at(2) }));
        await Promise.all([editBody, editResources]);
        const after = await get().getUpdate(TENANT_A, 'up-1');
        expect(after).toMatchObject({ title: 'Week 1', body: 'New body', resources: [drawing] });
        expect(await attachedIds(get)).toEqual(['drawings/dr-a101']);
      });

      it('an edit racing a removal either lands before it or finds nothing', async () => {
        await get().insertUpdate(update({ resources: [photo] }));
        const remove = get().transaction(async (tx) => {
          const removed = await tx.removeUpdate(TENANT_A, 'p-maple', 'up-1', at(1));
          await sleep(30);
          return removed;
        });
        const edit = get().transaction((tx) => tx.editUpdate(TENANT_A, 'p-maple', 'up-1', { resources: [permit], editedAt: at(2) }));
        const [removed, edited] = await Promise.all([remove, edit]);
        expect(removed).toBe(true);
        // Either way the removed update makes nothing visible.
        expect(edited === null || edited.resources[0]?.id === 'd-permit').toBe(true);
        expect(await get().getUpdate(TENANT_A, 'up-1')).toBeNull();
        expect(await attachedIds(get)).toEqual([]);
      });
    });
  });
}
