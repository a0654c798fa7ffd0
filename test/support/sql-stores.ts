import { randomBytes } from 'node:crypto';
import pg from 'pg';

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
