import type { ContentSource, ModuleId, Project, Resource } from 'sitegate';

const updatedAt = new Date('2026-01-05T09:00:00Z');

/**
 * A host content source that answers for any id instead of storing millions of resources: the
 * benchmarks measure sitegate, not a host's document store, so resolving a resource costs an
 * object allocation. Ids starting with `f-` are folders; every project it is asked about exists.
 * A folder holds `folderChildren` items (default none), as a host's document folder would.
 *
 * Each resource is one object literal, as a host's mapping of its rows makes it. Children were
 * once spread from a resource with their parent id added (`{ ...resource(…), parentId }`): on
 * Node 20 each such copy gets a hidden class of its own once warm, and opening a folder of 25
 * cost 25–50% more Node CPU, in making the children and in every later pass over them
 * (sitegate's JSON writer among them), all of it counted as the handler's (see `ContentSource`).
 */
export function syntheticContent(options: { folderChildren?: number } = {}): ContentSource {
  const resource = (tenantId: string, projectId: string, module: ModuleId, id: string, parentId?: string): Resource => {
    const kind = id.startsWith('f-') ? 'folder' : 'item';
    const name = `Resource ${id}`;
    if (module === 'reports') {
      const status = 'completed';
      return parentId === undefined ? { tenantId, projectId, module, id, kind, name, status, updatedAt } : { tenantId, projectId, module, id, kind, name, status, updatedAt, parentId };
    }
    return parentId === undefined ? { tenantId, projectId, module, id, kind, name, updatedAt } : { tenantId, projectId, module, id, kind, name, updatedAt, parentId };
  };
  return {
    async resolve(tenantId, refs) {
      return refs.map((ref) => resource(tenantId, ref.projectId, ref.module, ref.id));
    },
    async children(tenantId, folder) {
      return Array.from({ length: options.folderChildren ?? 0 }, (_, i) => resource(tenantId, folder.projectId, folder.module, `${folder.id}-${i}`, folder.id));
    },
    async schedule() {
      return null;
    },
    async projects(tenantId, ids) {
      return (ids ?? []).map((id): Project => ({ tenantId, id, name: `Project ${id}` }));
    },
  };
}
