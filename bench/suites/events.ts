import { notMeasured, type Row, type SuiteOptions } from '../lib/row.js';
import { fmtLatency, fmtRatio, ms, sampleLatency } from '../lib/stats.js';
import { sqlStorageChoice } from '../lib/storages.js';

const SECTION = 'Host events behind a failing host';

/**
 * Claims of host events while a host's `onEvent` has been failing: every tenant's head retries
 * with its backoff (none due), and events pile up behind it. A claim costs a probe per tenant;
 * the baseline reads every undelivered event once, which is what finding the heads took before
 * they were probed (`DISTINCT ON (tenant_id)` over the queue index).
 */
export async function events(options: SuiteOptions): Promise<Row[]> {
  // PostgreSQL when DATABASE_URL is set, PGlite otherwise: the claim is SQL's.
  const choice = sqlStorageChoice({ database: 'sitegate_bench_events' });
  if (!choice) return [notMeasured(SECTION, 'event claims', 'no SQL storage in this run')];
  console.error(`bench: events on ${choice.name}…`);
  const opened = await choice.open();
  const rows: Row[] = [];
  try {
    const { storage, bulk } = opened;
    if (!bulk) return [notMeasured(SECTION, 'event claims', 'no bulk seed for this storage')];
    const tenants = options.quick ? 200 : 1000;
    const perTenant = 100;
    const s = bulk.schema;
    // Each head retried once, due again in an hour; everything behind it pending.
    await bulk.db.query(
      `INSERT INTO ${s}.events (tenant_id, id, seq, type, at, data, state, attempts, run_at, updated_at)
       SELECT 'waiting-' || lpad(t::text, 5, '0'), 'ev-' || n, n, 'share.created', now(), '{}'::jsonb, 'pending', CASE WHEN n = 1 THEN 1 ELSE 0 END, now() + interval '1 hour', now()
       FROM generate_series(1, ${tenants}) t, generate_series(1, ${perTenant}) n`,
    );
    await bulk.db.query(`ANALYZE ${s}.events`);
    const samples = options.quick ? 20 : 50;
    const lease = () => new Date(Date.now() + 60_000);
    const across = await sampleLatency(() => storage.claimEvents(new Date(), 10, lease()), { samples, warmup: 3 });
    const one = await sampleLatency(() => storage.claimEvents(new Date(), 10, lease(), 'waiting-00001'), { samples, warmup: 3 });
    const readAll = await sampleLatency(() => bulk.db.query(`SELECT count(*) FROM ${s}.events WHERE state IN ('pending', 'delivering')`), { samples, warmup: 3 });
    const waiting = (tenants * perTenant).toLocaleString('en');
    rows.push(
      {
        section: SECTION,
        figure: `${choice.name}: a claim across tenants, ${waiting} events undelivered in ${tenants} tenants, none due (\`claimEvents\`, p50 / p95 / p99)`,
        value: fmtLatency(across),
        baseline: `reading every undelivered event once: p50 ${ms(readAll.p50)} ms`,
        ratio: fmtRatio(across.p50 / readAll.p50),
        note: `${across.samples} claims; each tenant's head found with one probe of the queue index`,
      },
      {
        section: SECTION,
        figure: `${choice.name}: one tenant's claim, ${perTenant} events undelivered behind its head (\`claimEvents\` with a tenant, p50 / p95 / p99)`,
        value: fmtLatency(one),
        baseline: `the claim across all ${tenants} tenants: p50 ${ms(across.p50)} ms`,
        ratio: fmtRatio(one.p50 / across.p50),
        note: `${one.samples} claims; what a worker per tenant (\`start({ tenantIds })\`) pays per tenant and tick`,
      },
    );
  } catch (error) {
    rows.push(notMeasured(SECTION, choice.name, `failed: ${(error as Error).message}`));
  } finally {
    await opened.close();
  }
  return rows;
}
