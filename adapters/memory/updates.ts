import type { ResourceRef } from '../../src/model/resource.js';
import type { Update } from '../../src/model/update.js';
import { paginate } from '../../src/ports/paginate.js';
import type { UpdateStore } from '../../src/ports/storage.js';
import { copyRecord } from '../../src/model/copy-record.js';
import { k, Table } from './table.js';

/** A stored update; `removedAt` marks a soft-deleted one, which no read returns. */
type UpdateRow = Update & { removedAt?: Date };

const refKey = (ref: ResourceRef) => `${ref.module}/${ref.id}`;

/**
 * The update as callers see it, without the removal mark. Every row given here is a copy
 * already (the table's `get`, `paginate`, or a row built from those), so it is not copied again.
 */
const out = ({ removedAt: _removed, ...update }: UpdateRow): Update => update;

/** Portal updates in memory; `record` is the journal hook of `memoryOps`, so transactions undo them too. */
export function memoryUpdateOps(record: () => ((undo: () => void) => void) | undefined): UpdateStore {
  const updates = new Table<UpdateRow>((u) => k(u.tenantId, u.id), record).index('project', (u) => (u.removedAt ? undefined : k(u.tenantId, u.projectId)));

  const live = (tenantId: string, projectId: string, updateId: string): UpdateRow | undefined => {
    const row = updates.get(k(tenantId, updateId));
    return row && !row.removedAt && row.projectId === projectId ? row : undefined;
  };

  return {
    async insertUpdate(update) {
      updates.put(update);
    },
    async listUpdates(tenantId, projectId, page) {
      const rows = paginate(updates.peekBy('project', k(tenantId, projectId)), { key: (u) => [u.publishedAt, u.id], order: 'desc', limit: page.limit, cursor: page.cursor });
      return { ...rows, items: rows.items.map(out) };
    },
    async findAttached(tenantId, projectId, refs) {
      const live = updates.peekBy('project', k(tenantId, projectId));
      // A project without updates attaches nothing: no need to index the refs (every permission check asks).
      if (live.length === 0) return [];
      // Keyed in the order of `refs`, each once: the order the answer keeps.
      const wanted = new Map(refs.map((ref) => [refKey(ref), ref]));
      const attached = new Set<string>();
      for (const update of live) {
        for (const ref of update.resources) {
          const key = refKey(ref);
          if (wanted.has(key)) attached.add(key);
        }
      }
      return [...wanted].flatMap(([key, ref]) => (attached.has(key) ? [copyRecord(ref)] : []));
    },
    async getUpdate(tenantId, updateId) {
      const row = updates.get(k(tenantId, updateId));
      return row && !row.removedAt ? out(row) : null;
    },
    async editUpdate(tenantId, projectId, updateId, changes) {
      const row = live(tenantId, projectId, updateId);
      if (!row) return null;
      const { title, body, resources, editedAt } = changes;
      const next: UpdateRow = { ...row, editedAt };
      if (title === null) delete next.title;
      else if (title !== undefined) next.title = title;
      if (body !== undefined) next.body = body;
      if (resources !== undefined) next.resources = resources.map((r) => ({ module: r.module, id: r.id }));
      updates.put(next);
      return out(next);
    },
    async removeUpdate(tenantId, projectId, updateId, removedAt) {
      const row = live(tenantId, projectId, updateId);
      if (!row) return false;
      updates.put({ ...row, removedAt });
      return true;
    },
  };
}
