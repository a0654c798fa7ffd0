import type { Update } from '../../src/model/update.js';
import type { StorageOps } from '../../src/ports/storage.js';
import type { OpsContext } from './context.js';
import type { Queryable } from './driver.js';
import { toUpdate } from './rows.js';

type UpdateEditOps = Pick<StorageOps, 'getUpdate' | 'editUpdate' | 'removeUpdate'>;

/**
 * Reading one update, editing and removing one. Removal sets `deleted_at` (nothing is
 * destroyed) and drops the update's rows of `update_attachments`, the index that makes attached
 * resources visible; every read filters `deleted_at IS NULL`.
 */
export function updateEditOps({ q, s, atomic }: Pick<OpsContext, 'q' | 's' | 'atomic'>): UpdateEditOps & {
  /** Makes `update_attachments` hold exactly `u.resources` for the update; inside `atomic`. */
  replaceAttachments(tx: Queryable, u: Pick<Update, 'tenantId' | 'projectId' | 'id' | 'resources'>): Promise<void>;
} {
  async function replaceAttachments(tx: Queryable, u: Pick<Update, 'tenantId' | 'projectId' | 'id' | 'resources'>): Promise<void> {
    await tx.query(`DELETE FROM ${s}.update_attachments WHERE tenant_id = $1 AND update_id = $2`, [u.tenantId, u.id]);
    if (u.resources.length === 0) return;
    await tx.query(
      `INSERT INTO ${s}.update_attachments (tenant_id, project_id, module, resource_id, update_id)
       SELECT $1, $2, r.module, r.resource_id, $3 FROM unnest($4::text[], $5::text[]) AS r(module, resource_id)
       ON CONFLICT DO NOTHING`,
      [u.tenantId, u.projectId, u.id, u.resources.map((r) => r.module), u.resources.map((r) => r.id)],
    );
  }

  return {
    replaceAttachments,
    async getUpdate(tenantId, updateId) {
      const [row] = await q.query(`SELECT * FROM ${s}.updates WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL`, [tenantId, updateId]);
      return row ? toUpdate(row) : null;
    },
    async editUpdate(tenantId, projectId, updateId, changes) {
      const { title, body, resources, editedAt } = changes;
      return atomic(async (tx) => {
        // One conditional statement: the row lock orders concurrent edits and removals, and a
        // field left out keeps whatever the row holds then.
        const [row] = await tx.query(
          `UPDATE ${s}.updates SET
             title = CASE WHEN $4::boolean THEN $5::text ELSE title END,
             body = COALESCE($6::text, body),
             resources = COALESCE($7::jsonb, resources),
             edited_at = $8
           WHERE tenant_id = $1 AND project_id = $2 AND id = $3 AND deleted_at IS NULL
           RETURNING *`,
          [
            tenantId, projectId, updateId,
            title !== undefined, title ?? null, body ?? null,
            resources === undefined ? null : JSON.stringify(resources.map((r) => ({ module: r.module, id: r.id }))),
            editedAt,
          ],
        );
        if (!row) return null;
        const update = toUpdate(row);
        if (resources !== undefined) await replaceAttachments(tx, update);
        return update;
      });
    },
    async removeUpdate(tenantId, projectId, updateId, removedAt) {
      return atomic(async (tx) => {
        const [row] = await tx.query(
          `UPDATE ${s}.updates SET deleted_at = $4
           WHERE tenant_id = $1 AND project_id = $2 AND id = $3 AND deleted_at IS NULL RETURNING id`,
          [tenantId, projectId, updateId, removedAt],
        );
        if (!row) return false;
        await tx.query(`DELETE FROM ${s}.update_attachments WHERE tenant_id = $1 AND update_id = $2`, [tenantId, updateId]);
        return true;
      });
    },
  };
}
