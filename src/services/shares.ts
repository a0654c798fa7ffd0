import { notFound } from '../errors/NotFoundError.js';
import { type ValidationIssue, invalid } from '../errors/ValidationError.js';
import { parseInput } from '../errors/from-zod.js';
import { Id } from '../model/ids.js';
import { ListSharesInput, ShareInputs, StatusIds } from '../model/inputs.js';
import { FOLDER_MODULES, ModuleId } from '../model/modules.js';
import type { Resource } from '../model/resource.js';
import type { Share, ShareInput, ShareStatus } from '../model/share.js';
import type { StaffActor } from '../model/actor.js';
import type { AuditEvent } from '../model/audit.js';
import type { Page } from '../model/page.js';
import { pageOfShares } from '../ports/share-pages.js';
import type { StorageOps } from '../ports/storage.js';
import { locate } from '../access/ancestry.js';
import { requireProject } from './projects-check.js';
import { coverageOf } from '../access/coverage.js';
import { isPresentable } from '../access/policy.js';
import { loadGrantsAround } from '../access/snapshot.js';
import { auditActor, record } from '../kernel/audit-log.js';
import type { PortalContext } from '../kernel/context.js';
import { requireStaff } from '../kernel/guard.js';
import { newId } from '../tokens/ids.js';
import { emitAccessRevoked } from './access-events.js';
import { queueNotifications, queuesNotifications } from './notification-queue.js';

/** Shares on a page of `shares.list` when the caller names no `limit`. */
const DEFAULT_PAGE = 100;

/** "an item", "a folder". */
const aOrAn = (kind: string): string => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;

