import { ValidationError, invalid } from '../errors/ValidationError.js';
import type { PortalContext } from '../kernel/context.js';

/** Throws a ValidationError naming each of `projectIds` the tenant does not have. */
export async function assertProjectsExist(ctx: PortalContext, tenantId: string, projectIds: string[], field = 'projectIds'): Promise<void> {
  if (projectIds.length === 0) return;
  const found = new Set((await ctx.content.projects(tenantId, [...new Set(projectIds)])).filter((p) => p.tenantId === tenantId).map((p) => p.id));
  const issues = projectIds.flatMap((id, index) => (found.has(id) ? [] : [{ path: [field, index], message: `unknown project ${JSON.stringify(id)}` }]));
  if (issues.length) throw invalid(issues);
}
