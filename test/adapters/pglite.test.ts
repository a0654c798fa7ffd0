import { PGlite } from '@electric-sql/pglite';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { storageConformance } from 'sitegate/testing';
import { afterAll } from 'vitest';
import { truncateSchema } from '../support/sql-stores.js';

// One PGlite for the file (start-up costs seconds); every test starts from emptied tables.
const db = new PGlite();
afterAll(() => db.close());

storageConformance({
  name: 'pglite',
  create: async () => {
    const storage = pgliteStorage({ db, schema: 'conformance' });
    await storage.ready();
    return storage;
  },
  reset: () => truncateSchema((text, params) => db.query(text, params), 'conformance'),
});
