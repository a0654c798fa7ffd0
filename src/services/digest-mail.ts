import { AccessIndex } from '../access/access-index.js';
import { loadClientScope, type ScopeSources } from '../access/client-scope.js';
import { mayActIn } from '../access/policy.js';
import type { ProjectGrants } from '../access/coverage.js';
import { loadGrantsAround } from '../access/snapshot.js';
import type { PortalContext } from '../kernel/context.js';
import { MODULES, type ModuleId } from '../model/modules.js';
import type { ClientRecord } from '../model/client.js';
import type { Notification, NotificationSettingsRecord, UnsubscribeToken } from '../model/notification.js';
import type { Role } from '../model/role.js';
import type { Update } from '../model/update.js';
import type { Approval } from '../model/approval.js';
import type { MailJob } from '../model/outbox.js';
import type { ResourceRef } from '../model/resource.js';
import type { MailMessage } from '../ports/mail.js';
import { waitingOn } from './approval-rules.js';
import { coalesce } from './coalesce.js';
import { defaultFrequency } from './notifications.js';
import { hashToken, mintToken } from '../tokens/secret-token.js';
import type { DigestItem, DigestProject } from '../mail/digest-email.js';
import { renderDigestFor } from '../mail/email-options.js';
import { messageIdOf } from '../mail/message-id.js';
import { openedBy, openedKey } from './receipts.js';

/** What the digests of one tenant in a claimed batch read about their clients, once for them all. */
interface TenantDigestReads {
  clients: ReadonlyMap<string, ClientRecord>;
  settings: ReadonlyMap<string, NotificationSettingsRecord>;
  /** By digest (the job's id). */
  notifications: ReadonlyMap<string, Notification[]>;
}

/**
 * Reads and writes shared by the digests of one claimed batch: per tenant, the clients, their
 * preferences and the digests' notifications in three reads for the whole batch; each custom
 * role, update and approval once; the grants around the same resources of a project once (two
 * indexed reads); and the unsubscribe tokens in one write — instead of all of these once per
 * digest. The batch is sent at one moment, right after it is claimed, so each digest is still
 * re-checked against what storage holds at send time.
 */
export interface DigestBatchReads {
  /** The scope sources of `loadClientScope`, answered from the batch's reads. */
  scopeSources: ScopeSources;
  preference(tenantId: string, clientId: string): Promise<NotificationSettingsRecord | null>;
  notifications(tenantId: string, digestId: string): Promise<Notification[]>;
  grantsAround(tenantId: string, projectId: string, refs: readonly ResourceRef[]): Promise<ProjectGrants>;
  /** An update or an approval (with who it still waits on) told of in the batch, read once for all its digests. */
  update(tenantId: string, updateId: string): Promise<Update | null>;
  approval(tenantId: string, approvalId: string): Promise<{ approval: Approval; waitingOn: readonly string[] } | null>;
  /** Stores an unsubscribe token; the tokens of digests rendered in the same turn go in one write. */
  storeToken(token: UnsubscribeToken): Promise<void>;
}

/** A read shared under `key`; a failed one is not kept, so the batch's later digests read again. */
function shared<T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
  let found = cache.get(key);
  if (!found) {
    found = read();
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}

/** Fresh batch reads over `ctx`'s storage for the digest jobs of `batch`: one per claimed batch, never kept past it. */
export function digestBatchReads(ctx: Pick<PortalContext, 'storage' | 'tenant' | 'now'>, batch: readonly MailJob[]): DigestBatchReads {
  const { storage } = ctx;
  const tenants = new Map<string, Promise<TenantDigestReads>>();
  const roles = new Map<string, Promise<Role | null>>();
  const grants = new Map<string, Promise<ProjectGrants>>();
  const updates = new Map<string, Promise<Update | null>>();
  const approvals = new Map<string, Promise<{ approval: Approval; waitingOn: readonly string[] } | null>>();
  const storeToken = coalesce(
    (token: UnsubscribeToken) => token.tenantId,
    async (_tenantId, tokens) => {
      await storage.insertUnsubscribeTokens(tokens);
      return tokens.map(() => undefined);
    },
  );
  const of = (tenantId: string) =>
    shared(tenants, tenantId, async () => {
      const jobs = batch.filter((j) => j.kind === 'digest' && j.tenantId === tenantId);
      const clientIds = [...new Set(jobs.map((j) => j.clientId))];
      const [clients, settings, notifications] = await Promise.all([
        storage.getClients(tenantId, clientIds),
        storage.listNotificationSettings(tenantId, clientIds),
        storage.listNotifications(tenantId, { digestIds: jobs.map((j) => j.id) }),
      ]);
      const byDigest = new Map<string, Notification[]>();
      for (const n of notifications) {
        const list = byDigest.get(n.digestId!);
        if (list) list.push(n);
        else byDigest.set(n.digestId!, [n]);
      }
      return { clients: new Map(clients.map((c) => [c.id, c])), settings: new Map(settings.map((x) => [x.clientId, x])), notifications: byDigest };
    });
  return {
    scopeSources: {
      tenant: (tenantId) => ctx.tenant(tenantId),
      storage: {
        getClient: async (tenantId, clientId) => (await of(tenantId)).clients.get(clientId) ?? null,
        // Ids never contain a tab or a newline (see `Id`), so the keys below are unambiguous.
        getRole: (tenantId, roleId) => shared(roles, `${tenantId}\t${roleId}`, () => storage.getRole(tenantId, roleId)),
      },
    },
    preference: async (tenantId, clientId) => (await of(tenantId)).settings.get(clientId) ?? null,
    notifications: async (tenantId, digestId) => (await of(tenantId)).notifications.get(digestId) ?? [],
    grantsAround(tenantId, projectId, refs) {
      const key = [tenantId, projectId, ...[...new Set(refs.map((r) => `${r.module}\t${r.id}`))].sort()].join('\n');
      return shared(grants, key, () => loadGrantsAround(storage, tenantId, projectId, refs));
    },
    update: (tenantId, updateId) => shared(updates, `${tenantId}\t${updateId}`, () => storage.getUpdate(tenantId, updateId)),
    approval: (tenantId, approvalId) =>
      shared(approvals, `${tenantId}\t${approvalId}`, async () => {
        const approval = await storage.getApproval(tenantId, approvalId);
        if (!approval) return null;
        const round = (await storage.listApprovalDecisions(tenantId, [approvalId])).filter((d) => d.round === approval.round);
        return { approval, waitingOn: waitingOn(approval, round, ctx.now()) };
      }),
    storeToken,
  };
}

