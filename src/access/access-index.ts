import * as z from 'zod';
import { parseInput } from '../errors/from-zod.js';
import { Id } from '../model/ids.js';
import { ACTIONS, ModuleId, type Action } from '../model/modules.js';
import type { ResourceRef } from '../model/resource.js';
import type { ContentSource } from '../ports/content.js';
import { AccessTarget } from './access-target.js';
import { locate, type FolderCache } from './ancestry.js';
import type { ClientScope } from './client-scope.js';
import type { ProjectGrants } from './coverage.js';
import { sharedWith } from './allows.js';
import { resourceSubject } from './policy.js';

export { AccessTarget } from './access-target.js';
export { grantsFrom, type ModuleGrants, type ProjectGrants } from './coverage.js';

const TargetRef = z.object({ projectId: Id, module: ModuleId, id: Id });

/** One bit per action a role can grant: a check is then one lookup and one AND, nothing allocated. */
// No prototype: an unknown action such as `toString` or `__proto__` finds nothing, so no bit.
const ACTION_BIT: Partial<Record<string, number>> = Object.assign(Object.create(null) as object, Object.fromEntries(ACTIONS.map((action, i) => [action, 1 << i])));

/**
 * A client's access, loaded once per request and then checked synchronously, as often as
 * needed (filtering a file list, say). Loading reads the client's scope (its record, role and
 * tenant modules, hence its policy); `resolve` reads the shares and update attachments around
 * the resources it resolves. It answers exactly as `portal.can` would for the same resource at
 * the time of `resolve`, because it believes nothing the caller says about a resource: the
 * resources come from the content source through `resolve`, which also finds their real
 * folder ancestry, and `can` answers only for targets this index resolved.
 *
 * It decides the way every check does: `coverageOf` over the grants around the resource and its
 * real ancestry says whether it is shared, and the CASL policy decides with that — both
 * once per target, when it is resolved, for every action a role can grant. A check is then a
 * lookup with nothing allocated, at 100 or 100k shares alike: millions per second (see bench/).
 */
export class AccessIndex {
  /** Per target this index resolved: the policy's answers, one bit per action (`ACTION_BIT`). */
  private readonly issued = new WeakMap<AccessTarget, number>();
  private readonly folders: FolderCache = new Map();

  /** @internal Built by `portal.access(actor)`. */
  constructor(
    private readonly scope: ClientScope,
    /** The grants of one project around these resources (each with its ancestors): `loadGrantsAround`. */
    private readonly grantsAround: (projectId: string, refs: readonly ResourceRef[]) => Promise<ProjectGrants>,
    private readonly content: ContentSource,
  ) {}

  /** The projects this index knows (those the client holds). */
  get projectIds(): string[] {
    return [...this.scope.projectIds];
  }

  /**
   * Resolves resources through the content source, with their ancestor folders, for `can`.
   * Same order as `refs`; `null` where a ref is malformed, in a project the client does not
   * hold, or unknown to the content source — `can` answers `false` for those. Folders resolved
   * once are remembered by this index, so later calls cost less.
   */
  async resolve(refs: readonly { projectId: string; module: string; id: string }[]): Promise<(AccessTarget | null)[]> {
    const list = parseInput(z.array(z.unknown()), refs, ['refs']);
    const { tenantId } = this.scope.actor;
    const wanted = list.map((ref) => {
      const parsed = TargetRef.safeParse(ref);
      // Not asked of the host at all: a project the client does not hold.
      return parsed.success && this.scope.projectIds.has(parsed.data.projectId) ? parsed.data : null;
    });
    const asked = wanted.filter((ref): ref is z.infer<typeof TargetRef> => ref !== null);
    const located = await locate(this.content, tenantId, asked, this.folders);
    // The shares and attachments of exactly these resources and their ancestors, per project:
    // two indexed reads each, however many shares the project holds. They answer for these
    // resources as the whole project's grants would (see `loadGrantsAround`).
    const around = new Map<string, ResourceRef[]>();
    for (const found of located) {
      if (!found) continue;
      let refs = around.get(found.resource.projectId);
      if (!refs) around.set(found.resource.projectId, (refs = []));
      refs.push(found.resource, ...found.ancestors);
    }
    const grantsOf = new Map(await Promise.all([...around].map(async ([projectId, refs]) => [projectId, await this.grantsAround(projectId, refs)] as const)));
    let next = 0;
    return wanted.map((ref) => {
      if (!ref) return null;
      const found = located[next++];
      if (!found) return null;
      const target = new AccessTarget(found.resource, found.ancestors);
      const grants = grantsOf.get(target.projectId)!;
      const shared = sharedWith(this.scope.ability, tenantId, target, grants, target.ancestorIds);
      const subject = resourceSubject(tenantId, found.resource, shared);
      // The policy's answer for every action a role can grant, asked now, so `can` only looks it up.
      let allowed = 0;
      for (const action of ACTIONS) if (this.scope.ability.can(action, subject)) allowed |= ACTION_BIT[action]!;
      this.issued.set(target, allowed);
      return target;
    });
  }

  /**
   * May the client do `action` on a resource this index resolved? `false` for `null`, for a
   * target another index resolved and for anything not built by `resolve`.
   */
  can(action: Action, target: AccessTarget | null | undefined): boolean {
    if (!target) return false;
    return ((this.issued.get(target) ?? 0) & (ACTION_BIT[action] ?? 0)) !== 0;
  }
}
