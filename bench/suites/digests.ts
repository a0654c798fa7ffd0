import { createPortal, MODULES, type PortalOptions, type Storage } from 'sitegate';
import { memoryMail } from 'sitegate/adapters/memory';
import { cheapPasswords, staff, TENANT } from '../lib/bench-portal.js';
import { notMeasured, type Row, type SuiteOptions } from '../lib/row.js';
import { fmtLatency, fmtRatio, ms, sampleLatency, settleHeap, summarise } from '../lib/stats.js';
import { sqlStorageChoice } from '../lib/storages.js';
import { syntheticContent } from '../lib/synthetic-content.js';

const SECTION = 'Notification digests (issue 17)';
const QUEUE_TARGET_MS = 50;
const DIGESTS_PER_SECOND_TARGET = 500;
const AUDIENCE = 1000;

/** Bench Builders' settings: every client on `instant`. */
const benchTenant = async (id: string) => (id === TENANT ? { name: 'Bench Builders', modules: [...MODULES], notifications: { default: 'instant' as const } } : null);

/** A portal on `storage` with digests on (`instant` for everyone, unless `tenants` says otherwise) and a clock the suite moves. */
function digestPortal(storage: Storage, tenants: PortalOptions['tenants'] = benchTenant) {
  let now = new Date('2026-03-02T10:00:00Z');
  const mail = memoryMail();
  const portal = createPortal({
    storage,
    mail,
    content: syntheticContent(),
    acceptUrl: (token) => `https://builder.example/portal/accept#token=${token}`,
    unsubscribeUrl: (token) => `https://builder.example/api/portal/notifications/unsubscribe?token=${token}`,
    portalUrl: (_tenant, projectId) => `https://builder.example/portal/${projectId}`,
    tenants,
    passwords: cheapPasswords,
    now: () => now,
  });
  return { portal, mail, advance: (msBy: number) => (now = new Date(now.getTime() + msBy)) };
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

async function clientsOf(storage: Storage, projectId: string, count: number): Promise<void> {
  const at = new Date('2026-01-01T00:00:00Z');
  for (let i = 0; i < count; i++) {
    const id = `c-${projectId}-${String(i).padStart(5, '0')}`;
    await storage.saveClient({ tenantId: TENANT, id, email: `${id}@bench.example`, roleId: 'client', projectIds: [projectId], portalAccess: true, activatedAt: at, createdAt: at, updatedAt: at });
  }
}

export async function digests(options: SuiteOptions): Promise<Row[]> {
  // PostgreSQL when DATABASE_URL is set (the figure), PGlite otherwise.
  const choice = sqlStorageChoice({ database: 'sitegate_bench_digests' });
  if (!choice) return [notMeasured(SECTION, 'digests', 'no SQL storage in this run')];
  console.error(`bench: digests on ${choice.name}…`);
  const opened = await choice.open();
  const rows: Row[] = [];
  try {
    const { storage } = opened;
    const { portal } = digestPortal(storage);
    await clientsOf(storage, 'p-notify', AUDIENCE);
    const samples = options.quick ? 15 : 40;
    // Each sample shares a new folder: a new share, so 1,000 notifications in its transaction.
    // CPU time of this process too: on a shared, loaded machine wall-clock figures swing widely.
    const queueCpu = process.cpuUsage();
    const queued = await sampleLatency((i) => portal.shares.share(staff, 'p-notify', [{ module: 'documents', id: `f-q${i}`, kind: 'folder' }]), { samples, warmup: 2 });
    const queueCpuMs = cpuMs(process.cpuUsage(queueCpu)) / (samples + 2);
    const alone = await sampleLatency((i) => portal.shares.share(staff, 'p-empty', [{ module: 'documents', id: `f-e${i}`, kind: 'folder' }]), { samples, warmup: 2 });
    rows.push({
      section: SECTION,
      figure: `${choice.name}: folder share queued to ${AUDIENCE.toLocaleString('en')} clients (\`shares.share\`, p50 / p95 / p99)`,
      value: fmtLatency(queued),
      baseline: `the same share in a project without clients: p95 ${ms(alone.p95)} ms`,
      ratio: fmtRatio(queued.p95 / alone.p95),
      target: `p95 ≤ ${QUEUE_TARGET_MS} ms`,
      met: queued.p95 <= QUEUE_TARGET_MS,
      note: `${queued.samples} shares; the project's audience in one lean indexed read, one multi-row INSERT of ${AUDIENCE} notifications in the share's transaction; ${queueCpuMs.toFixed(1)} ms of Node CPU per share`,
    });

    // Assembly and delivery: what the first part queued is dropped, then 10,000 pending
    // notifications (2,000 clients × 5 items) become 2,000 digests handed to the memory mail adapter.
    const first = Array.from({ length: AUDIENCE }, (_, i) => `c-p-notify-${String(i).padStart(5, '0')}`);
    await storage.dropPendingNotifications(TENANT, first, new Date('2100-01-01T00:00:00Z'));
    const { portal: p2, mail: mail2, advance: advance2 } = digestPortal(storage);
    const clients = options.quick ? 500 : 2000;
    const perClient = 5;
    await clientsOf(storage, 'p-digest', clients);
    await p2.shares.share(staff, 'p-digest', Array.from({ length: perClient }, (_, i) => ({ module: 'documents' as const, id: `d-${i}`, kind: 'item' as const })));
    advance2(6 * 60_000);
    const flushCpu = process.cpuUsage();
    const started = performance.now();
    const result = await p2.outbox.flush({ batchSize: 100 });
    const seconds = (performance.now() - started) / 1000;
    const flushCpuMs = cpuMs(process.cpuUsage(flushCpu)) / Math.max(1, result.sent);
    const rate = result.sent / seconds;
    const sentMail = mail2.messages.length;
    rows.push({
      section: SECTION,
      figure: `${choice.name}: ${(clients * perClient).toLocaleString('en')} pending notifications assembled and sent (\`outbox.flush\`)`,
      value: `${rate.toFixed(0)} digests/s`,
      baseline: `${result.sent} digests in ${seconds.toFixed(2)} s`,
      ratio: fmtRatio(rate / DIGESTS_PER_SECOND_TARGET),
      target: `≥ ${DIGESTS_PER_SECOND_TARGET} digests/s`,
      met: rate >= DIGESTS_PER_SECOND_TARGET && sentMail === clients,
      note: `${clients} clients × ${perClient} items; assembly (claim + all jobs in one write) and send with the access re-check per item (grants read once per batch); memory mail adapter; ${flushCpuMs.toFixed(2)} ms of Node CPU per digest`,
    });

    rows.push(await idlePasses(storage, choice.name, options));
  } catch (error) {
    rows.push(notMeasured(SECTION, choice.name, `failed: ${(error as Error).message}`));
  } finally {
    await opened.close();
  }
  return rows;
}

/** `storage` as a store without `listPendingTenants`: what a pass did before it, a page scan of clients across tenants. */
function withoutTenantList(storage: Storage): Storage {
  return new Proxy(storage, { get: (target, prop, receiver) => (prop === 'listPendingTenants' ? undefined : Reflect.get(target, prop, receiver)) });
}

/**
 * The outbox's passes while many clients wait for their daily digest and none is due: what a
 * worker pays every second (`start()`'s default interval) between the daily hours. Measured
 * with the tenant list (tenants with nothing due soon are passed over) and, as the baseline, by
 * the page scan of every pending client across tenants, on the same rows.
 */
async function idlePasses(storage: Storage, storageName: string, options: SuiteOptions): Promise<Row> {
  const tenants = options.quick ? 50 : 200;
  const perTenant = 100;
  const queuedAt = new Date('2026-03-02T10:00:00Z');
  const tenantIds = Array.from({ length: tenants }, (_, t) => `waiting-${String(t).padStart(4, '0')}`);
  for (const tenantId of tenantIds) {
    await storage.insertNotifications(
      Array.from({ length: perTenant }, (_, c) => ({ tenantId, id: `n-${c}`, clientId: `c-${String(c).padStart(4, '0')}`, projectId: 'p-1', module: 'documents', resourceId: 'd-1', kind: 'share' as const, createdAt: queuedAt })),
    );
  }
  const daily = async (id: string) => (id.startsWith('waiting-') ? { name: id, modules: [...MODULES] } : benchTenant(id));
  const samples = options.quick ? 20 : 60;
  const passes = async (portal: ReturnType<typeof digestPortal>) => {
    // Each pass a second after the last, as `start()` runs them, from 10:00:01.
    portal.advance(1000);
    const started = performance.now();
    const cpu = process.cpuUsage();
    await portal.portal.outbox.flush();
    const first = { ms: performance.now() - started, cpuMs: cpuMs(process.cpuUsage(cpu)) };
    await settleHeap();
    const times: number[] = [];
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < samples; i++) {
      portal.advance(1000);
      const start = performance.now();
      await portal.portal.outbox.flush();
      times.push(performance.now() - start);
    }
    return { first, steady: summarise(times), cpuMs: cpuMs(process.cpuUsage(cpuBefore)) / samples };
  };
  const listed = await passes(digestPortal(storage, daily));
  const scanned = await passes(digestPortal(withoutTenantList(storage), daily));
  const waiting = (tenants * perTenant).toLocaleString('en');
  return {
    section: SECTION,
    figure: `${storageName}: an outbox pass while ${waiting} clients in ${tenants} tenants wait for their daily digest (\`outbox.flush\`, nothing due, p50 / p95 / p99)`,
    value: fmtLatency(listed.steady),
    baseline: `every pending client listed across tenants, page by page (a store without \`listPendingTenants\`): p50 ${ms(scanned.steady.p50)} ms, ${scanned.cpuMs.toFixed(2)} ms of Node CPU a pass`,
    ratio: fmtRatio(listed.steady.p50 / scanned.steady.p50),
    note: `${listed.steady.samples} passes a second apart after the first; ${listed.cpuMs.toFixed(2)} ms of Node CPU a pass; the first pass reads each tenant once: ${listed.first.ms.toFixed(1)} ms (${listed.first.cpuMs.toFixed(1)} ms of CPU), then each tenant is skipped until a minute before its instant window (5 minutes) ends`,
  };
}