export type PreparedDigest = { message: MailMessage } | { skip: 'cancelled' | 'failed'; reason: string };

const NOTHING_LEFT = 'nothing in the digest is visible to the client any more';

/** Module order in a digest: updates first, then the portal's module order. */
const ORDER = new Map<string, number>(MODULES.map((m, i) => [m, m === 'updates' ? -1 : i]));

/**
 * One notification per thing told of, the oldest. Each share that creates a row queues its own
 * notification, so a resource unshared and shared again within one window is queued twice; the
 * digest names it once. Ids never contain a tab (see `Id`), so the key is unambiguous.
 */
function distinct(notifications: readonly Notification[]): Notification[] {
  const seen = new Set<string>();
  return notifications.filter((n) => {
    const key = `${n.kind}\t${n.projectId}\t${n.module}\t${n.resourceId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Renders a digest at send time, re-checking every item through the access module: what was
 * unshared, removed, or is no longer visible to the client (revoked project, archived client,
 * portal access off, module no longer allowed) is left out, and so is a share of what the client
 * has already opened (unshared by mistake and shared again); a digest with nothing left is not
 * sent. A client that unsubscribed since is not mailed. Mints the unsubscribe token (its hash
 * stored) for the `List-Unsubscribe` header and the visible link, unless `beforeMint` throws.
 */
export async function prepareDigestMail(ctx: PortalContext, job: MailJob, reads: DigestBatchReads = digestBatchReads(ctx, [job]), beforeMint: () => void = () => {}): Promise<PreparedDigest> {
  const { content } = ctx;
  const unsubscribeUrl = ctx.notifications.unsubscribeUrl;
  if (!unsubscribeUrl) return { skip: 'failed', reason: 'createPortal has no unsubscribeUrl for digests' };
  const { tenantId, clientId } = job;
  // Independent reads: one round trip's wait, not three.
  const [scope, stored, told] = await Promise.all([
    loadClientScope(reads.scopeSources, { type: 'client', tenantId, clientId }),
    reads.preference(tenantId, clientId),
    reads.notifications(tenantId, job.id),
  ]);
  const notifications = distinct(told);
  if (!scope) return { skip: 'cancelled', reason: 'the client can no longer use the portal' };
  if ((stored?.frequency ?? defaultFrequency(scope.tenant)) === 'off') return { skip: 'cancelled', reason: 'the client unsubscribed' };
  const access = new AccessIndex(scope, (projectId, refs) => reads.grantsAround(tenantId, projectId, refs), content);

  const kept: { n: Notification; item: DigestItem; module: ModuleId }[] = [];
  const shares = notifications.filter((n) => n.kind === 'share');
  const [targets, opened] = await Promise.all([
    access.resolve(shares.map((n) => ({ projectId: n.projectId, module: n.module, id: n.resourceId }))),
    openedBy(ctx.storage, tenantId, clientId, shares.map((n) => n.projectId)),
  ]);
  shares.forEach((n, i) => {
    const target = targets[i];
    if (opened.has(openedKey(n.projectId, n.module, n.resourceId))) return;
    if (target && access.can('read', target)) kept.push({ n, module: target.module, item: { kind: 'share', title: target.resource.name } });
  });
  for (const n of notifications.filter((x) => x.kind === 'update')) {
    if (!scope.projectIds.has(n.projectId) || !mayActIn(scope.ability, 'read', tenantId, n.projectId, 'updates')) continue;
    const update = await reads.update(tenantId, n.resourceId);
    if (!update || update.projectId !== n.projectId) continue;
    kept.push({ n, module: 'updates', item: { kind: 'update', title: update.title ?? update.body.split('\n', 1)[0]!.slice(0, 120) } });
  }
  const approvals = notifications.filter((n) => n.kind === 'approval');
  for (const n of approvals) {
    const asked = await reads.approval(tenantId, n.resourceId);
    // Only while it waits on this client (open, not decided by it this round, its turn in a
    // sequence) and the client may still approve: else the link leads to a refusal.
    if (!asked || !asked.waitingOn.includes(clientId) || !mayActIn(scope.ability, 'approve', tenantId, n.projectId, asked.approval.module)) continue;
    const { approval } = asked;
    if (approval.projectId !== n.projectId) continue;
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

  beforeMint();
  const token = mintToken(tenantId);
  const now = ctx.now();
  await reads.storeToken({ tenantId, tokenHash: hashToken(token), clientId, createdAt: now, expiresAt: new Date(now.getTime() + ctx.notifications.unsubscribeTtlMs) });
  const url = unsubscribeUrl(token);
  const { name, language } = scope.client;
  const email = await renderDigestFor(ctx.emails, { ...(name ? { clientName: name } : {}), ...(language ? { language } : {}), tenant: scope.tenant, projects, unsubscribeUrl: url });
  return {
    message: {
      to: scope.client.email,
      ...email,
      headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-Sitegate-Job': job.id },
      messageId: messageIdOf(job),
    },
  };
}
