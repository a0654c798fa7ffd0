import type { FeedStore } from '../../src/ports/feed-store.js';
import type { OpsContext } from './context.js';
import type { Share } from '../../src/model/share.js';
import { cursorKey, keyOf, toUpdate } from './rows.js';
import { toVisit } from './ops-visits.js';
import type { Row } from './driver.js';

/**
 * A feed load's reads as one statement: the queries of `listShares`, `listUpdates` and
 * `getVisit` (each by its index, each with its `tenant_id` predicate). Every statement costs a
 * socket write or more on both sides, and three at once on three pooled connections had the
 * feed wait for the slowest of three server processes to be scheduled. The shares come as rows
 * (fetched as `select` fetches lists), after one first row that carries the visit and the
 * updates as JSON: building JSON for 200 shares cost PostgreSQL more than sending the rows.
 * They are ordered by (`createdAt` to the millisecond, `id`), the order the contract names.
 */
export function feedOps({ q, s, select }: OpsContext): FeedStore {
  return {
    async readFeed(tenantId, projectId, clientId, updates) {
      const params: unknown[] = [tenantId, projectId, clientId];
      let updatesPart = 'NULL::json';
      if (updates) {
        params.push(updates.limit + 1);
        const after = cursorKey(updates.cursor);
        const keyset = after ? `AND (published_at, id) < ($5, $6)` : '';
        if (after) params.push(after[0], after[1]);
        updatesPart = `(SELECT coalesce(json_agg(u ORDER BY u.published_at DESC, u.id DESC), '[]'::json) FROM (
             SELECT * FROM ${s}.updates WHERE tenant_id = $1 AND project_id = $2 AND deleted_at IS NULL ${keyset}
             ORDER BY published_at DESC, id DESC LIMIT $4) u)`;
      }
      // Shares come without the tenant and project (the caller's own) and with their time as
      // epoch milliseconds: decoding a timestamp per row was most of what 200 rows cost Node.
      const rows = await select(
        `(SELECT NULL::json AS feed_extra, t.id, t.module, t.resource_id, t.kind, t.shared_by, floor(extract(epoch FROM t.created_at) * 1000)::float8 AS created_ms
            FROM ${s}.shares t WHERE t.tenant_id = $1 AND t.project_id = $2
          UNION ALL
          SELECT json_build_object(
                   'visit', (SELECT row_to_json(v) FROM ${s}.project_visits v WHERE v.tenant_id = $1 AND v.client_id = $3 AND v.project_id = $2),
                   'updates', ${updatesPart}),
                 NULL, NULL, NULL, NULL, NULL, NULL) t`,
        // The one row without a share (no time) comes first.
        't.created_ms NULLS FIRST, t.id',
        params,
      );
      const extra = rows[0]!.feed_extra as { visit: Row | null; updates: Row[] | null };
      const shares: Share[] = new Array(rows.length - 1);
      for (let i = 1; i < rows.length; i++) {
        const r = rows[i]!;
        shares[i - 1] = {
          tenantId,
          id: r.id as string,
          projectId,
          module: r.module as Share['module'],
          resourceId: r.resource_id as string,
          kind: r.kind as Share['kind'],
          sharedBy: r.shared_by as string,
          createdAt: new Date(r.created_ms as number),
        };
      }
      const visit = extra.visit ? toVisit(extra.visit) : null;
      if (!updates) return { shares, visit };
      const list = extra.updates!;
      const items = list.slice(0, updates.limit).map(toUpdate);
      const last = items[items.length - 1];
      return { shares, updates: { items, nextCursor: list.length > updates.limit && last ? keyOf(last.publishedAt, last.id) : null }, visit };
    },
  };
}
