import type { Action } from '../model/modules.js';
import type { Resource } from '../model/resource.js';
import { coverageOf, type ProjectGrants } from './coverage.js';
import { resourceSubject, type AbilityAction, type PortalAbility } from './policy.js';

/**
 * The one answer to "may this actor do this to this resource?": coverage over the loaded grants
 * and the resource's real ancestry (nearest first) says whether it is shared, and the actor's
 * CASL policy decides with that. The feed, `open`, `can` and the access index all ask it.
 */
export function allows(
  ability: PortalAbility,
  action: Action | AbilityAction,
  tenantId: string,
  resource: Resource,
  grants: ProjectGrants,
  ancestorIds: readonly string[],
): boolean {
  return ability.can(action, resourceSubject(tenantId, resource, coverageOf(grants, resource, ancestorIds) !== null));
}
