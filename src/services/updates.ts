import { notFound } from '../errors/NotFoundError.js';
import { invalid } from '../errors/ValidationError.js';
import { parseInput } from '../errors/from-zod.js';
import { Id } from '../model/ids.js';
import { ListUpdatesInput } from '../model/inputs.js';
import { UpdateInput, type Update } from '../model/update.js';
import type { Page } from '../model/page.js';
import { record } from '../kernel/audit-log.js';
import type { StaffActor } from '../model/actor.js';
import type { PortalContext } from '../kernel/context.js';
import { requireStaff } from '../kernel/guard.js';
import { newId } from '../tokens/ids.js';

/** Portal updates: a note to the project's clients with resources attached. */
export function updatesService(ctx: PortalContext) {
  const { storage, content } = ctx;

  async function publish(actor: StaffActor, projectId: string, input: UpdateInput): Promise<Update> {
    const staff = requireStaff(actor, 'create', 'Update');
    const pid = parseInput(Id, projectId, ['projectId']);
    const data = parseInput(UpdateInput, input);
    const [project] = await content.projects(staff.tenantId, [pid]);
    if (!project || project.tenantId !== staff.tenantId) throw notFound('Project', pid);
    const refs = data.resources ?? [];
    const resolved = await content.resolve(staff.tenantId, refs.map((r) => ({ ...r, projectId: pid })));
    const issues = refs.flatMap((ref, i) => {
      const r = resolved[i];
      return r && r.tenantId === staff.tenantId && r.projectId === pid && r.module === ref.module && r.id === ref.id
        ? []
        : [{ path: ['resources', i, 'id'], message: `no ${ref.module} resource ${JSON.stringify(ref.id)} in this project` }];
    });
    if (issues.length) throw invalid(issues);
    const update: Update = {
      tenantId: staff.tenantId,
      id: newId('up'),
      projectId: pid,
      ...(data.title === undefined ? {} : { title: data.title }),
      body: data.body,
      resources: refs,
      authorId: staff.userId,
      publishedAt: ctx.now(),
    };
    await storage.transaction(async (tx) => {
      await tx.insertUpdate(update);
      await record(tx, update.publishedAt, staff.tenantId, staff, 'update.published', { projectId: pid, data: { updateId: update.id } });
    });
    return update;
  }

  async function list(actor: StaffActor, projectId: string, page: { limit?: number; cursor?: string } = {}): Promise<Page<Update>> {
    const staff = requireStaff(actor, 'read', 'Update');
    const pid = parseInput(Id, projectId, ['projectId']);
    const { limit, cursor } = parseInput(ListUpdatesInput, page);
    return storage.listUpdates(staff.tenantId, pid, { limit: limit ?? 50, ...(cursor ? { cursor } : {}) });
  }

  return { publish, list };
}
