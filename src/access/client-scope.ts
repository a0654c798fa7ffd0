import type { ClientActor } from '../model/actor.js';
import type { ClientRecord, ModulePermission } from '../model/client.js';
import { BUILT_IN_ROLE_ID, builtInRole, type Role } from '../model/role.js';
import type { TenantSettings } from '../model/tenant.js';
import type { StorageOps } from '../ports/storage.js';
import { compiledClient } from './ability-cache.js';
import { clientCanSignIn, type PortalAbility } from './policy.js';

/** Everything that decides what one client may see, read fresh for each call. */
export interface ClientScope {
  actor: ClientActor;
  client: ClientRecord;
  tenant: TenantSettings;
  /** "Show permissions": what the role grants on the modules the tenant enables. */
  permissions: readonly ModulePermission[];
  projectIds: ReadonlySet<string>;
  /** The policy built from the facts above: the only thing that decides. */
  ability: PortalAbility;
}

/** Where a scope's facts are read from (the portal's storage and tenant settings). */
export interface ScopeSources {
  storage: Pick<StorageOps, 'getClient' | 'getRole'>;
  tenant(tenantId: string): Promise<TenantSettings>;
}

/** The built-in role per tenant, frozen: it is the same for every call and only ever read. */
const builtInRoles = new Map<string, Role>();
const MAX_TENANTS = 1000;

function builtIn(tenantId: string): Role {
  let role = builtInRoles.get(tenantId);
  if (!role) {
    role = builtInRole(tenantId);
    for (const permission of role.permissions) Object.freeze(permission.actions), Object.freeze(permission);
    Object.freeze(role.permissions), Object.freeze(role);
    if (builtInRoles.size >= MAX_TENANTS) builtInRoles.clear();
    builtInRoles.set(tenantId, role);
  }
  return role;
}

/**
 * Reads the client, its role and the tenant's modules now — so a revoke, a disabled login or a
 * switched-off module takes effect on the very next call. `null` when the client may not act.
 */
export async function loadClientScope(sources: ScopeSources, actor: ClientActor): Promise<ClientScope | null> {
  const client = await sources.storage.getClient(actor.tenantId, actor.clientId);
  if (!clientCanSignIn(client)) return null;
  // `findRole`, with the built-in role built once per tenant rather than on every call.
  const settings = sources.tenant(actor.tenantId);
  const [tenant, found] =
    client.roleId === BUILT_IN_ROLE_ID ? [await settings, builtIn(actor.tenantId)] : await Promise.all([settings, sources.storage.getRole(actor.tenantId, client.roleId)]);
  // The policy and permissions follow from these facts alone: derived once per distinct set.
  const { ability, permissions, projectIds } = compiledClient(actor, client, tenant.modules, found);
  return { actor, client, tenant, permissions, projectIds, ability };
}
