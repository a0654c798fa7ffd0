import type { PortalContext } from '../kernel/context.js';
import type { DigestClaim } from '../ports/notification-store.js';
import type { MailJob } from '../model/outbox.js';
import type { PendingDigest } from '../model/notification.js';
import { newId } from '../tokens/ids.js';
import { digestCutoffs, isDue } from './digest-windows.js';
import { defaultFrequency } from './notifications.js';

/** Clients read per page of the pending scan; each page's claims are one transaction per tenant. */
const PAGE = 500;

/** What one assembly did. */
export interface AssemblyResult {
  /** Digest mail jobs created (one per client whose window had elapsed). */
  digests: number;
  /** Pending notifications dropped because their client's frequency is `off`. */
  dropped: number;
}

/**
 * Digest assembly, run by `outbox.flush()` and the `start()` loop before mail is drained,
 * against the portal's clock. For each client whose window has elapsed (instant: its oldest
 * pending notification is old enough; daily/weekly: a period boundary passed since), its
 * pending notifications are claimed (`attachDigests`: `FOR UPDATE SKIP LOCKED`) and ONE digest
 * mail job is created in the same transaction, so the claim and the job commit together: two
 * workers never build the same digest, and a crash leaves either both or neither. The mail is
 * then sent by the ordinary drain with its lease, retries and fencing. A client set to `off`
 * has its pending notifications dropped. Without `unsubscribeUrl` nothing is assembled: every
 * digest must carry its unsubscribe link, so notifications wait.
 */
export function digestAssembly(ctx: PortalContext) {
  const { storage } = ctx;

  async function assembleTenant(tenantId: string, pending: PendingDigest[], now: Date, cutoffs: ReturnType<typeof digestCutoffs>, result: AssemblyResult): Promise<void> {
    const tenant = await ctx.tenant(tenantId);
    const fallback = defaultFrequency(tenant);
    const off: string[] = [];
    const claims: DigestClaim[] = [];
    for (const p of pending) {
      const frequency = p.frequency ?? fallback;
      if (frequency === 'off') off.push(p.clientId);
      else if (isDue(frequency, p.oldest, cutoffs)) claims.push({ clientId: p.clientId, digestId: newId('dg') });
    }
    if (off.length === 0 && claims.length === 0) return;
    await storage.transaction(async (tx) => {
      if (off.length > 0) result.dropped += await tx.dropPendingNotifications(tenantId, off, now);
      const attached = await tx.attachDigests(tenantId, claims, now);
      // All the page's jobs in one write: no round trip per client.
      const jobs = attached.map((claim): MailJob => ({ tenantId, id: claim.digestId, kind: 'digest', clientId: claim.clientId, state: 'pending', attempts: 0, runAt: now, createdAt: now, updatedAt: now }));
      await tx.insertMailJobs(jobs);
      result.digests += attached.length;
    });
  }

  /** Assembles every due digest (of one tenant with `tenantId`). A tenant that fails goes to `onError`; the others go on. */
  async function assemble(options: { tenantId?: string } = {}): Promise<AssemblyResult> {
    const result: AssemblyResult = { digests: 0, dropped: 0 };
    if (!ctx.notifications.unsubscribeUrl) return result;
    const now = ctx.now();
    const cutoffs = digestCutoffs(now, ctx.notifications.windows);
    // Storage does not know tenants' defaults: across tenants, clients without a stored
    // frequency are listed by the earliest-due rule and filtered here. For one tenant the
    // default is known, so the scan lists only clients that are really due.
    let listed = cutoffs;
    if (options.tenantId !== undefined) {
      const fallback = defaultFrequency(await ctx.tenant(options.tenantId));
      listed = { ...cutoffs, unset: fallback === 'off' ? now : cutoffs[fallback] };
    }
    let after: { tenantId: string; clientId: string } | undefined;
    for (;;) {
      const page = await storage.listPendingDigests({ cutoffs: listed, limit: PAGE, ...(after ? { after } : {}), ...(options.tenantId !== undefined ? { tenantId: options.tenantId } : {}) });
      const byTenant = new Map<string, PendingDigest[]>();
      for (const p of page) byTenant.set(p.tenantId, [...(byTenant.get(p.tenantId) ?? []), p]);
      for (const [tenantId, pending] of byTenant) {
        await assembleTenant(tenantId, pending, now, cutoffs, result).catch(ctx.onError);
      }
      if (page.length < PAGE) return result;
      const last = page[page.length - 1]!;
      after = { tenantId: last.tenantId, clientId: last.clientId };
    }
  }

  return { assemble };
}
