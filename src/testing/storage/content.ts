import { describe, expect, it } from 'vitest';
import { encodeKeyCursor } from '../../ports/cursor.js';
import { pageOfShares } from '../../ports/share-pages.js';
import { TENANT_A } from '../fixtures.js';
import { at, auditEvent, share, T0, update, type GetStorage } from './records.js';

export function contentTests(get: GetStorage): void {
  describe('shares', () => {
    it('stores a share and returns it; null when missing', async () => {
      expect(await get().getShare(TENANT_A, 'sh-1')).toBeNull();
      expect(await get().insertShare(share())).toEqual(share());
      expect(await get().getShare(TENANT_A, 'sh-1')).toEqual(share());
    });

    it('returns the existing share when the same resource is shared again', async () => {
      await get().insertShare(share());
      const again = await get().insertShare(share({ id: 'sh-2', kind: 'item', createdAt: at(5) }));
      expect(again).toEqual(share());
      expect(await get().getShare(TENANT_A, 'sh-2')).toBeNull();
      expect(await get().listShares(TENANT_A, 'p-maple')).toEqual([share()]);
      // The same resource id in another project or module is another resource.
      expect((await get().insertShare(share({ id: 'sh-3', projectId: 'p-oak' }))).id).toBe('sh-3');
      expect((await get().insertShare(share({ id: 'sh-4', module: 'photos' }))).id).toBe('sh-4');
    });

    it('stores a share with its audit line in one step, and neither again for a resource already shared', async () => {
      const logged = auditEvent({ id: 'au-1', action: 'share.created', projectId: 'p-maple', data: { shareId: 'sh-1', module: 'documents', resourceId: 'd-contracts', kind: 'folder' } });
      expect(await get().insertShareAudited(share(), logged)).toEqual(share());
      expect(await get().getShare(TENANT_A, 'sh-1')).toEqual(share());
      expect((await get().listAudit(TENANT_A, { limit: 10 })).items).toEqual([logged]);
      const again = await get().insertShareAudited(share({ id: 'sh-2', kind: 'item', createdAt: at(5) }), auditEvent({ id: 'au-2', action: 'share.created', at: at(5) }));
      expect(again).toEqual(share());
      expect(await get().getShare(TENANT_A, 'sh-2')).toBeNull();
      expect((await get().listAudit(TENANT_A, { limit: 10 })).items).toEqual([logged]);
    });

    it('finds the shares among a resource and its ancestors, in that project only', async () => {
      await get().insertShare(share({ id: 'sh-folder', resourceId: 'd-contracts', kind: 'folder' }));
      await get().insertShare(share({ id: 'sh-item', resourceId: 'd-permit', kind: 'item' }));
      await get().insertShare(share({ id: 'sh-other', projectId: 'p-oak', resourceId: 'd-permits' }));
      await get().insertShare(share({ id: 'sh-photo', module: 'photos', resourceId: 'd-permits' }));
      const found = await get().findShares(TENANT_A, 'p-maple', [
        { module: 'documents', id: 'd-permit' },
        { module: 'documents', id: 'd-permits' },
        { module: 'documents', id: 'd-contracts' },
      ]);
      expect(found.map((s) => s.id)).toEqual(['sh-item', 'sh-folder']);
      expect(await get().findShares(TENANT_A, 'p-maple', [])).toEqual([]);
      expect(await get().findShares(TENANT_A, 'p-harbor', [{ module: 'documents', id: 'd-contracts' }])).toEqual([]);
    });

    it('lists a project’s shares by createdAt, then id, optionally of one module', async () => {
      await get().insertShare(share({ id: 'sh-b', resourceId: 'r1', createdAt: at(0) }));
      await get().insertShare(share({ id: 'sh-a', resourceId: 'r2', module: 'photos', createdAt: at(0) }));
      await get().insertShare(share({ id: 'sh-0', resourceId: 'r3', createdAt: at(1) }));
      await get().insertShare(share({ id: 'sh-x', resourceId: 'r4', projectId: 'p-oak' }));
      expect((await get().listShares(TENANT_A, 'p-maple')).map((s) => s.id)).toEqual(['sh-a', 'sh-b', 'sh-0']);
      expect((await get().listShares(TENANT_A, 'p-maple', { module: 'documents' })).map((s) => s.id)).toEqual(['sh-b', 'sh-0']);
      expect(await get().listShares(TENANT_A, 'p-none')).toEqual([]);
    });

    it('pages a project’s shares in the list’s order, with or without a pageShares of its own', async () => {
      // 25 shares, two or three to each instant: pages must break ties by id.
      for (let i = 0; i < 25; i++) {
        await get().insertShare(share({ id: `sh-${String(24 - i).padStart(2, '0')}`, resourceId: `r-${i}`, createdAt: at(Math.floor(i / 3)), ...(i % 4 ? {} : { module: 'photos' as const }) }));
      }
      await get().insertShare(share({ id: 'sh-oak', resourceId: 'r-oak', projectId: 'p-oak' }));
      const all = (await get().listShares(TENANT_A, 'p-maple')).map((s) => s.id);
      expect(all).toHaveLength(25);
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await pageOfShares(get(), TENANT_A, 'p-maple', { limit: 6, cursor });
        pages.push(page.items.map((s) => s.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(pages.map((p) => p.length)).toEqual([6, 6, 6, 6, 1]);
      expect(pages.flat()).toEqual(all);
      const photos = await pageOfShares(get(), TENANT_A, 'p-maple', { module: 'photos', limit: 7 });
      expect(photos.items.map((s) => s.id)).toEqual((await get().listShares(TENANT_A, 'p-maple', { module: 'photos' })).map((s) => s.id));
      expect(photos.nextCursor).toBeNull();
      for (const bad of ['not a cursor', 'e30', encodeKeyCursor(T0, ['cl-1', 'documents', 'd-1'])]) {
        for (const project of ['p-maple', 'p-none']) {
          await expect(pageOfShares(get(), TENANT_A, project, { limit: 5, cursor: bad }), `${bad} in ${project}`).rejects.toMatchObject({ name: 'BadRequestError', code: 'bad_request' });
        }
      }
    });

    it('deletes a share, reporting whether it existed; the resource can be shared anew', async () => {
      await get().insertShare(share());
      expect(await get().deleteShare(TENANT_A, 'sh-1')).toBe(true);
      expect(await get().deleteShare(TENANT_A, 'sh-1')).toBe(false);
      expect(await get().findShares(TENANT_A, 'p-maple', [{ module: 'documents', id: 'd-contracts' }])).toEqual([]);
      expect((await get().insertShare(share({ id: 'sh-2' }))).id).toBe('sh-2');
    });
  });

  describe('updates', () => {
    it('lists a project’s updates newest first, then id descending', async () => {
      const first = update({ id: 'up-a', title: 'Week 1', resources: [{ module: 'photos', id: 'ph-1' }, { module: 'documents', id: 'd-permit' }] });
      await get().insertUpdate(first);
      await get().insertUpdate(update({ id: 'up-b', publishedAt: T0 }));
      await get().insertUpdate(update({ id: 'up-c', publishedAt: at(-1) }));
      await get().insertUpdate(update({ id: 'up-d', publishedAt: at(1) }));
      await get().insertUpdate(update({ id: 'up-e', projectId: 'p-oak' }));
      const page = await get().listUpdates(TENANT_A, 'p-maple', { limit: 10 });
      expect(page.items.map((u) => u.id)).toEqual(['up-d', 'up-b', 'up-a', 'up-c']);
      expect(page.nextCursor).toBeNull();
      expect(page.items[2]).toEqual(first);
      expect(page.items[1]!.title).toBeUndefined();
    });

    it('tells which resources are attached to an update of the project: each once, in the order asked', async () => {
      await get().insertUpdate(update({ id: 'up-1', resources: [{ module: 'photos', id: 'ph-1' }, { module: 'documents', id: 'd-permits' }] }));
      await get().insertUpdate(update({ id: 'up-2', resources: [{ module: 'photos', id: 'ph-1' }] }));
      await get().insertUpdate(update({ id: 'up-3', projectId: 'p-oak', resources: [{ module: 'documents', id: 'd-permit' }] }));
      const found = await get().findAttached(TENANT_A, 'p-maple', [
        { module: 'documents', id: 'd-permit' },
        { module: 'documents', id: 'd-permits' },
        { module: 'photos', id: 'ph-1' },
        { module: 'documents', id: 'ph-1' },
      ]);
      expect(found.map((r) => `${r.module}/${r.id}`)).toEqual(['documents/d-permits', 'photos/ph-1']);
      const reversed = await get().findAttached(TENANT_A, 'p-maple', [{ module: 'photos', id: 'ph-1' }, { module: 'documents', id: 'd-permits' }, { module: 'photos', id: 'ph-1' }]);
      expect(reversed).toEqual([{ module: 'photos', id: 'ph-1' }, { module: 'documents', id: 'd-permits' }]);
      expect(await get().findAttached(TENANT_A, 'p-maple', [])).toEqual([]);
    });
  });
}
