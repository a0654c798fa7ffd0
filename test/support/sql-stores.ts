import { randomBytes } from 'node:crypto';

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
