import type { Migration } from './migrations.js';

const id = 'text COLLATE "C" NOT NULL';

/**
 * Clients' visits to projects, for "new since your last visit" in the feed: one row per client
 * and project, keyed the way the feed looks it up.
 */
export const visitsMigration: Migration = {
  version: 7,
  name: 'project visits',
  statements: (s) => [
    `CREATE TABLE IF NOT EXISTS ${s}.project_visits (
      tenant_id ${id}, client_id ${id}, project_id ${id},
      last_visit_at timestamptz NOT NULL, previous_visit_at timestamptz,
      PRIMARY KEY (tenant_id, client_id, project_id))`,
  ],
};
