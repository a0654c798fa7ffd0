import * as z from 'zod';
import { Action, MODULES, ModuleId } from './modules.js';
import { Id } from './ids.js';

export const RolePermission = z.object({ module: ModuleId, actions: z.array(Action).min(1) });
export type RolePermission = z.infer<typeof RolePermission>;

/** Named module permissions. The built-in `client` role reads every enabled module. */
export const Role = z.object({
  tenantId: Id,
  id: Id,
  name: z.string().trim().min(1).max(100),
  permissions: z.array(RolePermission),
});
export type Role = z.infer<typeof Role>;

export const BUILT_IN_ROLE_ID = 'client';

/** The built-in role: read every module the tenant enables. */
export function builtInRole(tenantId: string): Role {
  return {
    tenantId,
    id: BUILT_IN_ROLE_ID,
    name: 'Client',
    permissions: MODULES.map((module) => ({ module, actions: ['read'] as Action[] })),
  };
}

/**
 * The role by id: the built-in one, or a tenant's custom role; `null` if unknown. `roles` is the
 * storage (or a transaction); only its `getRole` is needed, so the model does not depend on the port.
 */
export async function findRole(
  roles: { getRole(tenantId: string, roleId: string): Promise<Role | null> },
  tenantId: string,
  roleId: string,
): Promise<Role | null> {
  if (roleId === BUILT_IN_ROLE_ID) return builtInRole(tenantId);
  return roles.getRole(tenantId, roleId);
}
