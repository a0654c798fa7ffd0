import { PGlite } from '@electric-sql/pglite';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { pgliteDriver } from '../../adapters/pglite/driver.js';
import type { Row } from '../../adapters/sql/driver.js';
import { TENANT_A } from '../../src/testing/fixtures.js';
import { client } from '../../src/testing/storage/records.js';

/**
 * Prepared statements on PGlite: a statement that comes back is prepared on the instance and
 * then sent as one bind-and-execute message. What it returns must be what `query` returns, and
 * it must keep `query`'s rules: never inside a transaction another caller holds open, and on
 * after the statement was pulled away or its table changed.
 */

/** One PGlite for the file (each start costs seconds); each test keeps to tables of its own. */
const db = new PGlite();
afterAll(() => db.close());

let tables = 0;
async function table(columns: string): Promise<string> {
  const name = `prepared_${++tables}`;
  await db.exec(`CREATE TABLE ${name} (${columns})`);
  return name;
}

const preparedNames = async () => (await db.query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements')).rows.filter((row) => row.name.startsWith('sitegate_'));

describe('PGlite prepared statements', () => {
  const driver = pgliteDriver(db, { owns: false, preparedStatements: true });

  it('prepares a statement the second time it is sent, and answers as query() does for every type', async () => {
    const t = await table('id text PRIMARY KEY, n int, big bigint, f float8, ok boolean, at timestamptz, doc jsonb, tags text[], note text');
    const at = new Date('2026-03-04T05:06:07.089Z');
    await db.query(`INSERT INTO ${t} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, ['a', 7, '9007199254740993', 0.25, true, at, JSON.stringify({ k: ['v', 1] }), ['x', "it's", 'a,b'], null]);
    const text = `SELECT * FROM ${t} WHERE id = $1 AND n = $2 AND ok = $3 AND at = $4 AND tags = $5 AND doc = $6`;
    const params = ['a', 7, true, at, ['x', "it's", 'a,b'], JSON.stringify({ k: ['v', 1] })];
    const expected = (await db.query<Row>(text, params)).rows;
    expect(expected).toHaveLength(1);
    for (let i = 0; i < 3; i++) expect(await driver.query(text, params)).toEqual(expected);
    expect((await preparedNames()).map((row) => row.statement)).toContain(text);
    // A null parameter, and no rows.
    const none = `SELECT id FROM ${t} WHERE note IS NOT DISTINCT FROM $1 AND id <> $2`;
    for (let i = 0; i < 3; i++) expect(await driver.query(none, [null, 'a'])).toEqual([]);
  });

  it('a prepared statement that fails reports the database error and leaves the instance usable', async () => {
    const t = await table('id text PRIMARY KEY');
    const insert = `INSERT INTO ${t} (id) VALUES ($1)`;
    await driver.query(insert, ['one']);
    await driver.query(insert, ['two']);
    await expect(driver.query(insert, ['two'])).rejects.toMatchObject({ code: '23505' });
    expect(await driver.query(`SELECT count(*)::int AS n FROM ${t} WHERE id <> $1`, [''])).toEqual([{ n: 2 }]);
  });

  it('never runs inside a transaction another caller holds open: it waits for the commit', async () => {
    const t = await table('id text PRIMARY KEY');
    const count = `SELECT count(*)::int AS n FROM ${t} WHERE id <> $1`;
    for (let i = 0; i < 2; i++) expect(await driver.query(count, [''])).toEqual([{ n: 0 }]);
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = driver.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${t} (id) VALUES ($1)`, ['uncommitted']);
      inserted();
      await held;
    });
    await insertedYet;
    let answered: Row[] | undefined;
    const read = driver.query(count, ['']).then((rows) => (answered = rows));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered, 'answered from inside the open transaction').toBeUndefined();
    commit();
    await transaction;
    await read;
    expect(answered).toEqual([{ n: 1 }]);
  });

  it('reads on after DEALLOCATE ALL and after its table changes under a prepared `*` read', async () => {
    const t = await table('id text PRIMARY KEY, name text');
    await db.query(`INSERT INTO ${t} VALUES ('a', 'Ann')`);
    const read = `SELECT * FROM ${t} WHERE id = $1`;
    for (let i = 0; i < 3; i++) expect(await driver.query(read, ['a'])).toEqual([{ id: 'a', name: 'Ann' }]);
    await db.exec('DEALLOCATE ALL');
    expect(await driver.query(read, ['a'])).toEqual([{ id: 'a', name: 'Ann' }]);
    for (let i = 0; i < 3; i++) await driver.query(read, ['a']);
    expect((await preparedNames()).map((row) => row.statement)).toContain(read);
    await db.exec(`ALTER TABLE ${t} ADD COLUMN added int`);
    expect(await driver.query(read, ['a'])).toEqual([{ id: 'a', name: 'Ann', added: null }]);
    for (let i = 0; i < 3; i++) expect(await driver.query(read, ['a'])).toEqual([{ id: 'a', name: 'Ann', added: null }]);
  });

  it("prepares a transaction's statements too, and runs a transaction again when one was pulled away", async () => {
    const t = await table('id text PRIMARY KEY, n int');
    const insert = `INSERT INTO ${t} (id, n) VALUES ($1, $2)`;
    const total = `SELECT count(*)::int AS rows, coalesce(sum(n), 0)::int AS n FROM ${t} WHERE id <> $1`;
    for (const id of ['a', 'b', 'c']) await driver.transaction(async (tx) => tx.query(insert, [id, 1]));
    expect((await preparedNames()).map((row) => row.statement)).toContain(insert);
    // A failure inside still rolls the whole transaction back.
    await expect(driver.transaction(async (tx) => (await tx.query(insert, ['d', 1]), await tx.query(insert, ['a', 1])))).rejects.toMatchObject({ code: '23505' });
    expect(await driver.query(total, [''])).toEqual([{ rows: 3, n: 3 }]);
    // Pulled away between two transactions: the first statement of the next one fails, the
    // transaction rolls back and runs again, once, and what it wrote is there once.
    await db.exec('DEALLOCATE ALL');
    let runs = 0;
    await driver.transaction(async (tx) => {
      runs++;
      await tx.query(`UPDATE ${t} SET n = n + 1 WHERE id = $1`, ['a']);
      await tx.query(insert, ['e', 1]);
    });
    expect(runs).toBe(2);
    expect(await driver.query(total, [''])).toEqual([{ rows: 4, n: 5 }]);
  });

  it('prepares nothing with preparedStatements: false', async () => {
    const own = new PGlite();
    try {
      const storage = pgliteStorage({ db: own, preparedStatements: false });
      await storage.saveClient(client({ id: 'cl-unprepared' }));
      for (let i = 0; i < 3; i++) expect((await storage.getClient(TENANT_A, 'cl-unprepared'))?.id).toBe('cl-unprepared');
      expect((await own.query('SELECT name FROM pg_prepared_statements')).rows).toEqual([]);
      const prepared = pgliteStorage({ db: own, schema: 'sitegate_prepared' });
      await prepared.saveClient(client({ id: 'cl-prepared' }));
      for (let i = 0; i < 3; i++) expect((await prepared.getClient(TENANT_A, 'cl-prepared'))?.id).toBe('cl-prepared');
      expect((await own.query('SELECT name FROM pg_prepared_statements')).rows.length).toBeGreaterThan(0);
    } finally {
      await own.close();
    }
  });
});
