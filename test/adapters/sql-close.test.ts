import pg from 'pg';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { postgresStorage } from 'sitegate/adapters/postgres';
import { describe, expect, it } from 'vitest';
import { databaseUrl, uniqueSchema } from '../support/sql-stores.js';

const url = databaseUrl();

/** A shutdown handler may run twice (SIGTERM, then SIGINT): closing again, or at once twice, resolves. */
describe('closing a SQL storage more than once', () => {
  it.skipIf(!url)('on PostgreSQL, with the pool it opened', async () => {
    const schema = uniqueSchema('sg_close');
    const storage = postgresStorage({ connectionString: url! }, { schema });
    try {
      await storage.ready();
      await expect(Promise.all([storage.close(), storage.close()])).resolves.toBeDefined();
      await expect(storage.close()).resolves.toBeUndefined();
    } finally {
      const admin = new pg.Pool({ connectionString: url!, max: 1 });
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });

  it('on PGlite, with the instance it opened', { timeout: 60_000 }, async () => {
    const storage = pgliteStorage();
    await storage.ready();
    await expect(Promise.all([storage.close(), storage.close()])).resolves.toBeDefined();
    await expect(storage.close()).resolves.toBeUndefined();
  });
});