/** A fixed order (UTF-16 code units), the same in every process whatever its locale. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Builder-side sharing of host content with a project's clients. */
export function sharesService(ctx: PortalContext) {
  const { storage, content } = ctx;

  /** Checks every input against the host's content; collects all problems before failing. */
  function validate(inputs: ShareInput[], resolved: (Resource | null)[], tenantId: string, project: string): void {
    const issues: ValidationIssue[] = [];
    inputs.forEach((input, i) => {
      const r = resolved[i];
      const path = ['resources', i];
      if (!r || r.tenantId !== tenantId || r.projectId !== project || r.module !== input.module || r.id !== input.id) {
        issues.push({ path: [...path, 'id'], message: `no ${input.module} resource ${JSON.stringify(input.id)} in this project`, code: 'resource_missing' });
      } else if (r.kind !== input.kind) {
        issues.push({ path: [...path, 'kind'], message: `${JSON.stringify(input.id)} is ${aOrAn(r.kind)}, not ${aOrAn(input.kind)}`, code: 'kind_mismatch' });
      } else if (input.kind === 'folder' && !FOLDER_MODULES.has(input.module)) {
        issues.push({ path: [...path, 'kind'], message: `${input.module} cannot be shared as folders`, code: 'kind_mismatch' });
      } else if (!isPresentable(r)) {
        // What clients could never be shown (a report not yet completed) is not shared at all.
        issues.push({ path: [...path, 'id'], message: `only completed ${r.module} can be shared`, code: 'not_completed' });
      }
    });
    if (issues.length) throw invalid(issues);
  }

  const oneSchedule = () => invalid([{ path: ['resources'], message: 'a project has one schedule; it is already shared', code: 'schedule_shared' }]);

  /** Shares many resources at once; one Share per input, the existing one where already shared. */
  async function share(actor: StaffActor, project: string, resources: ShareInput[]): Promise<Share[]> {
    const staff = requireStaff(actor, 'create', 'Share');
    const inputs = parseInput(ShareInputs, resources, ['resources']);
    const pid = await requireProject(ctx, staff.tenantId, project);
    const resolved = await content.resolve(staff.tenantId, inputs.map((r) => ({ projectId: pid, module: r.module, id: r.id })));
    validate(inputs, resolved, staff.tenantId, pid);
    const schedules = new Set(inputs.filter((r) => r.module === 'schedule').map((r) => r.id));
    if (schedules.size > 1) throw oneSchedule();
    // Rows are written in one canonical order (module, then id), whatever order the request
    // named them in: two batches sharing some resources then queue behind each other instead of
    // each holding a row the other waits for (a deadlock). Answers keep the order asked.
    const canonical = inputs
      .map((input, index) => ({ input, index }))
      .sort((x, y) => compare(x.input.module, y.input.module) || compare(x.input.id, y.input.id));
    const write = async (tx: StorageOps) => {
      if (schedules.size) {
        // The schedule is one resource per project: a second, different schedule share is
        // refused. Checked under the project's exclusive lock, so two requests sharing two
        // different schedules at once cannot both find none shared.
        await tx.holdAccess?.(staff.tenantId, pid, 'change');
        const existing = await tx.listShares(staff.tenantId, pid, { module: 'schedule' });
        if (existing.some((share) => !schedules.has(share.resourceId))) throw oneSchedule();
      }
      const now = ctx.now();
      const stored: Share[] = new Array(inputs.length);
      const newlyShared = new Set<string>();
      for (const { input, index } of canonical) {
        const candidate: Share = {
          tenantId: staff.tenantId,
          id: newId('sh'),
          projectId: pid,
          module: input.module,
          resourceId: input.id,
          kind: input.kind,
          sharedBy: staff.userId,
          createdAt: now,
        };
        // The audit line goes with the share it records, only when this call stored it.
        const audit: AuditEvent = {
          tenantId: staff.tenantId,
          id: newId('au'),
          at: now,
          actor: auditActor(staff),
          action: 'share.created',
          projectId: pid,
          data: { shareId: candidate.id, module: candidate.module, resourceId: candidate.resourceId, kind: candidate.kind },
        };
        const share = await tx.insertShareAudited(candidate, audit);
        if (share.id === candidate.id) newlyShared.add(share.id);
        stored[index] = share;
      }
      // Only what this call newly shared is news; clients hear of it in their next digest.
      const fresh = [...new Map(stored.filter((share) => newlyShared.has(share.id)).map((share) => [share.id, share])).values()];
      await queueNotifications(ctx, tx, staff.tenantId, pid, fresh.map((share) => ({ kind: 'share', module: share.module, resourceId: share.resourceId })));
      return stored;
    };
    // One resource with no notifications to queue is one atomic statement (the share with its
    // audit line): a transaction around it would add two round trips and guarantee nothing more.
    if (canonical.length === 1 && !schedules.size && !queuesNotifications(ctx)) return write(storage);
    return storage.transaction(write);
  }

  /** Removes a share; clients lose sight of it on their next request. */
  async function unshare(actor: StaffActor, project: string, shareId: string): Promise<void> {
    const staff = requireStaff(actor, 'delete', 'Share');
    const pid = parseInput(Id, project, ['projectId']);
    const id = parseInput(Id, shareId, ['shareId']);
    await storage.transaction(async (tx) => {
      // A decision on an approval in the project that is being made now is recorded first, or sees this.
      await tx.holdAccess?.(staff.tenantId, pid, 'change');
      const share = await tx.getShare(staff.tenantId, id);
      if (!share || share.projectId !== pid) throw notFound('Share', id);
      // A concurrent unshare may have removed it since the read: then it is not this one's to record.
      if (!(await tx.deleteShare(staff.tenantId, id))) throw notFound('Share', id);
      const now = ctx.now();
      await record(tx, now, staff.tenantId, staff, 'share.removed', {
        projectId: pid,
        data: { shareId: id, module: share.module, resourceId: share.resourceId, kind: share.kind },
      });
      await emitAccessRevoked(tx, now, staff.tenantId, { cause: 'share_removed', projectId: pid, module: share.module, id: share.resourceId, kind: share.kind, shareId: id });
    });
  }

  /** The project's shares in the order they were made, a page at a time. */
  async function list(actor: StaffActor, project: string, filter: ListSharesInput = {}): Promise<Page<Share>> {
    const staff = requireStaff(actor, 'read', 'Share');
    const { module, limit = DEFAULT_PAGE, cursor } = parseInput(ListSharesInput, filter ?? {});
    const pid = await requireProject(ctx, staff.tenantId, project);
    return pageOfShares(storage, staff.tenantId, pid, { module, limit, cursor });
  }

  /** For share buttons: whether each resource is shared itself, through a folder, or not at all. */
  async function status(actor: StaffActor, project: string, module: string, ids: string[]): Promise<ShareStatus[]> {
    const staff = requireStaff(actor, 'read', 'Share');
    const mod = parseInput(ModuleId, module, ['module']);
    const list = parseInput(StatusIds, ids, ['ids']);
    const pid = await requireProject(ctx, staff.tenantId, project);
    // The same coverage rule clients are checked by, over the real ancestry and the grants around it.
    const located = await locate(content, staff.tenantId, list.map((id) => ({ projectId: pid, module: mod, id })));
    const ancestry = located.map((l) => l?.ancestors ?? []);
    const grants = await loadGrantsAround(storage, staff.tenantId, pid, [...list.map((id) => ({ module: mod, id })), ...ancestry.flat()]);
    return list.map((id, i): ShareStatus => {
      const coverage = coverageOf(grants, { module: mod, id }, ancestry[i]!.map((a) => a.id));
      if (coverage?.via === 'share') return { id, status: 'shared', shareId: coverage.share.id };
      if (coverage?.via === 'folder') return { id, status: 'via_folder', shareId: coverage.share.id };
      // Attached to an update is not shared (the share button shares it), but clients see it: a
      // builder who unshares it, or never shared it, must not believe it hidden.
      return coverage?.via === 'attachment' ? { id, status: 'not_shared', attached: true } : { id, status: 'not_shared' };
    });
  }

  return { share, unshare, list, status };
}
