import type { ContentSource, ModuleId, Project, Resource } from 'sitegate';

const updatedAt = new Date('2026-01-05T09:00:00Z');

/**
 * A host content source that answers for any id instead of storing millions of resources: the
 * benchmarks measure sitegate, not a host's document store, so resolving a resource costs an
 * object allocation. Ids starting with `f-` are folders; every project it is asked about exists.
 * A folder holds `folderChildren` items (default none), as a host's document folder would.
 */
export function syntheticContent(options: { folderChildren?: number } = {}): ContentSource {
  const resource = (tenantId: string, projectId: string, module: ModuleId, id: string): Resource => ({
    tenantId,
    projectId,
    module,
    id,
    kind: id.startsWith('f-') ? 'folder' : 'item',
    name: `Resource ${id}`,
    ...(module === 'reports' ? { status: 'completed' } : {}),
    updatedAt,
  });
  return {
    async resolve(tenantId, refs) {
      return refs.map((ref) => resource(tenantId, ref.projectId, ref.module, ref.id));
    },
    async children(tenantId, folder) {
      return Array.from({ length: options.folderChildren ?? 0 }, (_, i) => ({
        ...resource(tenantId, folder.projectId, folder.module, `${folder.id}-${i}`),
        parentId: folder.id,
      }));
    },
    async schedule() {
      return null;
    },
    async projects(tenantId, ids) {
      return (ids ?? []).map((id): Project => ({ tenantId, id, name: `Project ${id}` }));
    },
  };
}
