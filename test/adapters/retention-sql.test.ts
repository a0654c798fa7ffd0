import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createPortal } from 'sitegate';
import { memoryContent, memoryMail } from 'sitegate/adapters/memory';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { postgresStorage } from 'sitegate/adapters/postgres';
import type { SqlStorage } from 'sitegate/adapters/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleContent, TENANT_A, TENANT_B, tenantSettings } from '../../src/testing/fixtures.js';
import { databaseUrl, uniqueSchema } from '../support/sql-stores.js';
import { testClock } from '../support/make-portal.js';

const url = databaseUrl();

/** A portal over `storage` whose clock stands 60 days after the records below were written. */
function portalOn(storage: SqlStorage) {
  const clock = testClock();
  clock.advanceDays(60);
  return createPortal({
    storage,
    mail: memoryMail(),
    content: memoryContent(sampleContent()),
    acceptUrl: (token) => `https://builder.example/accept#token=${token}`,
    tenants: async (id) => tenantSettings[id] ?? null,
    now: clock.now,
  });
}

/**
 * `n` sessions and `n` sent mail jobs per tenant, all ended on day 0, and `open` mail jobs still
 * pending from that day: written with one statement per table, as a busy month leaves them.
 */
async function fill(query: (text: string, params?: unknown[]) => Promise<unknown>, schema: string, n: number, open: number): Promise<void> {
  const start = new Date('2026-03-02T10:00:00Z');
  for (const tenant of [TENANT_A, TENANT_B]) {
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
      const pool = new pg.Pool({ connectionString: url!, max: 6 });
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
});
