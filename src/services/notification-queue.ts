import { notificationAudience } from '../access/audience.js';
import type { PortalContext } from '../kernel/context.js';
import type { ModuleId } from '../model/modules.js';
import type { Notification, NotificationKind } from '../model/notification.js';
import { findRole, type Role } from '../model/role.js';
import type { StorageOps } from '../ports/storage.js';
import { newId } from '../tokens/ids.js';

/** Something that became visible in a project: a shared resource, an update, an approval request. */
export interface NewlyVisible {
  kind: NotificationKind;
  /** The module whose read permission decides who hears of it (`updates` for an update). */
  module: ModuleId;
  /** The resource's id, the update's id or the approval's id. */
  resourceId: string;
  /** Only these clients (an approval's approvers); otherwise the project's clients who may read the module. */
  clientIds?: readonly string[];
}

/** Whether this portal queues notifications at all: only one that sends digests (`unsubscribeUrl`) does. */
export function queuesNotifications(ctx: PortalContext): boolean {
  return !!ctx.notifications.unsubscribeUrl;
}

/**
 * Queues a notification per client who may hear of each item, inside the caller's transaction
 * (the share, update or approval request), so what is visible is told exactly once and what
 * rolls back is never told. All rows go in one `insertNotifications`: no round trip per client.
 * Frequencies are not read here: `off` and the windows apply when the digest is assembled.
 * Nothing is queued by a portal without `unsubscribeUrl` (it sends no digests). The rows' time
 * is read last, just before they are written: a digest pass cannot see them until the caller
 * commits, and it counts on that gap being short (see `assembleTenant` in digests.ts), so it
 * must not include the caller's host hooks or lock waits.
 */
export async function queueNotifications(ctx: PortalContext, tx: StorageOps, tenantId: string, projectId: string, items: readonly NewlyVisible[]): Promise<number> {
  // A portal without `unsubscribeUrl` sends no digests, so it queues nothing either: the
  // table would only grow. Give every process (handlers and workers) the same options.
  if (items.length === 0 || !ctx.notifications.unsubscribeUrl) return 0;
  const told: [clientId: string, item: NewlyVisible][] = [];
  const open = items.filter((item) => !item.clientIds);
  for (const item of items) {
    for (const clientId of item.clientIds ?? []) told.push([clientId, item]);
  }
  if (open.length > 0) {
    // The project's active clients, lean (id, role, status): one indexed read, no full rows.
    const [tenant, members] = await Promise.all([ctx.tenant(tenantId), tx.listProjectAudience(tenantId, projectId, { status: 'active' })]);
    const roles = new Map<string, Role | null>();
    for (const roleId of new Set(members.map((m) => m.roleId))) roles.set(roleId, await findRole(tx, tenantId, roleId));
    for (const item of open) {
      for (const member of notificationAudience(tenant, roles, members, item.module)) told.push([member.clientId, item]);
    }
  }
  const now = ctx.now();
  await tx.insertNotifications(told.map(([clientId, item]) => row(tenantId, projectId, clientId, item, now)));
  return told.length;
}

const row = (tenantId: string, projectId: string, clientId: string, item: NewlyVisible, now: Date): Notification => ({
  tenantId,
  id: newId('nt'),
  clientId,
  projectId,
  module: item.module,
  resourceId: item.resourceId,
  kind: item.kind,
  createdAt: now,
});
