import type { PortalContext } from '../kernel/context.js';
import type { DigestClaim } from '../ports/notification-store.js';
import type { MailJob } from '../model/outbox.js';
import type { Frequency, PendingDigest } from '../model/notification.js';
import type { Storage } from '../ports/storage.js';
import type { TenantSettings } from '../model/tenant.js';
import { newId } from '../tokens/ids.js';
import { quietTenantsOf } from './digest-quiet.js';
import { digestCutoffs, isDue, type DigestCutoffs } from './digest-windows.js';
import { defaultFrequency } from './notifications.js';

/** Clients read per page of the pending scan; each page's claims are one transaction per tenant. */
const PAGE = 500;
/** Tenants read per page of the tenant scan (`listPendingTenants`). */
const TENANT_PAGE = 500;
/**
 * How long a notification's row may stay uncommitted after its time was read (just before the
 * row is written, in the share, update or approval request's transaction): a pass cannot see
 * such a row, so no skip may rely on its absence (at most half the instant window).
 */
const LATE_COMMIT_MS = 60_000;

/** The cutoffs at one instant: UTC's, and each zone's as it is first needed (some 100 µs of `Intl` each). */
interface CutoffsAt {
  at: Date;
  utc: DigestCutoffs;
  zones: Map<string, DigestCutoffs>;
}

/** A tenant pass's instants: now, the end of the instant window, and `margin` before now (rows still uncommitted may be that old). */
interface PassTimes {
  now: CutoffsAt;
  windowEnd: CutoffsAt;
  committed: CutoffsAt;
  margin: number;
  /** The process's monotonic time (`performance.now()`) when the pass's `now` was read. */
  mono: number;
}

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
 *
 * A pass goes tenant by tenant where storage lists the tenants (`listPendingTenants`), and a
 * tenant found with nothing due soon is passed over until something can be: most tenants
 * waiting for a daily or weekly hour cost a pass nothing. Without it, the pass lists every
 * client that may be due in any zone, as a page scan across tenants.
 */
