import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../ports/storage.js';
import { accessTests } from './storage/access.js';
import { accountLinkTests } from './storage/account-links.js';
import { approvalTests } from './storage/approvals.js';
import { clientTests } from './storage/clients.js';
import { concurrencyTests } from './storage/concurrency.js';
import { contentTests } from './storage/content.js';
import { eventTests } from './storage/events.js';
import { backlogTests } from './storage/backlog.js';
import { receiptTests } from './storage/receipts.js';
import { isolationTests } from './storage/isolation.js';
import { logTests } from './storage/log.js';
import { paginationTests } from './storage/pagination.js';
import { transactionIsolationTests } from './storage/transaction-isolation.js';
import { transactionTests } from './storage/transactions.js';
import { updateEditTests } from './storage/update-edits.js';
import { visitTests } from './storage/visits.js';
import { feedReadTests } from './storage/feed-reads.js';
import { grantReadTests } from './storage/grant-reads.js';
import { notificationTests } from './storage/notifications.js';
import { retentionTests } from './storage/retention.js';

const OPEN_TIMEOUT = 180_000;

export interface StorageConformanceOptions {
  /** Shown in the suite's title. */
  name: string;
  /** A new, empty store (migrated, connected). Called once when `reset` is given, else per test. */
  create: () => Storage | Promise<Storage>;
  /** Empties the store between tests; much faster than `create` for stores slow to open. */
  reset?: (storage: Storage) => void | Promise<void>;
}

/**
 * The storage contract as a vitest suite: every operation of `StorageOps`, transactions (atomic,
 * isolated, usable after a caught `ConflictError`), the `…ForUpdate` row locks, tenant
 * isolation, ordering, filters, pagination and concurrency; docs/adapters.md lists every rule.
 * Every test starts from an empty store, and a failure names the query or case that failed.
 * Call it from a test file of your own adapter:
 *
 * ```ts
 * import { storageConformance } from 'sitegate/testing';
 * storageConformance({ name: 'my-store', create: () => myStorage(), reset: (s) => truncate(s) });
 * ```
 */
export function storageConformance(options: StorageConformanceOptions): void {
  describe(`storage conformance: ${options.name}`, () => {
    let storage: Storage | undefined;
    const get = (): Storage => {
      if (!storage) throw new Error('the store was not created');
      return storage;
    };

    if (options.reset) {
      const reset = options.reset;
      // Opening a store may be slow (an embedded database starting up): allow for it.
      beforeAll(async () => {
        storage = await options.create();
      }, OPEN_TIMEOUT);
      beforeEach(async () => {
        await reset(get());
      });
      afterAll(async () => {
        await storage?.close();
      });
    } else {
      beforeEach(async () => {
        storage = await options.create();
      }, OPEN_TIMEOUT);
      afterEach(async () => {
        await storage?.close();
        storage = undefined;
      });
    }

    it('has a name', () => {
      expect(typeof get().name).toBe('string');
      expect(get().name.length).toBeGreaterThan(0);
    });

    clientTests(get);
    accessTests(get);
    contentTests(get);
    logTests(get);
    receiptTests(get);
    eventTests(get);
    backlogTests(get);
    transactionTests(get);
    transactionIsolationTests(get);
    isolationTests(get);
    paginationTests(get);
    concurrencyTests(get);
    accountLinkTests(get);
    approvalTests(get);
    updateEditTests(get);
    visitTests(get);
    feedReadTests(get);
    grantReadTests(get);
    notificationTests(get);
    retentionTests(get);
  });
}
