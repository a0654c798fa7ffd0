import { describe, expect, it } from 'vitest';
import { memoryRateLimiter } from 'sitegate/server';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('memoryRateLimiter', () => {
  it('allows the limit, then refuses with the time left in the window', () => {
    const c = clock();
    const limiter = memoryRateLimiter({ limit: 3, windowSeconds: 60, now: c.now });
    expect([1, 2, 3].map(() => limiter.hit('k'))).toEqual(Array(3).fill({ allowed: true, retryAfterSeconds: 0 }));
    expect(limiter.hit('k')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    c.advance(45_000);
    expect(limiter.hit('k')).toEqual({ allowed: false, retryAfterSeconds: 15 });
    c.advance(15_000);
    expect(limiter.hit('k').allowed).toBe(true);
  });

  it('never evicts a key that is at its limit to make room, however many other keys come', () => {
    // Used to fail: a key at exactly its limit counted as under it and was evicted first.
    const limiter = memoryRateLimiter({ limit: 10, windowSeconds: 900, maxKeys: 100, now: clock().now });
    for (let i = 0; i < 10; i++) limiter.hit('attacker');
    for (let i = 0; i < 10_050; i++) limiter.hit(`noise-${i}`);
    expect(limiter.hit('attacker').allowed).toBe(false);
  });

  it('evicts the oldest key still under its limit', () => {
    const limiter = memoryRateLimiter({ limit: 2, windowSeconds: 900, maxKeys: 3, now: clock().now });
    limiter.hit('a');
    limiter.hit('b');
    limiter.hit('c');
    limiter.hit('d'); // room made by forgetting a
    limiter.hit('b');
    expect(limiter.hit('b').allowed).toBe(false); // b was kept
    limiter.hit('a');
    expect(limiter.hit('a').allowed).toBe(true); // a started over
  });

  it('refuses new keys while every slot holds a blocked key, until the first window ends', () => {
    const c = clock();
    const limiter = memoryRateLimiter({ limit: 1, windowSeconds: 60, maxKeys: 2, now: c.now });
    limiter.hit('a');
    c.advance(10_000);
    limiter.hit('b');
    expect(limiter.hit('new')).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(limiter.hit('a').allowed).toBe(false);
    c.advance(50_000);
    expect(limiter.hit('new').allowed).toBe(true);
    expect(limiter.hit('b').allowed).toBe(false);
  });

  it('gives each kind of key (before its first colon) a table of its own', () => {
    // Made-up tokens' keys, each at its limit, fill their kind's table; sign-in keeps its room.
    const limiter = memoryRateLimiter({ limit: 2, windowSeconds: 900, maxKeys: 10, now: clock().now });
    for (let i = 0; i < 20; i++) for (let n = 0; n < 2; n++) limiter.hit(`accept:token-${i}`);
    expect(limiter.hit('accept:token-new').allowed).toBe(false);
    expect(limiter.hit('signin-ip:192.0.2.1').allowed).toBe(true);
    expect(limiter.hit('signin-account:acme:dana@example.com').allowed).toBe(true);
    // Keys without a colon are one kind of their own.
    for (let i = 0; i < 10; i++) for (let n = 0; n < 2; n++) limiter.hit(`plain-${i}`);
    expect(limiter.hit('plain-new').allowed).toBe(false);
  });

  it('reset forgets a key, lifting its lock-out', () => {
    const limiter = memoryRateLimiter({ limit: 1, windowSeconds: 900, now: clock().now });
    limiter.hit('k');
    expect(limiter.hit('k').allowed).toBe(false);
    limiter.reset('k');
    expect(limiter.hit('k').allowed).toBe(true);
    limiter.reset('never-seen');
  });

  it('keeps each key to the rule of its first hit', () => {
    const limiter = memoryRateLimiter({ limit: 1, windowSeconds: 900, now: clock().now });
    const loose = { limit: 3, windowSeconds: 900 };
    expect([1, 2, 3].map(() => limiter.hit('ip', loose).allowed)).toEqual([true, true, true]);
    expect(limiter.hit('ip', loose).allowed).toBe(false);
    expect(limiter.hit('other').allowed).toBe(true);
    expect(limiter.hit('other').allowed).toBe(false);
  });
});
