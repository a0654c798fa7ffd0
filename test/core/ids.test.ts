import { describe, expect, it } from 'vitest';
import { newId } from '../../src/tokens/ids.js';

describe('newId', () => {
  it('is the prefix, 16 hex digits of time and counter, and 16 base64url characters of randomness', () => {
    expect(newId('cl')).toMatch(/^cl_[0-9a-f]{16}[A-Za-z0-9_-]{16}$/);
  });

  it('sorts in the order the ids were made, within one millisecond too', () => {
    const ids = Array.from({ length: 2000 }, () => newId('nt'));
    expect([...ids].sort()).toEqual(ids);
  });

  it('never repeats its random part, across many refills of the random pool', () => {
    // 20,000 ids draw the 4 KB random pool (341 ids a fill) some 58 times over.
    const randomParts = new Set(Array.from({ length: 20_000 }, () => newId('nt').slice(-16)));
    expect(randomParts.size).toBe(20_000);
  });

  it('uses the whole base64url alphabet, each character about equally often', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 8000; i++) for (const ch of newId('x').slice(-16)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(64);
    // 128,000 characters over 64 symbols: 2,000 each expected; a broken encoder skews far more.
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(1700);
      expect(n).toBeLessThan(2300);
    }
  });
});
