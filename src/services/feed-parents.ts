import type { Resource } from '../model/resource.js';
import type { ContentSource } from '../ports/content.js';
import type { StorageOps } from '../ports/storage.js';
import { allowsEach } from '../access/allows.js';
import { ancestriesOf } from '../access/ancestry.js';
import type { ProjectGrants } from '../access/coverage.js';
import type { PortalAbility } from '../access/policy.js';
import { loadGrantsAround } from '../access/snapshot.js';

/**
 * Those of the feed's `resources` whose folder the client may see, so may be told its
 * `parentId`: a folder shared or attached itself, or one inside a shared or attached folder, as
 * `open` decides it. `grants` are the feed's: all the project's shares and the updates page's
 * attachments.
 *
 * A folder shared or attached itself is found in them without its ancestry. The others are
 * climbed (the content source once per folder level, for all of them together) only in a module
 * where the feed's grants hold a shared folder or an attachment: elsewhere no folder above can be
 * visible but through an update beyond the page, so a file shared on its own in a folder the
 * client does not see, the common case, costs the feed nothing more. Those climbed are checked
 * over the feed's grants; an attachment beyond the updates page is not in those, so the folders
 * still hidden are checked again over the grants around their ancestry, in one storage read.
 */
export async function withParentSeen(
  content: ContentSource,
  storage: Pick<StorageOps, 'listShares' | 'listUpdates' | 'readGrants'>,
  ability: PortalAbility,
  tenantId: string,
  projectId: string,
  grants: ProjectGrants,
  resources: readonly Resource[],
): Promise<ReadonlySet<Resource>> {
  const seen = new Set<Resource>();
  const unsure: Resource[] = [];
  const opensFolders = new Map<string, boolean>();
  const mayOpenFolders = (module: string): boolean => {
    let found = opensFolders.get(module);
    if (found === undefined) {
      const g = grants.get(module);
      found = !!g && (g.attached.size > 0 || [...g.shares.values()].some((share) => share.kind === 'folder'));
      opensFolders.set(module, found);
    }
    return found;
  };
  for (const r of resources) {
    if (r.parentId === undefined) continue;
    const g = grants.get(r.module);
    if (g?.shares.get(r.parentId)?.kind === 'folder' || g?.attached.has(r.parentId) === true) seen.add(r);
    else if (mayOpenFolders(r.module)) unsure.push(r);
  }
  if (unsure.length === 0) return seen;
  // A parent that is missing, not a folder or of another project or module ends the ancestry
  // there: it is no ancestor, and is never told.
  const ancestries = await ancestriesOf(content, tenantId, unsure);
  /** Checks each of `at` (indexes into `unsure`) over `over`, and answers those still hidden. */
  const check = (over: ProjectGrants, at: readonly number[]): number[] => {
    const visible = allowsEach(ability, 'read', tenantId, over);
    const hidden: number[] = [];
    for (const i of at) {
      const [parent, ...above] = ancestries[i]!;
      if (!parent) continue;
      if (visible(parent, above.map((a) => a.id))) seen.add(unsure[i]!);
      else hidden.push(i);
    }
    return hidden;
  };
  const hidden = check(grants, unsure.map((_, i) => i));
  if (hidden.length > 0) check(await loadGrantsAround(storage, tenantId, projectId, hidden.flatMap((i) => ancestries[i]!)), hidden);
  return seen;
}
