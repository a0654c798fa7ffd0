import { describe, expect, it } from 'vitest';
import type { ProjectVisit } from '../../model/visit.js';
import { TENANT_A, TENANT_B } from '../fixtures.js';
import { at, T0, type GetStorage } from './records.js';

const MINUTE = 60_000;
/** The windows the core uses: a write at most once a minute, a new visit after 30 quiet minutes. */
const windowAt = (ms: number) => ({ quietSince: at(ms - MINUTE), newVisitBefore: at(ms - 30 * MINUTE) });

/** `cl-1`'s visit to `p-maple`. */
export const visit = (over: Partial<ProjectVisit> = {}): ProjectVisit => ({ tenantId: TENANT_A, clientId: 'cl-1', projectId: 'p-maple', lastVisitAt: T0, ...over });

export function visitTests(get: GetStorage): void {
  const load = (ms: number, tenantId = TENANT_A, clientId = 'cl-1', projectId = 'p-maple') =>
    get().recordVisit(tenantId, clientId, projectId, at(ms), windowAt(ms));

  describe('project visits', () => {
    it('has no visit before the first, and stores a first visit without a previous one', async () => {
      expect(await get().getVisit(TENANT_A, 'cl-1', 'p-maple')).toBeNull();
      expect(await load(0)).toEqual(visit());
      expect(await get().getVisit(TENANT_A, 'cl-1', 'p-maple')).toEqual(visit());
    });

    it('writes nothing within a minute of the last load, and moves only the last one after it', async () => {
      await load(0);
      expect(await load(59_999)).toEqual(visit());
      // Quiet since exactly the last load: that counts as quiet (`<=`).
      expect(await load(MINUTE)).toEqual(visit({ lastVisitAt: at(MINUTE) }));
      expect(await load(10 * MINUTE)).toEqual(visit({ lastVisitAt: at(10 * MINUTE) }));
      expect(await get().getVisit(TENANT_A, 'cl-1', 'p-maple')).toEqual(visit({ lastVisitAt: at(10 * MINUTE) }));
    });

    it('starts a new visit after the quiet spell: the last becomes the previous', async () => {
      await load(0);
      await load(5 * MINUTE);
      // 30 minutes after the last load exactly: a new visit (`<=`).
      expect(await load(35 * MINUTE)).toEqual(visit({ lastVisitAt: at(35 * MINUTE), previousVisitAt: at(5 * MINUTE) }));
      expect(await load(40 * MINUTE)).toEqual(visit({ lastVisitAt: at(40 * MINUTE), previousVisitAt: at(5 * MINUTE) }));
      expect(await load(40 * MINUTE + 1)).toEqual(visit({ lastVisitAt: at(40 * MINUTE), previousVisitAt: at(5 * MINUTE) }));
      expect(await load(24 * 60 * MINUTE)).toEqual(visit({ lastVisitAt: at(24 * 60 * MINUTE), previousVisitAt: at(40 * MINUTE) }));
      expect(await get().getVisit(TENANT_A, 'cl-1', 'p-maple')).toEqual(visit({ lastVisitAt: at(24 * 60 * MINUTE), previousVisitAt: at(40 * MINUTE) }));
    });

    it('keeps clients, projects and tenants apart', async () => {
      await load(0);
      await load(MINUTE, TENANT_A, 'cl-2');
      await load(2 * MINUTE, TENANT_A, 'cl-1', 'p-oak');
      await load(3 * MINUTE, TENANT_B);
      expect(await get().getVisit(TENANT_A, 'cl-1', 'p-maple')).toEqual(visit());
      expect(await get().getVisit(TENANT_A, 'cl-2', 'p-maple')).toEqual(visit({ clientId: 'cl-2', lastVisitAt: at(MINUTE) }));
      expect(await get().getVisit(TENANT_A, 'cl-1', 'p-oak')).toEqual(visit({ projectId: 'p-oak', lastVisitAt: at(2 * MINUTE) }));
      expect(await get().getVisit(TENANT_B, 'cl-1', 'p-maple')).toEqual(visit({ tenantId: TENANT_B, lastVisitAt: at(3 * MINUTE) }));
      expect(await get().getVisit(TENANT_B, 'cl-2', 'p-maple')).toBeNull();
    });

    describe('transaction isolation', () => {
      it('of 20 concurrent first loads one is stored, and none reports a previous visit', async () => {
        const seen = await Promise.all(Array.from({ length: 20 }, (_, i) => load(i)));
        for (const v of seen) expect(v.previousVisitAt).toBeUndefined();
        const stored = await get().getVisit(TENANT_A, 'cl-1', 'p-maple');
        expect(stored?.previousVisitAt).toBeUndefined();
        expect(seen.map((v) => v.lastVisitAt.getTime())).toContain(stored!.lastVisitAt.getTime());
      });

      it('of 20 concurrent loads that start a new visit one writes, and the previous visit is the old last one', async () => {
        await load(0);
        const seen = await Promise.all(Array.from({ length: 20 }, (_, i) => load(60 * MINUTE + i)));
        const stored = await get().getVisit(TENANT_A, 'cl-1', 'p-maple');
        expect(stored?.previousVisitAt).toEqual(T0);
        expect(stored!.lastVisitAt.getTime()).toBeGreaterThanOrEqual(at(60 * MINUTE).getTime());
        // Each load saw either the write or the visit as it was before it.
        for (const v of seen) expect([stored, visit()]).toContainEqual(v);
      });
    });
  });
}
