import { allows } from '../access/allows.js';
import { locate } from '../access/ancestry.js';
import { loadClientScope } from '../access/client-scope.js';
import { mayActIn } from '../access/policy.js';
import { loadGrantsAndReceipt } from '../access/snapshot.js';
import { notFound } from '../errors/NotFoundError.js';
import { parseInput } from '../errors/from-zod.js';
import { record } from '../kernel/audit-log.js';
import type { PortalContext } from '../kernel/context.js';
import { emitEvent } from '../kernel/event-log.js';
import { requireClient, requireStaff } from '../kernel/guard.js';
import type { ClientActor, StaffActor } from '../model/actor.js';
import type { ModuleId } from '../model/modules.js';
import { ReceiptListInput, ReceiptRef, type Receipt } from '../model/receipt.js';
import type { Page } from '../model/page.js';
import { pageOfReceipts } from '../ports/receipt-pages.js';
import type { StorageOps } from '../ports/storage.js';
import { requireProject } from './projects-check.js';

/** Receipts on a page of `receipts.list` when the caller names no `limit`. */
const DEFAULT_PAGE = 100;

/** Opens of one resource by one client within this long of the last recorded view are that view. */
export const VIEW_QUIET_MS = 60_000;

/**
 * Records that a client viewed a resource it may see (the caller has checked). At most one
 * write per client and resource per minute: a view within a minute of the last recorded one
 * writes nothing. The first view ever also queues `client.viewed` for the host and an audit
 * line, in the same transaction; later views only move `lastViewedAt` and count.
 *
 * `known` is the client's receipt of the resource as the caller's access check read it
 * (`loadGrantsAndReceipt`), null for none; undefined, and it is read here.
 */
export async function noteView(ctx: PortalContext, actor: ClientActor, ref: { projectId: string; module: ModuleId; id: string }, known?: Receipt | null): Promise<void> {
  const at = ctx.now();
  const { tenantId, clientId } = actor;
  const { projectId, module, id } = ref;
  const view: Receipt = { tenantId, projectId, clientId, module, id, firstViewedAt: at, lastViewedAt: at, views: 1 };
  const quietSince = new Date(at.getTime() - VIEW_QUIET_MS);
  // Most opens repeat a view within the minute, and those write nothing: one indexed read says
  // so without a transaction (its two extra round trips). A receipt's last view only moves
  // forward, so one seen within the minute means `recordView` would answer `throttled` too.
  const recorded = known !== undefined ? known : (await ctx.storage.listReceipts(tenantId, projectId, { module, id, clientId }))[0];
  if (recorded && recorded.lastViewedAt.getTime() > quietSince.getTime()) return;
  await ctx.storage.transaction(async (tx) => {
    if ((await tx.recordView(view, quietSince)) !== 'created') return;
    await emitEvent(tx, at, tenantId, 'client.viewed', { clientId, projectId, module, id });
    await record(tx, at, tenantId, actor, 'resource.viewed', { clientId, projectId, data: { module, id } });
  });
}

/** Read receipts: who opened what, when. Clients record (through `view.open`, or here for host-served files); staff list. */
export function receiptsService(ctx: PortalContext) {
  const { storage, content } = ctx;

  /**
   * A host-served file the client opened. Checked like `view.open`: a resource the client may
   * not see (or that does not exist) is `not_found`, and nothing is recorded.
   */
  async function recordView(actor: ClientActor, ref: ReceiptRef): Promise<void> {
    const client = requireClient(actor);
    // Issues named as the body's members (`module`, `id`), which are the ref's own.
    const target = parseInput(ReceiptRef, ref);
    const missing = () => notFound('Resource', target.id);
    const scope = await loadClientScope(ctx, client);
    if (!scope || !scope.projectIds.has(target.projectId)) throw missing();
    const { tenantId } = client;
    if (!mayActIn(scope.ability, 'read', tenantId, target.projectId, target.module)) throw missing();
    const [located] = await locate(content, tenantId, [target]);
    if (!located) throw missing();
    const { resource, ancestors } = located;
    const receiptOf = { clientId: client.clientId, module: target.module, id: target.id };
    const { grants, receipt } = await loadGrantsAndReceipt(storage, tenantId, target.projectId, [resource, ...ancestors], receiptOf);
    if (!allows(scope.ability, 'read', tenantId, resource, grants, ancestors.map((a) => a.id))) throw missing();
    await noteView(ctx, client, target, receipt);
  }

  /** Who viewed what in the project, newest view first, a page at a time. Listing records nothing. */
  async function list(actor: StaffActor, projectId: string, filter: ReceiptListInput = {}): Promise<Page<Receipt>> {
    // Receipts are a record of client activity, read under the same permission as the audit trail.
    const staff = requireStaff(actor, 'read', 'Audit');
    const { limit = DEFAULT_PAGE, cursor, ...narrow } = parseInput(ReceiptListInput, filter ?? {}, ['query']);
    const pid = await requireProject(ctx, staff.tenantId, projectId);
    return pageOfReceipts(storage, staff.tenantId, pid, { ...narrow, limit, cursor });
  }

  return { record: recordView, list };
}

/**
 * What the client has opened in these projects (its read receipts), as `project/module/id`: a
 * resource it has read is not news to it when it is shared again (the feed's "New", digests).
 */
export async function openedBy(storage: Pick<StorageOps, 'listReceipts'>, tenantId: string, clientId: string, projectIds: readonly string[]): Promise<Set<string>> {
  const receipts = await Promise.all([...new Set(projectIds)].map((projectId) => storage.listReceipts(tenantId, projectId, { clientId })));
  return openedIn(receipts.flat());
}

/** What these receipts say was opened, as `openedBy` answers it. */
export function openedIn(receipts: readonly Receipt[]): Set<string> {
  return new Set(receipts.map((r) => openedKey(r.projectId, r.module, r.id)));
}

/** `openedBy`'s key for a resource. */
export const openedKey = (projectId: string, module: string, id: string): string => `${projectId}/${module}/${id}`;
