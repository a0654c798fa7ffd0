import type { ResourceRef } from '../model/resource.js';
import type { Share } from '../model/share.js';

/** One module of one project: its shares by resource id, and the ids attached to updates. */
export interface ModuleGrants {
  shares: ReadonlyMap<string, Share>;
  attached: ReadonlySet<string>;
}

/**
 * A loaded snapshot of what one project grants its clients, by module: all of it (for an
 * access index) or the part around a few resources (their own and their ancestors' shares and
 * attachments), which answers the same for those resources.
 */
export type ProjectGrants = ReadonlyMap<string, ModuleGrants>;

/** How a resource is visible: its own share, a shared folder above it, or an update attachment. */
export type Coverage = { via: 'share'; share: Share } | { via: 'folder'; share: Share } | { via: 'attachment' } | null;

/** Indexes a project's shares and update attachments by module, as `coverageOf` looks them up. */
export function grantsFrom(shares: readonly Share[], attached: readonly ResourceRef[]): ProjectGrants {
  const modules = new Map<string, { shares: Map<string, Share>; attached: Set<string> }>();
  const of = (module: string) => {
    let found = modules.get(module);
    if (!found) modules.set(module, (found = { shares: new Map(), attached: new Set() }));
    return found;
  };
  for (const share of shares) of(share.module).shares.set(share.resourceId, share);
  for (const ref of attached) of(ref.module).attached.add(ref.id);
  return modules;
}

/**
 * The sharing rule, in one place. A resource is covered when it is shared itself; else when one
 * of its ancestor folders is shared as a folder (the nearest one counts: everything inside a
 * shared folder is covered, now and later); else when it or one of its ancestors is attached to
 * an update (an attached folder shows its contents). `ancestorIds` must be the real ancestry,
 * nearest first, from the content source (see `ancestry.ts`) — never what a caller claims.
 * Pure: the same snapshot and ancestry always give the same answer.
 */
export function coverageOf(grants: ProjectGrants, resource: ResourceRef, ancestorIds: readonly string[]): Coverage {
  const module = grants.get(resource.module);
  if (!module) return null;
  const own = module.shares.get(resource.id);
  if (own) return { via: 'share', share: own };
  for (const id of ancestorIds) {
    const share = module.shares.get(id);
    if (share?.kind === 'folder') return { via: 'folder', share };
  }
  if (module.attached.has(resource.id) || ancestorIds.some((id) => module.attached.has(id))) return { via: 'attachment' };
  return null;
}
