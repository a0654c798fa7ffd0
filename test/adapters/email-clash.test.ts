import { memoryStorage } from 'sitegate/adapters/memory';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { postgresStorage } from 'sitegate/adapters/postgres';
import type { Storage } from 'sitegate';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { client } from '../../src/testing/storage/records.js';
import { databaseUrl, uniqueSchema } from '../support/sql-stores.js';

const url = databaseUrl();

/**
 * An address clash the store itself refuses (two saves racing past the services' checks) says
 * which field and why, as the services' own refusals do: a form shows it beside the address.
 */
const stores: { name: string; skip: boolean; open: () => Promise<{ storage: Storage; close(): Promise<void> }> }[] = [
  { name: 'memory', skip: false, open: async () => ({ storage: memoryStorage(), close: async () => {} }) },
  {
    name: 'PGlite',
    skip: false,
    open: async () => {
      const storage = pgliteStorage();
      return { storage, close: () => storage.close() };
    },
  },
  {
    name: 'PostgreSQL',
    skip: !url,
    open: async () => {
      const schema = uniqueSchema('sg_email_clash');
      const pool = new pg.Pool({ connectionString: url!, max: 2 });
      const storage = postgresStorage({ pool }, { schema });
      return {
        storage,
        async close() {
          await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await storage.close();
          await pool.end();
        },
      };
    },
  },
];

describe.each(stores)('an email clash refused by $name storage', ({ skip, open }) => {
  it.skipIf(skip)('is a ConflictError on the email field, email_in_use', { timeout: 60_000 }, async () => {
    const { storage, close } = await open();
    try {
      await storage.saveClient(client());
      await expect(storage.saveClient(client({ id: 'cl-2' }))).rejects.toMatchObject({ code: 'conflict', field: 'email', reason: 'email_in_use' });
    } finally {
      await close();
    }
  });
});
