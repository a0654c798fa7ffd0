import type { AccountLinkStore } from '../../src/ports/storage.js';
import type { OpsContext } from './context.js';
import { toAccountLink } from './rows.js';

/** Account links: password reset, sign-in and email confirmation links. */
export function accountLinkOps({ q, s }: OpsContext): AccountLinkStore {
  return {
    async insertAccountLink(l) {
      // A plain INSERT: a second link with the same id is a unique violation, mapped to ConflictError.
      await q.query(
        `INSERT INTO ${s}.account_links (tenant_id, id, client_id, purpose, email, token_hash, status, requested_by, created_at, expires_at, used_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [l.tenantId, l.id, l.clientId, l.purpose, l.email, l.tokenHash ?? null, l.status, l.requestedBy, l.createdAt, l.expiresAt, l.usedAt ?? null],
      );
    },
    async getAccountLink(tenantId, linkId) {
      const [row] = await q.query(`SELECT * FROM ${s}.account_links WHERE tenant_id = $1 AND id = $2`, [tenantId, linkId]);
      return row ? toAccountLink(row) : null;
    },
    async getAccountLinkByTokenHash(tenantId, tokenHash) {
      const [row] = await q.query(`SELECT * FROM ${s}.account_links WHERE tenant_id = $1 AND token_hash = $2`, [tenantId, tokenHash]);
      return row ? toAccountLink(row) : null;
    },
    async setAccountLinkTokenHash(tenantId, linkId, tokenHash) {
      const rows = await q.query(
        `UPDATE ${s}.account_links SET token_hash = $3 WHERE tenant_id = $1 AND id = $2 AND status = 'pending' RETURNING id`,
        [tenantId, linkId, tokenHash],
      );
      return rows.length > 0;
    },
    async endAccountLinks(tenantId, clientId, status, purpose) {
      const rows = await q.query(
        `UPDATE ${s}.account_links SET status = $3
         WHERE tenant_id = $1 AND client_id = $2 AND status = 'pending' AND ($4::text IS NULL OR purpose = $4)
         RETURNING id`,
        [tenantId, clientId, status, purpose ?? null],
      );
      return rows.length;
    },
    async useAccountLink(tenantId, tokenHash, purpose, now) {
      // One conditional UPDATE: of concurrent uses, the row lock lets exactly one match `pending`.
      const [row] = await q.query(
        `UPDATE ${s}.account_links SET status = 'used', used_at = $4
         WHERE tenant_id = $1 AND token_hash = $2 AND purpose = $3 AND status = 'pending' AND expires_at > $4
         RETURNING *`,
        [tenantId, tokenHash, purpose, now],
      );
      return row ? toAccountLink(row) : null;
    },
    async listAccountLinks(tenantId, clientId) {
      const rows = await q.query(`SELECT * FROM ${s}.account_links WHERE tenant_id = $1 AND client_id = $2 ORDER BY created_at, id`, [tenantId, clientId]);
      return rows.map(toAccountLink);
    },
  };
}
