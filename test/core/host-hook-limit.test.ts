import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HostTimeoutError } from '../../src/errors/HostTimeoutError.js';
import { hookLimit } from '../../src/services/host-hooks.js';

/**
 * The hook time limit costs no timer per call (hooks are asked several times per permission
 * check): one interval sweeps the calls under way. A late call still fails no sooner than the
 * limit, and no later than a quarter after it; nothing ticks once no call waits.
 */
describe('hookLimit', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const never = () => new Promise<never>(() => {});
  const outcome = (promise: Promise<unknown>) => {
    const seen: { error?: unknown; value?: unknown; settled: boolean } = { settled: false };
    promise.then(
      (value) => Object.assign(seen, { value, settled: true }),
      (error: unknown) => Object.assign(seen, { error, settled: true }),
    );
    return seen;
  };

  it('fails a late call between the limit and a quarter after it, naming the hook', async () => {
    const limit = hookLimit(100);
    await vi.advanceTimersByTimeAsync(10);
    const late = outcome(limit('content.resolve', never));
    await vi.advanceTimersByTimeAsync(99);
    expect(late.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(26);
    expect(late.error).toBeInstanceOf(HostTimeoutError);
    expect((late.error as HostTimeoutError).hook).toBe('content.resolve');
  });

  it('answers what a call in time answers, its failure too, and leaves no timer once nothing waits', async () => {
    const limit = hookLimit(100);
    expect(await limit('tenants', async () => 'acme')).toBe('acme');
    await expect(limit('tenants', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(limit('tenants', () => { throw new Error('thrown'); })).rejects.toThrow('thrown');
    // A slow call, then a late one started later: each failed on its own time.
    const first = outcome(limit('a', never));
    await vi.advanceTimersByTimeAsync(60);
    const second = outcome(limit('b', never));
    await vi.advanceTimersByTimeAsync(70);
    expect(first.error).toBeInstanceOf(HostTimeoutError);
    expect(second.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(60);
    expect(second.error).toBeInstanceOf(HostTimeoutError);
    await vi.advanceTimersByTimeAsync(100);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a call answered between older and newer ones still waiting leaves both to fail on their own time', async () => {
    const limit = hookLimit(100);
    let answer!: (value: string) => void;
    const oldest = outcome(limit('oldest', never));
    await vi.advanceTimersByTimeAsync(30);
    const middle = outcome(limit('middle', () => new Promise<string>((resolve) => (answer = resolve))));
    await vi.advanceTimersByTimeAsync(30);
    const newest = outcome(limit('newest', never));
    answer('in time');
    await vi.advanceTimersByTimeAsync(0);
    expect(middle.value).toBe('in time');
    // The oldest fails first, then the newest: the list still links them once the middle left it.
    await vi.advanceTimersByTimeAsync(70);
    expect((oldest.error as HostTimeoutError).hook).toBe('oldest');
    expect(newest.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(60);
    expect((newest.error as HostTimeoutError).hook).toBe('newest');
    expect(middle.error).toBeUndefined();
    await vi.advanceTimersByTimeAsync(100);
    expect(vi.getTimerCount()).toBe(0);
  });
});

