import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Storage } from 'sitegate';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { postgresStorage } from 'sitegate/adapters/postgres';
import { afterAll } from 'vitest';

type Query = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** A schema no other test file or earlier run uses, so files run in parallel and reruns start clean. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Empties every sitegate table of `schema` (the migrations record stays). */
export async function truncateSchema(query: Query, schema: string): Promise<void> {
  const { rows } = await query(`SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'`, [schema]);
  if (rows.length === 0) return;
  await query(`TRUNCATE ${rows.map((r) => `"${schema}"."${String(r.tablename)}"`).join(', ')}`);
}

/**
 * The PostgreSQL server tests run against. Under CI a missing DATABASE_URL is a failure (the
 * suite must not pass by skipping); elsewhere the Postgres suites skip with this message.
 */
export function databaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  if (!url && process.env.CI === 'true') {
    throw new Error('DATABASE_URL is not set, and CI=true: the PostgreSQL suites must run in CI (`source .ci/postgres.sh`).');
  }
  if (!url) console.warn('DATABASE_URL is not set: skipping the PostgreSQL suites (`source .ci/postgres.sh` starts a local server).');
  return url;
}

/** Runs `use` on a connection of its own to `url`, closed afterwards whatever happens. */
export async function withPgClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * A repeatable stream of picks below a bound, from a linear congruential generator's high bits:
 * its low ones repeat too soon to pick among a dozen pieces.
 */
export function seededPicks(seed: number): (below: number) => number {
  let state = seed;
  return (below) => Math.floor(((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * below);
}

/** A freshly migrated SQL storage, its schema, and a way to run SQL beside it. */
export interface OpenedSqlStorage {
  storage: Storage;
  schema: string;
  query: (text: string, params?: unknown[]) => Promise<unknown>;
}

/**
 * The SQL backends a test file runs its cases on: PGlite always, PostgreSQL when `databaseUrl()`
 * gives one (always in CI). Each `open` migrates a schema of its own; the file's PGlite, pool and
 * PostgreSQL schemas go when it ends. Call at the top of the file.
 */
export function sqlBackends(prefix: string): { name: string; open: () => Promise<OpenedSqlStorage> }[] {
  const lite = new PGlite();
  afterAll(() => lite.close());
  let liteSchemas = 0;
  const backends = [
    {
      name: 'PGlite',
      open: async (): Promise<OpenedSqlStorage> => {
        const schema = `${prefix}_${++liteSchemas}`;
        const storage = pgliteStorage({ db: lite, schema });
        await storage.ready();
        return { storage, schema, query: (text, params) => lite.query(text, params) };
      },
    },
  ];
  const url = databaseUrl();
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const schemas: string[] = [];
    afterAll(async () => {
      for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    });
    backends.push({
      name: 'PostgreSQL',
      open: async () => {
        const schema = uniqueSchema(`sg_${prefix}`);
        schemas.push(schema);
        const storage = postgresStorage({ pool }, { schema });
        await storage.ready();
        return { storage, schema, query: (text, params) => pool.query(text, params) };
      },
    });
  }
  return backends;
}
