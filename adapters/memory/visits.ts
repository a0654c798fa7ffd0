import type { ProjectVisit } from '../../src/model/visit.js';
import type { VisitStore } from '../../src/ports/visit-store.js';
import { copyRecord } from '../../src/model/copy-record.js';
import { k, Table } from './table.js';

/** Project visits in memory; `record` is the journal hook of `memoryOps`, so transactions undo them too. */
export function memoryVisitOps(record: () => ((undo: () => void) => void) | undefined): VisitStore {
  const visits = new Table<ProjectVisit>((v) => k(v.tenantId, v.clientId, v.projectId), record);

  return {
    async recordVisit(tenantId, clientId, projectId, at, window) {
      const existing = visits.get(k(tenantId, clientId, projectId));
      let next: ProjectVisit;
      if (!existing) next = { tenantId, clientId, projectId, lastVisitAt: at };
      else if (existing.lastVisitAt.getTime() <= window.newVisitBefore.getTime()) next = { ...existing, previousVisitAt: existing.lastVisitAt, lastVisitAt: at };
      else if (existing.lastVisitAt.getTime() <= window.quietSince.getTime()) next = { ...existing, lastVisitAt: at };
      else return existing;
      visits.put(next);
      return copyRecord(next);
    },
    async getVisit(tenantId, clientId, projectId) {
      // `get` gives a copy already.
      return visits.get(k(tenantId, clientId, projectId)) ?? null;
    },
  };
}
