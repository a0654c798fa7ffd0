import { postgresStorage } from 'sitegate/adapters/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planNodes, RecordingPool, type PlanNode } from '../support/recording-pool.js';
import { databaseUrl, uniqueSchema } from '../support/sql-stores.js';

const url = databaseUrl();

/**
 * A share queues a notification per client of its project, reading the project's audience in
 * the share's transaction. Right after a builder adds many clients, autovacuum has not analyzed
 * them yet; the audience read must still look each client up by key, not scan the tenant's
 * clients once per client of the project (1,000 × 1,000 rows: 60–100 ms per share).
 */
describe.skipIf(!url)('the project audience read before statistics exist (PostgreSQL)', () => {
  const pool = new RecordingPool({ connectionString: url });
  const schema = uniqueSchema('sg_audience');
  const s = `"${schema}"`;
  const storage = postgresStorage({ pool }, { schema });

  beforeAll(async () => {
    await storage.ready();
    // Never analyzed, as after a bulk invite: no autovacuum during the test either.
    for (const table of ['clients', 'client_projects']) await pool.query(`ALTER TABLE ${s}.${table} SET (autovacuum_enabled = false)`);
    await pool.query(
      `INSERT INTO ${s}.clients SELECT 't1', 'cl-'||c, 'c'||c||'@x.example', NULL, NULL, 'client', ARRAY[CASE WHEN c <= 1000 THEN 'p-big' ELSE 'p-other' END], true,
         CASE WHEN c % 10 = 0 THEN 'invited' ELSE 'active' END, NULL, now(), NULL, NULL, NULL, now() - c * interval '1 minute', now()
       FROM generate_series(1, 1500) c`,
    );
    await pool.query(`INSERT INTO ${s}.client_projects SELECT tenant_id, id, project_ids[1], created_at FROM ${s}.clients`);
  }, 60_000);

  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await storage.close();
    await pool.end();
  });

  it('finds the project’s clients by its index and each client by its primary key', async () => {
    pool.seen.length = 0;
    const audience = await storage.listProjectAudience('t1', 'p-big', { status: 'active' });
    expect(audience).toHaveLength(900);
    const last = pool.seen[pool.seen.length - 1]!;
    const { rows } = await pool.query(`EXPLAIN (FORMAT JSON) ${last.text}`, last.params);
    const scans = planNodes((rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan)
      .filter((n) => n['Relation Name'] || n['Index Name'])
      .map((n) => `${n['Node Type']} ${n['Index Name'] ?? n['Relation Name']}`);
    expect(scans, scans.join(', ')).toContain('Index Scan clients_pkey');
    // Nothing reads the tenant's clients by another path (the status index, a sequential scan).
    expect(scans.filter((scan) => /clients/.test(scan) && !/clients_pkey|client_projects/.test(scan)), scans.join(', ')).toEqual([]);
  });
});
