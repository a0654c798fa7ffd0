import type { Storage } from 'sitegate';

/**
 * Holds the next transaction of `storage` at its start: `reached` resolves once a call has come
 * to it, and the transaction runs as given after `release()`. Later transactions run at once.
 * For a call that read first, to be overtaken by another before it writes.
 */
export function holdNextTransaction(storage: Pick<Storage, 'transaction'>): { reached: Promise<void>; release: () => void } {
  const original = storage.transaction.bind(storage);
  let arrived!: () => void;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  storage.transaction = (async (work: Parameters<typeof original>[0]) => {
    storage.transaction = original;
    arrived();
    await gate;
    return original(work);
  }) as typeof storage.transaction;
  return { reached, release };
}
