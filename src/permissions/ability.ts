import { AbilityBuilder, createMongoAbility, type ForcedSubject, type MongoAbility, type MongoQuery } from '@casl/ability';
import { packRules } from '@casl/ability/extra';
import type { Actor } from '../model/actor.js';
import type { ClientRecord, ModulePermission } from '../model/client.js';

/**
 * What a `Resource` subject carries when checked. `shared` is the answer of the visibility
 * index (a hash lookup over the project's shares, folder ancestry and update attachments), so
 * CASL decides policy — tenant, project access, module, action — without holding one rule per
 * share or an `$in` over thousands of ids.
 */
export interface ResourceSubject {
  tenantId: string;
  projectId: string;
  module: string;
  id: string;
  shared: boolean;
}

export type AbilityAction = 'manage' | 'read' | 'approve' | 'create' | 'update' | 'delete';
export type AbilitySubjectType = 'Client' | 'Invite' | 'Share' | 'Update' | 'Audit' | 'Role' | 'Project' | 'Resource' | 'all';
type StaffSubjectType = Exclude<AbilitySubjectType, 'all' | 'Resource'>;
type TenantScoped<T extends StaffSubjectType> = T extends StaffSubjectType ? { tenantId: string; id?: string } & ForcedSubject<T> : never;
const STAFF_SUBJECTS: StaffSubjectType[] = ['Client', 'Invite', 'Share', 'Update', 'Audit', 'Role', 'Project'];
export type AbilitySubject = AbilitySubjectType | TenantScoped<StaffSubjectType> | (ResourceSubject & ForcedSubject<'Resource'>);

export type PortalAbility = MongoAbility<[AbilityAction, AbilitySubject], MongoQuery>;

/** Facts the ability is built from; for a client, read fresh on every request. */
export interface AbilityFacts {
  /** The client's record; required for client actors. */
  client?: ClientRecord | null;
  /** Effective permissions (tenant modules ∩ role) of the client. */
  permissions?: ModulePermission[];
}

/** A client may act only with an account and portal access on. */
export function clientCanSignIn(client: ClientRecord | null | undefined): client is ClientRecord {
  return !!client && client.portalAccess && !!client.activatedAt;
}

/**
 * The policy. Staff manage everything of their own tenant and nothing of another. A client
 * reads its projects and, in each module it is allowed, the resources that are shared.
 * Anything not granted is denied.
 */
export function defineAbilityFor(actor: Actor, facts: AbilityFacts = {}): PortalAbility {
  const { can, build } = new AbilityBuilder<PortalAbility>(createMongoAbility);
  if (actor.type === 'staff') {
    for (const type of STAFF_SUBJECTS) can('manage', type, { tenantId: actor.tenantId });
    can('manage', 'Resource', { tenantId: actor.tenantId });
    return build();
  }
  const client = facts.client;
  if (!clientCanSignIn(client) || client.id !== actor.clientId || client.tenantId !== actor.tenantId) return build();
  const projectIds = client.projectIds;
  can('read', 'Client', { tenantId: actor.tenantId, id: actor.clientId });
  if (projectIds.length === 0) return build();
  can('read', 'Project', { tenantId: actor.tenantId, id: { $in: projectIds } });
  for (const { module, actions } of facts.permissions ?? []) {
    for (const action of actions) {
      can(action, 'Resource', { tenantId: actor.tenantId, projectId: { $in: projectIds }, module, shared: true });
    }
  }
  return build();
}

/** The rules in CASL's packed form, for the browser (`createMongoAbility(unpackRules(rules))`). */
export function packAbility(ability: PortalAbility): ReturnType<typeof packRules> {
  return packRules(ability.rules as Parameters<typeof packRules>[0]);
}
