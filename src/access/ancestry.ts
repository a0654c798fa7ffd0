import type { Resource } from '../model/resource.js';
import type { ContentSource, ProjectResourceRef } from '../ports/content.js';

/** Folder nesting deeper than this is treated as a loop in the host's data. */
export const MAX_DEPTH = 64;

/** A resource as the content source reports it now, with its ancestor folders, nearest first. */
export interface Located {
  resource: Resource;
  ancestors: Resource[];
}

/** Folders already resolved (or known not to be folders: `null`), by project, module and id. */
export type FolderCache = Map<string, Resource | null>;

// Ids never contain a newline (see `Id`), so the key is unambiguous.
const keyOf = (ref: ProjectResourceRef) => `${ref.projectId}\n${ref.module}\n${ref.id}`;

/**
 * Whether the content source answered with exactly what was asked for. A host that returns
 * another tenant's, project's or module's resource must not widen anyone's access.
 */
export function isResourceFor(found: Resource | null | undefined, tenantId: string, ref: ProjectResourceRef): found is Resource {
  return !!found && found.tenantId === tenantId && found.projectId === ref.projectId && found.module === ref.module && found.id === ref.id;
}

/**
 * Resolves `refs` through the content source, and each one's ancestor folders with it: this is
 * the only ancestry any permission check believes. `null` for a ref the source does not know in
 * this tenant. Parents are resolved a level at a time for all refs together, so a list of files
 * costs one call per folder level, and `folders` carries what is known into later calls.
 */
export async function locate(
  content: ContentSource,
  tenantId: string,
  refs: readonly ProjectResourceRef[],
  folders: FolderCache = new Map(),
): Promise<(Located | null)[]> {
  if (refs.length === 0) return [];
  const asked = refs.map(({ projectId, module, id }) => ({ projectId, module, id }));
  const found = await content.resolve(tenantId, asked);
  const located = asked.map((ref, i): Located | null => {
    const resource = found[i];
    return isResourceFor(resource, tenantId, ref) ? { resource, ancestors: [] } : null;
  });
  await climb(content, tenantId, located.filter((l): l is Located => l !== null), folders);
  return located;
}

/** The resource's ancestor folders, nearest first, as the content source reports them now. */
export async function ancestorsOf(content: ContentSource, tenantId: string, resource: Resource, folders: FolderCache = new Map()): Promise<Resource[]> {
  const located: Located = { resource, ancestors: [] };
  await climb(content, tenantId, [located], folders);
  return located.ancestors;
}

/**
 * Fills in `ancestors` by following `parentId` upwards. A step ends the chain when the parent is
 * missing, is not a folder, lies in another project or module, was seen before (a loop), or the
 * chain is `MAX_DEPTH` long.
 */
async function climb(content: ContentSource, tenantId: string, located: Located[], folders: FolderCache): Promise<void> {
  type Walk = { l: Located; seen: Set<string>; next: string | undefined };
  const parentRef = (w: Walk): ProjectResourceRef => ({ projectId: w.l.resource.projectId, module: w.l.resource.module, id: w.next! });
  const goesOn = (w: Walk) => !!w.next && !w.seen.has(w.next) && w.l.ancestors.length < MAX_DEPTH;
  // A resource at the top of its module needs no walk (and no allocation).
  let active = located
    .filter((l) => l.resource.parentId && l.resource.parentId !== l.resource.id)
    .map((l): Walk => ({ l, seen: new Set([l.resource.id]), next: l.resource.parentId }))
    .filter(goesOn);
  while (active.length > 0) {
    const missing = new Map<string, ProjectResourceRef>();
    for (const w of active) {
      const ref = parentRef(w);
      if (!folders.has(keyOf(ref))) missing.set(keyOf(ref), ref);
    }
    if (missing.size > 0) {
      const refs = [...missing.values()];
      const found = await content.resolve(tenantId, refs);
      refs.forEach((ref, i) => {
        const parent = found[i];
        folders.set(keyOf(ref), isResourceFor(parent, tenantId, ref) && parent.kind === 'folder' ? parent : null);
      });
    }
    active = active.filter((w) => {
      const parent = folders.get(keyOf(parentRef(w)));
      if (!parent) return false;
      w.l.ancestors.push(parent);
      w.seen.add(parent.id);
      w.next = parent.parentId;
      return goesOn(w);
    });
  }
}
