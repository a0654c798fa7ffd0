import { notFound } from '../errors/NotFoundError.js';
import { ValidationError, invalid } from '../errors/ValidationError.js';
import { parseInput } from '../errors/from-zod.js';
import type { PortalContext } from '../kernel/context.js';
import { Id } from '../model/ids.js';

/**
 * The project id a staff call names, once the host's content has it in the tenant; `not_found`
 * otherwise. Reads check it as writes do, so a mistyped or unset id is said to be one, not
 * answered with an empty list.
 */
export async function requireProject(ctx: PortalContext, tenantId: string, value: unknown): Promise<string> {
  const id = parseInput(Id, value, ['projectId']);
  const [project] = await ctx.content.projects(tenantId, [id]);
  if (!project || project.tenantId !== tenantId) throw notFound('Project', id);
  return id;
}

/**
 * Throws a ValidationError naming each of `projectIds` the tenant does not have, each issue with
 * `code: 'project_missing'` (a page says it in its own language: the project was removed since
 * its list was read).
 */
export async function assertProjectsExist(ctx: PortalContext, tenantId: string, projectIds: string[], field = 'projectIds'): Promise<void> {
  if (projectIds.length === 0) return;
  const found = new Set((await ctx.content.projects(tenantId, [...new Set(projectIds)])).filter((p) => p.tenantId === tenantId).map((p) => p.id));
  const issues = projectIds.flatMap((id, index) => (found.has(id) ? [] : [{ path: [field, index], code: 'project_missing', message: `unknown project ${JSON.stringify(id)}` }]));
  if (issues.length) throw invalid(issues);
}
