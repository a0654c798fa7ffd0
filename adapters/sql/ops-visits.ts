import type { ProjectVisit } from '../../src/model/visit.js';
import type { VisitStore } from '../../src/ports/visit-store.js';
import type { OpsContext } from './context.js';
import type { Row } from './driver.js';

const date = (v: unknown) => (v instanceof Date ? v : new Date(v as string));

export const toVisit = (r: Row): ProjectVisit => ({
  tenantId: r.tenant_id as string,
  clientId: r.client_id as string,
  projectId: r.project_id as string,
  lastVisitAt: date(r.last_visit_at),
  ...(r.previous_visit_at != null ? { previousVisitAt: date(r.previous_visit_at) } : {}),
});

/**
 * Project visits. Recording is one statement, like a read receipt: the UPDATE takes a visit
 * quiet since `quietSince` (and starts a new one when the last ended before `newVisitBefore`);
 * the INSERT takes a first visit; a throttled load matches neither and returns the row as read,
 * so it writes nothing and locks nothing. A concurrent first visit's INSERT waits for the one
 * in flight and then does nothing.
 */
export function visitOps({ q, s }: OpsContext): VisitStore {
  return {
    async recordVisit(tenantId, clientId, projectId, at, window) {
      const rows = await q.query(
        `WITH cur AS (
           SELECT * FROM ${s}.project_visits WHERE tenant_id = $1 AND client_id = $2 AND project_id = $3),
         upd AS (
           UPDATE ${s}.project_visits
           SET previous_visit_at = CASE WHEN last_visit_at <= $6::timestamptz THEN last_visit_at ELSE previous_visit_at END,
               last_visit_at = $4::timestamptz
           WHERE tenant_id = $1 AND client_id = $2 AND project_id = $3 AND last_visit_at <= $5::timestamptz
           RETURNING *),
         ins AS (
           INSERT INTO ${s}.project_visits (tenant_id, client_id, project_id, last_visit_at)
           SELECT $1::text, $2::text, $3::text, $4::timestamptz WHERE NOT EXISTS (SELECT 1 FROM cur)
           ON CONFLICT (tenant_id, client_id, project_id) DO NOTHING
           RETURNING *)
         SELECT * FROM upd UNION ALL SELECT * FROM ins
         UNION ALL SELECT * FROM cur WHERE NOT EXISTS (SELECT 1 FROM upd)`,
        [tenantId, clientId, projectId, at, window.quietSince, window.newVisitBefore],
      );
      // Nothing at all: a concurrent first visit inserted the row after this statement began.
      // This load is part of that first visit.
      return rows[0] ? toVisit(rows[0]) : { tenantId, clientId, projectId, lastVisitAt: at };
    },
    async getVisit(tenantId, clientId, projectId) {
      const [row] = await q.query(`SELECT * FROM ${s}.project_visits WHERE tenant_id = $1 AND client_id = $2 AND project_id = $3`, [
        tenantId,
        clientId,
        projectId,
      ]);
      return row ? toVisit(row) : null;
    },
  };
}
