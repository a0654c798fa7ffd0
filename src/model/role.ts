import * as z from 'zod';
import { Action, ModuleId } from './modules.js';
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
