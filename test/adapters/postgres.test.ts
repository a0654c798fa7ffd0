import pg from 'pg';
import { postgresStorage } from 'sitegate/adapters/postgres';
import { storageConformance } from 'sitegate/testing';
import { afterAll, describe, it } from 'vitest';
import { databaseUrl, truncateSchema, uniqueSchema } from '../support/sql-stores.js';

const url = databaseUrl();

if (url) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const schema = uniqueSchema('sg_conformance');
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });
  storageConformance({
    name: 'postgres',
    create: async () => {
      const storage = postgresStorage({ pool }, { schema });
      await storage.ready();
      return storage;
    },
    reset: () => truncateSchema((text, params) => pool.query(text, params), schema),
  });
} else {
  describe.skip('storage conformance: postgres (DATABASE_URL is not set)', () => {
    it('needs a PostgreSQL server', () => {});
  });
}
