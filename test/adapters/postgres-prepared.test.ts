import pg from 'pg';
import type { SqlStorage } from 'sitegate/adapters/postgres';
import { describe, expect, it } from 'vitest';
import { TENANT_A } from '../../src/testing/fixtures.js';
import { client } from '../../src/testing/storage/records.js';
import { postgresStoragesPerTest } from '../support/postgres-storages.js';
import { databaseUrl } from '../support/sql-stores.js';

/**
 * Prepared statements on PostgreSQL. Each storage here has a pool of one connection, so the
 * test's own statements on that pool see the session's prepared statements
 * (`pg_prepared_statements` lists only the current session's) and can pull them away from
 * under sitegate the way a pooler or a migration in another process would.
 */
const url = databaseUrl();

describe.skipIf(!url)('PostgreSQL prepared statements', () => {
  const { schema, admin, open: openOn } = postgresStoragesPerTest(url!, 'sg_prepared');

  async function open(options: { preparedStatements?: boolean } = {}) {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const storage = await openOn(pool, options);
    await storage.saveClient(client({ id: 'cl-prepared' }));
    return { storage, pool };
  }
  const prepared = async (pool: pg.Pool) =>
    (await pool.query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements')).rows.filter((row) => row.name.startsWith('sitegate_'));
  const readClient = async (storage: SqlStorage) => (await storage.getClient(TENANT_A, 'cl-prepared'))?.id;

  it('prepares a statement that comes back, once per connection', async () => {
    const { storage, pool } = await open();
    for (let i = 0; i < 3; i++) expect(await readClient(storage)).toBe('cl-prepared');
    const reads = (await prepared(pool)).filter((row) => row.statement.includes(`"${schema}".clients`) && row.statement.startsWith('SELECT'));
    expect(reads.length).toBeGreaterThan(0);
  });

  it('prepares nothing with preparedStatements: false', async () => {
    const { storage, pool } = await open({ preparedStatements: false });
    for (let i = 0; i < 3; i++) expect(await readClient(storage)).toBe('cl-prepared');
    expect(await prepared(pool)).toEqual([]);
  });

  it('stops preparing once the server says a prepared statement is missing (a pooler that drops them)', async () => {
    const { storage, pool } = await open();
    for (let i = 0; i < 3; i++) await readClient(storage);
    expect((await prepared(pool)).length).toBeGreaterThan(0);
    // node-postgres still believes the statements exist on this connection; the server does not.
    await pool.query('DEALLOCATE ALL');
    expect(await readClient(storage)).toBe('cl-prepared');
    // In a transaction too: the one that failed on the missing statement runs again, and commits.
    await pool.query('DEALLOCATE ALL');
    const inTransaction = await storage.transaction(async (tx) => {
      await tx.saveClient(client({ id: 'cl-second', email: 'sam@example.com' }));
      return (await tx.getClient(TENANT_A, 'cl-prepared'))?.id;
    });
    expect(inTransaction).toBe('cl-prepared');
    expect((await storage.getClient(TENANT_A, 'cl-second'))?.id).toBe('cl-second');
    for (let i = 0; i < 3; i++) await readClient(storage);
    expect(await prepared(pool)).toEqual([]);
  });

  it('reads on after a migration elsewhere changes a table it has a prepared `*` read of', async () => {
    const { storage, pool } = await open();
    for (let i = 0; i < 3; i++) await readClient(storage);
    await admin.query(`ALTER TABLE "${schema}".clients ADD COLUMN added_elsewhere int`);
    try {
      expect(await readClient(storage)).toBe('cl-prepared');
      await admin.query(`ALTER TABLE "${schema}".clients DROP COLUMN added_elsewhere`);
      // The renamed statement is prepared afresh; after the second change, in a transaction.
      for (let i = 0; i < 3; i++) await readClient(storage);
      await admin.query(`ALTER TABLE "${schema}".clients ADD COLUMN added_elsewhere int`);
      expect(await storage.transaction(async (tx) => (await tx.getClient(TENANT_A, 'cl-prepared'))?.id)).toBe('cl-prepared');
      // Still prepared, under new names.
      expect((await prepared(pool)).length).toBeGreaterThan(0);
    } finally {
      await admin.query(`ALTER TABLE "${schema}".clients DROP COLUMN IF EXISTS added_elsewhere`);
    }
  });
});
