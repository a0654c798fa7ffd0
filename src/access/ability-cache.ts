import type { ClientActor, StaffActor } from '../model/actor.js';
import type { ClientRecord, ModulePermission } from '../model/client.js';
import type { ModuleId } from '../model/modules.js';
import type { Role } from '../model/role.js';
import { clientCanSignIn, defineAbilityFor, type PortalAbility } from './policy.js';
import { effectivePermissions } from './roles.js';

/** Compiled policies kept; a few hundred active clients fit, memory stays small. */
const MAX_ENTRIES = 1000;

/**
 * A map that keeps about the `max` most recently used entries in two generations: a hit in the
 * older one moves up, and when the young one is full the older one is dropped whole. A hit in
 * the young one changes nothing — unlike a delete-and-set per hit, which churned the map on
 * every permission check.
 */
class RecentMap<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const found = this.young.get(key);
    if (found !== undefined) return found;
    const older = this.old.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  set(key: string, value: V): void {
    if (this.young.size >= this.max / 2) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}

/** A client's policy and its effective permissions, derived from one set of facts. */
export interface CompiledClient {
  ability: PortalAbility;
  /** Frozen: many requests share it. */
  permissions: readonly ModulePermission[];
  /** The client's projects as a set; shared by many requests, never changed. */
  projectIds: ReadonlySet<string>;
}

/** Every fact `defineAbilityFor` and `effectivePermissions` read, copied when they were compiled. */
interface Facts {
  clientId: string;
  clientTenantId: string;
  canSignIn: boolean;
  projectIds: readonly string[];
  modules: readonly ModuleId[];
  /** The role's grants, or `null` for no role. */
  grants: readonly { module: string; actions: readonly string[] }[] | null;
}

const sameList = (a: readonly string[], b: readonly string[]) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

function sameFacts(facts: Facts, client: ClientRecord, enabledModules: readonly ModuleId[], role: Role | null): boolean {
  if (facts.clientId !== client.id || facts.clientTenantId !== client.tenantId || facts.canSignIn !== clientCanSignIn(client)) return false;
  if (!sameList(facts.projectIds, client.projectIds) || !sameList(facts.modules, enabledModules)) return false;
  const { grants } = facts;
  if (!role || !grants) return !role && !grants;
  if (grants.length !== role.permissions.length) return false;
  for (let i = 0; i < grants.length; i++) {
    const { module, actions } = role.permissions[i]!;
    if (grants[i]!.module !== module || !sameList(grants[i]!.actions, actions)) return false;
  }
  return true;
}

/** The facts a client was last compiled from, by tenant and client id. */
const compiled = new RecentMap<{ facts: Facts; entry: CompiledClient }>(MAX_ENTRIES);

/**
 * `defineAbilityFor` and `effectivePermissions` for a client, computed once per distinct set of
 * facts. Kept per client with every fact they read — the client record's id, tenant, sign-in
 * state and projects, the tenant's enabled modules and the role's grants — compared in full on
 * every call, and those facts are read fresh on every call, so a changed role, switched-off
 * module or revoked project compiles anew at once: nothing here can go stale. Comparing the
 * facts costs less than spelling them out as a key. A CASL ability is never changed after it is
 * built, so one can serve many requests.
 */
export function compiledClient(actor: ClientActor, client: ClientRecord, enabledModules: readonly ModuleId[], role: Role | null): CompiledClient {
  // Ids never contain a newline (see `Id`).
  const key = `${actor.tenantId}\n${actor.clientId}`;
  const found = compiled.get(key);
  if (found && sameFacts(found.facts, client, enabledModules, role)) return found.entry;
  // Copies: the record and role are this call's, and a caller may change them afterwards.
  const facts: Facts = {
    clientId: client.id,
    clientTenantId: client.tenantId,
    canSignIn: clientCanSignIn(client),
    projectIds: [...client.projectIds],
    modules: [...enabledModules],
    grants: role ? role.permissions.map(({ module, actions }) => ({ module, actions: [...actions] })) : null,
  };
  const permissions = role ? effectivePermissions(enabledModules, role) : [];
  for (const permission of permissions) Object.freeze(permission.actions), Object.freeze(permission);
  const entry: CompiledClient = {
    ability: defineAbilityFor(actor, { client: { ...client, projectIds: [...facts.projectIds] }, permissions: [...permissions] }),
    permissions: Object.freeze(permissions),
    projectIds: new Set(facts.projectIds),
  };
  compiled.set(key, { facts, entry });
  return entry;
}

const staffCompiled = new Map<string, PortalAbility>();

/** Staff's policy, compiled once per tenant: its rules name the tenant and nothing else of the actor. */
export function staffAbility(actor: StaffActor): PortalAbility {
  let ability = staffCompiled.get(actor.tenantId);
  if (!ability) {
    ability = defineAbilityFor(actor);
    if (staffCompiled.size >= MAX_ENTRIES) staffCompiled.clear();
    staffCompiled.set(actor.tenantId, ability);
  }
  return ability;
}
