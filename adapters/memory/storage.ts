import { ConflictError } from '../../src/errors/ConflictError.js';
import type { Account, Session } from '../../src/model/account.js';
import type { AuditEvent } from '../../src/model/audit.js';
import { clientStatus, type ClientRecord } from '../../src/model/client.js';
import type { Invite } from '../../src/model/invite.js';
import type { MailJob } from '../../src/model/outbox.js';
import type { ResourceRef } from '../../src/model/resource.js';
import type { Role } from '../../src/model/role.js';
import type { Share } from '../../src/model/share.js';
import type { Update } from '../../src/model/update.js';
import { decodeCursor, encodeCursor } from '../../src/ports/cursor.js';
import type { Page, Storage, StorageOps } from '../../src/ports/storage.js';
import { k, Table } from './table.js';

/** Sorts, then returns the page after `cursor` (rows compared by `sortKey`). */
function paginate<T>(rows: readonly T[], sortKey: (row: T) => (string | number)[], desc: boolean, limit: number, cursor?: string): Page<T> {
  const cmp = (a: (string | number)[], b: (string | number)[]) => {
    for (let i = 0; i < a.length; i++) {
      if (a[i]! < b[i]!) return desc ? 1 : -1;
      if (a[i]! > b[i]!) return desc ? -1 : 1;
    }
    return 0;
  };
  const keyed = rows.map((row) => ({ row, key: sortKey(row) })).sort((a, b) => cmp(a.key, b.key));
  const after = cursor ? decodeCursor(cursor) : undefined;
  const rest = after ? keyed.filter((r) => cmp(r.key, after) > 0) : keyed;
  const page = rest.slice(0, limit);
  return {
    items: page.map((r) => structuredClone(r.row)),
    nextCursor: rest.length > limit ? encodeCursor(page[page.length - 1]!.key) : null,
  };
}

const refKey = (ref: ResourceRef) => `${ref.module}/${ref.id}`;

/**
 * Storage in process memory: for tests, demos and as the reference the SQL adapters are held
 * to. Operations run one at a time (a queue), so a transaction is isolated and atomic; a
 * transaction that throws is rolled back from an undo journal.
 */
