/**
 * A third-party storage adapter for sitegate, written only against the package's public API
 * (types, errors, and the `paginate`/`clientMatches` helpers for adapter authors):
 * plain `Map`s, one per kind of record, and transactions that work on a copy of every map and
 * swap it in when the transaction resolves (a snapshot: throwing simply drops the copy).
 *
 * Copying everything per transaction costs time in proportion to what is stored, so this suits
 * tests, demos and small single-process installs. `test/examples/custom-storage.test.ts` proves
 * it against `storageConformance` from `sitegate/testing`.
 */
import { clientMatches, ConflictError, countBacklog, paginate } from 'sitegate';
import type { Approval, ApprovalDecision } from 'sitegate';
import type { Receipt, StoredEvent } from 'sitegate';
import type { ProjectVisit } from 'sitegate';
import type { Notification, NotificationSettingsRecord, PendingDigest, UnsubscribeToken } from 'sitegate';
import type { Account, AccountLink, AuditEvent, ClientRecord, Invite, MailJob, PurgeCounts, ResourceRef, Role, Session, Share, Storage, StorageOps, Update } from 'sitegate';

interface Tables {
  clients: Map<string, ClientRecord>;
  roles: Map<string, Role>;
  invites: Map<string, Invite>;
  accountLinks: Map<string, AccountLink>;
  accounts: Map<string, Account>;
  sessions: Map<string, Session>;
  shares: Map<string, Share>;
  /** `removedAt` marks a removed update: kept, but no read returns it. */
  updates: Map<string, Update & { removedAt?: Date }>;
  audit: Map<string, AuditEvent>;
  mailJobs: Map<string, MailJob>;
  approvals: Map<string, Approval>;
  approvalDecisions: Map<string, ApprovalDecision>;
  receipts: Map<string, Receipt>;
  visits: Map<string, ProjectVisit>;
  notifications: Map<string, Notification>;
  notificationSettings: Map<string, NotificationSettingsRecord>;
  unsubscribeTokens: Map<string, UnsubscribeToken>;
  /** In insertion order (a Map keeps it, copies too): each tenant's delivery order. */
  events: Map<string, StoredEvent>;
}

const emptyTables = (): Tables => ({
  clients: new Map(),
  roles: new Map(),
  invites: new Map(),
  accountLinks: new Map(),
  accounts: new Map(),
  sessions: new Map(),
  shares: new Map(),
  updates: new Map(),
  audit: new Map(),
  mailJobs: new Map(),
  approvals: new Map(),
  approvalDecisions: new Map(),
  receipts: new Map(),
  visits: new Map(),
  notifications: new Map(),
  notificationSettings: new Map(),
  unsubscribeTokens: new Map(),
  events: new Map(),
});

/** Tenant-scoped key; NUL never occurs in ids, so two parts cannot run into each other. */
const key = (...parts: string[]) => parts.join('\u0000');

// Records go in and come out as copies, so a caller mutating one cannot change the store.
const copy = <T>(row: T): T => structuredClone(row);

