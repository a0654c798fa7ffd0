import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { postgresStorage } from 'sitegate/adapters/postgres';
import { afterAll } from 'vitest';
import { referenceFlow } from '../support/reference-flow.js';
import { databaseUrl, uniqueSchema } from '../support/sql-stores.js';

// The headless reference flows, unchanged, on the SQL adapters.
const db = new PGlite();
afterAll(() => db.close());
referenceFlow('pglite', () => pgliteStorage({ db, schema: 'reference_flow' }));

const url = databaseUrl();
if (url) {
  const pool = new pg.Pool({ connectionString: url });
  const schema = uniqueSchema('sg_flow');
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });
  referenceFlow('postgres', () => postgresStorage({ pool }, { schema }));
}
