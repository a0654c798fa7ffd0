import { createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { isSitegateError } from 'sitegate';
import { postgresStorage, type SqlStorage } from 'sitegate/adapters/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, uniqueSchema } from '../support/sql-stores.js';

/**
 * Nothing sitegate asks of PostgreSQL waits without bound: a server that never answers, a
 * table locked for long, a pool whose connections are all taken each end in a StorageError
 * (503) within the configured time, and the storage works again once the cause is gone.
 */
const url = databaseUrl();

/** Resolves with how long `work` took to fail, and its error. */
async function failure(work: Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  const error = await work.then(
    () => new Error('expected a failure, got a result'),
    (e: unknown) => e,
  );
  return { ms: performance.now() - started, error };
}

function expectStorageError(error: unknown, message: RegExp): void {
  expect(isSitegateError(error), String(error)).toBe(true);
  expect(error).toMatchObject({ name: 'StorageError', code: 'storage_failed', message: expect.stringMatching(message) });
  expect((error as Error).cause).toBeDefined();
}

describe('a server that accepts connections but never answers', () => {
  let server: Server;
  let address: string;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    address = `postgres://sitegate@127.0.0.1:${(server.address() as { port: number }).port}/sitegate`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('ready() fails within the connect timeout', async () => {
    const storage = postgresStorage({ connectionString: address }, { timeouts: { connectMs: 300 } });
    try {
      const { ms, error } = await failure(storage.ready());
      expectStorageError(error, /cannot connect to PostgreSQL at 127\.0\.0\.1:\d+: no answer within 300 ms/);
      expect(ms).toBeLessThan(2000);
    } finally {
      await storage.close();
    }
  });

  it('ready() fails within a few seconds with the defaults', async () => {
    const storage = postgresStorage({ connectionString: address });
    try {
      const { ms, error } = await failure(storage.ready());
      expectStorageError(error, /cannot connect to PostgreSQL/);
      expect(ms).toBeLessThan(7000);
    } finally {
      await storage.close();
    }
  }, 15_000);

  it("bounds the wait on a host's pool that has no connect timeout of its own", async () => {
    const pool = new pg.Pool({ connectionString: address });
    const storage = postgresStorage({ pool }, { timeouts: { checkoutMs: 300 } });
    const { ms, error } = await failure(storage.getClient('acme', 'cl-1'));
    expectStorageError(error, /cannot connect to PostgreSQL at 127\.0\.0\.1:\d+: no connection within 300 ms/);
    expect(ms).toBeLessThan(2000);
    for (const socket of sockets) socket.destroy();
    await pool.end();
  });
});

describe.skipIf(!url)('timeouts on PostgreSQL', () => {
  const schema = uniqueSchema('sg_timeouts');
  const admin = new pg.Pool({ connectionString: url, max: 3 });
  const hostPools: pg.Pool[] = [];
  const storages: SqlStorage[] = [];
  const open = (make: () => SqlStorage) => {
    const storage = make();
    storages.push(storage);
    return storage;
  };
  const hostPool = (max = 4) => {
    const pool = new pg.Pool({ connectionString: url, max });
    hostPools.push(pool);
    return pool;
  };

  beforeAll(async () => {
    await open(() => postgresStorage({ connectionString: url! }, { schema })).ready();
  });
  afterAll(async () => {
    for (const storage of storages) await storage.close();
    await Promise.all(hostPools.map((p) => p.end()));
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  /** Holds an exclusive lock on sitegate's clients table until `release()`, as a long migration or maintenance job would. */
  async function lockClients(): Promise<{ release: () => Promise<void> }> {
    const client = await admin.connect();
    await client.query('BEGIN');
    await client.query(`LOCK TABLE "${schema}".clients IN ACCESS EXCLUSIVE MODE`);
    return {
      async release() {
        await client.query('ROLLBACK');
        client.release();
      },
    };
  }

  it('a locked table: statements and transactions fail at the lock timeout, then work again', async () => {
    const own = open(() => postgresStorage({ connectionString: url! }, { schema, timeouts: { lockMs: 300 } }));
    const host = open(() => postgresStorage({ pool: hostPool() }, { schema, timeouts: { lockMs: 300, statementMs: 800 } }));
    await Promise.all([own.ready(), host.ready()]);
    const lock = await lockClients();
    try {
      for (const [storage, single] of [
        [own, /lock timeout/],
        // A host's sessions carry no server-side timeout outside sitegate's transactions: the
        // single statement is bounded on the client side, at statementMs.
        [host, /did not answer within 800 ms/],
      ] as const) {
        const lone = await failure(storage.getClient('acme', 'cl-1'));
        expectStorageError(lone.error, single);
        expect(lone.ms).toBeLessThan(2500);
        const tx = await failure(storage.transaction((t) => t.getClient('acme', 'cl-1')));
        expectStorageError(tx.error, /lock timeout/);
        expect(tx.ms).toBeLessThan(2500);
      }
    } finally {
      await lock.release();
    }
    for (const storage of [own, host]) {
      await expect(storage.getClient('acme', 'cl-1')).resolves.toBeNull();
      await expect(storage.transaction((t) => t.getClient('acme', 'cl-1'))).resolves.toBeNull();
    }
  });

  it('the statement timeout ends a statement that waits with no lock timeout', async () => {
    const storage = open(() => postgresStorage({ connectionString: url! }, { schema, timeouts: { lockMs: 0, statementMs: 400 } }));
    await storage.ready();
    const lock = await lockClients();
    try {
      const locked = await failure(storage.getClient('acme', 'cl-1'));
      expectStorageError(locked.error, /statement timeout/);
      expect(locked.ms).toBeLessThan(2500);
    } finally {
      await lock.release();
    }
  });

  it('a full pool is reported as "pool exhausted", not as a connection failure', async () => {
    for (const [size, storage] of [
      [2, open(() => postgresStorage({ pool: hostPool(2) }, { schema, timeouts: { checkoutMs: 1000 } }))],
      // A pool sitegate opens has pg's default size, 10.
      [10, open(() => postgresStorage({ connectionString: url! }, { schema, timeouts: { checkoutMs: 1000, connectMs: 1000 } }))],
    ] as const) {
      await storage.ready();
      // Transactions that hold their connections until told to finish, one per connection.
      let finish!: () => void;
      const gate = new Promise<void>((resolve) => (finish = resolve));
      let holding = 0;
      const holders = Array.from({ length: size }, () =>
        storage.transaction(async (t) => {
          await t.getClient('acme', 'cl-1');
          holding++;
          await gate;
        }),
      );
      while (holding < size) await new Promise((resolve) => setTimeout(resolve, 20));
      const { ms, error } = await failure(storage.getClient('acme', 'cl-2'));
      expectStorageError(error, new RegExp(`pool exhausted: all ${size} connections stayed in use`));
      expect((error as Error).message).not.toMatch(/cannot connect/);
      expect(ms).toBeLessThan(3000);
      finish();
      await Promise.all(holders);
      await expect(storage.getClient('acme', 'cl-2')).resolves.toBeNull();
    }
  });

  it('rejects timeouts that are not whole milliseconds', () => {
    expect(() => postgresStorage({ connectionString: url! }, { timeouts: { lockMs: -1 } })).toThrow(/timeouts\.lockMs must be a whole number/);
    expect(() => postgresStorage({ connectionString: url! }, { timeouts: { statementMs: 1.5 } })).toThrow(TypeError);
  });
});
