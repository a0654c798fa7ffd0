import { describe, expect, it } from 'vitest';
import { TENANT_A } from '../fixtures.js';
import { at, invite, mailJob, nth, share, T0, type GetStorage } from './records.js';

export function concurrencyTests(get: GetStorage): void {
  describe('concurrency', () => {
    it('of 20 concurrent accepts of one token, exactly one succeeds', async () => {
      await get().insertInvite(invite({ tokenHash: 'h1' }));
      const results = await Promise.all(Array.from({ length: 20 }, () => get().acceptInvite(TENANT_A, 'h1', T0)));
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect((await get().getInvite(TENANT_A, 'inv-1'))?.status).toBe('accepted');
    });

    it('concurrent shares of one resource all return the one stored share', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => get().insertShare(share({ id: nth('sh', i), createdAt: at(i) }))));
      const stored = await get().listShares(TENANT_A, 'p-maple');
      expect(stored).toHaveLength(1);
      for (const result of results) expect(result).toEqual(stored[0]);
    });

    it('two concurrent claims get disjoint jobs, and together every due job', async () => {
      for (let i = 0; i < 10; i++) await get().insertMailJob(mailJob({ id: nth('job', i), runAt: at(-i) }));
      const [a, b] = await Promise.all([get().claimMailJobs(T0, 5, at(1000)), get().claimMailJobs(T0, 5, at(1000))]);
      const ids = [...a!, ...b!].map((j) => j.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(Array.from({ length: 10 }, (_, i) => nth('job', i)));
      expect((await get().listMailJobs(TENANT_A, { state: 'sending' })).every((j) => j.attempts === 1)).toBe(true);
    });
  });
}
