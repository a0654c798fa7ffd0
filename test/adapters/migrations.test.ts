import { createServer, type AddressInfo } from 'node:net';
import pg from 'pg';
import { postgresStorage } from 'sitegate/adapters/postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../adapters/sql/migrations.js';
import { migrationLock } from '../../adapters/sql/migrate.js';
import { TENANT_A } from '../../src/testing/fixtures.js';
import { client } from '../../src/testing/storage/records.js';
import { databaseUrl, uniqueSchema } from '../support/sql-stores.js';
import { COORDINATOR_ONLY } from './distribution-checks.js';

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

  it('waits for another process\'s migration lock for longer than lock_timeout and statement_timeout', async () => {
    const fresh = uniqueSchema('sg_migrate_wait');
    const holder = await pools[1]!.connect();
    try {
      // Another process holds the migration lock for 2.5 s, past this storage's lock and statement timeouts.
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', migrationLock(fresh));
      const storage = postgresStorage({ connectionString: url! }, { schema: fresh, migrate: false, timeouts: { lockMs: 500, statementMs: 1000 } });
      const started = Date.now();
      const migrating = storage.migrate();
      setTimeout(() => void holder.query('COMMIT'), 2500);
      // The other applied nothing before letting go, so this one applies every migration.
      expect(await migrating).toEqual(MIGRATIONS.map((m) => m.version).sort((x, y) => x - y));
      expect(Date.now() - started).toBeGreaterThanOrEqual(2400);
      await storage.close();
    } finally {
      holder.release();
      await pools[0]!.query(`DROP SCHEMA IF EXISTS "${fresh}" CASCADE`);
    }
  });

  it("an operation waits for another process's migration only as long as for a lock, then fails as storage does", async () => {
    const fresh = uniqueSchema('sg_migrate_op');
    const holder = await pools[1]!.connect();
    const storage = postgresStorage({ connectionString: url! }, { schema: fresh });
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', migrationLock(fresh));
      await expect(storage.getClient('acme', 'cl-1')).rejects.toMatchObject({ code: 'storage_failed', message: expect.stringMatching(new RegExp(`another process is still migrating schema "${fresh}" \\(waited \\d\\.\\d s for it\\)`)) });
      await holder.query('COMMIT');
      // The next operation migrates, the lock being free.
      expect(await storage.getClient('acme', 'cl-1')).toBeNull();
    } finally {
      holder.release();
      await storage.close();
      await pools[0]!.query(`DROP SCHEMA IF EXISTS "${fresh}" CASCADE`);
    }
  });

  it('migrates a schema its role owns in a database where it may not create schemas', async () => {
    const owned = uniqueSchema('sg_owned');
    const role = `${owned}_role`;
    const runtime = `${owned}_runtime`;
    const admin = pools[0]!;
    // As a host gives sitegate a schema in its own database: the role owns the schema, nothing more.
    await admin.query(`CREATE ROLE "${role}" LOGIN`);
    await admin.query(`CREATE SCHEMA "${owned}" AUTHORIZATION "${role}"`);
    const asRole = new URL(url!);
    asRole.username = role;
    const storage = postgresStorage({ connectionString: asRole.toString() }, { schema: owned });
    try {
      const { rows } = await admin.query(`SELECT has_database_privilege($1, current_database(), 'CREATE') AS may`, [role]);
      expect(rows[0].may).toBe(false);
      await storage.ready();
      expect(await storage.getClient('acme', 'cl-1')).toBeNull();
      const migrated = await admin.query(`SELECT count(*)::int AS n FROM "${owned}".schema_migrations`);
      expect(migrated.rows[0].n).toBe(MIGRATIONS.length);

      // A runtime role with the grants docs/postgres-operations.md gives reads and writes, with
      // the default `migrate: true` too (a restart on a migrated schema only reads).
      await admin.query(`CREATE ROLE "${runtime}" LOGIN`);
      await admin.query(`GRANT USAGE ON SCHEMA "${owned}" TO "${runtime}"`);
      await admin.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "${owned}" TO "${runtime}"`);
      await admin.query(`ALTER DEFAULT PRIVILEGES FOR ROLE "${role}" IN SCHEMA "${owned}" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${runtime}"`);
      const asRuntime = new URL(url!);
      asRuntime.username = runtime;
      const running = postgresStorage({ connectionString: asRuntime.toString() }, { schema: owned });
      try {
        await running.ready();
        await running.saveClient(client({ id: 'cl-runtime' }));
        expect((await running.getClient(TENANT_A, 'cl-runtime'))?.id).toBe('cl-runtime');
        expect(await running.rateLimiter().hit('k', { limit: 1, windowSeconds: 60 })).toMatchObject({ allowed: true });
      } finally {
        await running.close();
      }
    } finally {
      await storage.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${owned}" CASCADE`);
      await admin.query(`DROP OWNED BY "${role}"`).catch(() => undefined);
      await admin.query(`DROP ROLE IF EXISTS "${runtime}"`);
      await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    }
  });

  it('with migrate: false, ready() says the schema must be migrated, and resolves once it is', async () => {
    const fresh = uniqueSchema('sg_migrate_ready');
    const storage = postgresStorage({ connectionString: url! }, { schema: fresh, migrate: false });
    try {
      await expect(storage.ready()).rejects.toMatchObject({ code: 'storage_failed', message: expect.stringContaining(`schema "${fresh}" lacks migrations 1, 2`) });
      await expect(storage.ready()).rejects.toThrow(/run storage\.migrate\(\)/);
      // Every operation says so too, rather than a missing table's SQLSTATE.
      await expect(storage.getClient('acme', 'cl-1')).rejects.toThrow(/run storage\.migrate\(\)/);
      await storage.migrate();
      await expect(storage.ready()).resolves.toBeUndefined();
      expect(await storage.getClient('acme', 'cl-1')).toBeNull();
    } finally {
      await storage.close();
      await pools[0]!.query(`DROP SCHEMA IF EXISTS "${fresh}" CASCADE`);
    }
  });

  it('leads every primary key and index with tenant_id, but the outbox claim index and the coordinator\'s tables', async () => {
    const { rows } = await pools[0]!.query<{ tablename: string; indexname: string; indexdef: string }>(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename <> ALL($2::text[])`,
      [schema, COORDINATOR_ONLY],
    );
    expect(rows.length).toBeGreaterThan(15);
    const offenders = rows.filter((r) => !/\(tenant_id[,)]/.test(r.indexdef)).map((r) => r.indexname);
    expect(offenders).toEqual(['mail_jobs_due_idx']);
  });
});

describe('bad connection settings', () => {
  it('with migrate: false, ready() still finds a server that is not there', async () => {
    const storage = postgresStorage({ connectionString: 'postgres://postgres@127.0.0.1:1/sitegate' }, { migrate: false });
    await expect(storage.ready()).rejects.toMatchObject({ code: 'storage_failed', message: expect.stringMatching(/127\.0\.0\.1:1/) });
    await storage.close();
  });

  it('names the startup parameter a pooler refuses, and where to list it', async () => {
    // A PgBouncer that does not track statement_timeout: it answers the startup message with 08P01.
    const pooler = createServer((socket) => {
      socket.once('data', () => {
        const fields = Buffer.concat([
          ...[['S', 'FATAL'], ['C', '08P01'], ['M', 'unsupported startup parameter: statement_timeout']].map(([type, text]) => Buffer.from(`${type}${text}\0`)),
          Buffer.from([0]),
        ]);
        const header = Buffer.alloc(5);
        header.write('E', 0);
        header.writeInt32BE(fields.length + 4, 1);
        socket.end(Buffer.concat([header, fields]));
      });
    });
    await new Promise<void>((resolve) => pooler.listen(0, '127.0.0.1', resolve));
    const { port } = pooler.address() as AddressInfo;
    const storage = postgresStorage({ connectionString: `postgres://postgres@127.0.0.1:${port}/sitegate` });
    try {
      await expect(storage.ready()).rejects.toMatchObject({
        name: 'StorageError',
        message: expect.stringContaining(`127.0.0.1:${port} refused the startup parameter "statement_timeout" (a pooler such as PgBouncer?): list it in the pooler's ignore_startup_parameters`),
      });
    } finally {
      await storage.close();
      await new Promise((resolve) => pooler.close(resolve));
    }
  });

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