export function memoryStorage(): Storage {
  let journal: (() => void)[] | undefined;
  const record = () => (journal ? (undo: () => void) => journal!.push(undo) : undefined);

  const clients = new Table<ClientRecord>((c) => k(c.tenantId, c.id), record)
    .index('email', (c) => k(c.tenantId, c.email))
    .index('tenant', (c) => c.tenantId);
  const roles = new Table<Role>((r) => k(r.tenantId, r.id), record).index('tenant', (r) => r.tenantId);
  const invites = new Table<Invite>((i) => k(i.tenantId, i.id), record)
    .index('token', (i) => (i.tokenHash ? k(i.tenantId, i.tokenHash) : undefined))
    .index('client', (i) => k(i.tenantId, i.clientId));
  const accounts = new Table<Account>((a) => k(a.tenantId, a.clientId), record);
  const sessions = new Table<Session>((s) => k(s.tenantId, s.tokenHash), record).index('client', (s) => k(s.tenantId, s.clientId));
  const shares = new Table<Share>((s) => k(s.tenantId, s.id), record)
    .index('resource', (s) => k(s.tenantId, s.projectId, s.module, s.resourceId))
    .index('project', (s) => k(s.tenantId, s.projectId));
  const updates = new Table<Update>((u) => k(u.tenantId, u.id), record).index('project', (u) => k(u.tenantId, u.projectId));
  const audit = new Table<AuditEvent>((e) => k(e.tenantId, e.id), record).index('tenant', (e) => e.tenantId);
  const mailJobs = new Table<MailJob>((j) => k(j.tenantId, j.id), record).index('tenant', (j) => j.tenantId);

  const ops: StorageOps = {
    async getClient(tenantId, clientId) {
      return clients.get(k(tenantId, clientId)) ?? null;
    },
    async getClientByEmail(tenantId, email) {
      return clients.findBy('email', k(tenantId, email))[0] ?? null;
    },
    async saveClient(client) {
      const clash = clients.findBy('email', k(client.tenantId, client.email)).find((c) => c.id !== client.id);
      if (clash) throw new ConflictError(`A client with email ${client.email} already exists`);
      clients.put(client);
    },
    async listClients(tenantId, query) {
      const q = query.q?.toLowerCase();
      const rows = clients.peekBy('tenant', tenantId).filter(
        (c) =>
          (!query.projectId || c.projectIds.includes(query.projectId)) &&
          (!query.status || clientStatus(c, query.now) === query.status) &&
          (!q || c.email.includes(q) || (c.name?.toLowerCase().includes(q) ?? false)),
      );
      return paginate(rows, (c) => [c.createdAt.getTime(), c.id], false, query.limit, query.cursor);
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
    async supersedeInvites(tenantId, clientId) {
      const pending = invites.findBy('client', k(tenantId, clientId)).filter((i) => i.status === 'pending');
      for (const invite of pending) invites.put({ ...invite, status: 'superseded' });
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
    async deleteSession(tenantId, tokenHash) {
      return sessions.delete(k(tenantId, tokenHash));
    },
    async deleteClientSessions(tenantId, clientId) {
      const keys = sessions.keysBy('client', k(tenantId, clientId));
      for (const key of keys) sessions.delete(key);
      return keys.length;
    },

    async insertShare(share) {
      const existing = shares.findBy('resource', k(share.tenantId, share.projectId, share.module, share.resourceId))[0];
      if (existing) return existing;
      shares.put(share);
      return structuredClone(share);
    },
    async getShare(tenantId, shareId) {
      return shares.get(k(tenantId, shareId)) ?? null;
    },
    async findShares(tenantId, projectId, refs) {
      return refs.flatMap((ref) => shares.findBy('resource', k(tenantId, projectId, ref.module, ref.id)));
    },
    async listShares(tenantId, projectId, filter) {
      const rows = shares.findBy('project', k(tenantId, projectId)).filter((s) => !filter?.module || s.module === filter.module);
      return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    async deleteShare(tenantId, shareId) {
      return shares.delete(k(tenantId, shareId));
    },

    async insertUpdate(update) {
      updates.put(update);
    },
    async listUpdates(tenantId, projectId, page) {
      return paginate(updates.peekBy('project', k(tenantId, projectId)), (u) => [u.publishedAt.getTime(), u.id], true, page.limit, page.cursor);
    },
    async findAttached(tenantId, projectId, refs) {
      const wanted = new Map(refs.map((ref) => [refKey(ref), ref]));
      const found = new Map<string, ResourceRef>();
      for (const update of updates.peekBy('project', k(tenantId, projectId))) {
        for (const ref of update.resources) if (wanted.has(refKey(ref))) found.set(refKey(ref), structuredClone(wanted.get(refKey(ref))!));
      }
      return [...found.values()];
    },

    async insertAudit(event) {
      audit.put(event);
    },
    async listAudit(tenantId, query) {
      const rows = audit
        .peekBy('tenant', tenantId)
        .filter((e) => (!query.projectId || e.projectId === query.projectId) && (!query.clientId || e.clientId === query.clientId));
      return paginate(rows, (e) => [e.at.getTime(), e.id], true, query.limit, query.cursor);
    },

    async insertMailJob(job) {
      mailJobs.put(job);
    },
    async getMailJob(tenantId, jobId) {
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
    async claimMailJobs(now, limit, leaseUntil) {
      const due = [...mailJobs.rows.values()]
        .filter((j) => (j.state === 'pending' || j.state === 'sending') && j.runAt.getTime() <= now.getTime())
        .sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || (a.id < b.id ? -1 : 1))
        .slice(0, limit);
      return due.map((job) => {
        const claimed: MailJob = { ...job, state: 'sending', attempts: job.attempts + 1, runAt: leaseUntil, updatedAt: now };
        mailJobs.put(claimed);
        return structuredClone(claimed);
      });
    },
  };

  // One operation at a time: each call waits for the one before it to finish.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const storage = {} as Storage;
  for (const [name, fn] of Object.entries(ops)) {
    (storage as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
      serial(() => (fn as (...a: unknown[]) => Promise<unknown>)(...args));
  }
  return Object.assign(storage, {
    name: 'memory',
    transaction<T>(fn: (tx: StorageOps) => Promise<T>): Promise<T> {
      return serial(async () => {
        journal = [];
        try {
          const result = await fn(ops);
          journal = undefined;
          return result;
        } catch (error) {
          const undo = journal ?? [];
          journal = undefined;
          for (const step of undo.reverse()) step();
          throw error;
        }
      });
    },
    async close() {},
  });
}
