import { postgresStorage } from 'sitegate/adapters/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, uniqueSchema } from '../support/sql-stores.js';
import { planNodes, RecordingPool, type PlanNode } from '../support/recording-pool.js';

const url = databaseUrl();

/**
 * Tenants with many shares, clients, updates and audit events. Every lookup the client view and
 * the staff lists make must be an index scan: nothing reads a tenant's (let alone every tenant's)
 * shares to answer for one resource or one project.
 */
describe.skipIf(!url)('query plans on PostgreSQL (EXPLAIN)', () => {
  const pool = new RecordingPool({ connectionString: url });
  const schema = uniqueSchema('sg_plans');
  const s = `"${schema}"`;
  const storage = postgresStorage({ pool }, { schema });

  beforeAll(async () => {
    await storage.ready();
    const gen = 'generate_series(1, 20) t, generate_series(1, 50) p';
    for (const sql of [
      `INSERT INTO ${s}.shares SELECT 't'||t, 'sh-'||p||'-'||r, 'p-'||p, (ARRAY['documents','photos','drawings'])[1 + r % 3], 'r-'||r, 'item', 'u', now() FROM ${gen}, generate_series(1, 100) r`,
      `INSERT INTO ${s}.updates SELECT 't'||t, 'up-'||p||'-'||u, 'p-'||p, NULL, 'b', '[]', 'u', now() - u * interval '1 hour' FROM ${gen}, generate_series(1, 20) u`,
      `INSERT INTO ${s}.update_attachments SELECT 't'||t, 'p-'||p, 'photos', 'r-'||u, 'up-'||p||'-'||u FROM ${gen}, generate_series(1, 20) u`,
      `INSERT INTO ${s}.clients SELECT 't'||t, 'cl-'||c, 'c'||c||'@x.example', NULL, NULL, 'client', ARRAY['p-'||(c % 50)], true,
         (ARRAY['not_invited','invited','active'])[1 + c % 3], NULL, now(), NULL, NULL, NULL, now() - c * interval '1 minute', now()
         FROM generate_series(1, 20) t, generate_series(1, 2000) c`,
      `INSERT INTO ${s}.client_projects SELECT tenant_id, id, project_ids[1], created_at FROM ${s}.clients`,
      `INSERT INTO ${s}.invites SELECT 't'||t, 'inv-'||c, 'cl-'||c, 'c'||c||'@x.example', 'h-'||t||'-'||c, 'pending', 'u', false, now(), now() + interval '1 day', NULL FROM generate_series(1, 20) t, generate_series(1, 2000) c`,
      `INSERT INTO ${s}.sessions SELECT 't'||t, 'sh-'||t||'-'||c, 'se-'||c, 'cl-'||c, now(), now() + interval '1 day' FROM generate_series(1, 20) t, generate_series(1, 2000) c`,
      `INSERT INTO ${s}.audit SELECT 't'||t, 'ev-'||e, now() - e * interval '1 second', 'staff', 'u', 'client.added', 'cl-'||(e % 2000), 'p-'||(e % 50), NULL FROM generate_series(1, 20) t, generate_series(1, 5000) e`,
      `INSERT INTO ${s}.mail_jobs SELECT 't'||t, 'job-'||j, 'invite', 'inv-'||j, 'cl-'||j, CASE WHEN j % 100 = 0 THEN 'pending' ELSE 'sent' END, 1, now(), NULL, NULL, now(), now() FROM generate_series(1, 20) t, generate_series(1, 2000) j`,
      `INSERT INTO ${s}.receipts SELECT 't'||t, 'p-'||p, 'documents', 'r-'||r, 'cl-'||c, now(), now(), 1 FROM ${gen}, generate_series(1, 10) r, generate_series(1, 10) c`,
      `INSERT INTO ${s}.project_visits SELECT 't'||t, 'cl-'||c, 'p-'||p, now(), now() - interval '1 day' FROM ${gen}, generate_series(1, 20) c`,
      // A long history per tenant, the last few still to deliver.
      `INSERT INTO ${s}.events (tenant_id, id, seq, type, at, data, state, attempts, run_at, updated_at)
         SELECT 't'||t, 'ev-'||e, e, 'client.viewed', now(), '{}', CASE WHEN e > 1995 THEN 'pending' ELSE 'delivered' END, 0, now() - (2000 - e) * interval '1 second', now()
         FROM generate_series(1, 20) t, generate_series(1, 2000) e`,
    ]) {
      await pool.query(sql);
    }
    await pool.query(`ANALYZE`);
  }, 180_000);

  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await storage.close();
    await pool.end();
  });

  /** The scans of a plan, as "<node type> <index or table>". */
  const scansIn = (plan: PlanNode) =>
    planNodes(plan)
      .filter((n) => n['Relation Name'] || n['Index Name'])
      .map((n) => `${n['Node Type']} ${n['Index Name'] ?? n['Relation Name']}`);

  /** A statement's value as text, as node-postgres sends the kinds sitegate uses. */
  const asText = (value: unknown): string | null =>
    value === null || value === undefined
      ? null
      : value instanceof Date
        ? value.toISOString()
        : Array.isArray(value)
          ? `{${value.map((item) => `"${String(item).replace(/[\\"]/g, '\\$&')}"`).join(',')}}`
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value);

  /**
   * The generic plan of a statement, the one `postgresStorage`'s sessions use for a prepared
   * statement (`plan_cache_mode = force_generic_plan`): planned once for any values, without
   * the statistics of the values given. Prepared with `PREPARE` and explained with its values as
   * literals, so nothing runs.
   */
  async function genericPlan(text: string, params: unknown[]): Promise<PlanNode> {
    const client = await pool.connect();
    try {
      await client.query(`SET plan_cache_mode = force_generic_plan`);
      await client.query(`PREPARE plan_probe AS ${text}`);
      const literals = params.map((value) => {
        const written = asText(value);
        return written === null ? 'NULL' : client.escapeLiteral(written);
      });
      const { rows } = await client.query(`EXPLAIN (FORMAT JSON) EXECUTE plan_probe${literals.length ? `(${literals.join(', ')})` : ''}`);
      const plan = (rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan;
      // A plan for the values given would hold them as constants, not as parameters.
      if (params.length) expect(JSON.stringify(plan)).toMatch(/\$1\b/);
      return plan;
    } finally {
      await client.query(`DEALLOCATE ALL; RESET plan_cache_mode`);
      client.release();
    }
  }

  /**
   * Runs `op`, then EXPLAINs the last statement it sent, planned for the values it was sent
   * with and as a generic plan; returns the scans of each.
   */
  async function scansOf(op: () => Promise<unknown>): Promise<{ custom: string[]; generic: string[] }> {
    pool.seen.length = 0;
    await op();
    const last = pool.seen[pool.seen.length - 1]!;
    const { rows } = await pool.query(`EXPLAIN (FORMAT JSON) ${last.text}`, last.params);
    const custom = scansIn((rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan);
    return { custom, generic: scansIn(await genericPlan(last.text, last.params)) };
  }

  const cases: [string, () => Promise<unknown>, RegExp][] = [
    ['listShares of a project (the feed)', () => storage.listShares('t3', 'p-7'), /^(Bitmap Heap Scan shares|Index Scan shares_resource_key|Bitmap Index Scan shares_resource_key)$/],
    ['listShares of a project and module', () => storage.listShares('t3', 'p-7', { module: 'photos' }), /shares_resource_key|Bitmap Heap Scan shares/],
    [
      'findShares of a resource and its ancestors (can / open)',
      () => storage.findShares('t3', 'p-7', [{ module: 'documents', id: 'r-3' }, { module: 'documents', id: 'r-6' }, { module: 'documents', id: 'r-9' }]),
      /shares_resource_key|Function Scan|Bitmap Heap Scan shares/,
    ],
    ['findAttached', () => storage.findAttached('t3', 'p-7', [{ module: 'photos', id: 'r-3' }]), /update_attachments_pkey|Function Scan|Bitmap Heap Scan update_attachments/],
    ['listClients of a project', () => storage.listClients('t3', { projectId: 'p-7', limit: 50 }), /client_projects_project_idx|clients_pkey|Memoize/],
    ['listClients, newest first (the staff list)', () => storage.listClients('t3', { limit: 50 }), /clients_order_idx/],
    ['listClients by status', () => storage.listClients('t3', { status: 'active', limit: 50 }), /clients_status_idx/],
    ['getInviteByTokenHash', () => storage.getInviteByTokenHash('t3', 'h-3-77'), /invites_token_idx/],
    ['acceptInvite', () => storage.acceptInvite('t3', 'h-3-78', new Date()), /invites_token_idx/],
    ['getSessionByTokenHash', () => storage.getSessionByTokenHash('t3', 'sh-3-5'), /sessions_pkey/],
    ['getSessionWithClient (every signed-in request): the session', () => storage.getSessionWithClient('t3', 'sh-3-5'), /sessions_pkey/],
    ['getSessionWithClient (every signed-in request): its client', () => storage.getSessionWithClient('t3', 'sh-3-5'), /clients_pkey/],
    ['listUpdates', () => storage.listUpdates('t3', 'p-7', { limit: 20 }), /updates_project_idx/],
    ['getUpdate (edits; notification digests)', () => storage.getUpdate('t3', 'up-7-3'), /updates_pkey/],
    ['listAudit', () => storage.listAudit('t3', { limit: 50 }), /audit_order_idx/],
    ['claimMailJobs', () => storage.claimMailJobs(new Date(Date.now() + 1000), 10, new Date(Date.now() + 60_000)), /mail_jobs_due_idx|mail_jobs_pkey|CTE Scan/],
    [
      'recordView (a throttled view)',
      () => storage.recordView({ tenantId: 't3', projectId: 'p-7', module: 'documents', id: 'r-3', clientId: 'cl-3', firstViewedAt: new Date(), lastViewedAt: new Date(), views: 1 }, new Date(Date.now() - 60_000)),
      /receipts_pkey/,
    ],
    ['listReceipts of a project', () => storage.listReceipts('t3', 'p-7'), /receipts_pkey|Bitmap Heap Scan receipts/],
    ['listReceipts of a client', () => storage.listReceipts('t3', 'p-7', { clientId: 'cl-3' }), /receipts_client_idx|receipts_pkey|Bitmap Heap Scan receipts/],
    [
      'recordVisit (the feed; a throttled load)',
      () => storage.recordVisit('t3', 'cl-3', 'p-7', new Date(), { quietSince: new Date(Date.now() - 60_000), newVisitBefore: new Date(Date.now() - 1_800_000) }),
      /project_visits_pkey/,
    ],
    ['getVisit', () => storage.getVisit('t3', 'cl-3', 'p-7'), /project_visits_pkey/],
    ['listEvents', () => storage.listEvents('t3'), /events_order_idx/],
    ['claimEvents of every tenant', () => storage.claimEvents(new Date(Date.now() + 1000), 10, new Date(Date.now() + 60_000)), /events_queue_idx/],
    ['claimEvents of one tenant', () => storage.claimEvents(new Date(Date.now() + 1000), 10, new Date(Date.now() + 60_000), 't4'), /events_queue_idx/],
  ];

  it('readFeed (the feed: shares, updates, visit and receipts in one statement) uses an index for each, in either plan', async () => {
    const plans = await scansOf(() => storage.readFeed('t3', 'p-7', 'cl-3', { limit: 50 }));
    for (const [kind, scans] of Object.entries(plans)) {
      expect(scans.filter((scan) => scan.startsWith('Seq Scan')), kind).toEqual([]);
      for (const index of [/shares_resource_key|Bitmap Heap Scan shares/, /updates_project_idx/, /project_visits_pkey/, /receipts_client_idx|receipts_pkey|Bitmap Heap Scan receipts/]) {
        expect(scans.some((scan) => index.test(scan)), `${kind}: ${scans.join(', ')}`).toBe(true);
      }
    }
  });

  it('readGrants (every access check: shares and attachments in one statement) uses an index for each, in either plan', async () => {
    const plans = await scansOf(() => storage.readGrants('t3', 'p-7', [{ module: 'documents', id: 'r-3' }, { module: 'photos', id: 'r-3' }]));
    for (const [kind, scans] of Object.entries(plans)) {
      expect(scans.filter((scan) => scan.startsWith('Seq Scan')), kind).toEqual([]);
      for (const index of [/shares_resource_key|Bitmap Heap Scan shares/, /update_attachments_pkey|Bitmap Heap Scan update_attachments/]) {
        expect(scans.some((scan) => index.test(scan)), `${kind}: ${scans.join(', ')}`).toBe(true);
      }
    }
  });

  it('readGrants with a receipt (opening a resource) reads the receipt by its key as well, in either plan', async () => {
    const receiptOf = { clientId: 'cl-4', module: 'documents' as const, id: 'r-3' };
    const plans = await scansOf(() => storage.readGrants('t3', 'p-7', [{ module: 'documents', id: 'r-3' }, { module: 'photos', id: 'r-3' }], { receiptOf }));
    for (const [kind, scans] of Object.entries(plans)) {
      expect(scans.filter((scan) => scan.startsWith('Seq Scan')), kind).toEqual([]);
      for (const index of [/shares_resource_key|Bitmap Heap Scan shares/, /update_attachments_pkey|Bitmap Heap Scan update_attachments/, /receipts_pkey/]) {
        expect(scans.some((scan) => index.test(scan)), `${kind}: ${scans.join(', ')}`).toBe(true);
      }
    }
  });

  it("readFeed has PostgreSQL neither sort the project's shares nor compute their times in numeric arithmetic", async () => {
    pool.seen.length = 0;
    await storage.readFeed('t3', 'p-7', 'cl-3');
    const last = pool.seen[pool.seen.length - 1]!;
    const { rows } = await pool.query(`EXPLAIN (VERBOSE, FORMAT JSON) ${last.text}`, last.params);
    const nodes = planNodes((rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan) as (PlanNode & { Output?: string[] })[];
    const packing = nodes.find((n) => n['Node Type'] === 'Aggregate' && n.Output?.some((column) => column.includes('string_agg')));
    const output = JSON.stringify(packing?.Output);
    // Node orders the unpacked shares itself; an ordered aggregate sorts them inside the Aggregate, with no Sort node to show it.
    expect(output).toMatch(/string_agg\(concat_ws\(.*timestamptz_send\(t\.created_at\)/);
    expect(output).not.toMatch(/ORDER BY|EXTRACT|date_part/i);
    expect(nodes.filter((n) => n['Node Type'] === 'Sort')).toEqual([]);
  });

  for (const [name, op, expected] of cases) {
    it(`${name} uses an index, in either plan`, async () => {
      const plans = await scansOf(op);
      for (const [kind, scans] of Object.entries(plans)) {
        expect(scans.length, kind).toBeGreaterThan(0);
        expect(scans.filter((scan) => scan.startsWith('Seq Scan')), kind).toEqual([]);
        expect(scans.some((scan) => expected.test(scan)), `${kind}: ${scans.join(', ')}`).toBe(true);
      }
    });
  }
});