/** Ascending order of `[time, id]`-style keys (ids compared by code unit, as the suite expects). */
function compare(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

const byCreated = (row: { createdAt: Date; id: string }) => [row.createdAt.getTime(), row.id];
const sameRef = (a: ResourceRef, b: ResourceRef) => a.module === b.module && a.id === b.id;
/** A stored update as callers see it: a copy, without the removal mark. */
const publicUpdate = ({ removedAt: _removed, ...update }: Update & { removedAt?: Date }): Update => copy(update);

/** The operations, reading and writing whichever tables `db()` returns (live ones, or a transaction's copy). */
function operations(db: () => Tables): StorageOps {
  const all = <T extends { tenantId: string }>(table: Map<string, T>, tenantId: string) =>
    [...table.values()].filter((row) => row.tenantId === tenantId);
  const find = <T>(table: Map<string, T>, k: string) => {
    const row = table.get(k);
    return row === undefined ? null : copy(row);
  };

  const ops: Omit<StorageOps, 'readGrants'> = {
    async getClient(tenantId, clientId) {
      return find(db().clients, key(tenantId, clientId));
    },
    async getClients(tenantId, clientIds) {
      return [...new Set(clientIds)].flatMap((id) => find(db().clients, key(tenantId, id)) ?? []);
    },
    async getClientByEmail(tenantId, email) {
      const found = all(db().clients, tenantId).find((c) => c.email === email);
      return found ? copy(found) : null;
    },
    async saveClient(client) {
      const clash = all(db().clients, client.tenantId).find((c) => c.email === client.email && c.id !== client.id);
      if (clash) throw new ConflictError(`A client with email ${client.email} already exists`, { data: { field: 'email', reason: 'email_in_use' } });
      db().clients.set(key(client.tenantId, client.id), copy(client));
    },
    async listClients(tenantId, query) {
      // The core hands plain filters (no clock, no status rules); `clientMatches` applies them.
      const rows = all(db().clients, tenantId).filter((c) => clientMatches(c, query));
      return paginate(rows, { key: (c) => [c.createdAt, c.id], order: 'asc', limit: query.limit, cursor: query.cursor });
    },
    // Transactions run one at a time (see mapStorage), so reading for update needs no lock.
    async getClientForUpdate(tenantId, clientId) {
      return find(db().clients, key(tenantId, clientId));
    },
    async getClientByEmailForUpdate(tenantId, email) {
      const found = all(db().clients, tenantId).find((c) => c.email === email);
      return found ? copy(found) : null;
    },

    async getRole(tenantId, roleId) {
      return find(db().roles, key(tenantId, roleId));
    },
    async saveRole(role) {
      db().roles.set(key(role.tenantId, role.id), copy(role));
    },
    async listRoles(tenantId) {
      return all(db().roles, tenantId).sort((a, b) => compare([a.id], [b.id])).map(copy);
    },

    async getClientByPendingEmail(tenantId, email) {
      const found = all(db().clients, tenantId).find((c) => c.pendingEmail === email);
      return found ? copy(found) : null;
    },

    async insertAccountLink(link) {
      const k = key(link.tenantId, link.id);
      if (db().accountLinks.has(k)) throw new ConflictError(`Account link ${link.id} already exists`);
      db().accountLinks.set(k, copy(link));
    },
    async getAccountLink(tenantId, linkId) {
      return find(db().accountLinks, key(tenantId, linkId));
    },
    async getAccountLinkByTokenHash(tenantId, tokenHash) {
      const found = all(db().accountLinks, tenantId).find((l) => l.tokenHash === tokenHash);
      return found ? copy(found) : null;
    },
    async setAccountLinkTokenHash(tenantId, linkId, tokenHash) {
      const link = db().accountLinks.get(key(tenantId, linkId));
      if (!link || link.status !== 'pending') return false;
      db().accountLinks.set(key(tenantId, linkId), { ...link, tokenHash });
      return true;
    },
    async endAccountLinks(tenantId, clientId, status, purpose) {
      const pending = all(db().accountLinks, tenantId).filter((l) => l.clientId === clientId && l.status === 'pending' && (purpose === undefined || l.purpose === purpose));
      for (const link of pending) db().accountLinks.set(key(tenantId, link.id), { ...link, status });
      return pending.length;
    },
    async useAccountLink(tenantId, tokenHash, purpose, now) {
      const link = all(db().accountLinks, tenantId).find((l) => l.tokenHash === tokenHash);
      if (!link || link.purpose !== purpose || link.status !== 'pending' || link.expiresAt.getTime() <= now.getTime()) return null;
      const used: AccountLink = { ...link, status: 'used', usedAt: now };
      db().accountLinks.set(key(tenantId, link.id), used);
      return copy(used);
    },
    async listAccountLinks(tenantId, clientId) {
      return all(db().accountLinks, tenantId)
        .filter((l) => l.clientId === clientId)
        .sort((a, b) => compare(byCreated(a), byCreated(b)))
        .map(copy);
    },

    async insertInvite(invite) {
      const k = key(invite.tenantId, invite.id);
      if (db().invites.has(k)) throw new ConflictError(`Invite ${invite.id} already exists`);
      db().invites.set(k, copy(invite));
    },
    async getInvite(tenantId, inviteId) {
      return find(db().invites, key(tenantId, inviteId));
    },
    async getInviteByTokenHash(tenantId, tokenHash) {
      const found = all(db().invites, tenantId).find((i) => i.tokenHash === tokenHash);
      return found ? copy(found) : null;
    },
    async setInviteTokenHash(tenantId, inviteId, tokenHash) {
      const invite = db().invites.get(key(tenantId, inviteId));
      if (!invite || invite.status !== 'pending') return false;
      db().invites.set(key(tenantId, inviteId), { ...invite, tokenHash });
      return true;
    },
    async supersedeInvites(tenantId, clientId, status = 'superseded') {
      const pending = all(db().invites, tenantId).filter((i) => i.clientId === clientId && i.status === 'pending');
      for (const invite of pending) db().invites.set(key(tenantId, invite.id), { ...invite, status });
      return pending.length;
    },
    async acceptInvite(tenantId, tokenHash, now) {
      // No await between the check and the write: in one process, that makes it atomic.
      const invite = all(db().invites, tenantId).find((i) => i.tokenHash === tokenHash);
      if (!invite || invite.status !== 'pending' || invite.expiresAt.getTime() <= now.getTime()) return null;
      const accepted: Invite = { ...invite, status: 'accepted', acceptedAt: now };
      db().invites.set(key(tenantId, invite.id), accepted);
      return copy(accepted);
    },

    async getAccount(tenantId, clientId) {
      return find(db().accounts, key(tenantId, clientId));
    },
    async saveAccount(account) {
      db().accounts.set(key(account.tenantId, account.clientId), copy(account));
    },
    async insertSession(session) {
      db().sessions.set(key(session.tenantId, session.tokenHash), copy(session));
    },
    async getSessionByTokenHash(tenantId, tokenHash) {
      return find(db().sessions, key(tenantId, tokenHash));
    },
    async getSessionWithClient(tenantId, tokenHash) {
      const session = find(db().sessions, key(tenantId, tokenHash));
      return session ? { session, client: find(db().clients, key(tenantId, session.clientId)) } : null;
    },
    async deleteSession(tenantId, tokenHash) {
      return db().sessions.delete(key(tenantId, tokenHash));
    },
    async deleteClientSessions(tenantId, clientId) {
      const doomed = all(db().sessions, tenantId).filter((s) => s.clientId === clientId);
      for (const session of doomed) db().sessions.delete(key(tenantId, session.tokenHash));
      return doomed.length;
    },

    async insertShare(share) {
      const existing = all(db().shares, share.tenantId).find(
        (s) => s.projectId === share.projectId && s.module === share.module && s.resourceId === share.resourceId,
      );
      if (existing) return copy(existing);
      db().shares.set(key(share.tenantId, share.id), copy(share));
      return copy(share);
    },
    async insertShareAudited(share, event) {
      const existing = all(db().shares, share.tenantId).find(
        (s) => s.projectId === share.projectId && s.module === share.module && s.resourceId === share.resourceId,
      );
      if (existing) return copy(existing);
      db().shares.set(key(share.tenantId, share.id), copy(share));
      db().audit.set(key(event.tenantId, event.id), copy(event));
      return copy(share);
    },
    async getShare(tenantId, shareId) {
      return find(db().shares, key(tenantId, shareId));
    },
    async findShares(tenantId, projectId, refs) {
      // In the order of `refs` (the resource first, then its ancestors), as the suite expects.
      const shares = all(db().shares, tenantId).filter((s) => s.projectId === projectId);
      return refs.flatMap((ref) => shares.filter((s) => sameRef(ref, { module: s.module, id: s.resourceId }))).map(copy);
    },
    async listShares(tenantId, projectId, filter) {
      const rows = all(db().shares, tenantId).filter((s) => s.projectId === projectId && (!filter?.module || s.module === filter.module));
      return rows.sort((a, b) => compare(byCreated(a), byCreated(b))).map(copy);
    },
    async deleteShare(tenantId, shareId) {
      return db().shares.delete(key(tenantId, shareId));
    },

    async insertUpdate(update) {
      db().updates.set(key(update.tenantId, update.id), copy(update));
    },
    async listUpdates(tenantId, projectId, page) {
      const rows = all(db().updates, tenantId).filter((u) => u.projectId === projectId && !u.removedAt);
      return paginate(rows.map(publicUpdate), { key: (u) => [u.publishedAt, u.id], order: 'desc', limit: page.limit, cursor: page.cursor });
    },
    async findAttached(tenantId, projectId, refs) {
      const attached = all(db().updates, tenantId)
        .filter((u) => u.projectId === projectId && !u.removedAt)
        .flatMap((u) => u.resources);
      return refs.filter((ref, i) => attached.some((a) => sameRef(a, ref)) && refs.findIndex((r) => sameRef(r, ref)) === i).map(copy);
    },
    async getUpdate(tenantId, updateId) {
      const row = db().updates.get(key(tenantId, updateId));
      return row && !row.removedAt ? publicUpdate(row) : null;
    },
    async editUpdate(tenantId, projectId, updateId, { title, body, resources, editedAt }) {
      const row = db().updates.get(key(tenantId, updateId));
      if (!row || row.removedAt || row.projectId !== projectId) return null;
      const next = { ...copy(row), editedAt };
      if (title === null) delete next.title;
      else if (title !== undefined) next.title = title;
      if (body !== undefined) next.body = body;
      if (resources !== undefined) next.resources = resources.map((r) => ({ module: r.module, id: r.id }));
      db().updates.set(key(tenantId, updateId), next);
      return publicUpdate(next);
    },
    async removeUpdate(tenantId, projectId, updateId, removedAt) {
      const row = db().updates.get(key(tenantId, updateId));
      if (!row || row.removedAt || row.projectId !== projectId) return false;
      db().updates.set(key(tenantId, updateId), { ...copy(row), removedAt });
      return true;
    },

    async insertAudit(event) {
      db().audit.set(key(event.tenantId, event.id), copy(event));
    },
    async listAudit(tenantId, query) {
      const rows = all(db().audit, tenantId).filter(
        (e) => (!query.projectId || e.projectId === query.projectId) && (!query.clientId || e.clientId === query.clientId),
      );
      return paginate(rows, { key: (e) => [e.at, e.id], order: 'desc', limit: query.limit, cursor: query.cursor });
    },

    async insertMailJob(job) {
      db().mailJobs.set(key(job.tenantId, job.id), copy(job));
    },
    async insertMailJobs(jobs) {
      for (const job of jobs) db().mailJobs.set(key(job.tenantId, job.id), copy(job));
    },
    async getMailJob(tenantId, jobId) {
      return find(db().mailJobs, key(tenantId, jobId));
    },
    async getMailJobForUpdate(tenantId, jobId) {
      return find(db().mailJobs, key(tenantId, jobId));
    },
    async saveMailJob(job) {
      db().mailJobs.set(key(job.tenantId, job.id), copy(job));
    },
    async listMailJobs(tenantId, query = {}) {
      return all(db().mailJobs, tenantId)
        .filter((j) => (!query.state || j.state === query.state) && (!query.clientId || j.clientId === query.clientId))
        .sort((a, b) => compare(byCreated(a), byCreated(b)))
        .map(copy);
    },
    async claimMailJobs(now, limit, leaseUntil, tenantId) {
      // A `sending` job whose lease (runAt) has lapsed is due again: its worker is presumed dead.
      const due = [...db().mailJobs.values()]
        .filter((j) => (j.state === 'pending' || j.state === 'sending') && j.runAt.getTime() <= now.getTime() && (tenantId === undefined || j.tenantId === tenantId))
        .sort((a, b) => compare([a.runAt.getTime(), a.id], [b.runAt.getTime(), b.id]))
        .slice(0, limit);
      return due.map((job) => {
        const claimed: MailJob = { ...job, state: 'sending', attempts: job.attempts + 1, runAt: leaseUntil, updatedAt: now };
        db().mailJobs.set(key(job.tenantId, job.id), claimed);
        return copy(claimed);
      });
    },
    async mailBacklog(now, tenantId) {
      return countBacklog(tenantId === undefined ? db().mailJobs.values() : all(db().mailJobs, tenantId), now, 'sending');
    },
    async settleMailJobs(tenantId, outcomes) {
      return outcomes.map((outcome) => {
        const job = db().mailJobs.get(key(tenantId, outcome.jobId));
        // Only the claim that is still current may record its outcome (see the port's contract).
        if (!job || job.state !== 'sending' || job.attempts !== outcome.attempts) return false;
        const { lastError: _previous, ...rest } = job;
        db().mailJobs.set(key(tenantId, outcome.jobId), {
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

    async insertApproval(approval) {
      const k = key(approval.tenantId, approval.id);
      if (db().approvals.has(k)) throw new ConflictError(`Approval ${approval.id} already exists`);
      db().approvals.set(k, copy(approval));
    },
    async getApproval(tenantId, approvalId) {
      return find(db().approvals, key(tenantId, approvalId));
    },
    // One transaction at a time (see mapStorage): a read for update needs no lock.
    async getApprovalForUpdate(tenantId, approvalId) {
      return find(db().approvals, key(tenantId, approvalId));
    },
    async saveApproval(approval) {
      const k = key(approval.tenantId, approval.id);
      if (!db().approvals.has(k)) return false;
      db().approvals.set(k, copy(approval));
      return true;
    },
    async listApprovals(tenantId, projectId, query = {}) {
      return all(db().approvals, tenantId)
        .filter((a) => a.projectId === projectId && (!query.module || a.module === query.module) && (!query.resourceId || a.resourceId === query.resourceId))
        .filter((a) => !query.clientId || a.approvers.includes(query.clientId))
        .sort((a, b) => compare([a.requestedAt.getTime(), a.id], [b.requestedAt.getTime(), b.id]))
        .map(copy);
    },
    // Decisions are evidence: added, never changed; one per client and round.
    async insertApprovalDecision(decision) {
      const taken = all(db().approvalDecisions, decision.tenantId).some(
        (d) => d.id === decision.id || (d.approvalId === decision.approvalId && d.clientId === decision.clientId && d.round === decision.round),
      );
      if (taken) return false;
      db().approvalDecisions.set(key(decision.tenantId, decision.id), copy(decision));
      return true;
    },
    async listApprovalDecisions(tenantId, approvalIds) {
      const wanted = new Set(approvalIds);
      return all(db().approvalDecisions, tenantId)
        .filter((d) => wanted.has(d.approvalId))
        .sort((a, b) => compare([a.decidedAt.getTime(), a.id], [b.decidedAt.getTime(), b.id]))
        .map(copy);
    },

    // One receipt per client and resource; a view within the quiet period writes nothing.
    // One visit per client and project; a load within the quiet period writes nothing.
    async recordVisit(tenantId, clientId, projectId, at, window) {
      const k = key(tenantId, clientId, projectId);
      const existing = db().visits.get(k);
      let next: ProjectVisit;
      if (!existing) next = { tenantId, clientId, projectId, lastVisitAt: at };
      else if (existing.lastVisitAt.getTime() <= window.newVisitBefore.getTime()) next = { ...existing, previousVisitAt: existing.lastVisitAt, lastVisitAt: at };
      else if (existing.lastVisitAt.getTime() <= window.quietSince.getTime()) next = { ...existing, lastVisitAt: at };
      else return copy(existing);
      db().visits.set(k, copy(next));
      return copy(next);
    },
    async getVisit(tenantId, clientId, projectId) {
      const found = db().visits.get(key(tenantId, clientId, projectId));
      return found ? copy(found) : null;
    },
    // A feed load's reads at once: what listShares, listUpdates and getVisit answer.
    async readFeed(tenantId, projectId, clientId, updates) {
      const shares = all(db().shares, tenantId).filter((s) => s.projectId === projectId).sort((a, b) => compare(byCreated(a), byCreated(b))).map(copy);
      const found = db().visits.get(key(tenantId, clientId, projectId));
      const visit = found ? copy(found) : null;
      if (!updates) return { shares, visit };
      const rows = all(db().updates, tenantId).filter((u) => u.projectId === projectId && !u.removedAt);
      const page = paginate(rows.map(publicUpdate), { key: (u) => [u.publishedAt, u.id], order: 'desc', limit: updates.limit, cursor: updates.cursor });
      return { shares, updates: page, visit };
    },

    async insertNotifications(list) {
      const keys = list.map((n) => key(n.tenantId, n.id));
      if (new Set(keys).size !== keys.length || keys.some((k) => db().notifications.has(k))) throw new ConflictError('Notification already exists');
      list.forEach((n, i) => db().notifications.set(keys[i]!, copy(n)));
    },
    async listProjectAudience(tenantId, projectId, query = {}) {
      // The stored status, as sitegate derives it (archived, then portal access, then activation).
      const status = (c: ClientRecord): 'archived' | 'disabled' | 'active' | 'invited' | 'not_invited' =>
        c.archivedAt ? 'archived' : !c.portalAccess ? 'disabled' : c.activatedAt ? 'active' : c.inviteExpiresAt ? 'invited' : 'not_invited';
      return all(db().clients, tenantId)
        .filter((c) => c.projectIds.includes(projectId) && (query.status === undefined || status(c) === query.status))
        .map((c) => ({ clientId: c.id, roleId: c.roleId, status: status(c), pendingEmail: !!c.pendingEmail }))
        .sort((a, b) => compare([a.clientId], [b.clientId]));
    },
    async listNotifications(tenantId, query) {
      return all(db().notifications, tenantId)
        .filter(
          (n) =>
            (query.clientId === undefined || n.clientId === query.clientId) &&
            (query.digestId === undefined || n.digestId === query.digestId) &&
            (query.digestIds === undefined || (n.digestId !== undefined && query.digestIds.includes(n.digestId))) &&
            (!query.pending || !n.digestId),
        )
        .sort((a, b) => compare(byCreated(a), byCreated(b)))
        .map(copy);
    },
    async getNotificationSettings(tenantId, clientId) {
      return find(db().notificationSettings, key(tenantId, clientId));
    },
    async listNotificationSettings(tenantId, clientIds) {
      return [...new Set(clientIds)].flatMap((id) => find(db().notificationSettings, key(tenantId, id)) ?? []);
    },
    async saveNotificationSettings(settings) {
      db().notificationSettings.set(key(settings.tenantId, settings.clientId), copy(settings));
    },
    async listPendingDigests(query) {
      const groups = new Map<string, PendingDigest>();
      for (const n of db().notifications.values()) {
        if (n.digestId || (query.tenantId !== undefined && n.tenantId !== query.tenantId)) continue;
        if (query.after && compare([n.tenantId, n.clientId], [query.after.tenantId, query.after.clientId]) <= 0) continue;
        const group = groups.get(key(n.tenantId, n.clientId));
        if (!group) groups.set(key(n.tenantId, n.clientId), { tenantId: n.tenantId, clientId: n.clientId, oldest: n.createdAt });
        else if (n.createdAt < group.oldest) group.oldest = n.createdAt;
      }
      return [...groups.values()]
        .flatMap((group): PendingDigest[] => {
          const frequency = db().notificationSettings.get(key(group.tenantId, group.clientId))?.frequency;
          if (frequency !== 'off' && group.oldest > query.cutoffs[frequency ?? 'unset']) return [];
          return [copy({ ...group, ...(frequency ? { frequency } : {}) })];
        })
        .sort((a, b) => compare([a.tenantId, a.clientId], [b.tenantId, b.clientId]))
        .slice(0, query.limit);
    },
    // Optional: it lets a pass across tenants skip those with nothing due soon.
    async listPendingTenants(query) {
      const tenants = new Set([...db().notifications.values()].filter((n) => !n.digestId && (query.after === undefined || n.tenantId > query.after)).map((n) => n.tenantId));
      return [...tenants].sort().slice(0, query.limit);
    },
    async attachDigests(tenantId, claims, upTo) {
      return claims.flatMap((claim) => {
        const pending = [...db().notifications.values()].filter((n) => n.tenantId === tenantId && n.clientId === claim.clientId && !n.digestId && n.createdAt <= upTo);
        for (const n of pending) n.digestId = claim.digestId;
        return pending.length ? [{ ...claim, count: pending.length }] : [];
      });
    },
    async dropPendingNotifications(tenantId, clientIds, upTo) {
      let dropped = 0;
      for (const [k, n] of db().notifications) {
        if (n.tenantId === tenantId && clientIds.includes(n.clientId) && !n.digestId && n.createdAt <= upTo) dropped += db().notifications.delete(k) ? 1 : 0;
      }
      return dropped;
    },
    async insertUnsubscribeToken(token) {
      const k = key(token.tenantId, token.tokenHash);
      if (db().unsubscribeTokens.has(k)) throw new ConflictError('Unsubscribe token already exists');
      db().unsubscribeTokens.set(k, copy(token));
    },
    async insertUnsubscribeTokens(tokens) {
      const keys = tokens.map((t) => key(t.tenantId, t.tokenHash));
      if (new Set(keys).size < keys.length || keys.some((k) => db().unsubscribeTokens.has(k))) throw new ConflictError('Unsubscribe token already exists');
      tokens.forEach((token, i) => db().unsubscribeTokens.set(keys[i]!, copy(token)));
    },
    async getUnsubscribeToken(tenantId, tokenHash) {
      return find(db().unsubscribeTokens, key(tenantId, tokenHash));
    },
    async useUnsubscribeToken(tenantId, tokenHash, now) {
      const token = db().unsubscribeTokens.get(key(tenantId, tokenHash));
      if (!token || token.usedAt || token.expiresAt <= now) return null;
      token.usedAt = now;
      return copy(token);
    },

    async recordView(view, quietSince) {
      const k = key(view.tenantId, view.projectId, view.module, view.id, view.clientId);
      const existing = db().receipts.get(k);
      if (!existing) {
        db().receipts.set(k, copy(view));
        return 'created';
      }
      if (existing.lastViewedAt.getTime() > quietSince.getTime()) return 'throttled';
      db().receipts.set(k, { ...existing, lastViewedAt: view.lastViewedAt, views: existing.views + 1 });
      return 'updated';
    },
    async listReceipts(tenantId, projectId, query = {}) {
      return all(db().receipts, tenantId)
        .filter(
          (r) =>
            r.projectId === projectId &&
            (!query.module || r.module === query.module) &&
            (!query.id || r.id === query.id) &&
            (!query.ids || query.ids.includes(r.id)) &&
            (!query.clientId || r.clientId === query.clientId),
        )
        .sort((a, b) => compare([-a.lastViewedAt.getTime(), a.clientId, a.module, a.id], [-b.lastViewedAt.getTime(), b.clientId, b.module, b.id]))
        .map(copy);
    },

    async insertEvent(event) {
      const k = key(event.tenantId, event.id);
      if (db().events.has(k)) throw new ConflictError(`Event ${event.id} already exists`);
      db().events.set(k, copy(event));
    },
    async listEvents(tenantId, query = {}) {
      return all(db().events, tenantId)
        .filter((e) => !query.state || e.state === query.state)
        .map(copy);
    },
    // Each tenant's head (its first event not delivered or failed), when due: one per tenant.
    async claimEvents(now, limit, leaseUntil, tenantId) {
      const heads = new Map<string, StoredEvent>();
      for (const e of db().events.values()) {
        const open = e.state === 'pending' || e.state === 'delivering';
        if (open && !heads.has(e.tenantId) && (tenantId === undefined || e.tenantId === tenantId)) heads.set(e.tenantId, e);
      }
      const order = [...db().events.values()];
      const due = [...heads.values()]
        .filter((e) => e.runAt.getTime() <= now.getTime())
        .sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || order.indexOf(a) - order.indexOf(b))
        .slice(0, Math.max(0, limit));
      return due.map((e) => {
        const claimed: StoredEvent = { ...e, state: 'delivering', attempts: e.attempts + 1, runAt: leaseUntil, updatedAt: now };
        db().events.set(key(e.tenantId, e.id), claimed);
        return copy(claimed);
      });
    },
    async settleEvent(tenantId, eventId, attempts, outcome) {
      const current = db().events.get(key(tenantId, eventId));
      if (!current || current.state !== 'delivering' || current.attempts !== attempts) return false;
      const { lastError: _previous, ...rest } = current;
      const { lastError, ...settled } = outcome;
      db().events.set(key(tenantId, eventId), { ...rest, ...settled, ...(lastError === undefined ? {} : { lastError }) });
      return true;
    },
    async eventBacklog(now, tenantId) {
      return countBacklog(tenantId === undefined ? db().events.values() : all(db().events, tenantId), now, 'delivering');
    },
    async retryFailedEvents(tenantId, now, ids) {
      // Set in place: a Map keeps a key's first place, so the event keeps its place in the queue.
      const queue = all(db().events, tenantId);
      const failed = queue.filter((e) => e.state === 'failed' && (!ids || ids.includes(e.id)));
      // Not due before the tenant's event in flight is settled or its lease lapses: one at a time.
      const runAt = new Date(Math.max(now.getTime(), ...queue.filter((e) => e.state === 'delivering').map((e) => e.runAt.getTime())));
      for (const e of failed) db().events.set(key(tenantId, e.id), { ...e, state: 'pending', attempts: 0, runAt, updatedAt: now });
      return failed.length;
    },
    // Retention: what ended by `before` and nothing reads again, at most `limit` of each kind.
    async purgeEnded({ before, limit, tenantId, kinds }) {
      const t = db();
      const cut = before.getTime();
      const purge = <T extends { tenantId: string }>(kind: keyof PurgeCounts, table: Map<string, T>, ended: (row: T) => boolean) => {
        if (kinds && !kinds.includes(kind)) return 0;
        const doomed = [...table].filter(([, row]) => (tenantId === undefined || row.tenantId === tenantId) && ended(row)).slice(0, limit);
        for (const [k] of doomed) table.delete(k);
        return doomed.length;
      };
      // Mail still to send reads its invite or link, and a digest its notifications: keep them while it may.
      const open = [...t.mailJobs.values()].filter((j) => j.state === 'pending' || j.state === 'sending');
      const read = (ids: (j: MailJob) => string | undefined) => new Set(open.map((j) => key(j.tenantId, ids(j) ?? '')));
      const [jobs, invites, links] = [read((j) => j.id), read((j) => j.inviteId), read((j) => j.linkId)];
      return {
        sessions: purge('sessions', t.sessions, (s) => s.expiresAt.getTime() <= cut),
        invites: purge('invites', t.invites, (i) => i.expiresAt.getTime() <= cut && !invites.has(key(i.tenantId, i.id))),
        accountLinks: purge('accountLinks', t.accountLinks, (l) => l.expiresAt.getTime() <= cut && !links.has(key(l.tenantId, l.id))),
        unsubscribeTokens: purge('unsubscribeTokens', t.unsubscribeTokens, (u) => u.expiresAt.getTime() <= cut),
        notifications: purge('notifications', t.notifications, (n) => !!n.digestId && n.createdAt.getTime() <= cut && !jobs.has(key(n.tenantId, n.digestId))),
        mailJobs: purge('mailJobs', t.mailJobs, (j) => ['sent', 'failed', 'cancelled'].includes(j.state) && j.updatedAt.getTime() <= cut),
        events: purge('events', t.events, (e) => (e.state === 'delivered' || e.state === 'failed') && e.updatedAt.getTime() <= cut),
      };
    },
  };
  return {
    ...ops,
    // An access check's two reads in one call: what findShares and findAttached answer, and
    // the client's receipt of the resource opened when asked.
    async readGrants(tenantId, projectId, refs, options) {
      const read = { shares: await ops.findShares(tenantId, projectId, refs), attached: await ops.findAttached(tenantId, projectId, refs) };
      if (!options?.receiptOf) return read;
      const [receipt] = await ops.listReceipts(tenantId, projectId, options.receiptOf);
      return { ...read, receipt: receipt ?? null };
    },
  };
}

/**
 * Storage on `Map`s with snapshot transactions.
 *
 * @example
 * const portal = createPortal({ storage: mapStorage(), mail, content, acceptUrl, tenants });
 */
export function mapStorage(): Storage {
  let live = emptyTables();
  const ops = operations(() => live);

  // One operation or transaction at a time, so a transaction's snapshot cannot miss a write
  // made while it ran (which the swap at its end would otherwise throw away).
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  }

  const storage = Object.fromEntries(
    Object.entries(ops).map(([name, fn]) => [name, (...args: unknown[]) => serial(() => (fn as (...a: unknown[]) => Promise<unknown>)(...args))]),
  ) as unknown as StorageOps;

  return {
    ...storage,
    name: 'map',
    transaction(fn) {
      return serial(async () => {
        // Maps, Dates and nested arrays all survive structuredClone.
        const draft = structuredClone(live);
        const result = await fn(operations(() => draft));
        live = draft;
        return result;
      });
    },
    // Nothing to release: no connections, no files.
    async close() {},
  };
}
