import type { ClientActor } from '../model/actor.js';
import type { ClientRecord, ModulePermission } from '../model/client.js';
import { findRole } from '../model/role.js';
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

/**
 * Reads the client, its role and the tenant's modules now — so a revoke, a disabled login or a
 * switched-off module takes effect on the very next call. `null` when the client may not act.
 */
export async function loadClientScope(sources: ScopeSources, actor: ClientActor): Promise<ClientScope | null> {
  const client = await sources.storage.getClient(actor.tenantId, actor.clientId);
  if (!clientCanSignIn(client)) return null;
  const [tenant, role] = await Promise.all([sources.tenant(actor.tenantId), findRole(sources.storage, actor.tenantId, client.roleId)]);
  // The policy and permissions follow from these facts alone: derived once per distinct set.
  const { ability, permissions } = compiledClient(actor, client, tenant.modules, role);
  return { actor, client, tenant, permissions, projectIds: new Set(client.projectIds), ability };
}
