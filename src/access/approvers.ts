import type { ClientActor } from '../model/actor.js';
import type { ApproverRefusal } from '../model/approval-lists.js';
import type { ClientRecord } from '../model/client.js';
import type { ContentSource, ProjectResourceRef } from '../ports/content.js';
import type { StorageOps } from '../ports/storage.js';
import { allows } from './allows.js';
import { locate, type Located } from './ancestry.js';
import { loadClientScope, type ClientScope, type ScopeSources } from './client-scope.js';
import { mayActIn } from './policy.js';
import { loadGrantsAround } from './snapshot.js';

/** Why a client may not decide on a resource (see `APPROVER_REFUSAL_CODES`). */
export type { ApproverRefusal };

export const APPROVER_REFUSALS: Record<ApproverRefusal, string> = {
  cannot_sign_in: 'is not an active client with portal access',
  no_project_access: 'has no access to this project',
  may_not_approve: 'may not approve in this module (role or enabled modules)',
  not_shared: 'cannot see this resource (it is not shared with the project)',
};

type Sources = ScopeSources & { content: ContentSource; storage: ScopeSources['storage'] & Pick<StorageOps, 'getClients' | 'listShares' | 'listUpdates' | 'readGrants'> };

/** The resource and its ancestry as the content source reports them now, or `null` when it does not know it. */
export async function locateForApproval(sources: Sources, tenantId: string, ref: ProjectResourceRef): Promise<Located | null> {
  const [located] = await locate(sources.content, tenantId, [ref]);
  return located ?? null;
}

/** One client's answer: `null` when it may approve the located resource, else why not. */
function refusalOf(scope: ClientScope | null, located: Located, grants: Parameters<typeof allows>[4]): ApproverRefusal | null {
  if (!scope) return 'cannot_sign_in';
  const { resource, ancestors } = located;
  const { tenantId } = scope.actor;
  if (!scope.projectIds.has(resource.projectId)) return 'no_project_access';
  if (!mayActIn(scope.ability, 'approve', tenantId, resource.projectId, resource.module)) return 'may_not_approve';
  if (!allows(scope.ability, 'approve', tenantId, resource, grants, ancestors.map((a) => a.id))) return 'not_shared';
  return null;
}

/**
 * May each of these clients approve this resource now? The same policy (`defineAbilityFor` with
 * the `approve` action) and coverage rule every visibility check uses, over facts read now: the
 * client, its role, the tenant's modules, and the shares around the resource. Staff never
 * approve (the policy grants them no `approve`). Answers in the order of `clientIds`.
 */
export async function approverRefusals(sources: Sources, tenantId: string, located: Located, clientIds: readonly string[]): Promise<(ApproverRefusal | null)[]> {
  return (await checkApprovers(sources, tenantId, located, clientIds)).refusals;
}

/** `approverRefusals`, with the ids the tenant has no client under (refused as `cannot_sign_in`), from the same read. */
export async function checkApprovers(
  sources: Sources,
  tenantId: string,
  located: Located,
  clientIds: readonly string[],
): Promise<{ refusals: (ApproverRefusal | null)[]; unknown: Set<string> }> {
  const { resource, ancestors } = located;
  // The clients are read in one go and each role once: one by one, every client would cost its
  // own reads, and a project may have hundreds of them.
  const [grants, records] = await Promise.all([
    loadGrantsAround(sources.storage, tenantId, resource.projectId, [resource, ...ancestors]),
    sources.storage.getClients(tenantId, [...new Set(clientIds)]),
  ]);
  const clients = new Map(records.map((c) => [c.id, c]));
  const roles = new Map<string, ReturnType<ScopeSources['storage']['getRole']>>();
  const once: ScopeSources = {
    tenant: (id) => sources.tenant(id),
    storage: {
      getClient: async (_tenantId, clientId) => clients.get(clientId) ?? null,
      getRole: (id, roleId) => {
        let found = roles.get(roleId);
        if (!found) roles.set(roleId, (found = sources.storage.getRole(id, roleId)));
        return found;
      },
    },
  };
  const scopes = await Promise.all(clientIds.map((clientId) => loadClientScope(once, { type: 'client', tenantId, clientId } satisfies ClientActor)));
  return { refusals: scopes.map((scope) => refusalOf(scope, located, grants)), unknown: new Set(clientIds.filter((id) => !clients.has(id))) };
}

/**
 * `approverRefusals` for one client whose record the caller has just read: inside a decision's
 * transaction, with the record locked, so what it answers still holds when the decision is stored.
 */
export async function refusalFor(sources: Sources, located: Located, client: ClientRecord): Promise<ApproverRefusal | null> {
  const { resource, ancestors } = located;
  const actor = { type: 'client', tenantId: client.tenantId, clientId: client.id } satisfies ClientActor;
  const grants = await loadGrantsAround(sources.storage, client.tenantId, resource.projectId, [resource, ...ancestors]);
  return refusalOf(await loadClientScope(sources, actor, client), located, grants);
}

/**
 * May the client of `scope` (read as it is now) read the located resource (the same rule as
 * `view.open`)? What a client is shown about an approval (its frozen snapshot) follows what it
 * may see of the resource.
 */
export async function mayRead(storage: StorageOps, scope: ClientScope, located: Located): Promise<boolean> {
  const { resource, ancestors } = located;
  if (!scope.projectIds.has(resource.projectId)) return false;
  const { tenantId } = scope.actor;
  const grants = await loadGrantsAround(storage, tenantId, resource.projectId, [resource, ...ancestors]);
  return allows(scope.ability, 'read', tenantId, resource, grants, ancestors.map((a) => a.id));
}
