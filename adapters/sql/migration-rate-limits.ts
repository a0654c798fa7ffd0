import type { Migration } from './migrations.js';

/**
 * Rate-limit counts that every process on the database shares (`storage.rateLimiter()`): one row
 * per key and fixed window. Keys span tenants (an address signs in to any of them), so the table
 * has no `tenant_id` and stays on the coordinator of a distributed PostgreSQL (docs/scaling.md).
 */
export const rateLimitsMigration: Migration = {
  version: 11,
  name: 'shared rate limits',
  statements: (s) => [
    `CREATE TABLE ${s}.rate_limits (key text COLLATE "C" NOT NULL PRIMARY KEY, window_ends timestamptz NOT NULL, hits integer NOT NULL)`,
    // Ended windows are swept by their end.
    `CREATE INDEX rate_limits_ends_idx ON ${s}.rate_limits (window_ends)`,
  ],
};
