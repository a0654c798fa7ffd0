/**
 * Runs `fn` once the promise jobs of the current turn have all run — DataLoader's schedule.
 * Work that proceeds side by side (the digests of a claimed batch, after their shared reads
 * resolve together) reaches its writes within one turn, so those writes can join. Not a timer:
 * a host's fake timers in tests do not hold it back.
 */
const afterTurn: (fn: () => void) => void =
  typeof process === 'object' && typeof process?.nextTick === 'function'
    ? (fn) => void Promise.resolve().then(() => process.nextTick(fn))
    : (fn) => void setTimeout(fn, 0);

/**
 * Gathers the calls made within one turn into one `write` per key (per tenant: a write stays on
 * one tenant's shard), and answers each call with its own result — `write` answers in the order
 * of the items it was given. A failed write fails every call it carried: each caller handles it
 * as it would its own failed write.
 */
export function coalesce<T, R>(keyOf: (item: T) => string, write: (key: string, items: T[]) => Promise<R[]>): (item: T) => Promise<R> {
  type Waiter = { resolve: (value: R) => void; reject: (error: unknown) => void };
  let groups = new Map<string, { items: T[]; waiters: Waiter[] }>();

  function flush(): void {
    const due = groups;
    groups = new Map();
    for (const [key, { items, waiters }] of due) {
      // A write that throws synchronously rejects like one that fails later.
      Promise.resolve()
        .then(() => write(key, items))
        .then(
          (results) => waiters.forEach((w, i) => w.resolve(results[i] as R)),
          (error: unknown) => waiters.forEach((w) => w.reject(error)),
        );
    }
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      const key = keyOf(item);
      let group = groups.get(key);
      if (!group) {
        if (groups.size === 0) afterTurn(flush);
        groups.set(key, (group = { items: [], waiters: [] }));
      }
      group.items.push(item);
      group.waiters.push({ resolve, reject });
    });
}
