import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import pg from 'pg';
import { encodeKeyCursor, encodeTimeCursor, type StorageOps } from 'sitegate';
import { pgliteStorage, type SqlStorage } from 'sitegate/adapters/pglite';
import { postgresStorage } from 'sitegate/adapters/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffA, staffB, TENANT_A, TENANT_B } from '../../src/testing/fixtures.js';
import { account, at, auditEvent, client, invite, mailJob, role, session, share, T0, update } from '../../src/testing/storage/records.js';
import { storedEvent } from '../../src/testing/storage/events.js';
import { receipt } from '../../src/testing/storage/receipts.js';
import { approval, approvalDecision } from '../../src/testing/storage/approvals.js';
import { accountLink } from '../../src/testing/storage/account-links.js';
import { notification, unsubscribeToken } from '../../src/testing/storage/notifications.js';
import { makePortal } from '../support/make-portal.js';
import { databaseUrl, uniqueSchema } from '../support/sql-stores.js';
import {
  COORDINATOR_ONLY,
  CROSS_TENANT_INDEXES,
  explainTenancy,
  foreignKeysWithoutTenant,
  leadingColumns,
  tablesWithoutTenant,
  uniqueKeysWithoutTenant,
  type Query,
} from './distribution-checks.js';

const url = databaseUrl();

/** The statements the adapter sends while `on`, with their parameters. */
class Recorder {
  on = false;
  seen: { text: string; params: unknown[] }[] = [];
  add(text: unknown, params: unknown) {
    if (this.on && typeof text === 'string') this.seen.push({ text, params: Array.isArray(params) ? params : [] });
  }
}

interface Opened {
  storage: SqlStorage;
  schema: string;
  /** Unrecorded: catalog reads and EXPLAIN. */
  query: Query;
  recorder: Recorder;
  close(): Promise<void>;
}

/** One PGlite for the file (each start costs seconds): the tests keep to schemas of their own. */
let pglite: PGlite | undefined;
const sharedPglite = () => (pglite ??= new PGlite());
afterAll(async () => pglite?.close());

/**
 * PGlite with every statement recorded, inside transactions too. Statements are read where they
 * pass `query`: the instance is shown without `execProtocol`, so the driver sends each through
 * `query` rather than as a prepared statement's protocol messages (the same statements).
 */
async function openRecordedPglite(): Promise<Opened> {
  const db = sharedPglite();
  const recorder = new Recorder();
  const recorded = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop) {
        const value = Reflect.get(t, prop, t) as unknown;
        if (prop === 'query') {
          return (text: string, params?: unknown[], options?: unknown) => (recorder.add(text, params), (value as Function).call(t, text, params, options));
        }
        if (prop === 'transaction') return (fn: (tx: object) => unknown) => (value as Function).call(t, (tx: object) => fn(recorded(tx)));
        if (prop === 'execProtocol') return undefined;
        return typeof value === 'function' ? value.bind(t) : value;
      },
    });
  const storage = pgliteStorage({ db: recorded(db) as PGliteInterface, schema: 'sitegate' });
  await storage.ready();
  return { storage, schema: 'sitegate', query: (text, params) => db.query(text, params), recorder, close: async () => {} };
}

