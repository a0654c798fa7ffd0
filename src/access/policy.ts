import { AbilityBuilder, createMongoAbility, subject, type ForcedSubject, type MongoAbility, type MongoQuery } from '@casl/ability';
import { packRules } from '@casl/ability/extra';
import type { Actor } from '../model/actor.js';
import type { ClientRecord, ModulePermission } from '../model/client.js';
import type { ModuleId } from '../model/modules.js';
import type { Resource } from '../model/resource.js';
import { resourceVerdict } from './verdicts.js';
import { deepFreeze } from '../model/deep-freeze.js';

/**
 * What a `Resource` subject carries when checked. `shared` is the answer of the coverage
 * function (`coverage.ts`: the project's shares, folder ancestry and update attachments), so
 * CASL decides policy — tenant, project access, module, action, what a module shows only when
 * complete — without holding one rule per share or an `$in` over thousands of ids. `kind` and
 * `status` are the resource's as the content source reported them.
 */
export interface ResourceSubject {
  tenantId: string;
  projectId: string;
  module: string;
  id: string;
  kind?: Resource['kind'];
  status?: string;
  shared: boolean;
}

export type AbilityAction = 'manage' | 'read' | 'approve' | 'create' | 'update' | 'delete';
export type AbilitySubjectType = 'Client' | 'Invite' | 'Share' | 'Update' | 'Audit' | 'Role' | 'Project' | 'Approval' | 'Resource' | 'all';
type StaffSubjectType = Exclude<AbilitySubjectType, 'all' | 'Resource'>;
type TenantScoped<T extends StaffSubjectType> = T extends StaffSubjectType ? { tenantId: string; id?: string } & ForcedSubject<T> : never;
const STAFF_SUBJECTS: StaffSubjectType[] = ['Client', 'Invite', 'Share', 'Update', 'Audit', 'Role', 'Project', 'Approval'];
export type AbilitySubject = AbilitySubjectType | TenantScoped<StaffSubjectType> | (ResourceSubject & ForcedSubject<'Resource'>);

export type PortalAbility = MongoAbility<[AbilityAction, AbilitySubject], MongoQuery>;

/** Facts the ability is built from; for a client, read fresh on every request. */
export interface AbilityFacts {
  /** The client's record; required for client actors. */
  client?: ClientRecord | null;
  /** Effective permissions (tenant modules ∩ role) of the client. */
  permissions?: ModulePermission[];
}

/**
 * Modules whose resources clients see only in some states, as the alternative conditions one of
 * which a resource must meet: reports only once completed (a report folder holds them, and a
 * report with no status is not completed). Sharing refuses what these leave out, too.
 */
const PRESENTABLE_WHEN: Partial<Record<ModuleId, MongoQuery[]>> = {
  reports: [{ kind: 'folder' }, { status: 'completed' }],
};

/**
 * A client may act only with an account and portal access on, not archived, and not waiting to
 * confirm a changed email address (until then it signs in with neither address).
 */
export function clientCanSignIn(client: ClientRecord | null | undefined): client is ClientRecord {
  return !!client && client.portalAccess && !!client.activatedAt && !client.archivedAt && !client.pendingEmail;
}

/**
 * The policy. Staff manage sitegate's records of their own tenant (clients, invites, shares,
 * updates, roles…) and read every resource of it, shared or not, drafts included; they never
 * `approve`: a decision is the client's, where its role grants it. A client reads its projects
 * and, in each module its role allows and its tenant enables, does what the role grants on the
 * resources that are shared and presentable (a report once completed). Anything not granted is
 * denied.
 */
export function defineAbilityFor(actor: Actor, facts: AbilityFacts = {}): PortalAbility {
  const { can, build } = new AbilityBuilder<PortalAbility>(createMongoAbility);
  if (actor.type === 'staff') {
    for (const type of STAFF_SUBJECTS) can('manage', type, { tenantId: actor.tenantId });
    can('read', 'Resource', { tenantId: actor.tenantId });
    return build();
  }
  const client = facts.client;
  if (!clientCanSignIn(client) || client.id !== actor.clientId || client.tenantId !== actor.tenantId) return build();
  const projectIds = client.projectIds;
  can('read', 'Client', { tenantId: actor.tenantId, id: actor.clientId });
  if (projectIds.length === 0) return build();
  can('read', 'Project', { tenantId: actor.tenantId, id: { $in: projectIds } });
  for (const { module, actions } of facts.permissions ?? []) {
    const where = { tenantId: actor.tenantId, projectId: { $in: projectIds }, module, shared: true };
    for (const action of actions) {
      const states = PRESENTABLE_WHEN[module];
      if (!states) can(action, 'Resource', where);
      else for (const state of states) can(action, 'Resource', { ...where, ...state });
    }
  }
  return build();
}

/** The rules in CASL's packed form, for the browser (`createMongoAbility(unpackRules(rules))`). */
export function packAbility(ability: PortalAbility): ReturnType<typeof packRules> {
  return packRules(ability.rules as Parameters<typeof packRules>[0]);
}

const sharedPacks = new WeakMap<PortalAbility, ReturnType<typeof packRules>>();

/**
 * `packAbility`, packed once per ability and frozen all the way down. A compiled ability is
 * shared by every request with the same facts, and so are these rules — and the JSON text the
 * HTTP handler writes of them (`frozenJsonText`).
 */
export function sharedPackedRules(ability: PortalAbility): ReturnType<typeof packRules> {
  let packed = sharedPacks.get(ability);
  if (!packed) sharedPacks.set(ability, (packed = deepFreeze(packAbility(ability))));
  return packed;
}

/** The CASL subject for one resource the content source resolved, `shared` as coverage found it. */
export function resourceSubject(tenantId: string, resource: Resource, shared: boolean): ResourceSubject & ForcedSubject<'Resource'> {
  const { projectId, module, id, kind, status } = resource;
  return subject('Resource', { tenantId, projectId, module, id, kind, ...(status === undefined ? {} : { status }), shared });
}

/**
 * May `action` be allowed on any resource of this project and module: a shared one, in the
 * state every module shows? A cheap gate, asked before the host's content is: when it says no,
 * no resource there can be allowed. When it says yes, each resource is still checked.
 */
export function mayActIn(ability: PortalAbility, action: AbilityAction, tenantId: string, projectId: string, module: string): boolean {
  return resourceVerdict(ability, action, tenantId, { projectId, module: module as ModuleId, id: '*', kind: 'folder', status: 'completed' }, true);
}

// The states each module shows, as a CASL ability of their own: `isPresentable` asks it.
const presentation = (() => {
  const { can, build } = new AbilityBuilder<MongoAbility<['show', 'Resource' | (ResourceSubject & ForcedSubject<'Resource'>)], MongoQuery>>(createMongoAbility);
  const conditional = Object.keys(PRESENTABLE_WHEN);
  can('show', 'Resource', { module: { $nin: conditional } });
  for (const [module, states] of Object.entries(PRESENTABLE_WHEN)) for (const state of states!) can('show', 'Resource', { module, ...state });
  return build();
})();

/**
 * Whether clients may ever be shown this resource in its current state, shared or not (a
 * report only once completed). Sharing refuses what fails it; visibility checks get the same
 * answer from `defineAbilityFor`'s rules.
 */
export function isPresentable(resource: Pick<Resource, 'module' | 'kind'> & { status?: string | undefined }): boolean {
  const { module, kind, status } = resource;
  return presentation.can('show', subject('Resource', { tenantId: '', projectId: '', id: '', module, kind, ...(status === undefined ? {} : { status }), shared: false }));
}
