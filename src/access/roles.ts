import type { ModulePermission } from '../model/client.js';
import { MODULES, type Action, type ModuleId } from '../model/modules.js';
import type { Role } from '../model/role.js';

/**
 * "Show permissions": the module × action list a client really has — the role's grants on
 * modules the tenant enables, in module order. `approve` implies `read`.
 */
export function effectivePermissions(enabledModules: readonly ModuleId[], role: Role): ModulePermission[] {
  const enabled = new Set(enabledModules);
  const granted = new Map<ModuleId, Set<Action>>();
  for (const permission of role.permissions) {
    if (!enabled.has(permission.module)) continue;
    const actions = granted.get(permission.module) ?? new Set<Action>();
    for (const action of permission.actions) actions.add(action);
    if (actions.has('approve')) actions.add('read');
    granted.set(permission.module, actions);
  }
  return MODULES.filter((module) => granted.has(module)).map((module) => ({
    module,
    actions: [...granted.get(module)!].sort(),
  }));
}

