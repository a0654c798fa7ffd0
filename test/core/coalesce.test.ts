import { describe, expect, it } from 'vitest';
import { coalesce } from '../../src/services/coalesce.js';

/** A coalesced doubling write that records each batch it was given. */
function recorder(fail?: (key: string) => boolean) {
  const writes: [string, number[]][] = [];
  const double = coalesce(
    (n: { key: string; n: number }) => n.key,
    async (key, items) => {
      writes.push([key, items.map((i) => i.n)]);
      if (fail?.(key)) throw new Error(`write for ${key} failed`);
      return items.map((i) => i.n * 2);
    },
  );
  return { writes, double };
}

describe('coalesce', () => {
  it('joins the calls of one turn into one write per key, each answered with its own result', async () => {
    const { writes, double } = recorder();
    const answers = await Promise.all([double({ key: 'a', n: 1 }), double({ key: 'b', n: 2 }), double({ key: 'a', n: 3 })]);
    expect(answers).toEqual([2, 4, 6]);
    expect(writes).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
  });

  it('joins calls made after awaits that resolve in the same turn', async () => {
    const { writes, double } = recorder();
    const shared = Promise.resolve();
    const after = async (n: number) => {
      await shared;
      await Promise.resolve();
      return double({ key: 'a', n });
    };
    expect(await Promise.all([after(1), after(2), after(3)])).toEqual([2, 4, 6]);
    expect(writes).toEqual([['a', [1, 2, 3]]]);
  });

  it('writes separately what comes in a later turn', async () => {
    const { writes, double } = recorder();
    const first = double({ key: 'a', n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = double({ key: 'a', n: 2 });
    expect(await Promise.all([first, second])).toEqual([2, 4]);
    expect(writes).toEqual([
      ['a', [1]],
      ['a', [2]],
    ]);
  });

  it('fails every call of a failed write, and only those', async () => {
    const { double } = recorder((key) => key === 'bad');
    const results = await Promise.allSettled([double({ key: 'bad', n: 1 }), double({ key: 'ok', n: 2 }), double({ key: 'bad', n: 3 })]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['write for bad failed', 4, 'write for bad failed']);
  });

  it('rejects the calls of a write that throws before it returns a promise', async () => {
    const double = coalesce(
      () => 'k',
      (): Promise<number[]> => {
        throw new Error('no connection');
      },
    );
    await expect(double(1)).rejects.toThrow('no connection');
  });
});
