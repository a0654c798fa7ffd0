import { describe, expect, it } from 'vitest';
import type { Receipt } from '../../model/receipt.js';
import { encodeTimeCursor } from '../../ports/cursor.js';
import { pageOfReceipts } from '../../ports/receipt-pages.js';
import { TENANT_A, TENANT_B } from '../fixtures.js';
import { at, T0, type GetStorage } from './records.js';

const MINUTE = 60_000;

/** A first view of `d-contract` by `cl-1` at T0. */
export const receipt = (over: Partial<Receipt> = {}): Receipt => ({
  tenantId: TENANT_A,
  projectId: 'p-maple',
  clientId: 'cl-1',
  module: 'documents',
  id: 'd-contract',
  firstViewedAt: T0,
  lastViewedAt: T0,
  views: 1,
  ...over,
});

/** A view at `ms` after T0, with the one-minute quiet period the core uses. */
const viewAt = (ms: number, over: Partial<Receipt> = {}) => [receipt({ firstViewedAt: at(ms), lastViewedAt: at(ms), ...over }), at(ms - MINUTE)] as const;

export function receiptTests(get: GetStorage): void {
  describe('read receipts', () => {
    it('stores a first view as given, and lists it', async () => {
      expect(await get().recordView(...viewAt(0))).toBe('created');
      expect(await get().listReceipts(TENANT_A, 'p-maple')).toEqual([receipt()]);
    });

    it('writes nothing for a view within the quiet period, and counts one after it', async () => {
      await get().recordView(...viewAt(0));
      expect(await get().recordView(...viewAt(59_999))).toBe('throttled');
      expect(await get().listReceipts(TENANT_A, 'p-maple')).toEqual([receipt()]);
      // Quiet since exactly the last view: that counts as quiet (`<=`).
      expect(await get().recordView(...viewAt(MINUTE))).toBe('updated');
      expect(await get().recordView(...viewAt(MINUTE + 1))).toBe('throttled');
      expect(await get().recordView(...viewAt(5 * MINUTE))).toBe('updated');
      expect(await get().listReceipts(TENANT_A, 'p-maple')).toEqual([receipt({ lastViewedAt: at(5 * MINUTE), views: 3 })]);
    });

    it('keeps one receipt per client and resource, and lists newest view first, then client, module, id', async () => {
      await get().recordView(...viewAt(0));
      await get().recordView(...viewAt(0, { clientId: 'cl-0' }));
      await get().recordView(...viewAt(0, { module: 'photos', id: 'ph-1' }));
      await get().recordView(...viewAt(1000, { id: 'd-specs' }));
      await get().recordView(...viewAt(-1000, { id: 'd-a' }));
      const order = (await get().listReceipts(TENANT_A, 'p-maple')).map((r) => `${r.clientId}/${r.module}/${r.id}`);
      expect(order).toEqual(['cl-1/documents/d-specs', 'cl-0/documents/d-contract', 'cl-1/documents/d-contract', 'cl-1/photos/ph-1', 'cl-1/documents/d-a']);
    });

    it('filters by module, resource and client', async () => {
      await get().recordView(...viewAt(0));
      await get().recordView(...viewAt(1, { clientId: 'cl-2' }));
      await get().recordView(...viewAt(2, { module: 'photos', id: 'ph-1' }));
      await get().recordView(...viewAt(3, { id: 'd-specs' }));
      const keys = async (q: Parameters<ReturnType<GetStorage>['listReceipts']>[2]) =>
        (await get().listReceipts(TENANT_A, 'p-maple', q)).map((r) => `${r.clientId}/${r.module}/${r.id}`);
      expect(await keys({ module: 'photos' })).toEqual(['cl-1/photos/ph-1']);
      expect(await keys({ id: 'd-contract' })).toEqual(['cl-2/documents/d-contract', 'cl-1/documents/d-contract']);
      expect(await keys({ clientId: 'cl-2' })).toEqual(['cl-2/documents/d-contract']);
      expect(await keys({ module: 'documents', id: 'd-contract', clientId: 'cl-1' })).toEqual(['cl-1/documents/d-contract']);
      expect(await keys({ module: 'photos', id: 'd-contract' })).toEqual([]);
      expect(await keys({ ids: ['d-specs', 'ph-1', 'd-none'] })).toEqual(['cl-1/documents/d-specs', 'cl-1/photos/ph-1']);
      expect(await keys({ ids: ['d-contract'], clientId: 'cl-1' })).toEqual(['cl-1/documents/d-contract']);
    });

    it('pages in the list\'s order, ties by client, module and id, with or without a pageReceipts of its own', async () => {
      // 30 receipts, three to each instant: pages must break ties the way the list does.
      for (let i = 0; i < 30; i++) {
        const over = { clientId: `cl-${i % 3}`, id: `d-${String(i).padStart(2, '0')}`, ...(i % 2 ? { module: 'photos' as const } : {}) };
        await get().recordView(...viewAt(Math.floor(i / 3) * 1000, over));
      }
      await get().recordView(...viewAt(0, { tenantId: TENANT_B }));
      const key = (r: Receipt) => `${r.clientId}/${r.module}/${r.id}`;
      const all = (await get().listReceipts(TENANT_A, 'p-maple')).map(key);
      expect(all).toHaveLength(30);
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await pageOfReceipts(get(), TENANT_A, 'p-maple', { limit: 7, cursor });
        pages.push(page.items.map(key));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 7, 2]);
      expect(pages.flat()).toEqual(all);
      // Filters hold on every page; a last page exactly full has no cursor.
      const photos = await pageOfReceipts(get(), TENANT_A, 'p-maple', { module: 'photos', limit: 15 });
      expect(photos.items.map(key)).toEqual(all.filter((k) => k.includes('/photos/')));
      expect(photos.nextCursor).toBeNull();
      const chosen = await pageOfReceipts(get(), TENANT_A, 'p-maple', { ids: ['d-03', 'd-29'], limit: 1 });
      const rest = await pageOfReceipts(get(), TENANT_A, 'p-maple', { ids: ['d-03', 'd-29'], limit: 1, cursor: chosen.nextCursor! });
      expect([...chosen.items, ...rest.items].map(key)).toEqual(['cl-2/photos/d-29', 'cl-0/photos/d-03']);
      expect(rest.nextCursor).toBeNull();
      for (const bad of ['not a cursor', 'e30', encodeTimeCursor(T0, 'cl-1')]) {
        await expect(pageOfReceipts(get(), TENANT_A, 'p-maple', { limit: 5, cursor: bad }), bad).rejects.toMatchObject({ name: 'BadRequestError', code: 'bad_request' });
        // Refused as well where nothing matches: a cursor is checked before any row is read.
        await expect(pageOfReceipts(get(), TENANT_A, 'p-none', { limit: 5, cursor: bad }), `${bad} (no rows)`).rejects.toMatchObject({ name: 'BadRequestError', code: 'bad_request' });
      }
    });

    it('keeps projects and tenants apart', async () => {
      await get().recordView(...viewAt(0));
      await get().recordView(...viewAt(0, { projectId: 'p-oak' }));
      await get().recordView(...viewAt(0, { tenantId: TENANT_B }));
      expect(await get().listReceipts(TENANT_A, 'p-maple')).toEqual([receipt()]);
      expect(await get().listReceipts(TENANT_B, 'p-maple')).toEqual([receipt({ tenantId: TENANT_B })]);
      expect(await get().listReceipts(TENANT_B, 'p-oak')).toEqual([]);
    });

    it('of 20 concurrent first views one is created; of 20 concurrent later views one is counted', async () => {
      const first = await Promise.all(Array.from({ length: 20 }, () => get().recordView(...viewAt(0))));
      expect(first.filter((o) => o === 'created')).toHaveLength(1);
      expect(first.filter((o) => o !== 'created').every((o) => o === 'throttled')).toBe(true);
      const later = await Promise.all(Array.from({ length: 20 }, (_, i) => get().recordView(...viewAt(2 * MINUTE + i))));
      expect(later.filter((o) => o === 'updated')).toHaveLength(1);
      const [stored] = await get().listReceipts(TENANT_A, 'p-maple');
      expect(stored?.views).toBe(2);
    });
  });
}
