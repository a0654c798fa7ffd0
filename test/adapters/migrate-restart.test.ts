import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import type { Queryable, SqlDriver } from '../../adapters/sql/driver.js';
import { migrate } from '../../adapters/sql/migrate.js';
import { MIGRATIONS } from '../../adapters/sql/migrations.js';
import { pgliteDriver } from '../../adapters/pglite/driver.js';

/** The PGlite driver, counting transactions and statements. */
function counting(driver: SqlDriver) {
  const seen = { transactions: 0, statements: [] as string[] };
  const wrapped: SqlDriver = {
    ...driver,
    name: driver.name,
    query: (text, params) => (seen.statements.push(text), driver.query(text, params)),
    transaction: (fn) => {
      seen.transactions++;
      return driver.transaction((tx: Queryable) => fn({ query: (text, params) => (seen.statements.push(text), tx.query(text, params)) }));
    },
    close: () => driver.close(),
  };
  return { driver: wrapped, seen };
}

describe('migrate on a restart', () => {
  it('reads the recorded versions once and takes no lock or transaction when the schema is current', async () => {
    const db = new PGlite();
    const { driver, seen } = counting(pgliteDriver(db, { owns: false, preparedStatements: true }));
    expect((await migrate(driver, 'sg_restart')).sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
    expect(seen.transactions).toBe(1);

    seen.transactions = 0;
    seen.statements = [];
    expect(await migrate(driver, 'sg_restart')).toEqual([]);
    expect(seen.transactions).toBe(0);
    expect(seen.statements.some((s) => /advisory|CREATE/i.test(s))).toBe(false);

    // A version it has not recorded (as after an upgrade) still takes the locked path and applies it.
    const next = { version: 999, name: 'restart-check', statements: (s: string) => [`CREATE TABLE ${s}.restart_check (tenant_id text NOT NULL)`] };
    expect(await migrate(driver, 'sg_restart', [...MIGRATIONS, next])).toEqual([999]);
    expect(seen.transactions).toBe(1);
    await db.close();
  });
});

describe('migrate on a data dir an older process wrote over', () => {
  it('applies again a migration whose changes are there but whose record is not, and names one that fails', async () => {
    const db = new PGlite();
    const driver = pgliteDriver(db, { owns: false, preparedStatements: true });
    await migrate(driver, 'sg_overlap');
    // What an older version's pages leave: the newest migrations' tables and columns, without their records.
    const newest = MIGRATIONS.filter((m) => m.version >= 6).map((m) => m.version);
    await db.query(`DELETE FROM sg_overlap.schema_migrations WHERE version = ANY($1::int[])`, [newest]);
    expect((await migrate(driver, 'sg_overlap')).sort((a, b) => a - b)).toEqual(newest);

    const broken = { version: 998, name: 'needs a missing table', statements: (s: string) => [`ALTER TABLE ${s}.no_such_table ADD COLUMN x text`] };
    const error = await migrate(driver, 'sg_overlap', [...MIGRATIONS, broken]).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toMatch(/^migration 998 \(needs a missing table\) of schema "sg_overlap" failed: .*no_such_table.* does not exist$/);
    await db.close();
  });
});
