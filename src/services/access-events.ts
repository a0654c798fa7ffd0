import { effectivePermissions } from '../access/roles.js';
import { emitEvent } from '../kernel/event-log.js';
import type { Action, ModuleId } from '../model/modules.js';
import type { AccessRevoked } from '../model/portal-event.js';
import type { Role, RolePermission } from '../model/role.js';
import type { StorageOps } from '../ports/storage.js';

/** Queues the host's `access.revoked` (see `AccessRevoked`) in the revoking transaction. */
export async function emitAccessRevoked(tx: Pick<StorageOps, 'insertEvent'>, at: Date, tenantId: string, data: AccessRevoked): Promise<void> {
  await emitEvent(tx, at, tenantId, 'access.revoked', data);
}

/** The (module, action) pairs `before` allows and `after` does not, by module, in `before`'s order. */
export function lostPermissions(before: readonly RolePermission[], after: readonly RolePermission[]): RolePermission[] {
  const kept = new Set(after.flatMap((p) => p.actions.map((action) => `${p.module}\u0000${action}`)));
  const lost: RolePermission[] = [];
  for (const permission of before) {
    const actions = [...new Set(permission.actions)].filter((action: Action) => !kept.has(`${permission.module}\u0000${action}`));
    const same = lost.find((p) => p.module === permission.module);
    if (same) same.actions.push(...actions.filter((action) => !same.actions.includes(action)));
    else if (actions.length > 0) lost.push({ module: permission.module, actions });
  }
  return lost;
}

/**
 * What a client holding `after` instead of `before` can no longer do, as `clients.get` shows
 * permissions: each role's grants on the modules the tenant enables, `approve` implying `read`.
 * So a role that names a module the tenant does not enable, or drops a `read` its `approve`
 * implies, loses nothing.
 */
export function lostAccess(enabledModules: readonly ModuleId[], before: Role | null, after: Role | null): RolePermission[] {
  const effective = (role: Role | null) => (role ? effectivePermissions(enabledModules, role) : []);
  return lostPermissions(effective(before), effective(after));
}
