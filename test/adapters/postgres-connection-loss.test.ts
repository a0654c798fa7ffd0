import pg from 'pg';
import { isSitegateError } from 'sitegate';
import { postgresStorage, type SqlStorage } from 'sitegate/adapters/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, uniqueSchema } from '../support/sql-stores.js';

/**
 * A backend terminated (`pg_terminate_backend`, a server restart) while sitegate holds its
 * connection. The server's FATAL message then arrives between two statements, when no query is
 * waiting for it, and node-postgres emits it as an `error` event on the client: without a
 * listener, that event ends the process. Only the test's own backends are terminated.
 */
const url = databaseUrl();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!url)('PostgreSQL connection lost mid-transaction', () => {
  const schema = uniqueSchema('sg_connloss');
  // Backends are picked by this name: the server is shared, and other suites' connections must live.
  const app = schema;
  // The callback runs even when skipped: build nothing from a missing URL.
  const own = new URL(url ?? 'postgres://unused');
  own.searchParams.set('application_name', app);
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  const hostPool = new pg.Pool({ connectionString: own.toString(), max: 4 });
  let storages: [string, SqlStorage][];

  beforeAll(async () => {
    storages = [
      ['a pool sitegate creates', postgresStorage({ connectionString: own.toString() }, { schema })],
      // The host's pool, with no 'error' listener of its own: sitegate must not let it crash either.
      ['a pool the host passes in', postgresStorage({ pool: hostPool }, { schema })],
    ];
    for (const [, storage] of storages) await storage.ready();
  });
  afterAll(async () => {
    for (const [, storage] of storages ?? []) await storage.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await Promise.all([admin.end(), hostPool.end()]);
  });

  const terminate = (pid: number) => admin.query('SELECT pg_terminate_backend($1)', [pid]);

  it.each([0, 1])('a transaction whose backend is terminated between statements fails with a StorageError (%#)', async (which) => {
    const [, storage] = storages[which]!;
    const outcome = await storage
      .transaction(async (tx) => {
        await tx.getClient('acme', 'cl-1');
        // The backend of this very transaction: the next statement runs on it.
        const [{ pid }] = (await admin.query(
          `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle in transaction'`,
          [app],
        )).rows as [{ pid: number }];
        await terminate(pid);
        // Let the FATAL message reach the idle client before anything is asked of it.
        await pause(200);
        await tx.getClient('acme', 'cl-2');
        return 'committed';
      })
      .catch((error: unknown) => error);
    expect(isSitegateError(outcome), String(outcome)).toBe(true);
    expect(outcome).toMatchObject({ name: 'StorageError', code: 'storage_failed' });
    // The pool recovers: the next operation gets a fresh connection.
    await expect(storage.getClient('acme', 'cl-1')).resolves.toBeNull();
  });

  it.each([0, 1])('an idle pooled connection terminated in the background is replaced (%#)', async (which) => {
    const [, storage] = storages[which]!;
    await storage.getClient('acme', 'cl-1');
    const { rows } = await admin.query(
      `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle'`,
      [app],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { pid } of rows as { pid: number }[]) await terminate(pid);
    await pause(200);
    await expect(storage.getClient('acme', 'cl-1')).resolves.toBeNull();
  });
});
