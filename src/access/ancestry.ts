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
  // Copies: the host gets exactly these three fields, whatever else a caller's refs carry.
  const asked = refs.map(({ projectId, module, id }) => ({ projectId, module, id }));
  const found = await content.resolve(tenantId, asked);
  const located: (Located | null)[] = [];
  const walks: Located[] = [];
  for (let i = 0; i < asked.length; i++) {
    const resource = found[i];
    if (isResourceFor(resource, tenantId, asked[i]!)) {
      const l: Located = { resource, ancestors: [] };
      located.push(l);
      walks.push(l);
    } else located.push(null);
  }
  await climb(content, tenantId, walks, folders);
  return located;
}

/** The resource's ancestor folders, nearest first, as the content source reports them now. */
export async function ancestorsOf(content: ContentSource, tenantId: string, resource: Resource, folders: FolderCache = new Map()): Promise<Resource[]> {
  const located: Located = { resource, ancestors: [] };
  await climb(content, tenantId, [located], folders);
  return located.ancestors;
}

/**
 * `ancestorsOf` for many resources, in their order: one call to the content source per folder
 * level for all of them together, as `locate` climbs, for resources already resolved.
 */
export async function ancestriesOf(content: ContentSource, tenantId: string, resources: readonly Resource[], folders: FolderCache = new Map()): Promise<Resource[][]> {
  const located = resources.map((resource): Located => ({ resource, ancestors: [] }));
  await climb(content, tenantId, located, folders);
  return located.map((l) => l.ancestors);
}

/** One chain being followed upwards: the parent to look at next, and its cache key. */
interface Walk {
  l: Located;
  next: ProjectResourceRef;
  key: string;
}

/** Whether the chain goes on to `parentId`: there is one, it closes no loop, and `MAX_DEPTH` is not reached. */
function goesOn(l: Located, parentId: string | undefined): parentId is string {
  if (!parentId || l.ancestors.length >= MAX_DEPTH || parentId === l.resource.id) return false;
  // A loop: the parent is already in the chain (at most `MAX_DEPTH` ids to compare).
  for (const a of l.ancestors) if (a.id === parentId) return false;
  return true;
}

/** The walk's next step, or `undefined` where the chain ends (see `goesOn`). */
function stepFrom(l: Located, parentId: string | undefined): Walk | undefined {
  if (!goesOn(l, parentId)) return undefined;
  const next = { projectId: l.resource.projectId, module: l.resource.module, id: parentId };
  return { l, next, key: keyOf(next) };
}

/**
 * `locate` for one ref, as `portal.can` asks it: the same answer from the same calls to the
 * content source (the resource, then one per folder level), without the batching's maps and
 * arrays — a single chain never asks for the same folder twice, so it needs no folder cache.
 */
export async function locateOne(content: ContentSource, tenantId: string, ref: ProjectResourceRef): Promise<Located | null> {
  // A copy: the host gets exactly these three fields, whatever else the caller's ref carries.
  const asked = { projectId: ref.projectId, module: ref.module, id: ref.id };
  const [resource] = await content.resolve(tenantId, [asked]);
  if (!isResourceFor(resource, tenantId, asked)) return null;
  const located: Located = { resource, ancestors: [] };
  let parentId = resource.parentId;
  while (goesOn(located, parentId)) {
    const next = { projectId: resource.projectId, module: resource.module, id: parentId };
    const [parent] = await content.resolve(tenantId, [next]);
    if (!isResourceFor(parent, tenantId, next) || parent.kind !== 'folder') break;
    located.ancestors.push(parent);
    parentId = parent.parentId;
  }
  return located;
}

/**
 * Fills in `ancestors` by following `parentId` upwards. A step ends the chain when the parent is
 * missing, is not a folder, lies in another project or module, was seen before (a loop), or the
 * chain is `MAX_DEPTH` long. Every level asks the content source once, for the parents of all
 * chains together that `folders` does not know yet.
 */
async function climb(content: ContentSource, tenantId: string, located: readonly Located[], folders: FolderCache): Promise<void> {
  let active: Walk[] = [];
  for (const l of located) {
    const walk = stepFrom(l, l.resource.parentId);
    if (walk) active.push(walk);
  }
  while (active.length > 0) {
    let missing: Map<string, ProjectResourceRef> | undefined;
    for (const w of active) if (!folders.has(w.key)) (missing ??= new Map()).set(w.key, w.next);
    if (missing) {
      const refs = [...missing.values()];
      const found = await content.resolve(tenantId, refs);
      let i = 0;
      for (const [key, ref] of missing) {
        const parent = found[i++];
        folders.set(key, isResourceFor(parent, tenantId, ref) && parent.kind === 'folder' ? parent : null);
      }
    }
    const going: Walk[] = [];
    for (const w of active) {
      const parent = folders.get(w.key);
      if (!parent) continue;
      w.l.ancestors.push(parent);
      const walk = stepFrom(w.l, parent.parentId);
      if (walk) going.push(walk);
    }
    active = going;
  }
}
