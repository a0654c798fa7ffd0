import pg from 'pg';
import { postgresStorage, type SqlStorage } from 'sitegate/adapters/postgres';
import { afterAll, afterEach } from 'vitest';
import { uniqueSchema } from './sql-stores.js';

/**
 * PostgreSQL storages in one fresh schema, each over a pool the test gives it: every storage is
 * closed and its pool ended after its test, and the schema dropped after the file. Call it inside
 * the `describe` that uses it. `admin` is a pool of its own, for statements a test runs past
 * sitegate.
 */
export function postgresStoragesPerTest(url: string, prefix: string) {
  const schema = uniqueSchema(prefix);
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const opened: { storage: SqlStorage; pool: pg.Pool }[] = [];

  afterEach(async () => {
    for (const { storage, pool } of opened.splice(0)) {
      await storage.close();
      await pool.end();
    }
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  /** A migrated storage over `pool`, in the schema. */
  async function open(pool: pg.Pool, options: { preparedStatements?: boolean } = {}): Promise<SqlStorage> {
    const storage = postgresStorage({ pool }, { schema, ...options });
    await storage.ready();
    opened.push({ storage, pool });
    return storage;
  }

  return { schema, admin, open };
}