/** PostgreSQL through a pool whose connections record every statement. */
async function openRecordedPostgres(connectionString: string): Promise<Opened> {
  const recorder = new Recorder();
  class RecordingClient extends pg.Client {
    override query(...args: unknown[]): never {
      const [config, values] = args as [string | { text?: string; values?: unknown[] }, unknown];
      if (typeof config === 'string') recorder.add(config, values);
      else recorder.add(config?.text, config?.values ?? values);
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  }
  const schema = uniqueSchema('sg_distribution');
  const pool = new pg.Pool({ connectionString, Client: RecordingClient, max: 4 });
  const admin = new pg.Pool({ connectionString, max: 2 });
  const storage = postgresStorage({ pool }, { schema });
  await storage.ready();
  return {
    storage,
    schema,
    query: (text, params) => admin.query(text, params as unknown[]),
    recorder,
    async close() {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await storage.close();
      await Promise.all([pool.end(), admin.end()]);
    },
  };
}

/** Other tenants' rows, so the planner sees tables shared by many tenants (and picks real paths). */
async function fillOtherTenants({ query, schema }: Opened): Promise<void> {
  const s = `"${schema}"`;
  const tenants = 'generate_series(1, 20) t';
  for (const sql of [
    `INSERT INTO ${s}.shares (tenant_id, id, project_id, module, resource_id, kind, shared_by, created_at)
       SELECT 't'||t, 'sh-'||p||'-'||r, 'p-'||p, 'documents', 'r-'||r, 'item', 'u', now() FROM ${tenants}, generate_series(1, 20) p, generate_series(1, 50) r`,
    `INSERT INTO ${s}.clients (tenant_id, id, email, role_id, project_ids, portal_access, status, created_at, updated_at)
       SELECT 't'||t, 'cl-'||c, 'c'||c||'@x.example', 'client', ARRAY['p-'||(c % 20)], true, 'active', now(), now() FROM ${tenants}, generate_series(1, 500) c`,
    `INSERT INTO ${s}.client_projects (tenant_id, client_id, project_id, client_created_at) SELECT tenant_id, id, project_ids[1], created_at FROM ${s}.clients`,
    `INSERT INTO ${s}.invites (tenant_id, id, client_id, email, token_hash, status, invited_by, resend, created_at, expires_at)
       SELECT 't'||t, 'inv-'||c, 'cl-'||c, 'c'||c||'@x.example', 'h-'||t||'-'||c, 'pending', 'u', false, now(), now() FROM ${tenants}, generate_series(1, 500) c`,
    `INSERT INTO ${s}.sessions (tenant_id, token_hash, id, client_id, created_at, expires_at)
       SELECT 't'||t, 'sh-'||c, 'se-'||c, 'cl-'||c, now(), now() FROM ${tenants}, generate_series(1, 500) c`,
    `INSERT INTO ${s}.account_links (tenant_id, id, client_id, purpose, email, token_hash, status, requested_by, created_at, expires_at)
       SELECT 't'||t, 'al-'||c, 'cl-'||c, 'password-reset', 'c'||c||'@x.example', 'h-'||t||'-'||c, 'pending', 'cl-'||c, now(), now() FROM ${tenants}, generate_series(1, 500) c`,
    `INSERT INTO ${s}.audit (tenant_id, id, at, actor_type, actor_id, action, client_id, project_id)
       SELECT 't'||t, 'ev-'||e, now(), 'staff', 'u', 'client.added', 'cl-'||e, 'p-'||(e % 20) FROM ${tenants}, generate_series(1, 1000) e`,
    `INSERT INTO ${s}.mail_jobs (tenant_id, id, kind, invite_id, client_id, state, attempts, run_at, created_at, updated_at)
       SELECT 't'||t, 'job-'||j, 'invite', 'inv-'||j, 'cl-'||j, CASE WHEN j % 10 = 0 THEN 'pending' ELSE 'sent' END, 1, now() - j * interval '1 second', now(), now()
       FROM ${tenants}, generate_series(1, 500) j`,
    `INSERT INTO ${s}.receipts (tenant_id, project_id, module, resource_id, client_id, first_viewed_at, last_viewed_at, views)
       SELECT 't'||t, 'p-'||(c % 20), 'documents', 'r-'||r, 'cl-'||c, now(), now(), 1 FROM ${tenants}, generate_series(1, 50) c, generate_series(1, 10) r`,
    `INSERT INTO ${s}.project_visits (tenant_id, client_id, project_id, last_visit_at)
       SELECT 't'||t, 'cl-'||c, 'p-'||(c % 20), now() FROM ${tenants}, generate_series(1, 500) c`,
    `INSERT INTO ${s}.events (tenant_id, id, seq, type, at, data, state, attempts, run_at, updated_at)
       SELECT 't'||t, 'ev-'||e, e, 'client.viewed', now(), '{}', CASE WHEN e > 490 THEN 'pending' ELSE 'delivered' END, 0, now() - e * interval '1 second', now()
       FROM ${tenants}, generate_series(1, 500) e`,
    `INSERT INTO ${s}.approvals (tenant_id, id, project_id, module, resource_id, approvers, mode, status, round, snapshot, snapshot_hash, requested_by, requested_at, updated_at)
       SELECT 't'||t, 'ap-'||a, 'p-'||(a % 20), 'changeOrders', 'co-'||a, ARRAY['cl-'||a], 'any', 'pending', 1, '{}', 'h', 'u', now(), now() FROM ${tenants}, generate_series(1, 200) a`,
    `INSERT INTO ${s}.approval_decisions (tenant_id, id, approval_id, round, client_id, decision, snapshot, snapshot_hash, decided_at)
       SELECT 't'||t, 'ad-'||a, 'ap-'||a, 1, 'cl-'||a, 'approved', '{}', 'h', now() FROM ${tenants}, generate_series(1, 200) a`,
    `INSERT INTO ${s}.notifications (tenant_id, id, client_id, project_id, module, resource_id, kind, created_at, digest_id)
       SELECT 't'||t, 'nt-'||n, 'cl-'||(n % 500), 'p-'||(n % 20), 'documents', 'r-'||n, 'share', now() - n * interval '1 second', CASE WHEN n % 4 = 0 THEN NULL ELSE 'dg-'||n END
       FROM ${tenants}, generate_series(1, 1000) n`,
    `INSERT INTO ${s}.notification_settings (tenant_id, client_id, frequency, updated_at) SELECT 't'||t, 'cl-'||c, 'daily', now() FROM ${tenants}, generate_series(1, 200) c`,
    `INSERT INTO ${s}.unsubscribe_tokens (tenant_id, token_hash, client_id, created_at, expires_at) SELECT 't'||t, 'h-'||c, 'cl-'||c, now(), now() FROM ${tenants}, generate_series(1, 200) c`,
    `ANALYZE`,
  ]) {
    await query(sql);
  }
}

type Case = [op: keyof StorageOps, run: (storage: SqlStorage) => Promise<unknown>];
const A = TENANT_A;
const refs = [{ module: 'documents' as const, id: 'd-contracts' }, { module: 'documents' as const, id: 'd-contract' }];

/** Every storage operation, as a request would call it (list variants, cursors and locking reads too). */
const CASES: Case[] = [
  ['saveClient', (s) => s.saveClient(client({ projectIds: ['p-maple', 'p-oak'] }))],
  ['saveClient', (s) => s.saveClient(client({ id: 'cl-2', email: 'eve@example.com', inviteExpiresAt: at(1000) }))],
  ['getClient', (s) => s.getClient(A, 'cl-1')],
  ['getClients', (s) => s.getClients(A, ['cl-1', 'cl-2'])],
  ['getClient', (s) => s.transaction((tx) => tx.getClient(A, 'cl-1'))],
  ['getClientForUpdate', (s) => s.getClientForUpdate(A, 'cl-1')],
  ['getClientForUpdate', (s) => s.transaction((tx) => tx.getClientForUpdate(A, 'cl-1'))],
  ['getClientByEmail', (s) => s.getClientByEmail(A, 'dana@example.com')],
  ['getClientByEmail', (s) => s.transaction((tx) => tx.getClientByEmail(A, 'dana@example.com'))],
  ['getClientByEmailForUpdate', (s) => s.transaction((tx) => tx.getClientByEmailForUpdate(A, 'dana@example.com'))],
  ['listClients', (s) => s.listClients(A, { limit: 50 })],
  ['listClients', (s) => s.listClients(A, { limit: 50, projectId: 'p-maple' })],
  ['listClients', (s) => s.listClients(A, { limit: 50, status: 'invited', inviteExpiresAfter: T0 })],
  ['listClients', (s) => s.listClients(A, { limit: 50, status: 'invited', inviteExpiresAtOrBefore: T0 })],
  ['listClients', (s) => s.listClients(A, { limit: 50, status: 'active', q: 'dana' })],
  ['listClients', async (s) => s.listClients(A, { limit: 1, cursor: (await s.listClients(A, { limit: 1 })).nextCursor! })],
  ['listClients', async (s) => s.listClients(A, { limit: 1, projectId: 'p-maple', cursor: (await s.listClients(A, { limit: 1 })).nextCursor! })],
  ['saveRole', (s) => s.saveRole(role())],
  ['getRole', (s) => s.getRole(A, 'docs-only')],
  ['listRoles', (s) => s.listRoles(A)],
  ['insertInvite', (s) => s.insertInvite(invite())],
  ['getInvite', (s) => s.getInvite(A, 'inv-1')],
  ['setInviteTokenHash', (s) => s.setInviteTokenHash(A, 'inv-1', 'hash-inv-1')],
  ['getInviteByTokenHash', (s) => s.getInviteByTokenHash(A, 'hash-inv-1')],
  ['acceptInvite', (s) => s.acceptInvite(A, 'hash-inv-1', T0)],
  ['supersedeInvites', (s) => s.supersedeInvites(A, 'cl-1')],
  ['saveAccount', (s) => s.saveAccount(account())],
  ['getAccount', (s) => s.getAccount(A, 'cl-1')],
  ['insertSession', (s) => s.insertSession(session())],
  ['getSessionByTokenHash', (s) => s.getSessionByTokenHash(A, 'hash-se-1')],
  ['getSessionWithClient', (s) => s.getSessionWithClient(A, 'hash-se-1')],
  ['deleteSession', (s) => s.deleteSession(A, 'hash-se-1')],
  ['deleteClientSessions', (s) => s.deleteClientSessions(A, 'cl-1')],
  ['getClientByPendingEmail', (s) => s.getClientByPendingEmail(A, 'dana.new@example.com')],
  // An advisory lock: no table, so nothing to pin; its key carries the tenant.
  ['lockEmail', (s) => s.transaction((tx) => tx.lockEmail!(A, 'dana.new@example.com'))],
  ['holdAccess', (s) => s.transaction((tx) => tx.holdAccess!(A, 'p-maple', 'rely'))],
  ['holdAccess', (s) => s.transaction((tx) => tx.holdAccess!(A, null, 'change'))],
  ['listClients', (s) => s.listClients(A, { limit: 50, notStatus: 'archived' })],
  ['insertAccountLink', (s) => s.insertAccountLink(accountLink())],
  ['getAccountLink', (s) => s.getAccountLink(A, 'al-1')],
  ['setAccountLinkTokenHash', (s) => s.setAccountLinkTokenHash(A, 'al-1', 'hash-al-1')],
  ['getAccountLinkByTokenHash', (s) => s.getAccountLinkByTokenHash(A, 'hash-al-1')],
  ['useAccountLink', (s) => s.useAccountLink(A, 'hash-al-1', 'password-reset', T0)],
  ['endAccountLinks', (s) => s.endAccountLinks(A, 'cl-1', 'superseded', 'password-reset')],
  ['endAccountLinks', (s) => s.endAccountLinks(A, 'cl-1', 'cancelled')],
  ['listAccountLinks', (s) => s.listAccountLinks(A, 'cl-1')],
  ['insertShare', (s) => s.insertShare(share())],
  // The same resource again: the conflict path reads the stored share back.
  ['insertShare', (s) => s.insertShare(share({ id: 'sh-2' }))],
  ['insertShareAudited', (s) => s.insertShareAudited(share({ id: 'sh-3', resourceId: 'd-audited' }), auditEvent({ id: 'au-share' }))],
  // Already shared: the conflict path reads the stored share back and logs nothing.
  ['insertShareAudited', (s) => s.insertShareAudited(share({ id: 'sh-4', resourceId: 'd-audited' }), auditEvent({ id: 'au-share-2' }))],
  ['getShare', (s) => s.getShare(A, 'sh-1')],
  ['findShares', (s) => s.findShares(A, 'p-maple', refs)],
  ['listShares', (s) => s.listShares(A, 'p-maple')],
  ['listShares', (s) => s.listShares(A, 'p-maple', { module: 'documents' })],
  ['pageShares', (s) => s.pageShares!(A, 'p-maple', { limit: 10 })],
  ['pageShares', (s) => s.pageShares!(A, 'p-maple', { module: 'documents', limit: 10, cursor: encodeTimeCursor(T0, 'sh-1') })],
  ['deleteShare', (s) => s.deleteShare(A, 'sh-1')],
  ['insertUpdate', (s) => s.insertUpdate(update({ resources: refs }))],
  ['insertUpdate', (s) => s.insertUpdate(update({ id: 'up-2', publishedAt: at(1) }))],
  ['listUpdates', (s) => s.listUpdates(A, 'p-maple', { limit: 50 })],
  ['listUpdates', async (s) => s.listUpdates(A, 'p-maple', { limit: 1, cursor: (await s.listUpdates(A, 'p-maple', { limit: 1 })).nextCursor! })],
  ['findAttached', (s) => s.findAttached(A, 'p-maple', refs)],
  ['readGrants', (s) => s.readGrants(A, 'p-maple', refs)],
  ['readGrants', (s) => s.readGrants(A, 'p-maple', refs, { receiptOf: { clientId: 'cl-1', module: 'documents', id: 'd-1' } })],
  ['getUpdate', (s) => s.getUpdate(A, 'up-1')],
  ['editUpdate', (s) => s.editUpdate(A, 'p-maple', 'up-1', { title: null, body: 'Slab cured.', resources: refs.slice(0, 1), editedAt: at(2) })],
  ['editUpdate', (s) => s.editUpdate(A, 'p-maple', 'up-2', { body: 'Roof on.', editedAt: at(3) })],
  ['removeUpdate', (s) => s.removeUpdate(A, 'p-maple', 'up-2', at(4))],
  ['insertAudit', (s) => s.insertAudit(auditEvent({ clientId: 'cl-1', projectId: 'p-maple', data: { n: 1 } }))],
  ['insertAudit', (s) => s.insertAudit(auditEvent({ id: 'ev-2', at: at(1) }))],
  ['listAudit', (s) => s.listAudit(A, { limit: 50 })],
  ['listAudit', (s) => s.listAudit(A, { limit: 50, projectId: 'p-maple' })],
  ['listAudit', (s) => s.listAudit(A, { limit: 50, clientId: 'cl-1' })],
  ['listAudit', async (s) => s.listAudit(A, { limit: 1, cursor: (await s.listAudit(A, { limit: 1 })).nextCursor! })],
  ['insertMailJob', (s) => s.insertMailJob(mailJob())],
  ['insertMailJobs', (s) => s.insertMailJobs([mailJob({ id: 'job-2' }), mailJob({ id: 'job-3', clientId: 'cl-2' })])],
  ['getMailJob', (s) => s.getMailJob(A, 'job-1')],
  ['getMailJob', (s) => s.transaction((tx) => tx.getMailJob(A, 'job-1'))],
  ['getMailJobForUpdate', (s) => s.transaction((tx) => tx.getMailJobForUpdate(A, 'job-1'))],
  ['saveMailJob', (s) => s.saveMailJob(mailJob({ attempts: 1 }))],
  ['listMailJobs', (s) => s.listMailJobs(A)],
  ['listMailJobs', (s) => s.listMailJobs(A, { state: 'pending', clientId: 'cl-1' })],
  // Per tenant; the cross-tenant default is the documented exception, checked on its own below.
  // At the real time: the other tenants' mail is due then too, as in a live outbox.
  ['claimMailJobs', (s) => s.claimMailJobs(new Date(), 10, new Date(Date.now() + 60_000), A)],
  ['settleMailJobs', (s) => s.settleMailJobs(A, [{ jobId: 'job-1', attempts: 1, state: 'sent', updatedAt: new Date() }])],
  // Per tenant; without one, a monitoring count across tenants, like the default claim.
  ['mailBacklog', (s) => s.mailBacklog(new Date(), A)],
  ['recordView', (s) => s.recordView(receipt(), at(-60_000))],
  // A later view: the UPDATE path, then a throttled one.
  ['recordView', (s) => s.recordView(receipt({ lastViewedAt: at(120_000) }), at(60_000))],
  ['recordView', (s) => s.recordView(receipt({ lastViewedAt: at(120_001) }), at(60_001))],
  ['listReceipts', (s) => s.listReceipts(A, 'p-maple')],
  ['listReceipts', (s) => s.listReceipts(A, 'p-maple', { module: 'documents', id: 'd-contract', clientId: 'cl-1' })],
  ['listReceipts', (s) => s.listReceipts(A, 'p-maple', { clientId: 'cl-1' })],
  ['listReceipts', (s) => s.listReceipts(A, 'p-maple', { module: 'documents', ids: ['d-contract', 'd-permit'] })],
  ['pageReceipts', (s) => s.pageReceipts!(A, 'p-maple', { limit: 10 })],
  ['pageReceipts', (s) => s.pageReceipts!(A, 'p-maple', { module: 'documents', ids: ['d-contract'], limit: 10, cursor: encodeKeyCursor(new Date(0), ['cl-1', 'documents', 'd-contract']) })],
  // A first visit (INSERT), a new one (UPDATE), then a throttled load.
  ['recordVisit', (s) => s.recordVisit(A, 'cl-1', 'p-maple', T0, { quietSince: at(-60_000), newVisitBefore: at(-1_800_000) })],
  ['recordVisit', (s) => s.recordVisit(A, 'cl-1', 'p-maple', at(3_600_000), { quietSince: at(3_540_000), newVisitBefore: at(1_800_000) })],
  ['recordVisit', (s) => s.recordVisit(A, 'cl-1', 'p-maple', at(3_600_001), { quietSince: at(3_540_001), newVisitBefore: at(1_800_001) })],
  ['getVisit', (s) => s.getVisit(A, 'cl-1', 'p-maple')],
  ['readFeed', (s) => s.readFeed(A, 'p-maple', 'cl-1')],
  ['readFeed', (s) => s.readFeed(A, 'p-maple', 'cl-1', { limit: 50 })],
  ['readFeed', (s) => s.readFeed(A, 'p-maple', 'cl-1', { limit: 1, cursor: encodeTimeCursor(at(10), 'up-9') })],
  ['insertEvent', (s) => s.insertEvent(storedEvent())],
  ['listEvents', (s) => s.listEvents(A)],
  ['listEvents', (s) => s.listEvents(A, { state: 'pending' })],
  // Per tenant, like the mail claim; the cross-tenant default probes the (partial) queue index for each tenant's head.
  ['claimEvents', (s) => s.claimEvents(new Date(), 10, new Date(Date.now() + 60_000), A)],
  ['settleEvent', (s) => s.settleEvent(A, 'ev-1', 1, { state: 'delivered', runAt: new Date(), updatedAt: new Date() })],
  ['eventBacklog', (s) => s.eventBacklog(new Date(), A)],
  ['retryFailedEvents', (s) => s.retryFailedEvents(A, new Date())],
  ['retryFailedEvents', (s) => s.retryFailedEvents(A, new Date(), ['ev-1', 'ev-2'])],
  ['insertApproval', (s) => s.insertApproval(approval())],
  ['getApproval', (s) => s.getApproval(A, 'ap-1')],
  ['getApprovalForUpdate', (s) => s.transaction((tx) => tx.getApprovalForUpdate(A, 'ap-1'))],
  ['saveApproval', (s) => s.saveApproval(approval({ status: 'approved' }))],
  ['listApprovals', (s) => s.listApprovals(A, 'p-maple')],
  ['listApprovals', (s) => s.listApprovals(A, 'p-maple', { module: 'changeOrders', resourceId: 'co-1', clientId: 'cl-1' })],
  ['insertApprovalDecision', (s) => s.insertApprovalDecision(approvalDecision())],
  // The same client and round again: the conflict path.
  ['insertApprovalDecision', (s) => s.insertApprovalDecision(approvalDecision({ id: 'ad-2' }))],
  ['listApprovalDecisions', (s) => s.listApprovalDecisions(A, ['ap-1', 'ap-2'])],
  ['insertNotifications', (s) => s.insertNotifications([notification(), notification({ id: 'nt-2', clientId: 'cl-2' })])],
  ['listProjectAudience', (s) => s.listProjectAudience(A, 'p-maple', { status: 'active' })],
  ['listNotifications', (s) => s.listNotifications(A, { clientId: 'cl-1', pending: true })],
  ['listNotifications', (s) => s.listNotifications(A, { digestId: 'dg-1' })],
  ['listNotifications', (s) => s.listNotifications(A, { digestIds: ['dg-1', 'dg-2'] })],
  ['getNotificationSettings', (s) => s.getNotificationSettings(A, 'cl-1')],
  ['listNotificationSettings', (s) => s.listNotificationSettings(A, ['cl-1', 'cl-2'])],
  ['saveNotificationSettings', (s) => s.saveNotificationSettings({ tenantId: A, clientId: 'cl-1', frequency: 'instant', updatedAt: T0 })],
  // Per tenant, like the mail claim; the cross-tenant default walks the (partial) pending index.
  ['listPendingDigests', (s) => s.listPendingDigests({ cutoffs: { instant: at(1), daily: at(1), weekly: at(1), unset: at(1) }, limit: 100, tenantId: A, after: { tenantId: A, clientId: 'cl-0' } })],
  ['attachDigests', (s) => s.transaction((tx) => tx.attachDigests(A, [{ clientId: 'cl-1', digestId: 'dg-1' }], at(1)))],
  ['dropPendingNotifications', (s) => s.dropPendingNotifications(A, ['cl-2'], at(1))],
  ['insertUnsubscribeToken', (s) => s.insertUnsubscribeToken(unsubscribeToken())],
  ['insertUnsubscribeTokens', (s) => s.insertUnsubscribeTokens([unsubscribeToken({ tokenHash: 'c'.repeat(64) }), unsubscribeToken({ tokenHash: 'd'.repeat(64) })])],
  ['getUnsubscribeToken', (s) => s.getUnsubscribeToken(A, 'a'.repeat(64))],
  ['useUnsubscribeToken', (s) => s.useUnsubscribeToken(A, 'a'.repeat(64), at(1))],
  // Per tenant, like the mail claim; without one, a purge picks ended rows across tenants (docs/scaling.md).
  ['purgeEnded', (s) => s.purgeEnded({ before: at(365 * 24 * 3_600_000), limit: 100, tenantId: A })],
];

// The rate limiter's table stays on the coordinator (COORDINATOR_ONLY): its keys span tenants.
const NOT_OPERATIONS = new Set(['name', 'schema', 'ready', 'migrate', 'transaction', 'close', 'rateLimiter']);
// Across tenants by what it answers, which tenants have something pending; checked on its own below.
const CROSS_TENANT_OPERATIONS = new Set(['listPendingTenants']);
const isDml = (text: string) => /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(text);

const backends: { name: string; open: () => Promise<Opened> }[] = [
  { name: 'PGlite', open: openRecordedPglite },
  ...(url ? [{ name: 'PostgreSQL', open: () => openRecordedPostgres(url) }] : []),
];

for (const backend of backends) {
  describe(`distribution by tenant on ${backend.name}`, () => {
    let db: Opened;
    let tables: Set<string>;
    beforeAll(async () => {
      db = await backend.open();
      await fillOtherTenants(db);
      const { rows } = await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = $1`, [db.schema]);
      tables = new Set(rows.map((r) => String(r.tablename)).filter((t) => !COORDINATOR_ONLY.includes(t)));
    }, 120_000);
    afterAll(async () => db?.close());

    describe('the catalog after migration', () => {
      it('gives every table a tenant_id, but the migrations record that stays on the coordinator', async () => {
        expect(tables.size).toBeGreaterThanOrEqual(11);
        expect(await tablesWithoutTenant(db.query, db.schema)).toEqual([]);
      });

      it('includes tenant_id in every primary key, unique constraint and unique index', async () => {
        expect(await uniqueKeysWithoutTenant(db.query, db.schema)).toEqual([]);
      });

      it('includes tenant_id, paired with tenant_id, in every foreign key', async () => {
        expect(await foreignKeysWithoutTenant(db.query, db.schema)).toEqual([]);
      });

      it('leads every index with tenant_id, but the cross-tenant outbox claim index', async () => {
        const leading = await leadingColumns(db.query, db.schema);
        const offenders = [...leading].filter(([, column]) => column !== 'tenant_id').map(([index]) => index);
        expect(offenders).toEqual(CROSS_TENANT_INDEXES);
      });
    });

    it('pins every statement of every storage operation to one tenant, through tenant-led indexes', { timeout: 120_000 }, async () => {
      const operations = Object.keys(db.storage).filter((key) => !NOT_OPERATIONS.has(key) && !CROSS_TENANT_OPERATIONS.has(key) && typeof (db.storage as unknown as Record<string, unknown>)[key] === 'function');
      // A new operation must be added to CASES, and so checked here.
      expect([...new Set(CASES.map(([op]) => op))].sort()).toEqual(operations.sort());

      const leading = await leadingColumns(db.query, db.schema);
      const offenders: string[] = [];
      for (const [op, run] of CASES) {
        db.recorder.seen = [];
        db.recorder.on = true;
        try {
          await run(db.storage);
        } finally {
          db.recorder.on = false;
        }
        const statements = db.recorder.seen.filter((s) => isDml(s.text));
        expect(statements.length, op).toBeGreaterThan(0);
        for (const { text, params } of statements) {
          const { untenanted, indexes } = await explainTenancy(db.query, tables, text, params);
          const where = `${op}: ${text.replace(/\s+/g, ' ').slice(0, 90)}…`;
          for (const scan of untenanted) offenders.push(`${where} → ${scan} without tenant_id`);
          for (const index of indexes) if (leading.get(index) !== 'tenant_id') offenders.push(`${where} → index ${index} not led by tenant_id`);
        }
      }
      expect(offenders).toEqual([]);
    });

    it('has one cross-tenant statement, the default outbox claim, which the per-tenant claim avoids', async () => {
      db.recorder.seen = [];
      db.recorder.on = true;
      try {
        await db.storage.claimMailJobs(new Date(), 10, new Date(Date.now() + 60_000));
      } finally {
        db.recorder.on = false;
      }
      const [claim] = db.recorder.seen.filter((s) => isDml(s.text));
      const { untenanted } = await explainTenancy(db.query, tables, claim!.text, claim!.params);
      expect(untenanted.length).toBeGreaterThan(0);
    });

    it('lists the tenants with pending digests across tenants, one probe of the tenant-led pending index per tenant', async () => {
      await db.storage.insertNotifications([notification({ id: 'nt-tenants' })]);
      db.recorder.seen = [];
      db.recorder.on = true;
      try {
        expect(await db.storage.listPendingTenants!({ limit: 100 })).toContain(A);
      } finally {
        db.recorder.on = false;
      }
      const [scan] = db.recorder.seen.filter((s) => isDml(s.text));
      const { untenanted, indexes } = await explainTenancy(db.query, tables, scan!.text, scan!.params);
      // The first probe starts at no tenant: the one statement a per-tenant worker never sends.
      expect(untenanted.length).toBeGreaterThan(0);
      expect(new Set(indexes)).toEqual(new Set(['notifications_pending_idx']));
    });
  });
}

describe('the catalog checks', () => {
  // A check that cannot fail proves nothing: here each meets the mistake it exists to catch.
  it('report a table without tenant_id, a key without it, and a foreign key that leaves the tenant', async () => {
    const db = sharedPglite();
    const query: Query = (text, params) => db.query(text, params);
    try {
      await db.exec(`CREATE SCHEMA bad;
        CREATE TABLE bad.settings (key text PRIMARY KEY, value text);
        CREATE TABLE bad.projects (tenant_id text NOT NULL, id text NOT NULL, code text NOT NULL, PRIMARY KEY (tenant_id, id), CONSTRAINT projects_code_key UNIQUE (code));
        CREATE UNIQUE INDEX projects_code_idx ON bad.projects (tenant_id, code);
        CREATE TABLE bad.documents (tenant_id text NOT NULL, id text NOT NULL, project_id text NOT NULL, PRIMARY KEY (tenant_id, id),
          CONSTRAINT documents_project_fkey FOREIGN KEY (tenant_id, project_id) REFERENCES bad.projects (tenant_id, id),
          CONSTRAINT documents_code_fkey FOREIGN KEY (project_id) REFERENCES bad.projects (code))`);
      expect(await tablesWithoutTenant(query, 'bad')).toEqual(['settings']);
      expect(await uniqueKeysWithoutTenant(query, 'bad')).toEqual(['projects.projects_code_key', 'settings.settings_pkey']);
      expect(await foreignKeysWithoutTenant(query, 'bad')).toEqual(['bad.documents.documents_code_fkey']);
    } finally {
      await db.exec('DROP SCHEMA bad CASCADE');
    }
  }, 60_000);
});

/** A storage of its own for the outbox test: fresh tables, no other test's mail in them. */
async function openOutboxStorage(name: string): Promise<{ storage: SqlStorage; close(): Promise<void> }> {
  if (name === 'PGlite') {
    const storage = pgliteStorage({ db: sharedPglite(), schema: 'outbox_per_tenant' });
    return { storage, close: async () => {} };
  }
  const schema = uniqueSchema('sg_outbox_tenant');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const storage = postgresStorage({ pool }, { schema });
  return {
    storage,
    async close() {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await storage.close();
      await pool.end();
    },
  };
}

describe.each(backends.map((b) => b.name))('an outbox worker per tenant on %s', (name) => {
  let opened: Awaited<ReturnType<typeof openOutboxStorage>> | undefined;
  afterAll(async () => opened?.close());

  it('flushes only the tenant it is given; start({ tenantIds }) serves only those', { timeout: 60_000 }, async () => {
    opened = await openOutboxStorage(name);
    const { portal, mail } = makePortal({ storage: opened.storage });
    await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
    await portal.clients.add(staffB, { email: 'gus@example.com', projectIds: ['p-maple'] });

    expect(await portal.outbox.flush({ tenantId: TENANT_B })).toMatchObject({ sent: 1, failed: 0 });
    expect(mail.messages.map((m) => m.to)).toEqual(['gus@example.com']);
    expect((await portal.outbox.list(TENANT_A)).map((j) => j.state)).toEqual(['pending']);

    const worker = portal.outbox.start({ tenantIds: [TENANT_A], intervalMs: 10 });
    try {
      await expect.poll(async () => (await portal.outbox.list(TENANT_A)).map((j) => j.state), { timeout: 20_000 }).toEqual(['sent']);
    } finally {
      await worker.stop();
    }
    expect(mail.messages.map((m) => m.to)).toEqual(['gus@example.com', 'dana@example.com']);
  });
});
