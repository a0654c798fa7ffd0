import type { Receipt } from '../../src/model/receipt.js';
import type { ReceiptQuery, ReceiptStore } from '../../src/ports/storage.js';
import { decodeKeyCursor, encodeKeyCursor } from '../../src/ports/cursor.js';
import { receiptKey } from '../../src/ports/receipt-pages.js';
import type { OpsContext } from './context.js';
import type { Row } from './driver.js';

const date = (v: unknown) => (v instanceof Date ? v : new Date(v as string));

/** The order `listReceipts` answers in, newest view first; the feed's read lists them the same. */
export const RECEIPTS_ORDER = 'last_viewed_at DESC, client_id, module, resource_id';

/** A receipt's row, as read or as `row_to_json` writes it (times as text). */
export const toReceipt = (r: Row): Receipt => ({
  tenantId: r.tenant_id as string,
  projectId: r.project_id as string,
  clientId: r.client_id as string,
  module: r.module as Receipt['module'],
  id: r.resource_id as string,
  firstViewedAt: date(r.first_viewed_at),
  lastViewedAt: date(r.last_viewed_at),
  views: Number(r.views),
});

/**
 * Read receipts. A view is one statement: the UPDATE takes a receipt quiet since `quietSince`;
 * otherwise the INSERT takes a first view. A throttled view matches neither, so it writes
 * nothing and locks nothing — unlike `ON CONFLICT DO UPDATE … WHERE`, which locks the row (a
 * WAL record) even when its WHERE skips the update. Concurrent first views: the INSERT waits
 * for the one in flight and then does nothing.
 */
export function receiptOps({ q, s }: OpsContext): ReceiptStore {
  return {
    async recordView(v, quietSince) {
      const rows = await q.query(
        `WITH upd AS (
           UPDATE ${s}.receipts SET last_viewed_at = $6::timestamptz, views = views + 1
           WHERE tenant_id = $1 AND project_id = $2 AND module = $3 AND resource_id = $4 AND client_id = $5 AND last_viewed_at <= $9::timestamptz
           RETURNING 'updated'::text AS outcome),
         ins AS (
           INSERT INTO ${s}.receipts (tenant_id, project_id, module, resource_id, client_id, first_viewed_at, last_viewed_at, views)
           SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $7::timestamptz, $6::timestamptz, $8::integer WHERE NOT EXISTS (SELECT 1 FROM upd)
           ON CONFLICT (tenant_id, project_id, module, resource_id, client_id) DO NOTHING
           RETURNING 'created'::text AS outcome)
         SELECT outcome FROM upd UNION ALL SELECT outcome FROM ins`,
        [v.tenantId, v.projectId, v.module, v.id, v.clientId, v.lastViewedAt, v.firstViewedAt, v.views, quietSince],
      );
      return (rows[0]?.outcome as 'created' | 'updated' | undefined) ?? 'throttled';
    },
    async listReceipts(tenantId, projectId, query = {}) {
      const { where, params } = receiptFilter(tenantId, projectId, query);
      const rows = await q.query(`SELECT * FROM ${s}.receipts WHERE ${where.join(' AND ')} ORDER BY ${RECEIPTS_ORDER}`, params);
      return rows.map(toReceipt);
    },
    async pageReceipts(tenantId, projectId, query) {
      const { where, params } = receiptFilter(tenantId, projectId, query);
      const p = (value: unknown) => `$${params.push(value)}`;
      if (query.cursor !== undefined) {
        // Newest first, then ids ascending: a row comparison cannot mix the two directions.
        const [ms, clientId, module, id] = decodeKeyCursor(query.cursor, 3);
        const at = p(new Date(ms));
        where.push(`(last_viewed_at < ${at} OR (last_viewed_at = ${at} AND (client_id, module, resource_id) > (${p(clientId)}, ${p(module)}, ${p(id)})))`);
      }
      const rows = await q.query(`SELECT * FROM ${s}.receipts WHERE ${where.join(' AND ')} ORDER BY ${RECEIPTS_ORDER} LIMIT ${p(query.limit + 1)}`, params);
      const items = rows.slice(0, query.limit).map(toReceipt);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > query.limit && last ? encodeKeyCursor(last.lastViewedAt, receiptKey(last).slice(1) as string[]) : null };
    },
  };
}

/** The WHERE of a receipts read: its tenant and project, and every filter given. */
function receiptFilter(tenantId: string, projectId: string, query: ReceiptQuery): { where: string[]; params: unknown[] } {
  const params: unknown[] = [tenantId, projectId];
  const where = ['tenant_id = $1', 'project_id = $2'];
  if (query.module) where.push(`module = $${params.push(query.module)}`);
  if (query.id) where.push(`resource_id = $${params.push(query.id)}`);
  if (query.ids) where.push(`resource_id = ANY($${params.push([...query.ids])}::text[])`);
  if (query.clientId) where.push(`client_id = $${params.push(query.clientId)}`);
  return { where, params };
}
