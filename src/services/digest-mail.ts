import { AccessIndex } from '../access/access-index.js';
import { loadClientScope } from '../access/client-scope.js';
import { mayActIn } from '../access/policy.js';
import type { ProjectGrants } from '../access/coverage.js';
import { loadGrantsAround } from '../access/snapshot.js';
import type { PortalContext } from '../kernel/context.js';
import { MODULES, type ModuleId } from '../model/modules.js';
import type { Notification } from '../model/notification.js';
import type { MailJob } from '../model/outbox.js';
import type { ResourceRef } from '../model/resource.js';
import type { MailMessage } from '../ports/mail.js';
import { isOpen } from './approval-rules.js';
import { defaultFrequency } from './notifications.js';
import { hashToken, mintToken } from '../tokens/secret-token.js';
import type { DigestItem, DigestProject } from '../mail/digest-email.js';
import { renderDigestFor } from '../mail/email-options.js';

/**
 * Reads shared by the digests of one claimed batch: the grants around the same resources of a
 * project are read once for all of them (two indexed reads) instead of once per digest. The
 * batch is sent at one moment, so each digest is still re-checked against grants read at send time.
 */
export interface DigestBatchReads {
  grantsAround(tenantId: string, projectId: string, refs: readonly ResourceRef[]): Promise<ProjectGrants>;
}

/** Fresh batch reads over `storage`: one per claimed batch, never kept past it. */
export function digestBatchReads(storage: PortalContext['storage']): DigestBatchReads {
  const grants = new Map<string, Promise<ProjectGrants>>();
  return {
    grantsAround(tenantId, projectId, refs) {
      // Ids never contain a tab or a newline (see `Id`), so the key is unambiguous.
      const key = [tenantId, projectId, ...[...new Set(refs.map((r) => `${r.module}\t${r.id}`))].sort()].join('\n');
      let found = grants.get(key);
      if (!found) {
        found = loadGrantsAround(storage, tenantId, projectId, refs);
        // A failed read is not shared with later digests of the batch: they read again.
        found.catch(() => grants.delete(key));
        grants.set(key, found);
      }
      return found;
    },
  };
}

export type PreparedDigest = { message: MailMessage } | { skip: 'cancelled' | 'failed'; reason: string };

const NOTHING_LEFT = 'nothing in the digest is visible to the client any more';

/** Module order in a digest: updates first, then the portal's module order. */
const ORDER = new Map<string, number>(MODULES.map((m, i) => [m, m === 'updates' ? -1 : i]));

/**
 * Renders a digest at send time, re-checking every item through the access module: what was
 * unshared, removed, or is no longer visible to the client (revoked project, archived client,
 * portal access off, module no longer allowed) is left out; a digest with nothing left is not
 * sent. A client that unsubscribed since is not mailed. Mints the unsubscribe token (its hash
 * stored) for the `List-Unsubscribe` header and the visible link.
 */
export async function prepareDigestMail(ctx: PortalContext, job: MailJob, reads: DigestBatchReads = digestBatchReads(ctx.storage)): Promise<PreparedDigest> {
  const { storage, content } = ctx;
  const unsubscribeUrl = ctx.notifications.unsubscribeUrl;
  if (!unsubscribeUrl) return { skip: 'failed', reason: 'createPortal has no unsubscribeUrl for digests' };
  const { tenantId, clientId } = job;
  // Independent reads: one round trip's wait, not three.
  const [scope, stored, notifications] = await Promise.all([
    loadClientScope(ctx, { type: 'client', tenantId, clientId }),
    storage.getNotificationSettings(tenantId, clientId),
    storage.listNotifications(tenantId, { digestId: job.id }),
  ]);
  if (!scope) return { skip: 'cancelled', reason: 'the client can no longer use the portal' };
  if ((stored?.frequency ?? defaultFrequency(scope.tenant)) === 'off') return { skip: 'cancelled', reason: 'the client unsubscribed' };
  const access = new AccessIndex(scope, (projectId, refs) => reads.grantsAround(tenantId, projectId, refs), content);

  const kept: { n: Notification; item: DigestItem; module: ModuleId }[] = [];
  const shares = notifications.filter((n) => n.kind === 'share');
  const targets = await access.resolve(shares.map((n) => ({ projectId: n.projectId, module: n.module, id: n.resourceId })));
  shares.forEach((n, i) => {
    const target = targets[i];
    if (target && access.can('read', target)) kept.push({ n, module: target.module, item: { kind: 'share', title: target.resource.name } });
  });
  for (const n of notifications.filter((x) => x.kind === 'update')) {
    if (!scope.projectIds.has(n.projectId) || !mayActIn(scope.ability, 'read', tenantId, n.projectId, 'updates')) continue;
    const update = await storage.getUpdate(tenantId, n.resourceId);
    if (!update || update.projectId !== n.projectId) continue;
    kept.push({ n, module: 'updates', item: { kind: 'update', title: update.title ?? update.body.split('\n', 1)[0]!.slice(0, 120) } });
  }
  const approvals = notifications.filter((n) => n.kind === 'approval');
  for (const n of approvals) {
    const approval = await storage.getApproval(tenantId, n.resourceId);
    if (!approval || approval.projectId !== n.projectId || !approval.approvers.includes(clientId) || !isOpen(approval, ctx.now())) continue;
    const [target] = await access.resolve([{ projectId: n.projectId, module: approval.module, id: approval.resourceId }]);
    if (target && access.can('read', target)) kept.push({ n, module: approval.module, item: { kind: 'approval', title: target.resource.name } });
  }
  if (kept.length === 0) return { skip: 'cancelled', reason: NOTHING_LEFT };

  const projectIds = [...new Set(kept.map((k) => k.n.projectId))];
  const names = new Map((await content.projects(tenantId, projectIds)).filter((p) => p.tenantId === tenantId).map((p) => [p.id, p.name]));
  const projects: DigestProject[] = projectIds.map((projectId) => {
    const mine = kept.filter((k) => k.n.projectId === projectId);
    const modules = [...new Set(mine.map((k) => k.module))].sort((a, b) => ORDER.get(a)! - ORDER.get(b)!);
    const url = ctx.notifications.portalUrl?.(tenantId, projectId);
    return {
      name: names.get(projectId) ?? projectId,
      ...(url ? { url } : {}),
      groups: modules.map((module) => ({ module, items: mine.filter((k) => k.module === module).map((k) => k.item) })),
    };
  });

  const token = mintToken(tenantId);
  const now = ctx.now();
  await storage.insertUnsubscribeToken({ tenantId, tokenHash: hashToken(token), clientId, createdAt: now, expiresAt: new Date(now.getTime() + ctx.notifications.unsubscribeTtlMs) });
  const url = unsubscribeUrl(token);
  const email = await renderDigestFor(ctx.emails, { ...(scope.client.name ? { clientName: scope.client.name } : {}), tenant: scope.tenant, projects, unsubscribeUrl: url });
  return {
    message: {
      to: scope.client.email,
      ...email,
      headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-Sitegate-Job': job.id },
      messageId: `<${job.id}.${job.attempts}@sitegate>`,
    },
  };
}