export function digestAssembly(ctx: PortalContext) {
  const { storage } = ctx;
  const quiet = quietTenantsOf(ctx);
  /** Zones already reported as unknown to the runtime: said once, not at every tick. */
  const reported = new Set<string>();

  /**
   * The tenant's exact cutoffs: boundaries at the hour in its `timeZone`, UTC without one. A zone
   * the runtime does not know (the tenant settings check drops those, so only a zone it knew and
   * lost) falls back to UTC and is reported to `onError` once: its digests still go out.
   */
  function cutoffsOf(tenantId: string, tenant: TenantSettings, { at, utc, zones }: CutoffsAt): DigestCutoffs {
    const zone = tenant.timeZone;
    if (zone === undefined || zone === 'UTC') return utc;
    // Many tenants share a zone; a zone's boundaries cost some 100 µs of `Intl` to work out.
    const known = zones.get(zone);
    if (known) return known;
    try {
      const cutoffs = digestCutoffs(at, ctx.notifications.windows, zone);
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

  /** Commits one page's claims and drops: the claims and their mail jobs in one transaction. */
  async function commitPage(tenantId: string, off: string[], claims: DigestClaim[], now: Date, result: AssemblyResult): Promise<void> {
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

  /** Sorts listed clients into those to drop (`off`) and those due now (claims). */
  function sortListed(pending: PendingDigest[], fallback: Frequency, cutoffs: DigestCutoffs): { off: string[]; claims: DigestClaim[]; later: PendingDigest[] } {
    const off: string[] = [];
    const claims: DigestClaim[] = [];
    const later: PendingDigest[] = [];
    for (const p of pending) {
      const frequency = p.frequency ?? fallback;
      if (frequency === 'off') off.push(p.clientId);
      else if (isDue(frequency, p.oldest, cutoffs)) claims.push({ clientId: p.clientId, digestId: newId('dg') });
      else later.push(p);
    }
    return { off, claims, later };
  }

  /** The clients of one page of the cross-tenant scan, judged by their tenant's own rules. */
  async function assembleListed(tenantId: string, pending: PendingDigest[], now: CutoffsAt, result: AssemblyResult): Promise<void> {
    const tenant = await ctx.tenant(tenantId);
    // Storage listed candidates by the loosest cutoffs (a boundary in any zone); the tenant's
    // own boundaries decide. A client not due yet is left as it is, pending, and listed again.
    const { off, claims } = sortListed(pending, defaultFrequency(tenant), cutoffsOf(tenantId, tenant, now));
    await commitPage(tenantId, off, claims, now.at, result);
  }

  /**
   * One tenant's pass, by its own default and zone, so storage lists only its clients due within
   * the instant window (`instantMs` from now). Those due now are claimed. From the others and the
   * window, the pass learns when the tenant can next have anything due, and until then later
   * passes skip it without a read (a span). Nothing queued after `now` falls due before the
   * window ends; a row queued up to `margin` before now may still be uncommitted and unseen, so
   * the span ends `margin` early, and a daily or weekly boundary from `margin` before now to the
   * window's end makes none. Nor does a pass that claimed anything (another pass, here or in
   * another process, may hold some of those rows and fail), or a wake during the pass.
   */
  async function assembleTenant(tenantId: string, at: PassTimes, result: AssemblyResult): Promise<void> {
    const now = at.now.at.getTime();
    const span = quiet.spans.get(tenantId);
    // Trusted only while the portal's clock and this process's monotonic one agree that it has
    // not ended: a clock that went back (and came forward again) would otherwise stretch it.
    if (span && span.at <= now && now < span.until && performance.now() - span.setAt < span.until - span.at) return;
    quiet.spans.delete(tenantId);
    const wakes = quiet.wakes;
    const tenant = await ctx.tenant(tenantId);
    const fallback = defaultFrequency(tenant);
    const cutoffs = cutoffsOf(tenantId, tenant, at.now);
    const soon = cutoffsOf(tenantId, tenant, at.windowEnd);
    const since = cutoffsOf(tenantId, tenant, at.committed);
    const listed = { ...soon, unset: fallback === 'off' ? at.now.at : soon[fallback] };
    const window = ctx.notifications.windows.instantMs;
    const boundaryNear = since.daily.getTime() !== soon.daily.getTime() || since.weekly.getTime() !== soon.weekly.getTime();
    let quietUntil = boundaryNear ? now : now + window - at.margin;
    let after: string | undefined;
    for (;;) {
      const page = await storage.listPendingDigests({ cutoffs: listed, limit: PAGE, tenantId, ...(after !== undefined ? { after: { tenantId, clientId: after } } : {}) });
      const { off, claims, later } = sortListed(page, fallback, cutoffs);
      // Listed but not due now: due within the window, an instant one when its oldest is `instantMs` old.
      for (const p of later) quietUntil = Math.min(quietUntil, (p.frequency ?? fallback) === 'instant' ? p.oldest.getTime() + window : now);
      await commitPage(tenantId, off, claims, at.now.at, result);
      if (claims.length > 0) quietUntil = now;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.clientId;
    }
    if (quietUntil > now && quiet.wakes === wakes) quiet.spans.set(tenantId, { at: now, until: quietUntil, setAt: at.mono });
  }

  /** The cutoffs at `at`, each zone's worked out once per assembly. */
  function cutoffsAt(at: Date): CutoffsAt {
    return { at, utc: digestCutoffs(at, ctx.notifications.windows), zones: new Map() };
  }

  /** The instants of `assembleTenant`'s passes at `now`. */
  function passTimes(now: Date): PassTimes {
    const window = ctx.notifications.windows.instantMs;
    const margin = Math.min(LATE_COMMIT_MS, window / 2);
    return { now: cutoffsAt(now), windowEnd: cutoffsAt(new Date(now.getTime() + window)), committed: cutoffsAt(new Date(now.getTime() - margin)), margin, mono: performance.now() };
  }

  /** Every tenant holding pending notifications, each by its own rules: what `listPendingTenants` allows. */
  async function assembleByTenant(listTenants: NonNullable<Storage['listPendingTenants']>, now: Date, result: AssemblyResult): Promise<void> {
    const times = passTimes(now);
    const listed = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const tenants = await listTenants.call(storage, { limit: TENANT_PAGE, ...(after !== undefined ? { after } : {}) });
      for (const tenantId of tenants) {
        listed.add(tenantId);
        await assembleTenant(tenantId, times, result).catch(ctx.onError);
      }
      if (tenants.length < TENANT_PAGE) break;
      after = tenants[tenants.length - 1]!;
    }
    // A tenant with nothing pending any more needs no quiet span: the map holds only tenants still waiting.
    for (const tenantId of quiet.spans.keys()) if (!listed.has(tenantId)) quiet.spans.delete(tenantId);
  }

  /**
   * Without `listPendingTenants`: storage knows neither tenants' defaults nor their zones, so
   * across tenants, clients without a stored frequency are listed by the earliest-due rule, and
   * daily and weekly ones once a boundary has passed in any zone (UTC−12…UTC+14); each tenant's
   * own rule is applied here.
   */
  async function assembleByClient(now: Date, result: AssemblyResult): Promise<void> {
    const times = cutoffsAt(now);
    const listed = digestCutoffs(now, ctx.notifications.windows, null);
    let after: { tenantId: string; clientId: string } | undefined;
    for (;;) {
      const page = await storage.listPendingDigests({ cutoffs: listed, limit: PAGE, ...(after ? { after } : {}) });
      const byTenant = new Map<string, PendingDigest[]>();
      for (const p of page) {
        const of = byTenant.get(p.tenantId);
        if (of) of.push(p);
        else byTenant.set(p.tenantId, [p]);
      }
      for (const [tenantId, pending] of byTenant) {
        await assembleListed(tenantId, pending, times, result).catch(ctx.onError);
      }
      if (page.length < PAGE) return;
      const last = page[page.length - 1]!;
      after = { tenantId: last.tenantId, clientId: last.clientId };
    }
  }

  /** Assembles every due digest (of one tenant with `tenantId`). A tenant that fails goes to `onError`; the others go on. */
  async function assemble(options: { tenantId?: string } = {}): Promise<AssemblyResult> {
    const result: AssemblyResult = { digests: 0, dropped: 0 };
    if (!ctx.notifications.unsubscribeUrl) return result;
    const now = ctx.now();
    if (options.tenantId !== undefined) {
      await assembleTenant(options.tenantId, passTimes(now), result);
    } else if (storage.listPendingTenants) {
      await assembleByTenant(storage.listPendingTenants, now, result);
    } else {
      await assembleByClient(now, result);
    }
    return result;
  }

  return { assemble };
}
