import type { Storage } from 'sitegate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TENANT_A } from '../../src/testing/fixtures.js';
import { at, share } from '../../src/testing/storage/records.js';
import { receipt } from '../../src/testing/storage/receipts.js';
import { sqlBackends, type SqlBackend } from '../reliability/sql-backends.js';

/**
 * The SQL feed read brings the client's receipts with the rest exactly when a feed load may need
 * them: when a share of the project is newer than the visit's previous load (its last one when it
 * has no previous), the earliest a load's "new since" can be (`FeedRead.receipts`). Then a
 * returning client's feed is one round trip; otherwise it reads no receipts at all.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const windowAt = (ms: number) => ({ quietSince: at(ms - MINUTE), newVisitBefore: at(ms - 30 * MINUTE) });
const PROJECT = 'p-receipts';

describe.each(sqlBackends())("the feed read's receipts on $name", ({ open: openBackend }) => {
  let backend: SqlBackend;
  beforeAll(async () => {
    backend = await openBackend();
  }, 120_000);
  beforeEach(async () => backend.reset());
  afterAll(async () => backend?.close());
  const open = (): Promise<Storage> => backend.storage();
  const mine = (s: Storage) => s.listReceipts(TENANT_A, PROJECT, { clientId: 'cl-1' });

  it('brings none before the first visit, nor while no share is newer than the visit', async () => {
    const s = await open();
    await s.insertShare(share({ id: 'sh-1', projectId: PROJECT, resourceId: 'd-1', createdAt: at(1000) }));
    await s.recordView(receipt({ projectId: PROJECT, id: 'd-1', firstViewedAt: at(2000), lastViewedAt: at(2000) }), at(0));
    expect(await s.readFeed(TENANT_A, PROJECT, 'cl-1')).not.toHaveProperty('receipts');
    await s.recordVisit(TENANT_A, 'cl-1', PROJECT, at(5000), windowAt(5000));
    expect(await s.readFeed(TENANT_A, PROJECT, 'cl-1', { limit: 5 })).not.toHaveProperty('receipts');
  });

  it("brings the client's receipts once a share is newer than a first visit's last load", async () => {
    const s = await open();
    await s.recordView(receipt({ projectId: PROJECT, id: 'd-1', firstViewedAt: at(2000), lastViewedAt: at(2000) }), at(0));
    await s.recordView(receipt({ projectId: PROJECT, id: 'd-2', module: 'drawings', firstViewedAt: at(3000), lastViewedAt: at(3000) }), at(0));
    await s.recordView(receipt({ projectId: PROJECT, id: 'd-1', clientId: 'cl-2' }), at(0));
    await s.recordView(receipt({ projectId: 'p-other', id: 'd-1' }), at(0));
    await s.recordVisit(TENANT_A, 'cl-1', PROJECT, at(5000), windowAt(5000));
    await s.insertShare(share({ id: 'sh-2', projectId: PROJECT, resourceId: 'd-3', createdAt: at(6000) }));
    const read = await s.readFeed(TENANT_A, PROJECT, 'cl-1', { limit: 5 });
    expect(read.receipts).toEqual(await mine(s));
    expect(read.receipts!.map((r) => [r.module, r.id])).toEqual([
      ['drawings', 'd-2'],
      ['documents', 'd-1'],
    ]);
    // Another client with a visit as old and nothing opened: read, and empty.
    await s.recordVisit(TENANT_A, 'cl-3', PROJECT, at(5000), windowAt(5000));
    expect((await s.readFeed(TENANT_A, PROJECT, 'cl-3')).receipts).toEqual([]);
  });

  it("counts from the visit before the last one: a share after it brings them, one before it does not", async () => {
    const s = await open();
    await s.recordView(receipt({ projectId: PROJECT, id: 'd-1' }), at(0));
    await s.insertShare(share({ id: 'sh-1', projectId: PROJECT, resourceId: 'd-1', createdAt: at(9000) }));
    await s.recordVisit(TENANT_A, 'cl-1', PROJECT, at(10_000), windowAt(10_000));
    await s.recordVisit(TENANT_A, 'cl-1', PROJECT, at(10_000 + 2 * HOUR), windowAt(10_000 + 2 * HOUR));
    expect((await s.getVisit(TENANT_A, 'cl-1', PROJECT))?.previousVisitAt).toEqual(at(10_000));
    expect(await s.readFeed(TENANT_A, PROJECT, 'cl-1')).not.toHaveProperty('receipts');
    // Shared during the visit before the last: new to a load that counts from its start.
    await s.insertShare(share({ id: 'sh-2', projectId: PROJECT, resourceId: 'd-2', createdAt: at(20_000) }));
    expect((await s.readFeed(TENANT_A, PROJECT, 'cl-1')).receipts).toEqual(await mine(s));
  });
});
