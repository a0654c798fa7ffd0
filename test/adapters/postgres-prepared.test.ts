import { createHash } from 'node:crypto';
import pg from 'pg';
import type { SqlStorage } from 'sitegate/adapters/postgres';
import { describe, expect, it } from 'vitest';
import { TENANT_A } from '../../src/testing/fixtures.js';
import { client, role } from '../../src/testing/storage/records.js';
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
    // Row descriptions the server sends on the pool's connection, counted by the test.
    const described = { count: 0 };
    pool.on('connect', (connected) => {
      (connected as unknown as { connection: NodeJS.EventEmitter }).connection.on('rowDescription', () => described.count++);
    });
    const storage = await openOn(pool, options);
    await storage.saveClient(client({ id: 'cl-prepared' }));
    return { storage, pool, described };
  }
  const prepared = async (pool: pg.Pool) =>
    (await pool.query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements')).rows.filter((row) => row.name.startsWith('sitegate_'));
  const readClient = async (storage: SqlStorage) => (await storage.getClient(TENANT_A, 'cl-prepared'))?.id;
  // A read of every column (`SELECT *`): a column added elsewhere changes its rows. (A client is
  // read by its columns, which a column added elsewhere does not change.)
  const readRole = async (storage: SqlStorage) => (await storage.getRole(TENANT_A, 'r-prepared'))?.id;
  const withRole = async (storage: SqlStorage) => storage.saveRole(role({ id: 'r-prepared' }));

  it('prepares a statement that comes back, once per connection', async () => {
    const { storage, pool } = await open();
    for (let i = 0; i < 3; i++) expect(await readClient(storage)).toBe('cl-prepared');
    const reads = (await prepared(pool)).filter((row) => row.statement.includes(`"${schema}".clients`) && row.statement.startsWith('SELECT'));
    expect(reads.length).toBeGreaterThan(0);
  });

  it("asks for a read's row description once per connection, and reads the same rows without it", async () => {
    const { storage, described } = await open();
    described.count = 0;
    // Until the statement is prepared on this connection, a read is described.
    const first = await storage.getClient(TENANT_A, 'cl-prepared');
    await storage.getClient(TENANT_A, 'cl-prepared');
    expect(described.count).toBeGreaterThan(0);
    described.count = 0;
    const reads = [];
    for (let i = 0; i < 6; i++) reads.push(await storage.getClient(TENANT_A, 'cl-prepared'));
    expect(described.count).toBe(0);
    for (const read of reads) expect(read).toEqual(first);
    // Rows of any length: an empty answer and a list read the same way.
    expect(await storage.getClients(TENANT_A, ['cl-none'])).toEqual([]);
    await storage.saveClient(client({ id: 'cl-other', email: 'other@example.com' }));
    for (let i = 0; i < 3; i++) expect((await storage.getClients(TENANT_A, ['cl-prepared', 'cl-other'])).map((c) => c.id).sort()).toEqual(['cl-other', 'cl-prepared']);
  });

  it('asks for the row description of a write that returns rows on every run', async () => {
    const { storage, described } = await open();
    for (let i = 0; i < 2; i++) await storage.deleteClientSessions(TENANT_A, 'cl-prepared');
    described.count = 0;
    for (let i = 0; i < 4; i++) expect(await storage.deleteClientSessions(TENANT_A, 'cl-prepared')).toBe(0);
    expect(described.count).toBe(4);
  });

  it('reads on when a pooler prepares a read again after a migration changed its rows', async () => {
    const { storage, pool, described } = await open();
    await withRole(storage);
    for (let i = 0; i < 3; i++) await readRole(storage);
    const [read] = (await prepared(pool)).filter((row) => row.statement.includes(`"${schema}".roles`) && row.statement.includes('AND id = $2'));
    expect(read).toBeDefined();
    const { parameter_types: types } = (await pool.query<{ parameter_types: string }>('SELECT parameter_types::text FROM pg_prepared_statements WHERE name = $1', [read!.name])).rows[0]!;
    await admin.query(`ALTER TABLE "${schema}".roles ADD COLUMN added_elsewhere int`);
    try {
      // What PgBouncer 1.21+ does on a server connection that lacks the statement: it prepares
      // the client's text there under the client's name, and that text now reads one more column.
      await pool.query(`DEALLOCATE ${read!.name}`);
      await pool.query(`PREPARE ${read!.name} (${types.slice(1, -1)}) AS ${read!.statement}`);
      described.count = 0;
      expect(await storage.getRole(TENANT_A, 'r-prepared')).toEqual(role({ id: 'r-prepared' }));
      // Run again with a description, which the runs after it use.
      expect(described.count).toBe(1);
      for (let i = 0; i < 3; i++) expect(await readRole(storage)).toBe('r-prepared');
      expect(described.count).toBe(1);
    } finally {
      await admin.query(`ALTER TABLE "${schema}".roles DROP COLUMN IF EXISTS added_elsewhere`);
    }
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

  it("names a statement by its text's hash, so a name means one statement in every process", async () => {
    const { storage, pool } = await open();
    for (let i = 0; i < 3; i++) await readClient(storage);
    const rows = await prepared(pool);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.name).toBe(`sitegate_${createHash('sha256').update(row.statement).digest('hex').slice(0, 24)}`);
  });

  it('stops preparing once the server already has a statement it prepares (a pooler handing over a server connection)', async () => {
    const { storage, pool } = await open();
    for (let i = 0; i < 3; i++) await readClient(storage);
    expect((await prepared(pool)).length).toBeGreaterThan(0);
    // As on a server connection a transaction-mode pooler hands over: the statements are there,
    // and node-postgres, on its own connection, believes they are not (it prepares them again).
    const held = await pool.connect();
    (held as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements = {};
    held.release();
    expect(await readClient(storage)).toBe('cl-prepared');
    await pool.query('DEALLOCATE ALL');
    for (let i = 0; i < 3; i++) expect(await readClient(storage)).toBe('cl-prepared');
    expect(await prepared(pool)).toEqual([]);
  });

  it('reads on after a migration elsewhere changes a table it has a prepared `*` read of', async () => {
    const { storage, pool } = await open();
    await withRole(storage);
    for (let i = 0; i < 3; i++) await readRole(storage);
    await admin.query(`ALTER TABLE "${schema}".roles ADD COLUMN added_elsewhere int`);
    try {
      expect(await readRole(storage)).toBe('r-prepared');
      await admin.query(`ALTER TABLE "${schema}".roles DROP COLUMN added_elsewhere`);
      // The renamed statement is prepared afresh; after the second change, in a transaction.
      for (let i = 0; i < 3; i++) await readRole(storage);
      await admin.query(`ALTER TABLE "${schema}".roles ADD COLUMN added_elsewhere int`);
      expect(await storage.transaction(async (tx) => (await tx.getRole(TENANT_A, 'r-prepared'))?.id)).toBe('r-prepared');
      // Still prepared, under new names.
      expect((await prepared(pool)).length).toBeGreaterThan(0);
    } finally {
      await admin.query(`ALTER TABLE "${schema}".roles DROP COLUMN IF EXISTS added_elsewhere`);
    }
  });
});
