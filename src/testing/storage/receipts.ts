import { describe, expect, it } from 'vitest';
import type { Receipt } from '../../model/receipt.js';
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
