import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { postgresStorage } from 'sitegate/adapters/postgres';
import { afterAll } from 'vitest';
import { accountsFlow } from '../support/accounts-flow.js';
import { correctionsFlow } from '../support/corrections-flow.js';
import { databaseUrl, uniqueSchema } from '../support/sql-stores.js';

// Password reset, sign-in links, email corrections and archiving, unchanged, on the SQL adapters:
// one PGlite for the file, a fresh schema per test (the flows close what they open, not the database).
const db = new PGlite();
afterAll(() => db.close());
const onPglite = () => {
  const storage = pgliteStorage({ db, schema: uniqueSchema('accounts') });
  return { ...storage, close: async () => {} };
};
accountsFlow('pglite', onPglite);
correctionsFlow('pglite', onPglite);

const url = databaseUrl();
if (url) {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const schemas: string[] = [];
  const onPostgres = () => {
    const schema = uniqueSchema('sg_accounts');
    schemas.push(schema);
    const storage = postgresStorage({ pool }, { schema });
    return { ...storage, close: async () => {} };
  };
  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });
  accountsFlow('postgres', onPostgres);
  correctionsFlow('postgres', onPostgres);
}
