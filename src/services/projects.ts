import type { Project } from '../model/resource.js';
import type { StaffActor } from '../model/actor.js';
import type { PortalContext } from '../kernel/context.js';
import { requireStaff } from '../kernel/guard.js';

export function projectsService(ctx: PortalContext) {
  return {
    /** The tenant's projects from the host's content source, for pickers. */
    async list(actor: StaffActor): Promise<Project[]> {
      const staff = requireStaff(actor, 'read', 'Project');
      return (await ctx.content.projects(staff.tenantId)).filter((p) => p.tenantId === staff.tenantId);
    },
  };
}
