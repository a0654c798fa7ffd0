import pg from 'pg';
import { memoryStorage } from 'sitegate/adapters/memory';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import type { Storage } from 'sitegate';
import { describe, expect, it } from 'vitest';
import { client } from '../../src/testing/storage/records.js';
import { postgresStoragesPerTest } from '../support/postgres-storages.js';
import { databaseUrl } from '../support/sql-stores.js';

const url = databaseUrl();

/**
 * An address clash the store itself refuses (two saves racing past the services' checks) says
 * which field and why, as the services' own refusals do: a form shows it beside the address.
 */
async function refusesTheSecond(storage: Storage): Promise<void> {
  await storage.saveClient(client());
  await expect(storage.saveClient(client({ id: 'cl-2' }))).rejects.toMatchObject({ code: 'conflict', field: 'email', reason: 'email_in_use' });
}

describe('an email clash refused by the storage is a ConflictError on the email field, email_in_use', () => {
  it('on memory', async () => refusesTheSecond(memoryStorage()));

  it('on PGlite', { timeout: 60_000 }, async () => {
    const storage = pgliteStorage();
    try {
      await refusesTheSecond(storage);
    } finally {
      await storage.close();
    }
  });

  describe.skipIf(!url)('on PostgreSQL', () => {
    const stores = url ? postgresStoragesPerTest(url, 'sg_email_clash') : undefined;
    it('refuses the second client with the address', async () => refusesTheSecond(await stores!.open(new pg.Pool({ connectionString: url!, max: 2 }))));
  });
});
