import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { StorageError } from 'sitegate';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { postgresStorage, type SqlStorage } from 'sitegate/adapters/postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { makeHttp } from '../http/support.js';
import { databaseUrl, uniqueSchema } from '../support/sql-stores.js';

type Query = (text: string) => Promise<Record<string, unknown>[]>;

interface Backend {
  name: string;
  /** Two storages on one fresh schema, as two handler processes would have, and a raw query. */
  open(): Promise<{ first: SqlStorage; second: SqlStorage; schema: string; query: Query }>;
}

const pglite = new PGlite();
let pgliteSchemas = 0;
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await pglite.close();
});

const url = databaseUrl();
const backends: Backend[] = [
  {
    name: 'PGlite',
    async open() {
      const schema = `limits_${++pgliteSchemas}`;
      return {
        first: pgliteStorage({ db: pglite, schema }),
        second: pgliteStorage({ db: pglite, schema }),
        schema,
        query: async (text) => (await pglite.query<Record<string, unknown>>(text)).rows,
      };
    },
  },
  ...(url
    ? [
        {
          name: 'PostgreSQL',
          async open() {
            const schema = uniqueSchema('sg_limits');
            const admin = new pg.Pool({ connectionString: url, max: 2 });
            const first = postgresStorage({ connectionString: url }, { schema });
            const second = postgresStorage({ connectionString: url }, { schema });
            closers.push(() => admin.end(), () => admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`), () => first.close(), () => second.close());
            return { first, second, schema, query: async (text: string) => (await admin.query(text)).rows };
          },
        } satisfies Backend,
      ]
    : []),
];

describe.each(backends)('the shared rate limiter on $name', (backend) => {
  it('counts each key in a fixed window, says when to come back, and forgets a key on reset', { timeout: 60_000 }, async () => {
    const { first } = await backend.open();
    const limiter = first.rateLimiter({ limit: 3, windowSeconds: 60 });
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await limiter.hit('signin:203.0.113.7'));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[3]!.retryAfterSeconds).toBeGreaterThan(55);
    expect(verdicts[3]!.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another key has its own count; a rule given with the hit replaces the defaults.
    expect(await limiter.hit('signin:198.51.100.1')).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(await limiter.hit('lockout:acme:dana@example.com', { limit: 1, windowSeconds: 3600 })).toEqual({ allowed: true, retryAfterSeconds: 0 });
    const locked = await limiter.hit('lockout:acme:dana@example.com', { limit: 1, windowSeconds: 3600 });
    expect(locked.allowed).toBe(false);
    expect(locked.retryAfterSeconds).toBeGreaterThan(3500);
    await limiter.reset!('signin:203.0.113.7');
    expect((await limiter.hit('signin:203.0.113.7')).allowed).toBe(true);
  });

  it('is one count for every process on the database', { timeout: 60_000 }, async () => {
    const { first, second } = await backend.open();
    const here = first.rateLimiter({ limit: 10, windowSeconds: 900 });
    const there = second.rateLimiter({ limit: 10, windowSeconds: 900 });
    const allowed = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? here : there).hit('forgot:acme:dana@example.com')));
    expect(allowed.filter((v) => v.allowed)).toHaveLength(10);
    await there.reset!('forgot:acme:dana@example.com');
    expect((await here.hit('forgot:acme:dana@example.com')).allowed).toBe(true);
  });

  it('starts a window again once it has ended, and sweeps ended ones away', { timeout: 60_000 }, async () => {
    const { first, schema, query } = await backend.open();
    const limiter = first.rateLimiter({ limit: 1, windowSeconds: 60 });
    await limiter.hit('a');
    expect((await limiter.hit('a')).allowed).toBe(false);
    await limiter.hit('b');
    await query(`UPDATE "${schema}".rate_limits SET window_ends = now() - interval '1 second'`);
    // A new limiter sweeps at its first hit (then at most once a minute): `b` goes, `a` starts again.
    const fresh = first.rateLimiter({ limit: 1, windowSeconds: 60 });
    expect(await fresh.hit('a')).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(await query(`SELECT hits FROM "${schema}".rate_limits`)).toEqual([{ hits: 1 }]);
  });

  it('sweeps again at the next attempt while batches come out full', { timeout: 60_000 }, async () => {
    const { first, schema, query } = await backend.open();
    const limiter = first.rateLimiter();
    await limiter.hit('warm-up'); // migrated, and this limiter's first sweep done
    await query(`INSERT INTO "${schema}".rate_limits (key, window_ends, hits) SELECT 'k' || n, now() - interval '1 minute', 1 FROM generate_series(1, 10001) n`);
    const fresh = first.rateLimiter();
    await fresh.hit('a'); // sweeps a full batch of 10,000
    expect(await query(`SELECT count(*)::integer AS n FROM "${schema}".rate_limits WHERE window_ends <= now()`)).toEqual([{ n: 1 }]);
    await fresh.hit('b'); // within the minute, but the last batch was full: sweeps the rest
    expect(await query(`SELECT count(*)::integer AS n FROM "${schema}".rate_limits WHERE window_ends <= now()`)).toEqual([{ n: 0 }]);
  });

  it('keeps keys only as their SHA-256: no address or email in the table', { timeout: 60_000 }, async () => {
    const { first, schema, query } = await backend.open();
    await first.rateLimiter().hit('signin:acme:dana@example.com:203.0.113.7');
    const rows = await query(`SELECT key FROM "${schema}".rate_limits`);
    expect(rows).toEqual([{ key: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });
});

describe.skipIf(!url)('the shared rate limiter behind two handlers on one PostgreSQL', () => {
  it('refuses the eleventh wrong sign-in for one account and address, wherever it lands', { timeout: 60_000 }, async () => {
    const schema = uniqueSchema('sg_limits_http');
    const stores = [0, 1].map(() => postgresStorage({ connectionString: url! }, { schema }));
    closers.push(...stores.map((s) => () => s.close()), async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    });
    await stores[0]!.ready();
    const handlers = stores.map((storage) => makeHttp({ rateLimit: { limiter: storage.rateLimiter() }, clientIp: () => '203.0.113.7' }, { storage }));
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const answer = await handlers[i % 2]!.send('POST', '/session', { body: { tenantId: 'acme', email: 'dana@example.com', password: 'wrong password' } });
      statuses.push(answer.status);
    }
    // 10 per address and account in 15 minutes, counted once for both processes.
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
  });

  it('keeps a window a hit restarted while a sweep in another process waited for it', { timeout: 60_000 }, async () => {
    const schema = uniqueSchema('sg_limits_sweep');
    const storage = postgresStorage({ connectionString: url! }, { schema });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    closers.push(() => storage.close(), async () => {
      await other.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await other.end();
    });
    const limiter = storage.rateLimiter({ limit: 1, windowSeconds: 900 });
    await limiter.hit('signin:203.0.113.7');
    await other.query(`UPDATE "${schema}".rate_limits SET window_ends = now() - interval '1 second', hits = 5`);
    // Another process's hit on the ended window restarts it, its commit still on its way...
    await other.query('BEGIN');
    await other.query(
      `INSERT INTO "${schema}".rate_limits AS r (key, window_ends, hits) VALUES ($1, now() + interval '900 seconds', 1)
       ON CONFLICT (key) DO UPDATE SET hits = CASE WHEN r.window_ends <= now() THEN 1 ELSE r.hits + 1 END,
         window_ends = CASE WHEN r.window_ends <= now() THEN excluded.window_ends ELSE r.window_ends END`,
      [createHash('sha256').update('signin:203.0.113.7', 'utf8').digest('hex')],
    );
    // ...while a fresh limiter here sweeps at its first hit, and waits for that row.
    const sweeping = storage.rateLimiter({ limit: 1, windowSeconds: 900 }).hit('signin:198.51.100.1');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await other.query('COMMIT');
    await sweeping;
    // The restarted window and its one hit are kept: the next attempt is the second, refused.
    expect((await limiter.hit('signin:203.0.113.7')).allowed).toBe(false);
  });

  it('counts an attempt whose sweep fails: the attempt is answered, the sweep tried later', { timeout: 60_000 }, async () => {
    const schema = uniqueSchema('sg_limits_nodelete');
    const role = `${schema}_role`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const owner = postgresStorage({ connectionString: url! }, { schema });
    await owner.ready();
    // A role that may count but not delete: every sweep it runs fails.
    await admin.query(`CREATE ROLE "${role}" LOGIN`);
    await admin.query(`GRANT USAGE ON SCHEMA "${schema}" TO "${role}"`);
    await admin.query(`GRANT SELECT, INSERT, UPDATE ON "${schema}".rate_limits, "${schema}".schema_migrations TO "${role}"`);
    const counting = new URL(url!);
    counting.username = role;
    const limited = postgresStorage({ connectionString: counting.toString() }, { schema });
    closers.push(() => limited.close(), () => owner.close(), async () => {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.query(`DROP ROLE IF EXISTS "${role}"`);
      await admin.end();
    });
    const limiter = limited.rateLimiter({ limit: 2, windowSeconds: 60 });
    expect(await limiter.hit('signin:203.0.113.7')).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect((await limiter.hit('signin:203.0.113.7')).allowed).toBe(true);
    expect((await limiter.hit('signin:203.0.113.7')).allowed).toBe(false);
  });

  it('answers 503 when it cannot count: a limit never lapses while the database is away', { timeout: 30_000 }, async () => {
    const away = postgresStorage({ connectionString: 'postgres://postgres@127.0.0.1:1/none' }, { timeouts: { connectMs: 1000 } });
    closers.push(() => away.close());
    await expect(away.rateLimiter().hit('signin:203.0.113.7')).rejects.toBeInstanceOf(StorageError);
    const http = makeHttp({ rateLimit: { limiter: away.rateLimiter() } });
    const answer = await http.send('POST', '/session', { body: { tenantId: 'acme', email: 'dana@example.com', password: 'any password' } });
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ code: 'storage_failed' });
  });
});
