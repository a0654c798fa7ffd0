import pg from 'pg';
import { postgresStorage } from 'sitegate/adapters/postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../adapters/sql/migrations.js';
import { databaseUrl, uniqueSchema } from '../support/sql-stores.js';

const url = databaseUrl();

describe.skipIf(!url)('migrations on PostgreSQL', () => {
  const pools = [new pg.Pool({ connectionString: url }), new pg.Pool({ connectionString: url })];
  const schema = uniqueSchema('sg_migrate');
  afterAll(async () => {
    await pools[0]!.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await Promise.all(pools.map((p) => p.end()));
  });

  it('two concurrent migrate() calls, as from two processes, both succeed and apply it once', async () => {
    const [a, b] = pools.map((pool) => postgresStorage({ pool }, { schema, migrate: false }));
    const results = await Promise.all([a!.migrate(), b!.migrate()]);
    // Every migration, once, whichever process applied it.
    expect(results.flat().sort((x, y) => x - y)).toEqual(MIGRATIONS.map((m) => m.version).sort((x, y) => x - y));
    expect(await a!.migrate()).toEqual([]);
    const { rows } = await pools[0]!.query(`SELECT count(*)::int AS n FROM "${schema}".schema_migrations`);
    expect(rows[0].n).toBe(MIGRATIONS.length);
  });

  it('leads every primary key and index with tenant_id, but the outbox claim index', async () => {
    const { rows } = await pools[0]!.query<{ tablename: string; indexname: string; indexdef: string }>(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename <> 'schema_migrations'`,
      [schema],
    );
    expect(rows.length).toBeGreaterThan(15);
    const offenders = rows.filter((r) => !/\(tenant_id[,)]/.test(r.indexdef)).map((r) => r.indexname);
    expect(offenders).toEqual(['mail_jobs_due_idx']);
  });
});

describe('bad connection settings', () => {
  it('names the host and port it could not reach', async () => {
    const storage = postgresStorage({ connectionString: 'postgres://postgres@127.0.0.1:1/sitegate' });
    try {
      await expect(storage.getClient('acme', 'cl-1')).rejects.toMatchObject({
        name: 'StorageError',
        code: 'storage_failed',
        message: expect.stringMatching(/cannot connect to PostgreSQL at 127\.0\.0\.1:1/),
      });
    } finally {
      await storage.close();
    }
  });

  it.skipIf(!url)('names a database that does not exist', async () => {
    const missing = new URL(url!);
    missing.pathname = '/sitegate_no_such_db';
    const storage = postgresStorage({ connectionString: missing.toString() });
    try {
      await expect(storage.ready()).rejects.toMatchObject({ code: 'storage_failed', message: expect.stringMatching(/database "sitegate_no_such_db" does not exist/) });
    } finally {
      await storage.close();
    }
  });
});
