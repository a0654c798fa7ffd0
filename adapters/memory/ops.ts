import { ConflictError } from '../../src/errors/ConflictError.js';
import type { Account, Session } from '../../src/model/account.js';
import type { AuditEvent } from '../../src/model/audit.js';
import type { ClientRecord } from '../../src/model/client.js';
import type { Invite } from '../../src/model/invite.js';
import type { MailJob } from '../../src/model/outbox.js';
import type { Role } from '../../src/model/role.js';
import type { Share } from '../../src/model/share.js';
import { clientMatches } from '../../src/ports/client-filter.js';
import { paginate } from '../../src/ports/paginate.js';
import { SHARE_PAGING } from '../../src/ports/share-pages.js';
import type { StorageOps } from '../../src/ports/storage.js';
import { copyRecord } from '../../src/model/copy-record.js';
import { k, Table } from './table.js';
import { memoryEventOps } from './events.js';
import { countBacklog } from '../../src/ports/count-backlog.js';
import { memoryReceiptOps } from './receipts.js';
import { memoryUpdateOps } from './updates.js';
import { memoryApprovalOps } from './approvals.js';
import { memoryAccountLinkOps } from './account-links.js';
import { memoryVisitOps } from './visits.js';
import { memoryFeedOps } from './feed.js';
import { memoryGrantOps } from './grants.js';
import { memoryNotificationOps, projectAudience } from './notifications.js';
import { deleteEnded, endedBy, type MemoryPurgers, type OpenMail } from './retention.js';
import type { PurgeCounts } from '../../src/ports/retention-store.js';

/** Where a transaction records how to undo each write; `undefined` outside a transaction. */
export interface UndoJournal {
  steps: (() => void)[] | undefined;
}

/**
 * The operations over a fresh set of in-memory tables. Each body runs to its end without an
 * await (test/adapters/memory-queue.test.ts checks), and they do no locking of their own:
 * `memoryStorage` runs them one at a time, which is what makes its transactions isolated. While
 * `journal.steps` is set, every write records its undo.
 */
