import type { Migration } from './migrations.js';

/**
 * Rate-limit counts that every process on the database shares (`storage.rateLimiter()`): one row
 * per key and fixed window. Keys span tenants (an address signs in to any of them), so the table
 * has no `tenant_id` and stays on the coordinator of a distributed PostgreSQL (docs/scaling.md).
 */
export const rateLimitsMigration: Migration = {
  version: 11,
  name: 'shared rate limits',
  // IF NOT EXISTS, as in migration 10: it may find its table left by an overlapped older process.
  statements: (s) => [
    `CREATE TABLE IF NOT EXISTS ${s}.rate_limits (key text COLLATE "C" NOT NULL PRIMARY KEY, window_ends timestamptz NOT NULL, hits integer NOT NULL)`,
    // Ended windows are swept by their end.
    `CREATE INDEX IF NOT EXISTS rate_limits_ends_idx ON ${s}.rate_limits (window_ends)`,
  ],
};
