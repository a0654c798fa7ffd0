import { StorageError, type Storage, type StorageOps } from 'sitegate';

const WRITES = /^(save|insert|set|supersede|accept|delete|claim)/;

/**
 * Wraps a storage so the Nth write inside a transaction throws, as a dropped connection
 * would. `failAt` counts writes across the whole run; `undefined` never fails.
 */
export function faultyStorage(inner: Storage) {
  let writes = 0;
  let failAt: number | undefined;
  const wrap = (ops: StorageOps): StorageOps =>
    new Proxy(ops, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== 'function' || !WRITES.test(String(name))) return value;
        return async (...args: unknown[]) => {
          writes++;
          if (failAt !== undefined && writes === failAt) throw new StorageError(`injected failure at write ${writes} (${String(name)})`);
          return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      },
    });
  const storage: Storage = Object.assign(Object.create(null), inner, wrap(inner), {
    name: `faulty(${inner.name})`,
    transaction: <T>(fn: (tx: StorageOps) => Promise<T>) => inner.transaction((tx) => fn(wrap(tx))),
    close: () => inner.close(),
  });
  for (const key of Object.keys(inner) as (keyof Storage)[]) {
    if (key !== 'transaction' && key !== 'close' && key !== 'name') (storage as unknown as Record<string, unknown>)[key] = (wrap(inner) as unknown as Record<string, unknown>)[key];
  }
  return {
    storage,
    /** Fail the `n`th write from now on (1 = the next one). */
    failNth(n: number | undefined) {
      writes = 0;
      failAt = n;
    },
    get writes() {
      return writes;
    },
  };
}
