import { PGlite } from '@electric-sql/pglite';
import * as fc from 'fast-check';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import type { Storage } from 'sitegate';
import { memoryStorage } from 'sitegate/adapters/memory';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { postgresStorage } from 'sitegate/adapters/postgres';
import { databaseUrl, truncateSchema, uniqueSchema } from '../support/sql-stores.js';
import { checkInvariants, commands, setup } from './visibility-commands.js';

const stress = Boolean(process.env.STRESS);

/**
 * One property, several storages. `fresh()` hands each run an empty store; SQL stores share one
 * database per file and truncate between runs, because starting PGlite costs seconds.
 */
function visibilityProperty(fresh: () => Promise<Storage>, size: { runs: number; commands: number }) {
  return fc.assert(
    fc.asyncProperty(fc.commands(commands(), { maxCommands: size.commands, size: 'max' }), async (cmds) => {
      const { model, real } = await setup(await fresh());
      await fc.asyncModelRun(() => ({ model, real }), [...cmds].flatMap((c) => [c, { check: () => true, run: checkInvariants, toString: () => 'check' }]));
    }),
    { numRuns: size.runs },
  );
}

describe('visibility, model-based', () => {
  it('portal.can, access.can and the feed always agree with the reference model (memory)', async () => {
    await visibilityProperty(async () => memoryStorage(), { runs: stress ? 300 : 40, commands: 40 });
  }, 120_000);

  describe('pglite', () => {
    const db = new PGlite();
    const storage = pgliteStorage({ db, schema: 'visibility' });
    afterAll(() => db.close());

    it('agrees with the reference model (pglite)', async () => {
      await storage.ready();
      const fresh = async () => {
        await truncateSchema((text, params) => db.query(text, params), 'visibility');
        return storage;
      };
      await visibilityProperty(fresh, stress ? { runs: 100, commands: 40 } : { runs: 10, commands: 25 });
    }, 300_000);
  });

  const url = databaseUrl();
  describe.skipIf(!url)('postgres', () => {
    const pool = url ? new pg.Pool({ connectionString: url, max: 4 }) : undefined;
    const schema = uniqueSchema('sg_visibility');
    afterAll(async () => {
      await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool?.end();
    });

    it('agrees with the reference model (postgres)', async () => {
      const storage = postgresStorage({ pool: pool! }, { schema });
      await storage.ready();
      const fresh = async () => {
        await truncateSchema((text, params) => pool!.query(text, params), schema);
        return storage;
      };
      await visibilityProperty(fresh, stress ? { runs: 100, commands: 40 } : { runs: 10, commands: 25 });
    }, 300_000);
  });
});
