import { notFound } from '../errors/NotFoundError.js';
import { invalid } from '../errors/ValidationError.js';
import { parseInput } from '../errors/from-zod.js';
import { Id } from '../model/ids.js';
import { ListUpdatesInput } from '../model/inputs.js';
import type { ResourceRef } from '../model/resource.js';
import { EditUpdateInput, UpdateInput, type Update } from '../model/update.js';
import type { Page } from '../model/page.js';
import { record } from '../kernel/audit-log.js';
import type { StaffActor } from '../model/actor.js';
import type { PortalContext } from '../kernel/context.js';
import { requireStaff } from '../kernel/guard.js';
import { requireProject } from './projects-check.js';
import { newId } from '../tokens/ids.js';
import { emitAccessRevoked } from './access-events.js';
import { queueNotifications } from './notification-queue.js';

/** Portal updates: a note to the project's clients with resources attached. */
export function updatesService(ctx: PortalContext) {
  const { storage, content } = ctx;

  /** Attachments must be resources of this project that the content source knows (422 otherwise). */
  async function checkResources(tenantId: string, projectId: string, refs: readonly ResourceRef[]): Promise<void> {
    if (refs.length === 0) return;
    const resolved = await content.resolve(tenantId, refs.map((r) => ({ ...r, projectId })));
    const issues = refs.flatMap((ref, i) => {
      const r = resolved[i];
      return r && r.tenantId === tenantId && r.projectId === projectId && r.module === ref.module && r.id === ref.id
        ? []
        : [{ path: ['resources', i, 'id'], message: `no ${ref.module} resource ${JSON.stringify(ref.id)} in this project` }];
    });
    if (issues.length) throw invalid(issues);
  }

  async function publish(actor: StaffActor, projectId: string, input: UpdateInput): Promise<Update> {
    const staff = requireStaff(actor, 'create', 'Update');
    const pid = parseInput(Id, projectId, ['projectId']);
    const data = parseInput(UpdateInput, input);
    await requireProject(ctx, staff.tenantId, pid);
    const refs = data.resources ?? [];
    await checkResources(staff.tenantId, pid, refs);
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
      await queueNotifications(ctx, tx, staff.tenantId, pid, [{ kind: 'update', module: 'updates', resourceId: update.id }]);
    });
    return update;
  }

  async function list(actor: StaffActor, projectId: string, page: { limit?: number; cursor?: string } = {}): Promise<Page<Update>> {
    const staff = requireStaff(actor, 'read', 'Update');
    const { limit, cursor } = parseInput(ListUpdatesInput, page);
    const pid = await requireProject(ctx, staff.tenantId, projectId);
    return storage.listUpdates(staff.tenantId, pid, { limit: limit ?? 50, ...(cursor ? { cursor } : {}) });
  }

  /**
   * Changes the title, body or attachments of a published update; the portal then marks it
   * "Edited". Another tenant's, another project's and a removed update are not found.
   */
  async function edit(actor: StaffActor, projectId: string, updateId: string, input: EditUpdateInput): Promise<Update> {
    const staff = requireStaff(actor, 'update', 'Update');
    const pid = parseInput(Id, projectId, ['projectId']);
    const uid = parseInput(Id, updateId, ['id']);
    const data = parseInput(EditUpdateInput, input);
    const current = await storage.getUpdate(staff.tenantId, uid);
    if (!current || current.projectId !== pid) throw notFound('Update', uid);
    if (data.resources) await checkResources(staff.tenantId, pid, data.resources);
    const at = ctx.now();
    const fields = (['title', 'body', 'resources'] as const).filter((f) => data[f] !== undefined);
    return storage.transaction(async (tx) => {
      // Attachments taken off take access away: ordered with decisions being made (see `holdAccess`).
      // Read under that hold, what the update attached is what this edit replaces.
      if (data.resources) await tx.holdAccess?.(staff.tenantId, pid, 'change');
      const before = data.resources ? await tx.getUpdate(staff.tenantId, uid) : null;
      // Conditional on the update still being live: a removal in between makes this a 404.
      const edited = await tx.editUpdate(staff.tenantId, pid, uid, {
        ...(data.title === undefined ? {} : { title: data.title }),
        ...(data.body === undefined ? {} : { body: data.body }),
        ...(data.resources === undefined ? {} : { resources: data.resources }),
        editedAt: at,
      });
      if (!edited) throw notFound('Update', uid);
      await record(tx, at, staff.tenantId, staff, 'update.edited', { projectId: pid, data: { updateId: uid, fields } });
      const takenOff = before ? refsNotIn(before.resources, edited.resources) : [];
      if (takenOff.length > 0) await emitAccessRevoked(tx, at, staff.tenantId, { cause: 'attachments_removed', projectId: pid, updateId: uid, resources: takenOff });
      return edited;
    });
  }

  /**
   * Removes an update from the portal: clients no longer see it or what only it made visible.
   * A soft delete — the record and its audit trail stay. Removing it again is a 404.
   */
  async function remove(actor: StaffActor, projectId: string, updateId: string): Promise<void> {
    const staff = requireStaff(actor, 'delete', 'Update');
    const pid = parseInput(Id, projectId, ['projectId']);
    const uid = parseInput(Id, updateId, ['id']);
    const at = ctx.now();
    await storage.transaction(async (tx) => {
      // What only this update made visible goes: ordered with decisions being made (see `holdAccess`).
      await tx.holdAccess?.(staff.tenantId, pid, 'change');
      const removed = await tx.getUpdate(staff.tenantId, uid);
      if (!removed || removed.projectId !== pid || !(await tx.removeUpdate(staff.tenantId, pid, uid, at))) throw notFound('Update', uid);
      await record(tx, at, staff.tenantId, staff, 'update.removed', { projectId: pid, data: { updateId: uid } });
      await emitAccessRevoked(tx, at, staff.tenantId, { cause: 'update_removed', projectId: pid, updateId: uid, resources: removed.resources.map(({ module, id }) => ({ module, id })) });
    });
  }

  return { publish, list, edit, remove };
}

/** The attachments of `before` that `after` does not have, as plain refs. */
function refsNotIn(before: readonly ResourceRef[], after: readonly ResourceRef[]): ResourceRef[] {
  const kept = new Set(after.map((ref) => `${ref.module}/${ref.id}`));
  return before.filter((ref) => !kept.has(`${ref.module}/${ref.id}`)).map(({ module, id }) => ({ module, id }));
}
