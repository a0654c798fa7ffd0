import type { ClientActor } from '../model/actor.js';
import type { ClientRecord, ModulePermission } from '../model/client.js';
import type { Action, ModuleId } from '../model/modules.js';
import type { TenantSettings } from '../model/tenant.js';
import type { PortalContext } from '../portal/context.js';
import { findRole } from '../services/roles.js';
import { clientCanSignIn, defineAbilityFor, type PortalAbility } from './ability.js';
import { effectivePermissions } from './effective.js';

/** Everything that decides what one client may see, read fresh for each call. */
export interface ClientScope {
  actor: ClientActor;
  client: ClientRecord;
  tenant: TenantSettings;
  permissions: ModulePermission[];
  allowed: Map<ModuleId, ReadonlySet<Action>>;
  projectIds: ReadonlySet<string>;
  ability: PortalAbility;
}

/**
 * Reads the client, its role and the tenant's modules now — so a revoke, a disabled login or a
 * switched-off module takes effect on the very next call. `null` when the client may not act.
 */
export async function loadClientScope(ctx: PortalContext, actor: ClientActor): Promise<ClientScope | null> {
  const client = await ctx.storage.getClient(actor.tenantId, actor.clientId);
  if (!clientCanSignIn(client)) return null;
  const [tenant, role] = await Promise.all([ctx.tenant(actor.tenantId), findRole(ctx.storage, actor.tenantId, client.roleId)]);
  const permissions = role ? effectivePermissions(tenant.modules, role) : [];
  return {
    actor,
    client,
    tenant,
    permissions,
    allowed: new Map(permissions.map((p) => [p.module, new Set(p.actions)])),
    projectIds: new Set(client.projectIds),
    ability: defineAbilityFor(actor, { client, permissions }),
  };
}
