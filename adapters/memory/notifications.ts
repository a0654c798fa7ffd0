import { ConflictError } from '../../src/errors/ConflictError.js';
import type { Notification, NotificationSettingsRecord, PendingDigest, UnsubscribeToken } from '../../src/model/notification.js';
import { storedStatus, type ClientRecord } from '../../src/model/client.js';
import type { AudienceMember, NotificationStore } from '../../src/ports/notification-store.js';
import { copyRecord } from '../../src/model/copy-record.js';
import { k, Table } from './table.js';
import { deleteEnded, endedBy, type MemoryPurgers } from './retention.js';

/** `listProjectAudience` over the clients table of `memoryOps`: the lean view of each client holding the project. */
export function projectAudience(clients: readonly ClientRecord[], projectId: string, status?: AudienceMember['status']): AudienceMember[] {
  return clients
    .filter((c) => c.projectIds.includes(projectId) && (status === undefined || storedStatus(c) === status))
    .map((c) => ({ clientId: c.id, roleId: c.roleId, status: storedStatus(c), pendingEmail: !!c.pendingEmail }))
    .sort((a, b) => compare(a.clientId, b.clientId));
}

const byCreated = (a: Notification, b: Notification) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Notifications, digest preferences and unsubscribe tokens in memory; `record` is the journal
 * hook of `memoryOps`, so transactions undo them too. Operations run one at a time, so a claim
 * needs no lock to be exclusive. Registers in `purgers` how digested notifications and expired
 * tokens are purged.
 */
export function memoryNotificationOps(record: () => ((undo: () => void) => void) | undefined, purgers: MemoryPurgers): Omit<NotificationStore, 'listProjectAudience'> {
  const notifications = new Table<Notification>((n) => k(n.tenantId, n.id), record)
    .index('client', (n) => k(n.tenantId, n.clientId))
    .index('digest', (n) => (n.digestId ? k(n.tenantId, n.digestId) : undefined))
    .index('pending', (n) => (n.digestId ? undefined : 'pending'))
    .index('tenant', (n) => n.tenantId);
  const settings = new Table<NotificationSettingsRecord>((s) => k(s.tenantId, s.clientId), record);
  const tokens = new Table<UnsubscribeToken>((t) => k(t.tenantId, t.tokenHash), record);
  purgers.notifications = (query, open) => deleteEnded(notifications, query, (n) => !!n.digestId && endedBy(n.createdAt, query) && !open.jobs.has(k(n.tenantId, n.digestId)));
  purgers.unsubscribeTokens = (query) => deleteEnded(tokens, query, (t) => endedBy(t.expiresAt, query));

  const pendingOf = (tenantId: string, clientId: string, upTo: Date) =>
    notifications.peekBy('client', k(tenantId, clientId)).filter((n) => !n.digestId && n.createdAt.getTime() <= upTo.getTime());

  return {
    async insertNotifications(list) {
      const ids = new Set<string>();
      for (const n of list) {
        const key = k(n.tenantId, n.id);
        if (ids.has(key) || notifications.get(key)) throw new ConflictError(`Notification ${n.id} already exists`);
        ids.add(key);
      }
      for (const n of list) notifications.put(n);
    },
    async listNotifications(tenantId, query) {
      // The narrowest index the query names; every filter it gives is then checked on each row.
      const rows =
        query.digestIds !== undefined
          ? [...new Set(query.digestIds)].flatMap((digestId) => notifications.peekBy('digest', k(tenantId, digestId)))
          : query.digestId !== undefined
            ? notifications.peekBy('digest', k(tenantId, query.digestId))
            : query.clientId !== undefined
              ? notifications.peekBy('client', k(tenantId, query.clientId))
              : notifications.peekBy('tenant', tenantId);
      return rows
        .filter((n) => (query.clientId === undefined || n.clientId === query.clientId) && (query.digestId === undefined || n.digestId === query.digestId) && (!query.pending || !n.digestId))
        .map((n) => copyRecord(n))
        .sort(byCreated);
    },
    async getNotificationSettings(tenantId, clientId) {
      return settings.get(k(tenantId, clientId)) ?? null;
    },
    async listNotificationSettings(tenantId, clientIds) {
      return [...new Set(clientIds)].flatMap((id) => settings.get(k(tenantId, id)) ?? []);
    },
    async saveNotificationSettings(value) {
      settings.put(value);
    },
    async listPendingDigests(query) {
      const groups = new Map<string, PendingDigest>();
      for (const n of notifications.peekBy('pending', 'pending')) {
        if (query.tenantId !== undefined && n.tenantId !== query.tenantId) continue;
        if (query.after && (compare(n.tenantId, query.after.tenantId) || compare(n.clientId, query.after.clientId)) <= 0) continue;
        const key = k(n.tenantId, n.clientId);
        const group = groups.get(key);
        if (!group) groups.set(key, { tenantId: n.tenantId, clientId: n.clientId, oldest: n.createdAt });
        else if (n.createdAt < group.oldest) group.oldest = n.createdAt;
      }
      const due: PendingDigest[] = [];
      for (const group of groups.values()) {
        const frequency = settings.rows.get(k(group.tenantId, group.clientId))?.frequency;
        if (frequency !== 'off' && group.oldest.getTime() > query.cutoffs[frequency ?? 'unset'].getTime()) continue;
        due.push({ ...group, oldest: new Date(group.oldest), ...(frequency ? { frequency } : {}) });
      }
      return due.sort((a, b) => compare(a.tenantId, b.tenantId) || compare(a.clientId, b.clientId)).slice(0, query.limit);
    },
    async listPendingTenants(query) {
      const tenants = new Set<string>();
      for (const n of notifications.peekBy('pending', 'pending')) if (query.after === undefined || compare(n.tenantId, query.after) > 0) tenants.add(n.tenantId);
      return [...tenants].sort(compare).slice(0, query.limit);
    },
    async attachDigests(tenantId, claims, upTo) {
      const out: Awaited<ReturnType<NotificationStore['attachDigests']>> = [];
      for (const claim of claims) {
        const pending = pendingOf(tenantId, claim.clientId, upTo);
        for (const n of pending) notifications.put({ ...n, digestId: claim.digestId });
        if (pending.length > 0) out.push({ ...claim, count: pending.length });
      }
      return out;
    },
    async dropPendingNotifications(tenantId, clientIds, upTo) {
      let dropped = 0;
      for (const clientId of clientIds) {
        for (const n of pendingOf(tenantId, clientId, upTo)) dropped += notifications.delete(k(n.tenantId, n.id)) ? 1 : 0;
      }
      return dropped;
    },
    async insertUnsubscribeToken(token) {
      if (tokens.get(k(token.tenantId, token.tokenHash))) throw new ConflictError('Unsubscribe token already exists');
      tokens.put(token);
    },
    async insertUnsubscribeTokens(list) {
      const hashes = new Set(list.map((t) => k(t.tenantId, t.tokenHash)));
      if (hashes.size < list.length || list.some((t) => tokens.get(k(t.tenantId, t.tokenHash)))) throw new ConflictError('Unsubscribe token already exists');
      for (const token of list) tokens.put(token);
    },
    async getUnsubscribeToken(tenantId, tokenHash) {
      return tokens.get(k(tenantId, tokenHash)) ?? null;
    },
    async useUnsubscribeToken(tenantId, tokenHash, now) {
      const token = tokens.get(k(tenantId, tokenHash));
      if (!token || token.usedAt || token.expiresAt.getTime() <= now.getTime()) return null;
      const used = { ...token, usedAt: now };
      tokens.put(used);
      return used;
    },
  };
}
