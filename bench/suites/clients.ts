import type { ClientRecord, Storage, StorageOps } from 'sitegate';
import { benchPortal, staff, TENANT } from '../lib/bench-portal.js';
import { notMeasured, type Row, type SuiteOptions } from '../lib/row.js';
import { fmtLatency, fmtRatio, ms, sampleLatency, type Latency } from '../lib/stats.js';
import { storageChoices, type BenchStorage } from '../lib/storages.js';

const SECTION = 'Client list API (`portal.clients.list`, staff, p50 / p95 / p99)';
const BATCH = 2000;
const at = new Date('2026-01-01T00:00:00Z');

function clientAt(n: number): ClientRecord {
  const id = `c-${n.toString().padStart(7, '0')}`;
  return {
    tenantId: TENANT,
    id,
    email: `client-${n}@bench.example`,
    name: `Client ${n}`,
    roleId: 'client',
    projectIds: [`p-${n % 100}`],
    portalAccess: true,
    ...(n % 3 === 0 ? { activatedAt: at } : {}),
    createdAt: new Date(at.getTime() + n),
    updatedAt: at,
  };
}

async function seedClients(storage: Storage, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += BATCH) {
    const end = Math.min(to, start + BATCH);
    await storage.transaction(async (tx: StorageOps) => {
      for (let n = start; n < end; n++) await tx.saveClient(clientAt(n));
    });
  }
}

interface Query {
  label: string;
  input: { limit: number; q?: string; projectId?: string };
}
const QUERIES: Query[] = [
  { label: 'first page of 50', input: { limit: 50 } },
  { label: 'one project, 50', input: { limit: 50, projectId: 'p-7' } },
  { label: 'search `q`, 50', input: { limit: 50, q: 'client-4242' } },
];

async function measure(name: string, { storage, bulk }: BenchStorage, options: SuiteOptions): Promise<Row[]> {
  const rows: Row[] = [];
  const { portal } = benchPortal(storage);
  const previous = new Map<string, Latency>();
  let seeded = 0;
  for (const size of [10_000, 100_000]) {
    await (bulk ? bulk.clients(seeded, size) : seedClients(storage, seeded, size));
    seeded = size;
    // A quick run keeps the first page; filters and search are in the default run.
    for (const query of options.quick ? QUERIES.slice(0, 1) : QUERIES) {
      const samples = options.quick ? 30 : 150;
      const budgetMs = options.quick ? 3000 : 15_000;
      const list = await sampleLatency(() => portal.clients.list(staff, query.input), { samples, budgetMs, warmup: options.quick ? 1 : 3, minSamples: options.quick ? 3 : 5 });
      const before = previous.get(query.label);
      const raw = before
        ? undefined
        : await sampleLatency(() => storage.listClients(TENANT, query.input), { samples, budgetMs, warmup: options.quick ? 1 : 3, minSamples: options.quick ? 3 : 5 });
      rows.push({
        section: SECTION,
        figure: `${name}, ${size / 1000}k clients: ${query.label}`,
        value: fmtLatency(list),
        baseline: before ? `${name} at ${size / 10_000}k: p95 ${ms(before.p95)} ms` : `\`storage.listClients\` alone: p95 ${ms(raw!.p95)} ms`,
        ratio: before ? `${fmtRatio(list.p95 / before.p95)} (growth)` : fmtRatio(list.p95 / raw!.p95),
        note: `${list.samples} samples`,
      });
      previous.set(query.label, list);
    }
  }
  return rows;
}

export async function clients(options: SuiteOptions): Promise<Row[]> {
  const rows: Row[] = [];
  for (const choice of storageChoices()) {
    if ('skipped' in choice) {
      rows.push(notMeasured(SECTION, choice.name, choice.skipped));
      continue;
    }
    console.error(`bench: client list on ${choice.name}…`);
    const opened = await choice.open();
    try {
      rows.push(...(await measure(choice.name, opened, options)));
    } catch (error) {
      rows.push(notMeasured(SECTION, choice.name, `failed: ${(error as Error).message}`));
    } finally {
      await opened.close();
    }
  }
  return rows;
}
