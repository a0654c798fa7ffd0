import type { Resource, ResourceRef } from '../model/resource.js';
import type { ContentSource } from '../ports/content.js';
import type { StorageOps } from '../ports/storage.js';

/** How a resource came to be visible, or `null` when it is not. */
export type Coverage = 'direct' | 'folder' | 'attached' | null;

/** Folder nesting deeper than this is treated as a loop in the host's data. */
const MAX_DEPTH = 64;

/** The resource's ancestor folders, nearest first, as the content source reports them now. */
export async function ancestorsOf(content: ContentSource, tenantId: string, resource: Resource): Promise<Resource[]> {
  const chain: Resource[] = [];
  const seen = new Set([resource.id]);
  let parentId = resource.parentId;
  while (parentId && chain.length < MAX_DEPTH && !seen.has(parentId)) {
    seen.add(parentId);
    const [parent] = await content.resolve(tenantId, [{ projectId: resource.projectId, module: resource.module, id: parentId }]);
    if (!parent || parent.tenantId !== tenantId || parent.projectId !== resource.projectId || parent.kind !== 'folder') break;
    chain.push(parent);
    parentId = parent.parentId;
  }
  return chain;
}

const sameRef = (a: ResourceRef, b: ResourceRef) => a.module === b.module && a.id === b.id;

/**
 * Whether a resource is shared with its project's clients: shared itself, inside a shared
 * folder at any depth (resolved live, so items added later are covered), or attached to an
 * update. Two indexed storage lookups, whatever the number of shares.
 */
export async function coverageOf(storage: StorageOps, content: ContentSource, resource: Resource): Promise<Coverage> {
  const { tenantId, projectId } = resource;
  const ancestors = await ancestorsOf(content, tenantId, resource);
  const refs: ResourceRef[] = [resource, ...ancestors].map(({ module, id }) => ({ module, id }));
  const shares = await storage.findShares(tenantId, projectId, refs);
  if (shares.some((share) => sameRef({ module: share.module, id: share.resourceId }, resource))) return 'direct';
  if (shares.some((share) => share.kind === 'folder' && ancestors.some((a) => sameRef(a, { module: share.module, id: share.resourceId })))) {
    return 'folder';
  }
  const attached = await storage.findAttached(tenantId, projectId, refs);
  // An attached folder shows its contents, like a shared one.
  if (attached.some((ref) => sameRef(ref, resource) || ancestors.some((a) => sameRef(a, ref)))) return 'attached';
  return null;
}

/** Reports are visible to clients only once completed (a report with no status is not). */
export function isPresentable(resource: { module: string; kind?: Resource['kind']; status?: string | undefined }): boolean {
  return resource.module !== 'reports' || resource.kind === 'folder' || resource.status === 'completed';
}
