import type { Action } from '../model/modules.js';
import type { Resource } from '../model/resource.js';
import { coverageOf, type ProjectGrants } from './coverage.js';
import type { AbilityAction, PortalAbility } from './policy.js';
import { resourceVerdict } from './verdicts.js';

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
  return resourceVerdict(ability, action, tenantId, resource, coverageOf(grants, resource, ancestorIds) !== null);
}

/**
 * `allows` for many resources under one check (one ability, action, tenant and set of grants),
 * as the feed and a folder listing ask it. The same answers (test/access/compiled-policy.test.ts
 * compares them); the policy is asked once per subject shape, see `resourceVerdict`.
 */
export function allowsEach(
  ability: PortalAbility,
  action: Action | AbilityAction,
  tenantId: string,
  grants: ProjectGrants,
): (resource: Resource, ancestorIds: readonly string[]) => boolean {
  return (resource, ancestorIds) => allows(ability, action, tenantId, resource, grants, ancestorIds);
}
