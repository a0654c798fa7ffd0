import type { Storage, StorageOps } from 'sitegate';

/**
 * Wraps a storage and counts, per operation, the calls and what they answered — inside
 * transactions too — so a test can say how many writes a flow really made.
 */
export function countingStorage(inner: Storage) {
  const calls: { op: string; result: unknown }[] = [];
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop, receiver) {
        const value = Reflect.get(t, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (prop === 'transaction') {
          return <R>(fn: (tx: StorageOps) => Promise<R>) => (value as Storage['transaction']).call(t, (tx) => fn(wrap(tx)));
        }
        return async (...args: unknown[]) => {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(t, args);
          calls.push({ op: String(prop), result });
          return result;
        };
      },
    });
  return {
    storage: wrap(inner),
    calls,
    /** What `op` answered, call by call. */
    results: (op: string) => calls.filter((c) => c.op === op).map((c) => c.result),
  };
}
