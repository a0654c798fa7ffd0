import { createPortal, MODULES, type Storage } from 'sitegate';
import { memoryMail } from 'sitegate/adapters/memory';
import { cheapPasswords, staff, TENANT } from '../lib/bench-portal.js';
import { notMeasured, type Row, type SuiteOptions } from '../lib/row.js';
import { fmtLatency, fmtRatio, ms, sampleLatency } from '../lib/stats.js';
import { storageChoices } from '../lib/storages.js';
import { syntheticContent } from '../lib/synthetic-content.js';

const SECTION = 'Notification digests (issue 17)';
const QUEUE_TARGET_MS = 50;
const DIGESTS_PER_SECOND_TARGET = 500;
const AUDIENCE = 1000;

/** A portal on `storage` with digests on (`instant` for everyone) and a clock the suite moves. */
function digestPortal(storage: Storage) {
  let now = new Date('2026-03-02T10:00:00Z');
  const mail = memoryMail();
  const portal = createPortal({
    storage,
    mail,
    content: syntheticContent(),
    acceptUrl: (token) => `https://builder.example/portal/accept#token=${token}`,
    unsubscribeUrl: (token) => `https://builder.example/api/portal/notifications/unsubscribe?token=${token}`,
    portalUrl: (_tenant, projectId) => `https://builder.example/portal/${projectId}`,
    tenants: async (id) => (id === TENANT ? { name: 'Bench Builders', modules: [...MODULES], notifications: { default: 'instant' } } : null),
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
  const choices = storageChoices({ database: 'sitegate_bench_digests' }).filter((c) => c.name !== 'memory');
  const choice = choices.find((c) => c.name === 'PostgreSQL' && 'open' in c) ?? choices.find((c) => c.name === 'PGlite' && 'open' in c);
  if (!choice || !('open' in choice)) return [notMeasured(SECTION, 'digests', 'no SQL storage in this run')];
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
  } catch (error) {
    rows.push(notMeasured(SECTION, choice.name, `failed: ${(error as Error).message}`));
  } finally {
    await opened.close();
  }
  return rows;
}
