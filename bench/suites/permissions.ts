import { AbilityBuilder, createMongoAbility, subject, type MongoAbility } from '@casl/ability';
import type { AccessTarget, Share } from 'sitegate';
import { memoryStorage } from 'sitegate/adapters/memory';
import { activeClient, benchPortal, TENANT } from '../lib/bench-portal.js';
import type { Row, SuiteOptions } from '../lib/row.js';
import { fmtRate, fmtRatio, opsPerSecond, sampleLatency } from '../lib/stats.js';

const SECTION = 'Permission checks';
const PROJECT = 'p-1';
const TARGETS = 4096;

/** Share i: every tenth a folder, the rest documents. */
const resourceId = (i: number) => (i % 10 === 0 ? `f-${i}` : `d-${i}`);

function shareRecord(i: number): Share {
  return {
    tenantId: TENANT,
    id: `s-${i}`,
    projectId: PROJECT,
    module: 'documents',
    resourceId: resourceId(i),
    kind: i % 10 === 0 ? 'folder' : 'item',
    sharedBy: 'u-bench',
    createdAt: new Date(1_767_225_600_000 + i),
  };
}

/** Half the checks hit a shared resource, half miss; each sits two folders deep. */
function targets(shares: number): AccessTarget[] {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: TARGETS }, (_, i) => ({
    projectId: PROJECT,
    module: 'documents',
    id: i % 2 === 0 ? resourceId(Math.floor(random() * shares)) : `d-missing-${i}`,
    ancestorIds: [`f-parent-${i % 7}`, `f-root-${i % 3}`],
  }));
}

type Ability = MongoAbility;

/** The naive policy: one CASL rule per share. */
function rulePerShare(count: number): Ability {
  const { can, build } = new AbilityBuilder<Ability>(createMongoAbility);
  for (let i = 0; i < count; i++) can('read', 'Resource', { tenantId: TENANT, projectId: PROJECT, module: 'documents', id: resourceId(i) });
  return build();
}

/** The other naive policy: one rule whose conditions list every shared id with `$in`. */
function ruleWithIn(count: number): Ability {
  const { can, build } = new AbilityBuilder<Ability>(createMongoAbility);
  const ids = Array.from({ length: count }, (_, i) => resourceId(i));
  can('read', 'Resource', { tenantId: TENANT, projectId: PROJECT, module: 'documents', id: { $in: ids } });
  return build();
}

function caslChecks(ability: Ability, list: AccessTarget[], durationMs: number): number {
  const subjects = list.map((t) => subject('Resource', { tenantId: TENANT, projectId: t.projectId, module: t.module, id: t.id }));
  return opsPerSecond((i) => ability.can('read', subjects[i & (TARGETS - 1)]!), { durationMs, batch: 1 });
}

export async function permissions(options: SuiteOptions): Promise<Row[]> {
  const rows: Row[] = [];
  const duration = options.quick ? 400 : 2000;
  for (const count of [100, 10_000, 100_000]) {
    const storage = memoryStorage();
    const { portal } = benchPortal(storage);
    const actor = await activeClient(storage, 'c-1', [PROJECT]);
    for (let i = 0; i < count; i++) await storage.insertShare(shareRecord(i));
    const list = targets(count);

    const load = await sampleLatency(() => portal.access(actor), { samples: options.quick ? 5 : 15, warmup: 2 });
    const access = await portal.access(actor);
    const indexRate = opsPerSecond((i) => access.can('read', list[i & (TARGETS - 1)]!), { durationMs: duration });
    const perShare = caslChecks(rulePerShare(count), list, duration);
    const withIn = caslChecks(ruleWithIn(count), list, duration);
    const label = count.toLocaleString('en-US');
    const worst = Math.min(indexRate / perShare, indexRate / withIn);
    rows.push({
      section: SECTION,
      figure: `\`AccessIndex.can\`, ${label} shares`,
      value: fmtRate(indexRate),
      baseline: `CASL rule per share ${fmtRate(perShare)}; CASL \`$in\` ${fmtRate(withIn)}`,
      ratio: `${fmtRatio(indexRate / perShare)}; ${fmtRatio(indexRate / withIn)}`,
      ...(count === 100_000 ? { target: '≥ 5M/s and ≥ 100× both', met: indexRate >= 5e6 && worst >= 100 } : {}),
      note: `index loaded once per request by \`portal.access\`: p50 ${load.p50.toFixed(2)} ms`,
    });

    // The async check a host makes before serving one file: resolve + indexed storage lookups.
    let n = 0;
    const single = await sampleLatency(() => portal.can(actor, 'read', list[n++ & (TARGETS - 1)]!), { samples: options.quick ? 500 : 3000, budgetMs: duration });
    rows.push({
      section: SECTION,
      figure: `\`portal.can\` (async, memory), ${label} shares`,
      value: fmtRate(1000 / single.mean),
      baseline: `\`AccessIndex.can\` ${fmtRate(indexRate)}`,
      ratio: fmtRatio(1000 / single.mean / indexRate),
      note: `p50 ${(single.p50 * 1000).toFixed(1)} µs per check`,
    });
  }
  return rows;
}
