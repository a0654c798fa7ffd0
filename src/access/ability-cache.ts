import type { ClientActor, StaffActor } from '../model/actor.js';
import type { ClientRecord, ModulePermission } from '../model/client.js';
import { clientCanSignIn, defineAbilityFor, type PortalAbility } from './policy.js';

/** Compiled policies kept; the oldest goes first. A few hundred active clients fit, memory stays small. */
const MAX_ENTRIES = 1000;
const compiled = new Map<string, PortalAbility>();

/**
 * `defineAbilityFor` for a client, compiled once per distinct set of facts. The key is every fact
 * the policy reads — tenant, client, its projects and its effective permissions (the role as the
 * tenant's modules narrow it) — and those facts are read fresh on every call, so a changed role,
 * switched-off module or revoked project gives a new key at once: nothing here can go stale. A
 * CASL ability is never changed after it is built, so one can serve many requests.
 */
export function clientAbility(actor: ClientActor, client: ClientRecord, permissions: readonly ModulePermission[]): PortalAbility {
  // Ids never contain a newline or a comma (see `Id`); module names and actions are fixed words.
  let key = `${actor.tenantId}\n${actor.clientId}\n${client.id}\n${client.tenantId}\n${clientCanSignIn(client)}\n${client.projectIds.join(',')}`;
  for (const { module, actions } of permissions) key += `\n${module}:${actions.join(',')}`;
  const found = compiled.get(key);
  if (found) {
    // Most recently used last, so the least used is the one dropped.
    compiled.delete(key);
    compiled.set(key, found);
    return found;
  }
  const ability = defineAbilityFor(actor, { client, permissions: [...permissions] });
  compiled.set(key, ability);
  if (compiled.size > MAX_ENTRIES) compiled.delete(compiled.keys().next().value!);
  return ability;
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
