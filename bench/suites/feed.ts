import { activeClient, benchPortal } from '../lib/bench-portal.js';
import { notMeasured, type Row, type SuiteOptions } from '../lib/row.js';
import { CLIENT_PROJECT, CLIENT_PROJECT_SHARES, seedShares, seedUpdates } from '../lib/seed.js';
import { fmtLatency, fmtRatio, ms, sampleLatency, type Latency } from '../lib/stats.js';
import { storageChoices, type BenchStorage } from '../lib/storages.js';

const SECTION = 'Portal feed (`portal.view.feed`, one client, p50 / p95 / p99)';
/** p95 targets at 1M shares. */
const P95_TARGET: Record<string, number> = { PGlite: 10, PostgreSQL: 5 };

const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);

/**
 * The client's project keeps its 200 shares while the tenant grows 10× at a time; the feed
 * should cost the same, because every lookup is by (tenant, project) through an index.
 */
async function measure(name: string, { storage, bulk }: BenchStorage, sizes: number[], options: SuiteOptions): Promise<Row[]> {
  const rows: Row[] = [];
  const { portal } = benchPortal(storage);
  const actor = await activeClient(storage, 'c-feed', [CLIENT_PROJECT]);
  await seedUpdates(storage);
  let seeded = 0;
  let previous: Latency | undefined;
  for (const size of sizes) {
    const started = performance.now();
    await (bulk ? bulk.shares(seeded, size) : seedShares(storage, seeded, size));
    seeded = size;
    const seedSeconds = (performance.now() - started) / 1000;
    const samples = options.quick ? 60 : 300;
    const feed = await sampleLatency(() => portal.view.feed(actor, CLIENT_PROJECT), { samples, budgetMs: options.quick ? 4000 : 20_000 });
    // The floor: the one indexed read of the project's shares the feed cannot do without.
    const floor = await sampleLatency(() => storage.listShares('bench', CLIENT_PROJECT), { samples, budgetMs: options.quick ? 2000 : 10_000 });
    const target = size >= 1e6 && P95_TARGET[name] !== undefined ? P95_TARGET[name] : undefined;
    rows.push({
      section: SECTION,
      figure: `${name}, ${label(size)} shares in the tenant`,
      value: fmtLatency(feed),
      baseline: previous ? `${name} at ${label(size / 10)}: p95 ${ms(previous.p95)} ms` : `\`storage.listShares\` of the project alone: p95 ${ms(floor.p95)} ms`,
      ratio: previous ? `${fmtRatio(feed.p95 / previous.p95)} (growth)` : fmtRatio(feed.p95 / floor.p95),
      ...(previous
        ? target !== undefined
          ? { target: `growth ≤ 1.5×, p95 ≤ ${target} ms`, met: feed.p95 / previous.p95 <= 1.5 && feed.p95 <= target }
          : { target: 'growth ≤ 1.5×', met: feed.p95 / previous.p95 <= 1.5 }
        : {}),
      note: `${CLIENT_PROJECT_SHARES} shares + 20 updates in the client's project; ${feed.samples} samples; seeded in ${seedSeconds.toFixed(1)} s`,
    });
    previous = feed;
  }
  return rows;
}

export async function feed(options: SuiteOptions): Promise<Row[]> {
  const sizes = options.full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
  const rows: Row[] = [];
  for (const choice of storageChoices()) {
    if ('skipped' in choice) {
      rows.push(notMeasured(SECTION, choice.name, choice.skipped));
      continue;
    }
    console.error(`bench: feed on ${choice.name}…`);
    const opened = await choice.open();
    try {
      rows.push(...(await measure(choice.name, opened, sizes, options)));
    } catch (error) {
      rows.push(notMeasured(SECTION, choice.name, `failed: ${(error as Error).message}`));
    } finally {
      await opened.close();
    }
  }
  return rows;
}
