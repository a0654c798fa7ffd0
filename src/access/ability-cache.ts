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
}

const compiled = new RecentMap<CompiledClient>(MAX_ENTRIES);

/**
 * `defineAbilityFor` and `effectivePermissions` for a client, computed once per distinct set of
 * facts. The key is every fact they read — tenant, client, its projects, the tenant's enabled
 * modules and the role's grants — and those facts are read fresh on every call, so a changed
 * role, switched-off module or revoked project gives a new key at once: nothing here can go
 * stale. A CASL ability is never changed after it is built, so one can serve many requests.
 */
export function compiledClient(actor: ClientActor, client: ClientRecord, enabledModules: readonly ModuleId[], role: Role | null): CompiledClient {
  // Ids never contain a newline or a comma (see `Id`); module names and actions are fixed words.
  let key = `${actor.tenantId}\n${actor.clientId}\n${client.id}\n${client.tenantId}\n${clientCanSignIn(client)}\n${client.projectIds.join(',')}\n${enabledModules.join(',')}`;
  if (role) for (const { module, actions } of role.permissions) key += `\n${module}:${actions.join(',')}`;
  else key += '\n-';
  const found = compiled.get(key);
  if (found) return found;
  const permissions = role ? effectivePermissions(enabledModules, role) : [];
  for (const permission of permissions) Object.freeze(permission.actions), Object.freeze(permission);
  const entry: CompiledClient = {
    ability: defineAbilityFor(actor, { client, permissions: [...permissions] }),
    permissions: Object.freeze(permissions),
  };
  compiled.set(key, entry);
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