export function memoryOps(journal: UndoJournal): StorageOps {
  const record = () => (journal.steps ? (undo: () => void) => journal.steps!.push(undo) : undefined);

  const clients = new Table<ClientRecord>((c) => k(c.tenantId, c.id), record)
    .index('email', (c) => k(c.tenantId, c.email))
    .index('pendingEmail', (c) => (c.pendingEmail ? k(c.tenantId, c.pendingEmail) : undefined))
    .index('tenant', (c) => c.tenantId);
  const roles = new Table<Role>((r) => k(r.tenantId, r.id), record).index('tenant', (r) => r.tenantId);
  const invites = new Table<Invite>((i) => k(i.tenantId, i.id), record)
    .index('token', (i) => (i.tokenHash ? k(i.tenantId, i.tokenHash) : undefined))
    .index('client', (i) => k(i.tenantId, i.clientId));
  const accounts = new Table<Account>((a) => k(a.tenantId, a.clientId), record);
  const sessions = new Table<Session>((s) => k(s.tenantId, s.tokenHash), record).index('client', (s) => k(s.tenantId, s.clientId));
  // A share is a flat record of these fields: a literal copies it (every permission check reads
  // shares). One share per resource (see insertShare).
  const copyShare = (s: Share): Share => ({
    tenantId: s.tenantId,
    id: s.id,
    projectId: s.projectId,
    module: s.module,
    resourceId: s.resourceId,
    kind: s.kind,
    sharedBy: s.sharedBy,
    createdAt: new Date(s.createdAt.getTime()),
  });
  const shares = new Table<Share>((s) => k(s.tenantId, s.id), record, copyShare)
    .unique('resource', (s) => [s.tenantId, s.projectId, s.module, s.resourceId])
    .index('project', (s) => k(s.tenantId, s.projectId));
  const audit = new Table<AuditEvent>((e) => k(e.tenantId, e.id), record).index('tenant', (e) => e.tenantId);
  const mailJobs = new Table<MailJob>((j) => k(j.tenantId, j.id), record).index('tenant', (j) => j.tenantId);

  const purgers: MemoryPurgers = {
    sessions: (query) => deleteEnded(sessions, query, (s) => endedBy(s.expiresAt, query)),
    invites: (query, open) => deleteEnded(invites, query, (i) => endedBy(i.expiresAt, query) && !open.invites.has(k(i.tenantId, i.id))),
    mailJobs: (query, open) => deleteEnded(mailJobs, query, (j) => !open.jobs.has(k(j.tenantId, j.id)) && endedBy(j.updatedAt, query)),
  };
  /** What the mail still to send will read (see `OpenMail`). */
  const openMail = (): OpenMail => {
    const open: OpenMail = { jobs: new Set(), invites: new Set(), links: new Set() };
    for (const j of mailJobs.rows.values()) {
      if (j.state !== 'pending' && j.state !== 'sending') continue;
      open.jobs.add(k(j.tenantId, j.id));
      if (j.inviteId) open.invites.add(k(j.tenantId, j.inviteId));
      if (j.linkId) open.links.add(k(j.tenantId, j.linkId));
    }
    return open;
  };

  const ops: Omit<StorageOps, 'readFeed' | 'readGrants'> = {
    ...memoryReceiptOps(record),
    ...memoryUpdateOps(record),
    ...memoryEventOps(record, purgers),
    ...memoryAccountLinkOps(record, purgers),
    ...memoryApprovalOps(record),
    ...memoryVisitOps(record),
    ...memoryNotificationOps(record, purgers),
    async purgeEnded(query) {
      const counts: PurgeCounts = { sessions: 0, invites: 0, accountLinks: 0, unsubscribeTokens: 0, mailJobs: 0, notifications: 0, events: 0 };
      // Read once, before any kind goes: only settled jobs go, and a gone job reads as settled,
      // so the order of the kinds does not matter.
      const open = openMail();
      for (const kind of query.kinds ?? (Object.keys(counts) as (keyof PurgeCounts)[])) counts[kind] = purgers[kind]!(query, open);
      return counts;
    },
    async getClient(tenantId, clientId) {
      return clients.get(k(tenantId, clientId)) ?? null;
    },
    async getClients(tenantId, clientIds) {
      return [...new Set(clientIds)].flatMap((id) => clients.get(k(tenantId, id)) ?? []);
    },
    async getClientByEmail(tenantId, email) {
      return clients.findBy('email', k(tenantId, email))[0] ?? null;
    },
    // One transaction at a time (see memoryStorage): a read for update needs no lock.
    async getClientForUpdate(tenantId, clientId) {
      return clients.get(k(tenantId, clientId)) ?? null;
    },
    async getClientByEmailForUpdate(tenantId, email) {
      return clients.findBy('email', k(tenantId, email))[0] ?? null;
    },
    async getClientByPendingEmail(tenantId, email) {
      return clients.findBy('pendingEmail', k(tenantId, email))[0] ?? null;
    },
    async saveClient(client) {
      const clash = clients.findBy('email', k(client.tenantId, client.email)).find((c) => c.id !== client.id);
      if (clash) throw new ConflictError(`A client with email ${client.email} already exists`, { data: { field: 'email', reason: 'email_in_use' } });
      clients.put(client);
    },
    async listClients(tenantId, query) {
      const rows = clients.peekBy('tenant', tenantId).filter((c) => clientMatches(c, query));
      return paginate(rows, { key: (c) => [c.createdAt, c.id], order: 'asc', limit: query.limit, cursor: query.cursor });
    },

    async listProjectAudience(tenantId, projectId, query = {}) {
      return projectAudience(clients.peekBy('tenant', tenantId), projectId, query.status);
    },

    async getRole(tenantId, roleId) {
      return roles.get(k(tenantId, roleId)) ?? null;
    },
    async saveRole(role) {
      roles.put(role);
    },
    async listRoles(tenantId) {
      return roles.findBy('tenant', tenantId).sort((a, b) => (a.id < b.id ? -1 : 1));
    },

    async insertInvite(invite) {
      if (invites.get(k(invite.tenantId, invite.id))) throw new ConflictError(`Invite ${invite.id} already exists`);
      invites.put(invite);
    },
    async getInvite(tenantId, inviteId) {
      return invites.get(k(tenantId, inviteId)) ?? null;
    },
    async getInviteByTokenHash(tenantId, tokenHash) {
      return invites.findBy('token', k(tenantId, tokenHash))[0] ?? null;
    },
    async setInviteTokenHash(tenantId, inviteId, tokenHash) {
      const invite = invites.get(k(tenantId, inviteId));
      if (!invite || invite.status !== 'pending') return false;
      invites.put({ ...invite, tokenHash });
      return true;
    },
    async supersedeInvites(tenantId, clientId, status = 'superseded') {
      const pending = invites.findBy('client', k(tenantId, clientId)).filter((i) => i.status === 'pending');
      for (const invite of pending) invites.put({ ...invite, status });
      return pending.length;
    },
    async acceptInvite(tenantId, tokenHash, now) {
      const invite = invites.findBy('token', k(tenantId, tokenHash))[0];
      if (!invite || invite.status !== 'pending' || invite.expiresAt.getTime() <= now.getTime()) return null;
      const accepted: Invite = { ...invite, status: 'accepted', acceptedAt: now };
      invites.put(accepted);
      return accepted;
    },

    async getAccount(tenantId, clientId) {
      return accounts.get(k(tenantId, clientId)) ?? null;
    },
    async saveAccount(account) {
      accounts.put(account);
    },
    async insertSession(session) {
      sessions.put(session);
    },
    async getSessionByTokenHash(tenantId, tokenHash) {
      return sessions.get(k(tenantId, tokenHash)) ?? null;
    },
    async getSessionWithClient(tenantId, tokenHash) {
      const session = sessions.get(k(tenantId, tokenHash));
      return session ? { session, client: clients.get(k(tenantId, session.clientId)) ?? null } : null;
    },
    async deleteSession(tenantId, tokenHash) {
      return sessions.delete(k(tenantId, tokenHash));
    },
    async deleteClientSessions(tenantId, clientId) {
      const keys = sessions.keysBy('client', k(tenantId, clientId));
      for (const key of keys) sessions.delete(key);
      return keys.length;
    },

    async insertShare(share) {
      const existing = shares.findUnique('resource', [share.tenantId, share.projectId, share.module, share.resourceId]);
      if (existing) return existing;
      shares.put(share);
      return copyRecord(share);
    },
    async insertShareAudited(share, event) {
      const existing = shares.findUnique('resource', [share.tenantId, share.projectId, share.module, share.resourceId]);
      if (existing) return existing;
      shares.put(share);
      audit.put(event);
      return copyRecord(share);
    },
    async getShare(tenantId, shareId) {
      return shares.get(k(tenantId, shareId)) ?? null;
    },
    async findShares(tenantId, projectId, refs) {
      const found: Share[] = [];
      for (const ref of refs) {
        const share = shares.findUnique('resource', [tenantId, projectId, ref.module, ref.id]);
        if (share) found.push(share);
      }
      return found;
    },
    async listShares(tenantId, projectId, filter) {
      // A feed and an access index read every share of a project: filter and sort the stored rows,
      // then copy each (a flat record: a spread and a new Date, cheaper still than `copyRecord`).
      const rows = shares.peekBy('project', k(tenantId, projectId)).filter((s) => !filter?.module || s.module === filter.module);
      return [...rows]
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((s) => ({ ...s, createdAt: new Date(s.createdAt.getTime()) }));
    },
    async pageShares(tenantId, projectId, query) {
      const rows = shares.peekBy('project', k(tenantId, projectId)).filter((s) => !query.module || s.module === query.module);
      return paginate(rows, { ...SHARE_PAGING, limit: query.limit, cursor: query.cursor });
    },
    async deleteShare(tenantId, shareId) {
      return shares.delete(k(tenantId, shareId));
    },

    async insertAudit(event) {
      audit.put(event);
    },
    async listAudit(tenantId, query) {
      const rows = audit
        .peekBy('tenant', tenantId)
        .filter((e) => (!query.projectId || e.projectId === query.projectId) && (!query.clientId || e.clientId === query.clientId));
      return paginate(rows, { key: (e) => [e.at, e.id], order: 'desc', limit: query.limit, cursor: query.cursor });
    },

    async insertMailJob(job) {
      mailJobs.put(job);
    },
    async insertMailJobs(jobs) {
      for (const job of jobs) mailJobs.put(job);
    },
    async getMailJob(tenantId, jobId) {
      return mailJobs.get(k(tenantId, jobId)) ?? null;
    },
    async getMailJobForUpdate(tenantId, jobId) {
      return mailJobs.get(k(tenantId, jobId)) ?? null;
    },
    async saveMailJob(job) {
      mailJobs.put(job);
    },
    async listMailJobs(tenantId, query = {}) {
      return mailJobs
        .findBy('tenant', tenantId)
        .filter((j) => (!query.state || j.state === query.state) && (!query.clientId || j.clientId === query.clientId))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
    },
    async claimMailJobs(now, limit, leaseUntil, tenantId) {
      // As the SQL store answers: nothing for no room (`slice(0, -1)` would take all but one).
      if (limit <= 0) return [];
      const due = [...mailJobs.rows.values()]
        .filter((j) => (j.state === 'pending' || j.state === 'sending') && j.runAt.getTime() <= now.getTime() && (tenantId === undefined || j.tenantId === tenantId))
        .sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || (a.id < b.id ? -1 : 1))
        .slice(0, limit);
      return due.map((job) => {
        const claimed: MailJob = { ...job, state: 'sending', attempts: job.attempts + 1, runAt: leaseUntil, updatedAt: now };
        mailJobs.put(claimed);
        return copyRecord(claimed);
      });
    },
    async mailBacklog(now, tenantId) {
      return countBacklog(tenantId === undefined ? mailJobs.rows.values() : mailJobs.peekBy('tenant', tenantId), now, 'sending');
    },
    async settleMailJobs(tenantId, outcomes) {
      return outcomes.map((outcome) => {
        const job = mailJobs.get(k(tenantId, outcome.jobId));
        if (!job || job.state !== 'sending' || job.attempts !== outcome.attempts) return false;
        const { lastError: _previous, ...rest } = job;
        mailJobs.put({
          ...rest,
          state: outcome.state,
          updatedAt: outcome.updatedAt,
          ...(outcome.runAt ? { runAt: outcome.runAt } : {}),
          ...(outcome.lastError === undefined ? {} : { lastError: outcome.lastError }),
          ...(outcome.providerId === undefined ? {} : { providerId: outcome.providerId }),
        });
        return true;
      });
    },
  };
  return { ...ops, ...memoryFeedOps(ops), ...memoryGrantOps(ops) };
}
