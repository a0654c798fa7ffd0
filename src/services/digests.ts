import type { PortalContext } from '../kernel/context.js';
import type { DigestClaim } from '../ports/notification-store.js';
import type { MailJob } from '../model/outbox.js';
import type { PendingDigest } from '../model/notification.js';
import type { TenantSettings } from '../model/tenant.js';
import { newId } from '../tokens/ids.js';
import { digestCutoffs, isDue, type DigestCutoffs } from './digest-windows.js';
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
 * pending notification is old enough; daily/weekly: a period boundary passed since, at the
 * hour in the tenant's `timeZone`), its
 * pending notifications are claimed (`attachDigests`: `FOR UPDATE SKIP LOCKED`) and ONE digest
 * mail job is created in the same transaction, so the claim and the job commit together: two
 * workers never build the same digest, and a crash leaves either both or neither. The mail is
 * then sent by the ordinary drain with its lease, retries and fencing. A client set to `off`
 * has its pending notifications dropped. Without `unsubscribeUrl` nothing is assembled: every
 * digest must carry its unsubscribe link, so notifications wait.
 */
export function digestAssembly(ctx: PortalContext) {
  const { storage } = ctx;
  /** Zones already reported as unknown to the runtime: said once, not at every tick. */
  const reported = new Set<string>();

  /**
   * The tenant's exact cutoffs: boundaries at the hour in its `timeZone`, UTC without one. A zone
   * the runtime does not know (the tenant settings check drops those, so only a zone it knew and
   * lost) falls back to UTC and is reported to `onError` once: its digests still go out.
   */
  function cutoffsOf(tenantId: string, tenant: TenantSettings, now: Date, utc: DigestCutoffs, zones: Map<string, DigestCutoffs>): DigestCutoffs {
    const zone = tenant.timeZone;
    if (zone === undefined || zone === 'UTC') return utc;
    // Many tenants share a zone; a zone's boundaries cost some 100 µs of `Intl` to work out.
    const known = zones.get(zone);
    if (known) return known;
    try {
      const cutoffs = digestCutoffs(now, ctx.notifications.windows, zone);
      zones.set(zone, cutoffs);
      return cutoffs;
    } catch (error) {
      if (!reported.has(zone) && reported.size < 100) {
        reported.add(zone);
        ctx.onError(new Error(`Digests of tenant ${JSON.stringify(tenantId)} fall due in UTC: its timeZone ${JSON.stringify(zone)} is not one this runtime knows`, { cause: error }));
      }
      return utc;
    }
  }

  async function assembleTenant(tenantId: string, pending: PendingDigest[], now: Date, utc: DigestCutoffs, zones: Map<string, DigestCutoffs>, result: AssemblyResult): Promise<void> {
    const tenant = await ctx.tenant(tenantId);
    const fallback = defaultFrequency(tenant);
    // Storage listed candidates by the loosest cutoffs (a boundary in any zone); the tenant's
    // own boundaries decide. A client not due yet is left as it is, pending, and listed again.
    const cutoffs = cutoffsOf(tenantId, tenant, now, utc, zones);
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
    const utc = digestCutoffs(now, ctx.notifications.windows);
    /** Each zone's cutoffs at `now`, worked out once per assembly. */
    const zones = new Map<string, DigestCutoffs>();
    // Storage knows neither tenants' defaults nor their zones: across tenants, clients without a
    // stored frequency are listed by the earliest-due rule, and daily and weekly ones once a
    // boundary has passed in any zone (UTC−12…UTC+14); each tenant's own rule is applied here.
    // For one tenant both are known, so the scan lists only clients that are really due.
    let listed = digestCutoffs(now, ctx.notifications.windows, null);
    if (options.tenantId !== undefined) {
      const tenant = await ctx.tenant(options.tenantId);
      const fallback = defaultFrequency(tenant);
      const cutoffs = cutoffsOf(options.tenantId, tenant, now, utc, zones);
      listed = { ...cutoffs, unset: fallback === 'off' ? now : cutoffs[fallback] };
    }
    let after: { tenantId: string; clientId: string } | undefined;
    for (;;) {
      const page = await storage.listPendingDigests({ cutoffs: listed, limit: PAGE, ...(after ? { after } : {}), ...(options.tenantId !== undefined ? { tenantId: options.tenantId } : {}) });
      const byTenant = new Map<string, PendingDigest[]>();
      for (const p of page) {
        const of = byTenant.get(p.tenantId);
        if (of) of.push(p);
        else byTenant.set(p.tenantId, [p]);
      }
      for (const [tenantId, pending] of byTenant) {
        await assembleTenant(tenantId, pending, now, utc, zones, result).catch(ctx.onError);
      }
      if (page.length < PAGE) return result;
      const last = page[page.length - 1]!;
      after = { tenantId: last.tenantId, clientId: last.clientId };
    }
  }

  return { assemble };
}
