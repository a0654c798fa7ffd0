import { describe, expect, it } from 'vitest';
import type { ResourceRef } from '../../model/resource.js';
import { TENANT_A, TENANT_B } from '../fixtures.js';
import { receipt } from './receipts.js';
import { at, share, update, type GetStorage } from './records.js';

/** A folder, an item in it, a photo and refs nothing grants; one asked twice. */
const REFS: ResourceRef[] = [
  { module: 'documents', id: 'd-permit' },
  { module: 'documents', id: 'd-contracts' },
  { module: 'photos', id: 'ph-1' },
  { module: 'documents', id: 'ph-1' },
  { module: 'documents', id: 'd-permit' },
  { module: 'drawings', id: 'dr-none' },
];

export function grantReadTests(get: GetStorage): void {
  describe('grant reads (readGrants)', () => {
    /**
     * p-maple of tenant A: two shares, updates attaching (one removed, one edited); the same ids
     * elsewhere, and a share and an attachment pairing a module and an id asked for, each in
     * other refs, that no ref pairs.
     */
    async function seed() {
      const s = get();
      await s.insertShare(share({ id: 'sh-folder', resourceId: 'd-contracts', kind: 'folder', createdAt: at(1) }));
      await s.insertShare(share({ id: 'sh-item', resourceId: 'd-permit', kind: 'item', createdAt: at(2) }));
      await s.insertShare(share({ id: 'sh-oak', projectId: 'p-oak', resourceId: 'd-permit' }));
      await s.insertShare(share({ tenantId: TENANT_B, id: 'sh-b', resourceId: 'd-contracts' }));
      await s.insertShare(share({ id: 'sh-crossed', module: 'photos', resourceId: 'd-contracts', createdAt: at(3) }));
      await s.insertUpdate(update({ id: 'up-1', resources: [{ module: 'photos', id: 'ph-1' }, { module: 'documents', id: 'd-permit' }] }));
      await s.insertUpdate(update({ id: 'up-2', resources: [{ module: 'photos', id: 'ph-1' }] }));
      await s.insertUpdate(update({ id: 'up-3', resources: [{ module: 'drawings', id: 'dr-none' }] }));
      await s.removeUpdate(TENANT_A, 'p-maple', 'up-3', at(3));
      await s.insertUpdate(update({ id: 'up-4', resources: [{ module: 'drawings', id: 'dr-gone' }] }));
      await s.editUpdate(TENANT_A, 'p-maple', 'up-4', { resources: [], editedAt: at(4) });
      await s.insertUpdate(update({ id: 'up-crossed', resources: [{ module: 'drawings', id: 'd-permit' }] }));
      await s.insertUpdate(update({ id: 'up-oak', projectId: 'p-oak', resources: [{ module: 'documents', id: 'd-contracts' }] }));
    }

    it('answers as findShares and findAttached do', async () => {
      await seed();
      const s = get();
      const read = await s.readGrants(TENANT_A, 'p-maple', REFS);
      expect(read).toEqual({ shares: await s.findShares(TENANT_A, 'p-maple', REFS), attached: await s.findAttached(TENANT_A, 'p-maple', REFS) });
      // In the order asked: a share per ref (twice for a ref asked twice), each attached ref once.
      expect(read.shares.map((x) => x.id)).toEqual(['sh-item', 'sh-folder', 'sh-item']);
      expect(read.shares[1]).toEqual(share({ id: 'sh-folder', resourceId: 'd-contracts', kind: 'folder', createdAt: at(1) }));
      expect(read.attached).toEqual([{ module: 'documents', id: 'd-permit' }, { module: 'photos', id: 'ph-1' }]);
      // What a removed update or an edit took away grants nothing.
      expect((await s.readGrants(TENANT_A, 'p-maple', [{ module: 'drawings', id: 'dr-gone' }]))).toEqual({ shares: [], attached: [] });
    });

    it('reads nothing of other projects or tenants, and nothing for no refs', async () => {
      await seed();
      const s = get();
      expect(await s.readGrants(TENANT_A, 'p-maple', [])).toEqual({ shares: [], attached: [] });
      const oak = share({ id: 'sh-oak', projectId: 'p-oak', resourceId: 'd-permit' });
      expect(await s.readGrants(TENANT_A, 'p-oak', REFS)).toEqual({ shares: [oak, oak], attached: [{ module: 'documents', id: 'd-contracts' }] });
      expect(await s.readGrants(TENANT_B, 'p-maple', REFS)).toEqual({ shares: [share({ tenantId: TENANT_B, id: 'sh-b', resourceId: 'd-contracts' })], attached: [] });
      expect(await s.readGrants(TENANT_B, 'p-birch', REFS)).toEqual({ shares: [], attached: [] });
    });

    it('reads what its transaction wrote, and the answers are copies', async () => {
      await seed();
      const s = get();
      await s.transaction(async (tx) => {
        await tx.insertShare(share({ id: 'sh-photo', module: 'photos', resourceId: 'ph-1', createdAt: at(5) }));
        expect((await tx.readGrants(TENANT_A, 'p-maple', [{ module: 'photos', id: 'ph-1' }])).shares.map((x) => x.id)).toEqual(['sh-photo']);
      });
      const read = await s.readGrants(TENANT_A, 'p-maple', REFS);
      read.shares[0]!.createdAt.setTime(0);
      read.attached[0]!.id = 'changed';
      const item = share({ id: 'sh-item', resourceId: 'd-permit', kind: 'item', createdAt: at(2) });
      expect(await s.readGrants(TENANT_A, 'p-maple', REFS)).toEqual({
        shares: [item, share({ id: 'sh-folder', resourceId: 'd-contracts', kind: 'folder', createdAt: at(1) }), share({ id: 'sh-photo', module: 'photos', resourceId: 'ph-1', createdAt: at(5) }), item],
        attached: [{ module: 'documents', id: 'd-permit' }, { module: 'photos', id: 'ph-1' }],
      });
    });

    it('reads the receipt asked for with the grants: that client\'s, of that resource, or null', async () => {
      await seed();
      const s = get();
      const quiet = at(-60_000);
      // The receipt asked for; the same resource seen by another client, another of its
      // resources, the same ids in another project and tenant: none of those is the one.
      const mine = receipt({ id: 'd-permit', firstViewedAt: at(1), lastViewedAt: at(1) });
      await s.recordView(mine, quiet);
      await s.recordView(receipt({ id: 'd-permit', clientId: 'cl-2', lastViewedAt: at(9), firstViewedAt: at(9) }), quiet);
      await s.recordView(receipt({ id: 'd-contracts' }), quiet);
      await s.recordView(receipt({ id: 'd-permit', projectId: 'p-oak' }), quiet);
      await s.recordView(receipt({ id: 'd-permit', tenantId: TENANT_B }), quiet);
      await s.recordView(receipt({ id: 'd-permit', module: 'photos' }), quiet);
      await s.recordView({ ...mine, lastViewedAt: at(120_001) }, at(60_001));
      const receiptOf = { clientId: 'cl-1', module: 'documents' as const, id: 'd-permit' };
      const read = await s.readGrants(TENANT_A, 'p-maple', REFS, { receiptOf });
      expect(read).toEqual({ ...(await s.readGrants(TENANT_A, 'p-maple', REFS)), receipt: { ...mine, lastViewedAt: at(120_001), views: 2 } });
      expect(read.receipt).toEqual((await s.listReceipts(TENANT_A, 'p-maple', receiptOf))[0]);
      // None recorded: null, with the grants as without it; and with no refs, the receipt alone.
      expect(await s.readGrants(TENANT_A, 'p-maple', REFS, { receiptOf: { ...receiptOf, clientId: 'cl-3' } })).toEqual({ ...read, receipt: null });
      expect(await s.readGrants(TENANT_A, 'p-maple', [], { receiptOf })).toEqual({ shares: [], attached: [], receipt: read.receipt });
      expect(await s.readGrants(TENANT_B, 'p-birch', REFS, { receiptOf })).toEqual({ shares: [], attached: [], receipt: null });
      // Inside a transaction, its own write.
      await s.transaction(async (tx) => {
        await tx.recordView(receipt({ id: 'ph-1', module: 'photos', clientId: 'cl-3' }), quiet);
        const inTx = await tx.readGrants(TENANT_A, 'p-maple', [{ module: 'photos', id: 'ph-1' }], { receiptOf: { clientId: 'cl-3', module: 'photos', id: 'ph-1' } });
        expect(inTx.receipt).toEqual(receipt({ id: 'ph-1', module: 'photos', clientId: 'cl-3' }));
      });
    });
  });
}
