import type { Project } from '../model/resource.js';
import type { PortalContext } from '../portal/context.js';
import { requireStaff } from '../portal/guard.js';

export function projectsService(ctx: PortalContext) {
  return {
    /** The tenant's projects from the host's content source, for pickers. */
    async list(actor: unknown): Promise<Project[]> {
      const staff = requireStaff(actor, 'read', 'Project');
      return (await ctx.content.projects(staff.tenantId)).filter((p) => p.tenantId === staff.tenantId);
    },
  };
}
