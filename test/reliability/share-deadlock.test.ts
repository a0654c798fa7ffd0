import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ShareInput } from 'sitegate';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';
import { sqlBackends, type SqlBackend } from './sql-backends.js';

/**
 * Concurrent share batches that name the same resources in different orders, from two portals
 * (two handler processes, each with its own pool). Each transaction inserts one share row per
 * resource; taken in request order, [a, b] and [b, a] wait on each other's uncommitted rows and
 * PostgreSQL aborts one as a deadlock.
 */
const ITEMS = 120;
const ids = Array.from({ length: ITEMS }, (_, i) => `doc-${String(i).padStart(3, '0')}`);
const inputs = (list: string[]): ShareInput[] => list.map((id) => ({ module: 'documents', id, kind: 'item' }));

describe.each(sqlBackends())('concurrent share batches on $name', ({ open }) => {
  let backend: SqlBackend;
  let a: ReturnType<typeof makePortal>;
  let b: ReturnType<typeof makePortal>;

  beforeAll(async () => {
    backend = await open();
    // Overlapping batches queue behind each other's row locks, as they should; on a loaded
    // machine a queue of ten can outlast the default lock timeout. Waiting is not what this
    // test is about (postgres-timeouts.test.ts is), so the bound here is generous.
    const timeouts = { lockMs: 30_000, statementMs: 30_000 };
    a = makePortal({ storage: await backend.storage({ timeouts }) });
    b = makePortal({ storage: await backend.storage({ timeouts }) });
    for (const setup of [a, b]) {
      for (const id of ids) {
        setup.content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id, kind: 'item', name: `${id}.pdf`, updatedAt: new Date('2026-01-01T00:00:00Z') });
      }
    }
    // PGlite's first start (WASM) takes tens of seconds on a busy machine.
  }, 180_000);
  afterAll(() => backend?.close());
  beforeEach(() => backend.reset());

  const shareCount = async (of: string[] = ids) =>
    Number(
      (await backend.query(`SELECT count(*)::int AS n FROM "${backend.schema}".shares WHERE tenant_id = $1 AND resource_id = ANY($2::text[])`, [TENANT_A, of])).rows[0]!
        .n,
    );

  it('20 pairs of reversed overlapping batches: no failures, one share per resource', async () => {
    const failures: unknown[] = [];
    for (let pair = 0; pair < 20; pair++) {
      // Fresh resources for each pair, so no pair finds the previous one's shares.
      const batch = ids.slice(pair * 6, pair * 6 + 6);
      const reversed = [...batch].reverse();
      const results = await Promise.allSettled([
        a.portal.shares.share(staffA, 'p-maple', inputs(batch)),
        b.portal.shares.share(staffA, 'p-maple', inputs(reversed)),
      ]);
      for (const r of results) if (r.status === 'rejected') failures.push(r.reason);
      if (results.every((r) => r.status === 'fulfilled')) {
        const [first, second] = results.map((r) => (r as PromiseFulfilledResult<{ id: string; resourceId: string }[]>).value);
        // Each answer lists the shares in the order asked, and both name the same stored shares.
        expect(first!.map((s) => s.resourceId)).toEqual(batch);
        expect(second!.map((s) => s.resourceId)).toEqual(reversed);
        expect(new Map(first!.map((s) => [s.resourceId, s.id]))).toEqual(new Map(second!.map((s) => [s.resourceId, s.id])));
      }
      expect(await shareCount(batch)).toBe(batch.length);
    }
    expect(failures.map(String)).toEqual([]);
  });

  it('ten overlapping 50-item batches at once: all succeed', async () => {
    // Batch k covers ids [10k, 10k + 50), half of them in reverse, so every batch overlaps the next four.
    const batches = Array.from({ length: 10 }, (_, k) => {
      const slice = ids.slice(k * 7, k * 7 + 50);
      return k % 2 ? slice.reverse() : slice;
    });
    const results = await Promise.allSettled(batches.map((batch, k) => (k % 2 ? a : b).portal.shares.share(staffA, 'p-maple', inputs(batch))));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(await shareCount()).toBe(new Set(batches.flat()).size);
  });

  it('two different schedules shared at once in one project: one is shared, the other refused, 20 times', async () => {
    const schedule = (id: string): ShareInput[] => [{ module: 'schedule', id, kind: 'item' }];
    for (const setup of [a, b]) {
      for (const id of ['schedule', 'schedule-2']) {
        setup.content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'schedule', id, kind: 'item', name: id, updatedAt: new Date('2026-01-01T00:00:00Z') });
      }
    }
    for (let round = 0; round < 20; round++) {
      await backend.reset();
      const results = await Promise.allSettled([a.portal.shares.share(staffA, 'p-maple', schedule('schedule')), b.portal.shares.share(staffA, 'p-maple', schedule('schedule-2'))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!.reason;
      expect(refused).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('a project has one schedule') });
      expect((await a.portal.shares.list(staffA, 'p-maple', { module: 'schedule' })).items.map((share) => share.resourceId)).toHaveLength(1);
    }
  });
});

/** The second line, where a deadlock cannot be avoided by ordering: PGlite runs one transaction at a time and has none. */
describe.each(sqlBackends().filter((b) => b.name === 'postgres'))('deadlock retry on $name', ({ open }) => {
  let backend: SqlBackend;
  let a: ReturnType<typeof makePortal>;
  let b: ReturnType<typeof makePortal>;

  beforeAll(async () => {
    backend = await open();
    a = makePortal({ storage: await backend.storage() });
    b = makePortal({ storage: await backend.storage() });
  });
  afterAll(() => backend?.close());

  it('a transaction PostgreSQL aborts as a deadlock is run again, and both succeed', async () => {
    const [x, y] = [
      await a.portal.clients.add(staffA, { email: 'x@example.com', projectIds: [], invite: false }),
      await a.portal.clients.add(staffA, { email: 'y@example.com', projectIds: [], invite: false }),
    ];
    // Each transaction locks one client, waits until the other holds its own, then asks for it:
    // a true deadlock, which PostgreSQL breaks by aborting one of them.
    let arrived = 0;
    let bothHold!: () => void;
    const barrier = new Promise<void>((resolve) => (bothHold = resolve));
    const runs = { first: 0, second: 0 };
    const crossing = (storage: typeof a.storage, run: keyof typeof runs, one: string, other: string) =>
      storage.transaction(async (tx) => {
        runs[run]++;
        await tx.getClientForUpdate(TENANT_A, one);
        if (++arrived === 2) bothHold();
        await barrier;
        return (await tx.getClientForUpdate(TENANT_A, other))?.id;
      });
    const results = await Promise.allSettled([crossing(a.storage, 'first', x.id, y.id), crossing(b.storage, 'second', y.id, x.id)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)))).toEqual([y.id, x.id]);
    // One of the two ran again after PostgreSQL aborted it.
    expect(runs.first + runs.second).toBe(3);
  });

});
