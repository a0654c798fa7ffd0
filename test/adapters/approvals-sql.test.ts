import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Storage } from 'sitegate';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { postgresStorage } from 'sitegate/adapters/postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { approval, approvalDecision } from '../../src/testing/storage/approvals.js';
import { approvalsSetup } from '../support/approvals.js';
import { checkEvidence } from '../support/evidence-check.js';
import { databaseUrl, uniqueSchema } from '../support/sql-stores.js';

type Query = (text: string) => Promise<unknown>;

interface Backend {
  name: string;
  /** A fresh schema: the storage on it and a raw query for what the storage never does. */
  open(): Promise<{ storage: Storage; schema: string; query: Query }>;
}

const pglite = new PGlite();
let pgliteSchemas = 0;
const pools: pg.Pool[] = [];
const dropped: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const drop of dropped) await drop();
  await Promise.all(pools.map((p) => p.end()));
  await pglite.close();
});

const url = databaseUrl();
const backends: Backend[] = [
  {
    name: 'PGlite',
    async open() {
      const schema = `approvals_${++pgliteSchemas}`;
      const storage = pgliteStorage({ db: pglite, schema });
      return { storage, schema, query: (text) => pglite.query(text) };
    },
  },
  ...(url
    ? [
        {
          name: 'PostgreSQL',
          async open() {
            const pool = new pg.Pool({ connectionString: url, max: 8 });
            pools.push(pool);
            const schema = uniqueSchema('sg_approvals');
            dropped.push(() => pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
            return { storage: postgresStorage({ pool }, { schema }), schema, query: (text: string) => pool.query(text) };
          },
        } satisfies Backend,
      ]
    : []),
];

describe.each(backends)('approvals on $name', (backend) => {
  it('keeps decisions append-only: the table refuses UPDATE and DELETE', { timeout: 60_000 }, async () => {
    const { storage, schema, query } = await backend.open();
    await storage.insertApproval(approval());
    await storage.insertApprovalDecision(approvalDecision());
    await expect(query(`UPDATE "${schema}".approval_decisions SET decision = 'declined'`)).rejects.toThrow(/append-only/);
    await expect(query(`DELETE FROM "${schema}".approval_decisions`)).rejects.toThrow(/append-only/);
    expect(await storage.listApprovalDecisions(TENANT_A, ['ap-1'])).toEqual([approvalDecision()]);
  });

  it('keeps each decision\'s evidence, and a row changed behind the trigger\'s back is found', { timeout: 60_000 }, async () => {
    const { storage, schema, query } = await backend.open();
    const told: string[] = [];
    const { portal, dana, eve } = await approvalsSetup({ storage, onEvent: async (e) => void (e.type === 'approval.decided' && told.push(String(e.data.evidenceHash))) });
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'selections', id: 'sel-tile', approvers: [dana.id, eve.id], mode: 'sequence' });
    await portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved', optionId: 'opt-1' }, { ip: '203.0.113.9', userAgent: 'Phone' });
    await portal.approvals.decide(eve, 'p-maple', a.id, { decision: 'approved', optionId: 'opt-1' });
    await portal.outbox.flush();
    expect(checkEvidence(await portal.approvals.export(staffA, 'p-maple', a.id), told)).toEqual([]);
    // The table's owner can switch the trigger off; the evidence still tells.
    const table = `"${schema}".approval_decisions`;
    await query(`ALTER TABLE ${table} DISABLE TRIGGER approval_decisions_append_only`);
    await query(`UPDATE ${table} SET option_id = 'opt-2' WHERE client_id = '${dana.id}'`);
    expect(checkEvidence(await portal.approvals.export(staffA, 'p-maple', a.id), told)).toEqual([expect.stringContaining('optionId')]);
    await query(`UPDATE ${table} SET option_id = 'opt-1' WHERE client_id = '${dana.id}'`);
    await query(`DELETE FROM ${table} WHERE client_id = '${dana.id}'`);
    expect(checkEvidence(await portal.approvals.export(staffA, 'p-maple', a.id), told)).toEqual([
      '0 decisions claim to be the first',
      expect.stringContaining('the decision before it is missing'),
      expect.stringContaining('the host was told of it'),
    ]);
  });

  it('freezes a resource whose text no store keeps as given (NUL, lone surrogate), and decides on it', { timeout: 60_000 }, async () => {
    const { storage } = await backend.open();
    const { portal, content, dana } = await approvalsSetup({ storage });
    content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1\u0000 outlet', updatedAt: new Date(), meta: { amount: 420, note: 'half \ud800 pair', ['k\u0000']: 1 } });
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    expect(a.snapshot).toMatchObject({ name: 'CO-1\ufffd outlet', meta: { note: 'half \ufffd pair', 'k\ufffd': 1 } });
    expect(await portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' })).toMatchObject({ status: 'approved' });
  });

  it('withdraws, says what blocks an open one, and withdraws the ones a request about the changed resource replaces', { timeout: 60_000 }, async () => {
    const { storage } = await backend.open();
    const { portal, content, dana, eve } = await approvalsSetup({ storage });
    const taken = await portal.approvals.request(staffA, 'p-maple', { module: 'selections', id: 'sel-tile', approvers: [dana.id] });
    expect(await portal.approvals.withdraw(staffA, 'p-maple', taken.id, { reason: 'Wrong client' })).toMatchObject({ status: 'withdrawn', withdrawReason: 'Wrong client' });
    const first = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'sequence' });
    await portal.clients.setProjects(staffA, eve.id, []);
    content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta: { amount: 480 } });
    const byId = async () => new Map((await portal.approvals.list(staffA, 'p-maple')).map((x) => [x.id, x]));
    expect((await byId()).get(first.id)).toMatchObject({ stale: true, cannotDecide: [{ clientId: eve.id, code: 'no_project_access' }] });
    const again = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    const read = await byId();
    expect(read.get(taken.id)).toMatchObject({ status: 'withdrawn', withdrawReason: 'Wrong client' });
    expect(read.get(taken.id)!.withdrawnAt).toBeInstanceOf(Date);
    expect(read.get(first.id)).toMatchObject({ status: 'withdrawn' });
    expect(read.get(again.id)).toMatchObject({ status: 'pending' });
    expect(read.get(again.id)).not.toHaveProperty('stale');
  });

  it('says which active clients can decide before a request, as a request would answer', { timeout: 60_000 }, async () => {
    const { storage } = await backend.open();
    const { portal, dana, eve, finn, gus } = await approvalsSetup({ storage });
    await portal.clients.update(staffA, finn.id, { email: 'finn.new@example.com' });
    await portal.clients.setProjects(staffA, eve.id, ['p-oak']);
    const answer = await portal.approvals.approvers(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1' });
    expect(new Map(answer.map((e) => [e.clientId, e.code]))).toEqual(
      new Map([
        [dana.id, undefined],
        [finn.id, 'cannot_sign_in'],
        [gus.id, 'may_not_approve'],
      ]),
    );
    expect(answer.map((e) => e.clientId)).toEqual([dana.id, finn.id, gus.id].sort());
    for (const { clientId, code } of answer) {
      const refused = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [clientId] }).then(
        () => undefined,
        (e: { issues: { code: string }[] }) => e.issues[0]!.code,
      );
      expect(refused, clientId).toBe(code);
    }
  });

  it('two approvers deciding an `any` approval at once: exactly one settles it, the other gets a 409', { timeout: 60_000 }, async () => {
    const { storage } = await backend.open();
    const { portal, dana, eve } = await approvalsSetup({ storage });
    for (let i = 0; i < 3; i++) {
      const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id] });
      const results = await Promise.allSettled([
        portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' }),
        portal.approvals.decide(eve, 'p-maple', a.id, { decision: 'declined' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [rejected] = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected!.reason).toMatchObject({ code: 'approval_closed', status: 409 });
      const listed = (await portal.approvals.list(staffA, 'p-maple', { status: undefined })).find((x) => x.id === a.id)!;
      expect(listed.decisions).toHaveLength(1);
      expect(listed.status).toBe(listed.decisions[0]!.decision);
    }
  });

  it('20 concurrent decisions by one client: one decision, the rest a 409', { timeout: 60_000 }, async () => {
    const { storage } = await backend.open();
    const { portal, dana, eve } = await approvalsSetup({ storage });
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'all' });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflict', status: 409 });
    expect((await portal.approvals.list(staffA, 'p-maple'))[0]!.decisions).toHaveLength(1);
  });
});
