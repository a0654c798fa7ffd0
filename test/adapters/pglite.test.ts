import { PGlite } from '@electric-sql/pglite';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { storageConformance } from 'sitegate/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../adapters/sql/migrations.js';
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

describe('migrations on PGlite', () => {
  it('applies the schema once; migrating again changes nothing', async () => {
    const storage = pgliteStorage({ db, schema: 'twice', migrate: false });
    // Every migration, in version order.
    const versions = MIGRATIONS.map((m) => m.version).sort((x, y) => x - y);
    expect(await storage.migrate()).toEqual(versions);
    expect(await storage.migrate()).toEqual([]);
    expect(await pgliteStorage({ db, schema: 'twice' }).getClient('acme', 'cl-1')).toBeNull();
    const { rows } = await db.query<{ version: number }>('SELECT version FROM "twice".schema_migrations');
    expect(rows.map((r) => r.version)).toEqual(versions);
  });

  it('keeps tables of different schemas apart', async () => {
    const a = pgliteStorage({ db, schema: 'tenant_space_a' });
    const b = pgliteStorage({ db, schema: 'tenant_space_b' });
    await a.saveRole({ tenantId: 'acme', id: 'r', name: 'A', permissions: [] });
    expect(await b.getRole('acme', 'r')).toBeNull();
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => pgliteStorage({ db, schema: 'x"; DROP TABLE y; --' })).toThrow(/plain SQL identifier/);
  });
});
