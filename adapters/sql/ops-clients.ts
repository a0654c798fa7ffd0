import { storedStatus, type ClientRecord } from '../../src/model/client.js';
import type { StorageOps } from '../../src/ports/storage.js';
import { searchText } from '../../src/ports/client-filter.js';
import type { OpsContext } from './context.js';
import { clientColumns, cursorKey, keyOf, toClient, toRole } from './rows.js';

type ClientOps = Pick<
  StorageOps,
  | 'getClient'
  | 'getClients'
  | 'getClientByEmail'
  | 'getClientForUpdate'
  | 'getClientByEmailForUpdate'
  | 'getClientByPendingEmail'
  | 'lockEmail'
  | 'saveClient'
  | 'listClients'
  | 'getRole'
  | 'saveRole'
  | 'listRoles'
>;

/** sitegate's advisory locks on an address: a class of their own beside the migration lock's. */
const EMAIL_LOCK_CLASS = 0x5167a7f;

export function clientOps({ q, s, atomic, forUpdate }: OpsContext): ClientOps {
  const columns = clientColumns('c');
  const byId = async (tenantId: string, clientId: string, lock: string) => {
    const [row] = await q.query(`SELECT ${columns} FROM ${s}.clients c WHERE tenant_id = $1 AND id = $2${lock}`, [tenantId, clientId]);
    return row ? toClient(row) : null;
  };
  const byEmail = async (tenantId: string, email: string, lock: string) => {
    const [row] = await q.query(`SELECT ${columns} FROM ${s}.clients c WHERE tenant_id = $1 AND email = $2${lock}`, [tenantId, email]);
    return row ? toClient(row) : null;
  };

  return {
    getClient: (tenantId, clientId) => byId(tenantId, clientId, ''),
    async getClients(tenantId, clientIds) {
      if (clientIds.length === 0) return [];
      const rows = await q.query(`SELECT ${columns} FROM ${s}.clients c WHERE tenant_id = $1 AND id = ANY($2::text[])`, [tenantId, clientIds]);
      return rows.map(toClient);
    },
    getClientByEmail: (tenantId, email) => byEmail(tenantId, email, ''),
    getClientForUpdate: (tenantId, clientId) => byId(tenantId, clientId, forUpdate),
    getClientByEmailForUpdate: (tenantId, email) => byEmail(tenantId, email, forUpdate),
    async lockEmail(tenantId, email) {
      // Outside a transaction a lock would end with its own statement: nothing to hold.
      if (!forUpdate) return;
      await q.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [EMAIL_LOCK_CLASS, `${s}\u001f${tenantId}\u001f${email}`]);
    },
    async getClientByPendingEmail(tenantId, email) {
      const [row] = await q.query(`SELECT ${columns} FROM ${s}.clients c WHERE tenant_id = $1 AND pending_email = $2`, [tenantId, email]);
      return row ? toClient(row) : null;
    },
    async saveClient(c: ClientRecord) {
      const projectIds = [...new Set(c.projectIds)];
      await atomic(async (tx) => {
        await tx.query(
          `INSERT INTO ${s}.clients (tenant_id, id, email, name, search_name, role_id, project_ids, portal_access, status,
             activated_at, invite_expires_at, delivery_state, delivery_reason, delivery_at, created_at, updated_at,
             archived_at, pending_email, language)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
           ON CONFLICT (tenant_id, id) DO UPDATE SET email = EXCLUDED.email, name = EXCLUDED.name,
             search_name = EXCLUDED.search_name, role_id = EXCLUDED.role_id, project_ids = EXCLUDED.project_ids,
             portal_access = EXCLUDED.portal_access, status = EXCLUDED.status, activated_at = EXCLUDED.activated_at,
             invite_expires_at = EXCLUDED.invite_expires_at, delivery_state = EXCLUDED.delivery_state,
             delivery_reason = EXCLUDED.delivery_reason, delivery_at = EXCLUDED.delivery_at,
             created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
             archived_at = EXCLUDED.archived_at, pending_email = EXCLUDED.pending_email, language = EXCLUDED.language`,
          [
            c.tenantId, c.id, c.email, c.name ?? null,
            // Composed and lower-cased here (`searchText`), not by SQL lower(), so search matches the same way in every locale.
            c.name === undefined ? null : searchText(c.name),
            c.roleId, c.projectIds, c.portalAccess, storedStatus(c),
            c.activatedAt ?? null, c.inviteExpiresAt ?? null,
            c.inviteDelivery?.state ?? null, c.inviteDelivery?.reason ?? null, c.inviteDelivery?.at ?? null,
            c.createdAt, c.updatedAt,
            c.archivedAt ?? null, c.pendingEmail ?? null, c.language ?? null,
          ],
        );
        await tx.query(`DELETE FROM ${s}.client_projects WHERE tenant_id = $1 AND client_id = $2 AND NOT (project_id = ANY($3::text[]))`, [
          c.tenantId, c.id, projectIds,
        ]);
        if (projectIds.length > 0) {
          await tx.query(
            `INSERT INTO ${s}.client_projects (tenant_id, client_id, project_id, client_created_at)
             SELECT $1, $2, p, $4 FROM unnest($3::text[]) AS p
             ON CONFLICT (tenant_id, client_id, project_id) DO UPDATE SET client_created_at = EXCLUDED.client_created_at`,
            [c.tenantId, c.id, projectIds, c.createdAt],
          );
        }
      });
    },
    async listClients(tenantId, query) {
      const params: unknown[] = [tenantId];
      const p = (value: unknown) => `$${params.push(value)}`;
      const where: string[] = ['c.tenant_id = $1'];
      // With a project, walk client_projects' index in list order; it carries created_at for that.
      let from = `${s}.clients c`;
      let order: [string, string] = ['c.created_at', 'c.id'];
      if (query.projectId) {
        from = `${s}.client_projects cp JOIN ${s}.clients c ON c.tenant_id = cp.tenant_id AND c.id = cp.client_id`;
        where[0] = `cp.tenant_id = $1 AND cp.project_id = ${p(query.projectId)}`;
        order = ['cp.client_created_at', 'cp.client_id'];
      }
      // `status` holds storedStatus(client), written by saveClient (clients_status_idx).
      if (query.status) where.push(`c.status = ${p(query.status)}`);
      if (query.notStatus) where.push(`c.status <> ${p(query.notStatus)}`);
      if (query.inviteExpiresAfter) where.push(`c.invite_expires_at > ${p(query.inviteExpiresAfter)}`);
      if (query.inviteExpiresAtOrBefore) where.push(`c.invite_expires_at <= ${p(query.inviteExpiresAtOrBefore)}`);
      const text = query.q === undefined ? undefined : searchText(query.q);
      if (text) {
        // LIKE rather than strpos, so a host's pg_trgm index (see README) can serve it.
        const t = p(`%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
        where.push(`(c.email LIKE ${t} OR c.search_name LIKE ${t})`);
      }
      const after = cursorKey(query.cursor);
      if (after) where.push(`(${order[0]}, ${order[1]}) > (${p(after[0])}, ${p(after[1])})`);
      const rows = await q.query(
        `SELECT ${columns} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order[0]}, ${order[1]} LIMIT ${p(query.limit + 1)}`,
        params,
      );
      const items = rows.slice(0, query.limit).map(toClient);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > query.limit && last ? keyOf(last.createdAt, last.id) : null };
    },

    async getRole(tenantId, roleId) {
      const [row] = await q.query(`SELECT * FROM ${s}.roles WHERE tenant_id = $1 AND id = $2`, [tenantId, roleId]);
      return row ? toRole(row) : null;
    },
    async saveRole(role) {
      await q.query(
        `INSERT INTO ${s}.roles (tenant_id, id, name, permissions) VALUES ($1, $2, $3, $4::jsonb)
         ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name, permissions = EXCLUDED.permissions`,
        [role.tenantId, role.id, role.name, JSON.stringify(role.permissions)],
      );
    },
    async listRoles(tenantId) {
      return (await q.query(`SELECT * FROM ${s}.roles WHERE tenant_id = $1 ORDER BY id`, [tenantId])).map(toRole);
    },
  };
}
