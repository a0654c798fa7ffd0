import type { ResourceRef } from '../../src/model/resource.js';
import { plainCopy } from '../../src/model/plain-copy.js';
import type { Share } from '../../src/model/share.js';
import type { StorageOps } from '../../src/ports/storage.js';
import type { OpsContext } from './context.js';
import { cursorKey, keyOf, toShare, toUpdate } from './rows.js';
import { updateEditOps } from './ops-update-edits.js';
import { toReceipt } from './ops-receipts.js';
import type { Row } from './driver.js';

type ContentOps = Pick<
  StorageOps,
  | 'insertShare' | 'insertShareAudited' | 'getShare' | 'findShares' | 'listShares' | 'pageShares' | 'deleteShare'
  | 'insertUpdate' | 'listUpdates' | 'findAttached' | 'getUpdate' | 'editUpdate' | 'removeUpdate'
  | 'readGrants' | 'holdAccess'
>;

/** sitegate's advisory locks on access (`holdAccess`): a class of their own beside the migration's and the addresses'. */
const ACCESS_LOCK_CLASS = 0x5167a80;

const refKey = (module: string, id: string) => `${module}/${id}`;

/** `$1` to `$4` of the statements below: the tenant, the project, and the refs' modules and ids. */
const refParams = (tenantId: string, projectId: string, refs: ResourceRef[]) => [tenantId, projectId, refs.map((r) => r.module), refs.map((r) => r.id)];
/** `readGrants`' row for a receipt asked for (`$5` to `$7`: its client, module and id), by the receipts' key. */
const RECEIPT_ROW = (s: string) => `
         UNION ALL
         SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, row_to_json(r)::text FROM ${s}.receipts r
         WHERE r.tenant_id = $1 AND r.project_id = $2 AND r.module = $6 AND r.resource_id = $7 AND r.client_id = $5`;
/**
 * The project's shares of the refs' modules and ids, as `sh`; the update attachments of them, as
 * `a`. Every pairing of a module with an id is matched, more than the refs when they span
 * modules, and the readers below keep the refs' own (`sharesOfRefs`, `attachedOfRefs`). Two
 * `= ANY` conditions let PostgreSQL look the refs up in the (tenant, project, module, resource)
 * indexes; a join with the refs' `unnest` had it read all the project's shares into a hash join
 * (opening a folder of 25 children: a third less time per `readGrants` in `pgbench`).
 */
const sharesOfRefsFrom = (s: string) => `${s}.shares sh
         WHERE sh.tenant_id = $1 AND sh.project_id = $2 AND sh.module = ANY($3::text[]) AND sh.resource_id = ANY($4::text[])`;
const attachmentsOfRefsFrom = (s: string) => `${s}.update_attachments a
         WHERE a.tenant_id = $1 AND a.project_id = $2 AND a.module = ANY($3::text[]) AND a.resource_id = ANY($4::text[])`;

/**
 * `findShares`'s answer from the share rows found for `refs`: in the order asked, one per ref,
 * like the reference adapter; a share of its own for each, even when a ref is asked twice.
 */
function sharesOfRefs(rows: Row[], refs: ResourceRef[]): Share[] {
  const byRef = new Map(rows.map((row) => [refKey(row.module as string, row.resource_id as string), row]));
  return refs.flatMap((ref) => {
    const row = byRef.get(refKey(ref.module, ref.id));
    return row ? [toShare(row)] : [];
  });
}

