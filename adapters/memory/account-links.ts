import { ConflictError } from '../../src/errors/ConflictError.js';
import type { AccountLink } from '../../src/model/account-link.js';
import type { AccountLinkStore } from '../../src/ports/storage.js';
import { copyRecord } from '../../src/model/copy-record.js';
import { k, Table } from './table.js';
import { deleteEnded, endedBy, type MemoryPurgers } from './retention.js';

const byCreated = (a: AccountLink, b: AccountLink) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Account links in memory; `record` is the journal hook of `memoryOps`, so transactions undo them
 * too. Registers in `purgers` how expired links are purged.
 */
export function memoryAccountLinkOps(record: () => ((undo: () => void) => void) | undefined, purgers: MemoryPurgers): AccountLinkStore {
  const links = new Table<AccountLink>((l) => k(l.tenantId, l.id), record)
    .index('token', (l) => (l.tokenHash ? k(l.tenantId, l.tokenHash) : undefined))
    .index('client', (l) => k(l.tenantId, l.clientId));
  purgers.accountLinks = (query, open) => deleteEnded(links, query, (l) => endedBy(l.expiresAt, query) && !open.links.has(k(l.tenantId, l.id)));

  return {
    async insertAccountLink(link) {
      if (links.get(k(link.tenantId, link.id))) throw new ConflictError(`Account link ${link.id} already exists`);
      links.put(link);
    },
    async getAccountLink(tenantId, linkId) {
      return links.get(k(tenantId, linkId)) ?? null;
    },
    async getAccountLinkByTokenHash(tenantId, tokenHash) {
      return links.findBy('token', k(tenantId, tokenHash))[0] ?? null;
    },
    async setAccountLinkTokenHash(tenantId, linkId, tokenHash) {
      const link = links.get(k(tenantId, linkId));
      if (!link || link.status !== 'pending') return false;
      links.put({ ...link, tokenHash });
      return true;
    },
    async endAccountLinks(tenantId, clientId, status, purpose) {
      const pending = links.findBy('client', k(tenantId, clientId)).filter((l) => l.status === 'pending' && (purpose === undefined || l.purpose === purpose));
      for (const link of pending) links.put({ ...link, status });
      return pending.length;
    },
    async useAccountLink(tenantId, tokenHash, purpose, now) {
      const link = links.findBy('token', k(tenantId, tokenHash))[0];
      if (!link || link.purpose !== purpose || link.status !== 'pending' || link.expiresAt.getTime() <= now.getTime()) return null;
      const used: AccountLink = { ...link, status: 'used', usedAt: now };
      links.put(used);
      return copyRecord(used);
    },
    async listAccountLinks(tenantId, clientId) {
      return links.findBy('client', k(tenantId, clientId)).sort(byCreated);
    },
  };
}
