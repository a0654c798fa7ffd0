import type { Action } from '../model/modules.js';
import type { Resource, ResourceRef } from '../model/resource.js';
import { coverageOf, type ProjectGrants } from './coverage.js';
import { mayActIn, type AbilityAction, type PortalAbility } from './policy.js';
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
  return resourceVerdict(ability, action, tenantId, resource, sharedWith(ability, tenantId, resource, grants, ancestorIds));
}

/**
 * Whether the grants cover the resource for this actor: an attachment shows a resource only to
 * a client that reads the update it hangs on — with updates off for the tenant, or a role that
 * does not read them, the attachment shows nothing, as a share in a module it cannot read.
 */
export function sharedWith(ability: PortalAbility, tenantId: string, resource: ResourceRef & { projectId: string }, grants: ProjectGrants, ancestorIds: readonly string[]): boolean {
  const coverage = coverageOf(grants, resource, ancestorIds);
  return coverage !== null && (coverage.via !== 'attachment' || mayActIn(ability, 'read', tenantId, resource.projectId, 'updates'));
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
