import { PGlite } from '@electric-sql/pglite';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { postgresStorage } from 'sitegate/adapters/postgres';
import type { SqlStorage } from 'sitegate/adapters/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TENANT_A, TENANT_B } from '../../src/testing/fixtures.js';
import { databaseUrl, truncateSchema, uniqueSchema } from '../support/sql-stores.js';
import { RecordingPool } from '../support/recording-pool.js';
import { explainTenancy } from './distribution-checks.js';
import { makePortal } from '../support/make-portal.js';

const url = databaseUrl();

/** A portal over `storage` whose clock stands 60 days after the records below were written. */
function portalOn(storage: SqlStorage) {
  const { portal, clock } = makePortal({ storage });
  clock.advanceDays(60);
  return portal;
}

/**
 * `n` sessions and `n` sent mail jobs per tenant, all ended on day 0, and `open` mail jobs still
 * pending from that day: written with one statement per table, as a busy month leaves them.
 */
async function fill(query: (text: string, params?: unknown[]) => Promise<unknown>, schema: string, n: number, open: number, tenants = [TENANT_A, TENANT_B]): Promise<void> {
  const start = new Date('2026-03-02T10:00:00Z');
  for (const tenant of tenants) {
    await query(
      `INSERT INTO "${schema}".sessions (tenant_id, token_hash, id, client_id, created_at, expires_at)
       SELECT $1, 'hash-' || i, 'se-' || i, 'cl-1', $2, $2 FROM generate_series(1, $3::int) AS i`,
      [tenant, start, n],
    );
    await query(
      `INSERT INTO "${schema}".mail_jobs (tenant_id, id, kind, invite_id, client_id, state, attempts, run_at, created_at, updated_at)
       SELECT $1, 'job-' || i, 'invite', 'inv-' || i, 'cl-1', CASE WHEN i <= $4::int THEN 'pending' ELSE 'sent' END, 1, $2, $2, $2
       FROM generate_series(1, $3::int + $4::int) AS i`,
      [tenant, start, n, open],
    );
  }
}

const backends = [
  { name: 'PGlite', skip: false },
  { name: 'PostgreSQL', skip: !url },
];

describe.each(backends)('retention on $name', ({ name, skip }) => {
  let storage: SqlStorage;
  let query: (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
  let close: () => Promise<void> = async () => {};
  let schema: string;
  /** The statements sent through the pool (PostgreSQL only). */
  let recorded: { text: string; params: unknown[] }[] = [];

  beforeAll(async () => {
    if (skip) return;
    schema = uniqueSchema('sg_retention');
    if (name === 'PGlite') {
      const db = new PGlite();
      storage = pgliteStorage({ db, schema });
      await storage.ready();
      query = (text, params) => db.query(text, params);
      close = async () => {
        await storage.close();
        await db.close();
      };
    } else {
      const pool = new RecordingPool({ connectionString: url!, max: 6 });
      recorded = pool.seen;
      storage = postgresStorage({ pool }, { schema });
      await storage.ready();
      query = (text, params) => pool.query(text, params);
      close = async () => {
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await storage.close();
        await pool.end();
      };
    }
  }, 120_000);
  afterAll(async () => close());

  it.skipIf(skip)('purges a backlog in batches, two purges at once, and keeps the mail still to send', { timeout: 120_000 }, async () => {
    await fill(query, schema, 2_500, 40);
    const [one, two] = await Promise.all([portalOn(storage).retention.purge({ batchSize: 700 }), portalOn(storage).retention.purge({ batchSize: 700 })]);
    // Every ended row was deleted exactly once, by one purge or the other.
    expect(one.sessions + two.sessions).toBe(5_000);
    expect(one.mailJobs + two.mailJobs).toBe(5_000);
    const { rows } = await query(`SELECT (SELECT count(*)::int FROM "${schema}".sessions) AS sessions, (SELECT count(*)::int FROM "${schema}".mail_jobs WHERE state = 'pending') AS pending, (SELECT count(*)::int FROM "${schema}".mail_jobs) AS jobs`);
    expect(rows[0]).toEqual({ sessions: 0, pending: 80, jobs: 80 });
  });

  // Where one tenant's purge would read every tenant's rows, a database distributed by tenant
  // sends it to every shard. Small tables hide it (any plan is cheap): these are not small.
  // PostgreSQL's plans are the ones a distributed PostgreSQL runs; PGlite declares no such test.
  if (name === 'PostgreSQL') it.skipIf(skip)('purges one tenant with statements that read only its rows, among many tenants', { timeout: 120_000 }, async () => {
    await truncateSchema(query, schema);
    const tenants = Array.from({ length: 40 }, (_, i) => `tenant-${String(i).padStart(2, '0')}`);
    await fill(query, schema, 1_500, 10, tenants);
    await query(`ANALYZE "${schema}".sessions`);
    await query(`ANALYZE "${schema}".mail_jobs`);
    recorded.length = 0;
    const purged = await portalOn(storage).retention.purge({ tenantId: 'tenant-07', batchSize: 500 });
    expect(purged).toMatchObject({ sessions: 1_500, mailJobs: 1_500 });
    const { rows } = await query(`SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'`, [schema]);
    const tables = new Set(rows.map((r) => String(r.tablename)));
    const statements = recorded.filter((r) => r.text.includes('WITH doomed'));
    expect(statements.length).toBeGreaterThanOrEqual(7);
    // Planned from the statistics ANALYZE took while every tenant's rows were there.
    const offenders: string[] = [];
    for (const { text, params } of statements) {
      const { untenanted } = await explainTenancy(query, tables, text, params);
      for (const scan of untenanted) offenders.push(`${text.replace(/\s+/g, ' ').slice(0, 80)}… → ${scan}`);
    }
    expect(offenders).toEqual([]);
  });
});
