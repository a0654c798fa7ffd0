import type { StorageOps } from '../../src/ports/storage.js';
import type { OpsContext } from './context.js';
import { clientColumns, toAccount, toClient, toInvite, toSession } from './rows.js';

type AccessOps = Pick<
  StorageOps,
  | 'insertInvite' | 'getInvite' | 'getInviteByTokenHash' | 'setInviteTokenHash' | 'supersedeInvites' | 'acceptInvite'
  | 'getAccount' | 'saveAccount' | 'insertSession' | 'getSessionByTokenHash' | 'getSessionWithClient' | 'deleteSession' | 'deleteClientSessions'
>;

/** Invites, accounts and sessions: everything a token is exchanged for. */
export function accessOps({ q, s, atomic }: OpsContext): AccessOps {
  // Written once: the session read runs on every signed-in request.
  const sessionClientColumns = clientColumns('c');
  return {
    async insertInvite(i) {
      // A duplicate id is a ConflictError (invites_pkey): inside a transaction, keep it usable.
      await atomic((tx) =>
        tx.query(
          `INSERT INTO ${s}.invites (tenant_id, id, client_id, email, token_hash, status, invited_by, resend, created_at, expires_at, accepted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [i.tenantId, i.id, i.clientId, i.email, i.tokenHash ?? null, i.status, i.invitedBy, i.resend, i.createdAt, i.expiresAt, i.acceptedAt ?? null],
        ),
      );
    },
    async getInvite(tenantId, inviteId) {
      const [row] = await q.query(`SELECT * FROM ${s}.invites WHERE tenant_id = $1 AND id = $2`, [tenantId, inviteId]);
      return row ? toInvite(row) : null;
    },
    async getInviteByTokenHash(tenantId, tokenHash) {
      const [row] = await q.query(`SELECT * FROM ${s}.invites WHERE tenant_id = $1 AND token_hash = $2`, [tenantId, tokenHash]);
      return row ? toInvite(row) : null;
    },
    async setInviteTokenHash(tenantId, inviteId, tokenHash) {
      const rows = await q.query(
        `UPDATE ${s}.invites SET token_hash = $3 WHERE tenant_id = $1 AND id = $2 AND status = 'pending' RETURNING id`,
        [tenantId, inviteId, tokenHash],
      );
      return rows.length > 0;
    },
    async supersedeInvites(tenantId, clientId, status = 'superseded') {
      const rows = await q.query(
        `UPDATE ${s}.invites SET status = $3 WHERE tenant_id = $1 AND client_id = $2 AND status = 'pending' RETURNING id`,
        [tenantId, clientId, status],
      );
      return rows.length;
    },
    async acceptInvite(tenantId, tokenHash, now) {
      // One conditional statement: of concurrent accepts, the first takes the row lock and the
      // others re-check `status = 'pending'` against its committed result and match nothing.
      const [row] = await q.query(
        `UPDATE ${s}.invites SET status = 'accepted', accepted_at = $3
         WHERE tenant_id = $1 AND token_hash = $2 AND status = 'pending' AND expires_at > $3
         RETURNING *`,
        [tenantId, tokenHash, now],
      );
      return row ? toInvite(row) : null;
    },

    async getAccount(tenantId, clientId) {
      const [row] = await q.query(`SELECT * FROM ${s}.accounts WHERE tenant_id = $1 AND client_id = $2`, [tenantId, clientId]);
      return row ? toAccount(row) : null;
    },
    async saveAccount(a) {
      await q.query(
        `INSERT INTO ${s}.accounts (tenant_id, client_id, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, client_id) DO UPDATE SET password_hash = EXCLUDED.password_hash,
           created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at`,
        [a.tenantId, a.clientId, a.passwordHash, a.createdAt, a.updatedAt],
      );
    },
    async insertSession(x) {
      await q.query(
        `INSERT INTO ${s}.sessions (tenant_id, token_hash, id, client_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id, token_hash) DO UPDATE SET id = EXCLUDED.id, client_id = EXCLUDED.client_id,
           created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`,
        [x.tenantId, x.tokenHash, x.id, x.clientId, x.createdAt, x.expiresAt],
      );
    },
    async getSessionByTokenHash(tenantId, tokenHash) {
      const [row] = await q.query(`SELECT * FROM ${s}.sessions WHERE tenant_id = $1 AND token_hash = $2`, [tenantId, tokenHash]);
      return row ? toSession(row) : null;
    },
    async getSessionWithClient(tenantId, tokenHash) {
      // The client's own columns under their names (so `toClient` reads them), the session's
      // under a prefix (not its token hash: the key asked by); a session whose client is gone
      // has NULL client columns.
      const [row] = await q.query(
        `SELECT ${sessionClientColumns}, x.id AS session_id, x.client_id AS session_client_id,
                x.created_at AS session_created_at, x.expires_at AS session_expires_at
         FROM ${s}.sessions x LEFT JOIN ${s}.clients c ON c.tenant_id = x.tenant_id AND c.id = x.client_id
         WHERE x.tenant_id = $1 AND x.token_hash = $2`,
        [tenantId, tokenHash],
      );
      if (!row) return null;
      const session = toSession({
        tenant_id: tenantId,
        id: row.session_id,
        client_id: row.session_client_id,
        token_hash: tokenHash,
        created_at: row.session_created_at,
        expires_at: row.session_expires_at,
      });
      return { session, client: row.id == null ? null : toClient(row) };
    },
    async deleteSession(tenantId, tokenHash) {
      const rows = await q.query(`DELETE FROM ${s}.sessions WHERE tenant_id = $1 AND token_hash = $2 RETURNING id`, [tenantId, tokenHash]);
      return rows.length > 0;
    },
    async deleteClientSessions(tenantId, clientId) {
      const rows = await q.query(`DELETE FROM ${s}.sessions WHERE tenant_id = $1 AND client_id = $2 RETURNING id`, [tenantId, clientId]);
      return rows.length;
    },
  };
}
