import { invalid } from '../errors/ValidationError.js';
import { parseInput } from '../errors/from-zod.js';
import { SaveRoleInput } from '../model/inputs.js';
import { BUILT_IN_ROLE_ID, builtInRole, findRole, type Role } from '../model/role.js';
import type { StorageOps } from '../ports/storage.js';
import type { StaffActor } from '../model/actor.js';
import type { PortalContext } from '../kernel/context.js';
import { requireStaff } from '../kernel/guard.js';
import { record } from '../kernel/audit-log.js';
import { emitAccessRevoked, lostAccess } from './access-events.js';

export async function assertRoleExists(storage: StorageOps, tenantId: string, roleId: string | undefined): Promise<void> {
  if (roleId === undefined) return;
  if (!(await findRole(storage, tenantId, roleId))) {
    throw invalid([{ path: ['roleId'], message: `unknown role ${JSON.stringify(roleId)}` }]);
  }
}

export function rolesService(ctx: PortalContext) {
  return {
    /** The built-in `client` role and the tenant's custom roles. */
    async list(actor: StaffActor): Promise<Role[]> {
      const staff = requireStaff(actor, 'read', 'Role');
      return [builtInRole(staff.tenantId), ...(await ctx.storage.listRoles(staff.tenantId))];
    },
    /** Creates or replaces a custom role (e.g. documents only, or approving change orders). */
    async save(actor: StaffActor, input: SaveRoleInput): Promise<Role> {
      const staff = requireStaff(actor, 'manage', 'Role');
      const data = parseInput(SaveRoleInput, input);
      if (data.id === BUILT_IN_ROLE_ID) throw invalid([{ path: ['id'], message: 'the built-in client role cannot be changed' }]);
      const role: Role = { tenantId: staff.tenantId, ...data };
      // What a narrower role takes away is judged on the modules the tenant enables; asked of the
      // host here, not while the transaction holds the tenant's access lock.
      const { modules } = await ctx.tenant(staff.tenantId);
      await ctx.storage.transaction(async (tx) => {
        // A role edited may take approving away in every project: ordered with decisions being made.
        await tx.holdAccess?.(staff.tenantId, null, 'change');
        const previous = await tx.getRole(staff.tenantId, role.id);
        await tx.saveRole(role);
        const now = ctx.now();
        await record(tx, now, staff.tenantId, staff, 'role.saved', { data: { roleId: role.id } });
        const lost = previous ? lostAccess(modules, previous, role) : [];
        if (lost.length > 0) await emitAccessRevoked(tx, now, staff.tenantId, { cause: 'role_narrowed', roleId: role.id, lost });
      });
      return role;
    },
  };
}
