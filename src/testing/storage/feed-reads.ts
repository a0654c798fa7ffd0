import { describe, expect, it } from 'vitest';
import { TENANT_A, TENANT_B } from '../fixtures.js';
import { at, share, T0, update, type GetStorage } from './records.js';
import { receipt } from './receipts.js';

const MINUTE = 60_000;
const windowAt = (ms: number) => ({ quietSince: at(ms - MINUTE), newVisitBefore: at(ms - 30 * MINUTE) });

export function feedReadTests(get: GetStorage): void {
  describe('feed reads (readFeed)', () => {
    /** p-maple of tenant A: shares out of order (two at one instant), updates (one removed, one edited), visits. */
    async function seed() {
      const s = get();
      await s.insertShare(share({ id: 'sh-3', resourceId: 'd-late', createdAt: at(2000) }));
      await s.insertShare(share({ id: 'sh-2', resourceId: 'd-b', module: 'drawings', kind: 'item', createdAt: at(1000) }));
      await s.insertShare(share({ id: 'sh-1', resourceId: 'd-a', createdAt: at(1000) }));
      await s.insertShare(share({ id: 'sh-x', projectId: 'p-oak', resourceId: 'd-oak' }));
      await s.insertShare(share({ tenantId: TENANT_B, id: 'sh-b', resourceId: 'd-b' }));
      await s.insertUpdate(update({ id: 'up-1', publishedAt: T0, resources: [{ module: 'documents', id: 'd-a' }] }));
      await s.insertUpdate(update({ id: 'up-2', title: 'Framing', publishedAt: at(MINUTE) }));
      await s.insertUpdate(update({ id: 'up-3', publishedAt: at(2 * MINUTE) }));
      await s.insertUpdate(update({ id: 'up-4', publishedAt: at(3 * MINUTE) }));
      await s.insertUpdate(update({ tenantId: TENANT_B, id: 'up-b', publishedAt: at(4 * MINUTE) }));
      await s.editUpdate(TENANT_A, 'p-maple', 'up-3', { body: 'Walls up.', editedAt: at(5 * MINUTE) });
      await s.removeUpdate(TENANT_A, 'p-maple', 'up-4', at(6 * MINUTE));
      await s.recordVisit(TENANT_A, 'cl-1', 'p-maple', T0, windowAt(0));
      await s.recordVisit(TENANT_A, 'cl-1', 'p-maple', at(60 * MINUTE), windowAt(60 * MINUTE));
      await s.recordVisit(TENANT_A, 'cl-2', 'p-oak', T0, windowAt(0));
    }

    it('answers as listShares, listUpdates and getVisit do', async () => {
      await seed();
      const s = get();
      const read = await s.readFeed(TENANT_A, 'p-maple', 'cl-1', { limit: 2 });
      expect(read.shares).toEqual(await s.listShares(TENANT_A, 'p-maple'));
      expect(read.shares.map((x) => x.id)).toEqual(['sh-1', 'sh-2', 'sh-3']);
      expect(read.updates).toEqual(await s.listUpdates(TENANT_A, 'p-maple', { limit: 2 }));
      expect(read.updates!.items.map((u) => u.id)).toEqual(['up-3', 'up-2']);
      expect(read.visit).toEqual(await s.getVisit(TENANT_A, 'cl-1', 'p-maple'));
      expect(read.visit).toEqual({ tenantId: TENANT_A, clientId: 'cl-1', projectId: 'p-maple', lastVisitAt: at(60 * MINUTE), previousVisitAt: T0 });
      // The next page, by the cursor of the first.
      const next = await s.readFeed(TENANT_A, 'p-maple', 'cl-1', { limit: 2, cursor: read.updates!.nextCursor! });
      expect(next.updates).toEqual(await s.listUpdates(TENANT_A, 'p-maple', { limit: 2, cursor: read.updates!.nextCursor! }));
      expect(next.updates).toEqual({ items: [expect.objectContaining({ id: 'up-1', resources: [{ module: 'documents', id: 'd-a' }] })], nextCursor: null });
    });

    it('reads no updates unless asked, no visit before the first, and nothing of other projects or tenants', async () => {
      await seed();
      const s = get();
      const read = await s.readFeed(TENANT_A, 'p-maple', 'cl-2');
      expect(read).not.toHaveProperty('updates');
      expect(read.visit).toBeNull();
      expect(read.shares.map((x) => x.id)).toEqual(['sh-1', 'sh-2', 'sh-3']);
      expect(await s.readFeed(TENANT_A, 'p-oak', 'cl-2', { limit: 10 })).toEqual({
        shares: [share({ id: 'sh-x', projectId: 'p-oak', resourceId: 'd-oak' })],
        updates: { items: [], nextCursor: null },
        visit: { tenantId: TENANT_A, clientId: 'cl-2', projectId: 'p-oak', lastVisitAt: T0 },
      });
      expect(await s.readFeed(TENANT_B, 'p-maple', 'cl-1', { limit: 10 })).toEqual({
        shares: [share({ tenantId: TENANT_B, id: 'sh-b', resourceId: 'd-b' })],
        updates: { items: [update({ tenantId: TENANT_B, id: 'up-b', publishedAt: at(4 * MINUTE) })], nextCursor: null },
        visit: null,
      });
      expect(await s.readFeed(TENANT_A, 'p-birch', 'cl-1', { limit: 10 })).toEqual({ shares: [], updates: { items: [], nextCursor: null }, visit: null });
    });

    it("brings the client's receipts, when it brings them, as listReceipts lists them", async () => {
      await seed();
      const s = get();
      const quiet = at(-MINUTE);
      // cl-1's in p-maple (two), another client's, another project's, another tenant's.
      await s.recordView(receipt({ id: 'd-a', firstViewedAt: at(3000), lastViewedAt: at(3000) }), quiet);
      await s.recordView(receipt({ id: 'd-b', module: 'drawings', firstViewedAt: at(4000), lastViewedAt: at(4000) }), quiet);
      await s.recordView(receipt({ id: 'd-a', clientId: 'cl-2' }), quiet);
      await s.recordView(receipt({ id: 'd-oak', projectId: 'p-oak' }), quiet);
      await s.recordView(receipt({ id: 'd-a', tenantId: TENANT_B }), quiet);
      // cl-1's visit before the last began at T0, before every share: receipts may come along.
      const read = await s.readFeed(TENANT_A, 'p-maple', 'cl-1', { limit: 2 });
      expect(read.receipts === undefined || read.receipts.length === 2).toBe(true);
      if (read.receipts) expect(read.receipts).toEqual(await s.listReceipts(TENANT_A, 'p-maple', { clientId: 'cl-1' }));
    });

    it('rejects an updates cursor it did not make with a BadRequestError', async () => {
      for (const cursor of ['not a cursor', 'e30']) {
        await expect(get().readFeed(TENANT_A, 'p-maple', 'cl-1', { limit: 10, cursor })).rejects.toMatchObject({ name: 'BadRequestError', code: 'bad_request' });
      }
    });

    it('returns copies: changing them changes nothing stored', async () => {
      await seed();
      const s = get();
      const read = await s.readFeed(TENANT_A, 'p-maple', 'cl-1', { limit: 10 });
      read.shares[0]!.createdAt.setTime(0);
      read.updates!.items[0]!.resources.push({ module: 'photos', id: 'ph-x' });
      read.visit!.lastVisitAt.setTime(0);
      const again = await s.readFeed(TENANT_A, 'p-maple', 'cl-1', { limit: 10 });
      expect(again.shares[0]!.createdAt).toEqual(at(1000));
      expect(again.updates!.items[0]!.resources).toEqual([]);
      expect(again.visit!.lastVisitAt).toEqual(at(60 * MINUTE));
    });
  });
}
