import type { ClientActor, Storage } from 'sitegate';
import { activeClient, cheapPasswords, TENANT } from './bench-portal.js';
import { CLIENT_PROJECT, seedUpdates } from './seed.js';
import { settle } from './sql-seed.js';
import type { BenchStorage } from './storages.js';

/** The size of a real builder's portal, as the HTTP benchmark serves it. */
export const BUILDER = { clients: 2000, active: 500, shares: 5000, updates: 20, projects: 40 } as const;
/** The measured client: one of the active clients, holding the project with the feed. */
export const MEASURED_CLIENT = 'c-measured';
export const MEASURED_EMAIL = `${MEASURED_CLIENT}@bench.example`;
export const MEASURED_PASSWORD = 'measured client password';

/**
 * The other clients, straight into the adapter's tables (one statement each instead of 2,000
 * `saveClient` round trips): every fourth is active, each holds one of the builder's projects.
 * Follows the schema of adapters/sql/migrations.ts, like sql-seed.ts.
 */
async function bulkBuilderClients(bulk: NonNullable<BenchStorage['bulk']>, count: number): Promise<void> {
  const { db, schema: s } = bulk;
  const params = [TENANT, count];
  await db.query(
    `INSERT INTO ${s}.clients (tenant_id, id, email, name, search_name, role_id, project_ids, portal_access, status, activated_at, created_at, updated_at)
     SELECT $1, 'c-' || lpad(n::text, 5, '0'), 'client-' || n || '@bench.example', 'Client ' || n, 'client ' || n, 'client',
            ARRAY['p-' || (n % ${BUILDER.projects})], true, CASE WHEN n % 4 = 0 THEN 'active' ELSE 'not_invited' END,
            CASE WHEN n % 4 = 0 THEN timestamptz '2026-01-01T00:00:00Z' END,
            timestamptz '2026-01-01T00:00:00Z' + n * interval '1 second', timestamptz '2026-01-01T00:00:00Z'
     FROM generate_series(1, $2::int) AS n`,
    params,
  );
  await db.query(
    `INSERT INTO ${s}.client_projects (tenant_id, client_id, project_id, client_created_at)
     SELECT $1, 'c-' || lpad(n::text, 5, '0'), 'p-' || (n % ${BUILDER.projects}), timestamptz '2026-01-01T00:00:00Z' + n * interval '1 second'
     FROM generate_series(1, $2::int) AS n`,
    params,
  );
  await settle(db, `${s}.clients`);
  await settle(db, `${s}.client_projects`);
}

/**
 * Seeds a builder the size of `BUILDER`: 1,999 clients through SQL (499 of them active) plus the
 * measured client with an account, 5,000 shares (200 in the measured client's project) and 20
 * updates there. Returns the measured client.
 */
export async function seedBuilder(opened: BenchStorage): Promise<ClientActor> {
  const { storage, bulk } = opened;
  if (!bulk) throw new Error('the HTTP benchmark seeds SQL storages only');
  await bulkBuilderClients(bulk, BUILDER.clients - 1);
  await bulk.shares(0, BUILDER.shares);
  await seedUpdates(storage, BUILDER.updates);
  const actor = await activeClient(storage, MEASURED_CLIENT, [CLIENT_PROJECT, 'p-1']);
  await setPassword(storage, MEASURED_CLIENT, MEASURED_PASSWORD);
  return actor;
}

async function setPassword(storage: Storage, clientId: string, password: string): Promise<void> {
  const at = new Date('2026-01-01T00:00:00Z');
  await storage.saveAccount({ tenantId: TENANT, clientId, passwordHash: await cheapPasswords.hash(password), createdAt: at, updatedAt: at });
}