/** `findAttached`'s answer from the (module, resource_id) rows found attached (a ref attached to several updates comes once per update): each once, in the order of `refs`. */
function attachedOfRefs(rows: Row[], refs: ResourceRef[]): ResourceRef[] {
  const found = new Set(rows.map((row) => refKey(row.module as string, row.resource_id as string)));
  const seen = new Set<string>();
  return refs.filter((ref: ResourceRef) => {
    const key = refKey(ref.module, ref.id);
    if (!found.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  }).map((ref) => ({ module: ref.module, id: ref.id }));
}

/** `listShares` over a connection: the feed's read falls back to it too (see ops-feed.ts). */
export function listSharesOn({ s, select }: Pick<OpsContext, 's' | 'select'>): ContentOps['listShares'] {
  return async (tenantId, projectId, filter) => {
    // Every portal feed starts here: a project can hold thousands of shares.
    const rows = filter?.module
      ? await select(`${s}.shares t WHERE tenant_id = $1 AND project_id = $2 AND module = $3`, 't.created_at, t.id', [tenantId, projectId, filter.module])
      : await select(`${s}.shares t WHERE tenant_id = $1 AND project_id = $2`, 't.created_at, t.id', [tenantId, projectId]);
    return rows.map(toShare);
  };
}

/** Shares and updates: what a project's clients may see. */
export function contentOps({ q, s, atomic, select, forUpdate }: OpsContext): ContentOps {
  const shareByResource = async (x: Share) =>
    (
      await q.query(`SELECT * FROM ${s}.shares WHERE tenant_id = $1 AND project_id = $2 AND module = $3 AND resource_id = $4`, [
        x.tenantId, x.projectId, x.module, x.resourceId,
      ])
    ).map(toShare)[0];
  const { replaceAttachments, ...updateEdits } = updateEditOps({ q, s, atomic });
  /**
   * A share the statement inserted is the one it was given: its id comes back, not its row,
   * whose description and fields a write's answer would make Node read on every run.
   */
  const inserted = (x: Share): Share => plainCopy(x);

  return {
    ...updateEdits,
    async insertShare(x) {
      // DO NOTHING waits for a concurrent insert of the same resource to commit, so the read
      // that follows finds the winner. Retried in case the winner is unshared in between.
      for (let attempt = 0; attempt < 3; attempt++) {
        const [row] = await q.query(
          `INSERT INTO ${s}.shares (tenant_id, id, project_id, module, resource_id, kind, shared_by, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (tenant_id, project_id, module, resource_id) DO NOTHING RETURNING id`,
          [x.tenantId, x.id, x.projectId, x.module, x.resourceId, x.kind, x.sharedBy, x.createdAt],
        );
        const stored = row ? inserted(x) : await shareByResource(x);
        if (stored) return stored;
      }
      throw new Error('the share kept disappearing while it was being stored');
    },
    async insertShareAudited(x, e) {
      // insertShare's statement, with the audit row written by the same statement from the
      // share it inserted: a share already there inserts nothing, so it logs nothing.
      for (let attempt = 0; attempt < 3; attempt++) {
        const [row] = await q.query(
          `WITH ins AS (
             INSERT INTO ${s}.shares (tenant_id, id, project_id, module, resource_id, kind, shared_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (tenant_id, project_id, module, resource_id) DO NOTHING RETURNING tenant_id, id),
           logged AS (
             INSERT INTO ${s}.audit (tenant_id, id, at, actor_type, actor_id, action, client_id, project_id, data)
             SELECT ins.tenant_id, $9::text, $10::timestamptz, $11::text, $12::text, $13::text, $14::text, $15::text, $16::jsonb FROM ins)
           SELECT id FROM ins`,
          [
            x.tenantId, x.id, x.projectId, x.module, x.resourceId, x.kind, x.sharedBy, x.createdAt,
            e.id, e.at, e.actor.type, e.actor.id, e.action, e.clientId ?? null, e.projectId ?? null, e.data === undefined ? null : JSON.stringify(e.data),
          ],
        );
        const stored = row ? inserted(x) : await shareByResource(x);
        if (stored) return stored;
      }
      throw new Error('the share kept disappearing while it was being stored');
    },
    async getShare(tenantId, shareId) {
      const [row] = await q.query(`SELECT * FROM ${s}.shares WHERE tenant_id = $1 AND id = $2`, [tenantId, shareId]);
      return row ? toShare(row) : null;
    },
    async findShares(tenantId, projectId, refs) {
      if (refs.length === 0) return [];
      return sharesOfRefs(await q.query(`SELECT sh.* FROM ${sharesOfRefsFrom(s)}`, refParams(tenantId, projectId, refs)), refs);
    },
    listShares: listSharesOn({ s, select }),
    async pageShares(tenantId, projectId, query) {
      const params: unknown[] = [tenantId, projectId];
      const p = (value: unknown) => `$${params.push(value)}`;
      const where = ['tenant_id = $1', 'project_id = $2'];
      if (query.module) where.push(`module = ${p(query.module)}`);
      const after = cursorKey(query.cursor);
      if (after) where.push(`(created_at, id) > (${p(after[0])}, ${p(after[1])})`);
      const rows = await q.query(`SELECT * FROM ${s}.shares WHERE ${where.join(' AND ')} ORDER BY created_at, id LIMIT ${p(query.limit + 1)}`, params);
      const items = rows.slice(0, query.limit).map(toShare);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > query.limit && last ? keyOf(last.createdAt, last.id) : null };
    },
    async deleteShare(tenantId, shareId) {
      return (await q.query(`DELETE FROM ${s}.shares WHERE tenant_id = $1 AND id = $2 RETURNING id`, [tenantId, shareId])).length > 0;
    },
    async holdAccess(tenantId, projectId, use) {
      // Outside a transaction a lock would end with its own statement: nothing to hold.
      if (!forUpdate) return;
      // Two levels, always the tenant's first: a project's holders share the tenant's lock, and a
      // tenant-wide change takes it alone, so it waits for them all (and they for it).
      const tenantKey = `${s}\u001f${tenantId}`;
      const tenantWide = projectId === null;
      await q.query(`SELECT ${tenantWide && use === 'change' ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared'}($1::int, hashtext($2))`, [ACCESS_LOCK_CLASS, tenantKey]);
      if (tenantWide) return;
      await q.query(`SELECT ${use === 'change' ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared'}($1::int, hashtext($2))`, [ACCESS_LOCK_CLASS, `${tenantKey}\u001f${projectId}`]);
    },

    async insertUpdate(u) {
      await atomic(async (tx) => {
        await tx.query(
          `INSERT INTO ${s}.updates (tenant_id, id, project_id, title, body, resources, author_id, published_at, edited_at)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)
           ON CONFLICT (tenant_id, id) DO UPDATE SET project_id = EXCLUDED.project_id, title = EXCLUDED.title, body = EXCLUDED.body,
             resources = EXCLUDED.resources, author_id = EXCLUDED.author_id, published_at = EXCLUDED.published_at, edited_at = EXCLUDED.edited_at`,
          [u.tenantId, u.id, u.projectId, u.title ?? null, u.body, JSON.stringify(u.resources), u.authorId, u.publishedAt, u.editedAt ?? null],
        );
        await replaceAttachments(tx, u);
      });
    },
    async listUpdates(tenantId, projectId, page) {
      const after = cursorKey(page.cursor);
      const params: unknown[] = [tenantId, projectId, page.limit + 1];
      const keyset = after ? `AND (published_at, id) < ($4, $5)` : '';
      if (after) params.push(after[0], after[1]);
      const rows = await q.query(
        `SELECT * FROM ${s}.updates WHERE tenant_id = $1 AND project_id = $2 AND deleted_at IS NULL ${keyset}
         ORDER BY published_at DESC, id DESC LIMIT $3`,
        params,
      );
      const items = rows.slice(0, page.limit).map(toUpdate);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > page.limit && last ? keyOf(last.publishedAt, last.id) : null };
    },
    async findAttached(tenantId, projectId, refs) {
      if (refs.length === 0) return [];
      return attachedOfRefs(await q.query(`SELECT a.module, a.resource_id FROM ${attachmentsOfRefsFrom(s)}`, refParams(tenantId, projectId, refs)), refs);
    },
    async readGrants(tenantId, projectId, refs, options) {
      const receiptOf = options?.receiptOf;
      if (refs.length === 0 && !receiptOf) return { shares: [], attached: [] };
      // Both reads in one statement: the attachments are the rows without a share id. A receipt
      // asked for comes in the same statement, as the one row with a `receipt`.
      const params = refParams(tenantId, projectId, refs);
      if (receiptOf) params.push(receiptOf.clientId, receiptOf.module, receiptOf.id);
      const rows = await q.query(
        `SELECT sh.tenant_id, sh.id, sh.project_id, sh.module, sh.resource_id, sh.kind, sh.shared_by, sh.created_at${receiptOf ? ', NULL::text AS receipt' : ''} FROM ${sharesOfRefsFrom(s)}
         UNION ALL
         SELECT NULL, NULL, NULL, a.module, a.resource_id, NULL, NULL, NULL::timestamptz${receiptOf ? ', NULL::text' : ''} FROM ${attachmentsOfRefsFrom(s)}${receiptOf ? RECEIPT_ROW(s) : ''}`,
        params,
      );
      // One pass: a share row has an id, the receipt row (when asked) its `receipt`, and the
      // rest are attachments.
      const shareRows: Row[] = [];
      const attachedRows: Row[] = [];
      let receipt: string | undefined;
      for (const row of rows) {
        if (row.id !== null) shareRows.push(row);
        else if (row.receipt != null) receipt = row.receipt as string;
        else attachedRows.push(row);
      }
      const read = { shares: sharesOfRefs(shareRows, refs), attached: attachedOfRefs(attachedRows, refs) };
      if (!receiptOf) return read;
      // As text: the attachments' DISTINCT needs a type with equality, which `json` lacks.
      return { ...read, receipt: receipt ? toReceipt(JSON.parse(receipt) as Row) : null };
    },
  };
}
