import { TENANT } from './bench-portal.js';
import { CLIENT_PROJECT, CLIENT_PROJECT_SHARES, FEED_MODULES, SHARES_PER_PROJECT } from './seed.js';

/** A connection the SQL adapters run on (a PGlite instance or a pg pool): `query(text, params)`. */
export interface BulkQuery {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

/** The rows of a query on either kind of `BulkQuery`: a pg pool answers `{ rows }`, the SQL adapters' connections the rows. */
export async function rowsOf<T>(db: BulkQuery, text: string, params?: unknown[]): Promise<T[]> {
  const result = (await db.query(text, params)) as { rows: T[] } | T[];
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Seeding a million rows one `insertShare` at a time takes many minutes; here one
 * `INSERT … SELECT generate_series` per batch writes the same rows as `seed.ts` (same ids,
 * projects, modules), straight into the adapter's tables. It knows the schema of
 * adapters/sql/migrations.ts: if that changes, this is the place to follow it.
 */
export async function bulkShares(db: BulkQuery, schema: string, from: number, to: number): Promise<void> {
  const modules = `ARRAY[${FEED_MODULES.map((m) => `'${m}'`).join(',')}]`;
  const folder = `(n % ${FEED_MODULES.length} = ${FEED_MODULES.indexOf('documents')} AND n % 5 = 0)`;
  for (let start = from; start < to; start += 100_000) {
    const end = Math.min(to, start + 100_000);
    await db.query(
      `INSERT INTO ${schema}.shares (tenant_id, id, project_id, module, resource_id, kind, shared_by, created_at)
       SELECT $1, 's-' || lpad(n::text, 8, '0'),
              CASE WHEN n < ${CLIENT_PROJECT_SHARES} THEN '${CLIENT_PROJECT}' ELSE 'p-' || ((n - ${CLIENT_PROJECT_SHARES}) / ${SHARES_PER_PROJECT}) END,
              (${modules})[n % ${FEED_MODULES.length} + 1],
              CASE WHEN ${folder} THEN 'f-' ELSE 'r-' END || n,
              CASE WHEN ${folder} THEN 'folder' ELSE 'item' END,
              'u-bench', to_timestamp(1767225600 + n / 1000.0)
       FROM generate_series($2::int, $3::int) AS n`,
      [TENANT, start, end - 1],
    );
  }
  await settle(db, `${schema}.shares`);
}

/** The clients of `clients.ts`'s `clientAt(n)`, with their project access rows. */
export async function bulkClients(db: BulkQuery, schema: string, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += 100_000) {
    const end = Math.min(to, start + 100_000);
    const params = [TENANT, start, end - 1];
    await db.query(
      `INSERT INTO ${schema}.clients (tenant_id, id, email, name, search_name, role_id, project_ids, portal_access, status, activated_at, created_at, updated_at)
       SELECT $1, 'c-' || lpad(n::text, 7, '0'), 'client-' || n || '@bench.example', 'Client ' || n, 'client ' || n, 'client',
              ARRAY['p-' || (n % 100)], true, CASE WHEN n % 3 = 0 THEN 'active' ELSE 'not_invited' END,
              CASE WHEN n % 3 = 0 THEN timestamptz '2026-01-01T00:00:00Z' END,
              timestamptz '2026-01-01T00:00:00Z' + n * interval '1 millisecond', timestamptz '2026-01-01T00:00:00Z'
       FROM generate_series($2::int, $3::int) AS n`,
      params,
    );
    await db.query(
      `INSERT INTO ${schema}.client_projects (tenant_id, client_id, project_id, client_created_at)
       SELECT $1, 'c-' || lpad(n::text, 7, '0'), 'p-' || (n % 100), timestamptz '2026-01-01T00:00:00Z' + n * interval '1 millisecond'
       FROM generate_series($2::int, $3::int) AS n`,
      params,
    );
  }
  await settle(db, `${schema}.clients`);
  await settle(db, `${schema}.client_projects`);
}

/**
 * Brings a freshly seeded table to where a table that grew over months is: statistics current
 * and its rows vacuumed. With statistics alone, autovacuum finds the new rows within a minute
 * and vacuums them in the middle of a measurement (seen at 1M shares: during the feed's
 * samples), competing for the machine's two cores; a real tenant's shares were vacuumed as
 * they accumulated.
 */
export async function settle(db: BulkQuery, table: string): Promise<void> {
  await db.query(`VACUUM (ANALYZE) ${table}`);
}
