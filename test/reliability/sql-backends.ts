import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pgliteStorage, type SqlStorage } from 'sitegate/adapters/pglite';
import { postgresStorage, type PostgresStorageOptions } from 'sitegate/adapters/postgres';
import { databaseUrl, truncateSchema, uniqueSchema } from '../support/sql-stores.js';

type Query = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/**
 * One database shared by a test file. `storage()` opens another adapter over the same tables —
 * on PostgreSQL with its own pool, as a second stateless handler process would — so races run
 * between "processes" and not only inside one.
 */
export interface SqlBackend {
  name: 'pglite' | 'postgres';
  schema: string;
  /** `options` apply on PostgreSQL (timeouts); PGlite has nothing to wait for. */
  storage(options?: Pick<PostgresStorageOptions, 'timeouts'>): Promise<SqlStorage>;
  query: Query;
  /** Empties every table (the migrations record stays). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function openPglite(schema = 'reliability'): Promise<SqlBackend> {
  const db = new PGlite();
  const query: Query = (text, params) => db.query<Record<string, unknown>>(text, params);
  return {
    name: 'pglite',
    schema,
    async storage() {
      const storage = pgliteStorage({ db, schema });
      await storage.ready();
      return storage;
    },
    query,
    reset: () => truncateSchema(query, schema),
    close: () => db.close(),
  };
}

export async function openPostgres(url: string, prefix = 'sg_reliability'): Promise<SqlBackend> {
  const schema = uniqueSchema(prefix);
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  const pools: pg.Pool[] = [admin];
  const query: Query = (text, params) => admin.query(text, params);
  return {
    name: 'postgres',
    schema,
    async storage(options = {}) {
      const pool = new pg.Pool({ connectionString: url, max: 10 });
      pools.push(pool);
      const storage = postgresStorage({ pool }, { ...options, schema });
      await storage.ready();
      return storage;
    },
    query,
    reset: () => truncateSchema(query, schema),
    async close() {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await Promise.all(pools.map((p) => p.end()));
    },
  };
}

/** PGlite always; PostgreSQL when DATABASE_URL is set (and required under CI=true). */
export function sqlBackends(): { name: SqlBackend['name']; open: () => Promise<SqlBackend> }[] {
  const url = databaseUrl();
  return [
    { name: 'pglite', open: () => openPglite() },
    ...(url ? [{ name: 'postgres' as const, open: () => openPostgres(url) }] : []),
  ];
}

/**
 * Every row of every sitegate table, in a stable order: equal dumps mean nothing changed. One
 * statement builds the whole dump as JSON, since the fuzz suites take one before and after
 * thousands of requests and a round trip per table made them the slowest in CI.
 */
export async function dumpTables(backend: Pick<SqlBackend, 'query' | 'schema'>): Promise<string> {
  const { rows: tables } = await backend.query(`SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations' ORDER BY tablename`, [backend.schema]);
  if (tables.length === 0) return '{}';
  const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const columns = tables.map(({ tablename }) => {
    const table = String(tablename);
    return `(SELECT coalesce(json_agg(t ORDER BY t::text), '[]'::json) FROM ${ident(backend.schema)}.${ident(table)} AS t) AS ${ident(table)}`;
  });
  const { rows } = await backend.query(`SELECT row_to_json(d)::text AS dump FROM (SELECT ${columns.join(', ')}) AS d`);
  return String(rows[0]!.dump);
}
