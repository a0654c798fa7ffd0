import type { Storage, StorageOps } from '../../src/ports/storage.js';
import { memoryOps, type UndoJournal } from './ops.js';

/**
 * Storage in process memory: for tests, demos and as the reference the SQL adapters are held
 * to. Operations and transactions run one at a time (a queue), so a transaction is isolated —
 * nothing else runs until it ends — and atomic: one that throws is rolled back from an undo
 * journal.
 */
export function memoryStorage(): Storage {
  const journal: UndoJournal = { steps: undefined };
  const ops = memoryOps(journal);

  // One operation at a time: each call waits for the one before it to finish.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const storage = {} as Storage;
  for (const [name, fn] of Object.entries(ops)) {
    (storage as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
      serial(() => (fn as (...a: unknown[]) => Promise<unknown>)(...args));
  }
  return Object.assign(storage, {
    name: 'memory',
    transaction<T>(fn: (tx: StorageOps) => Promise<T>): Promise<T> {
      return serial(async () => {
        journal.steps = [];
        try {
          const result = await fn(ops);
          journal.steps = undefined;
          return result;
        } catch (error) {
          const undo = journal.steps ?? [];
          journal.steps = undefined;
          for (const step of undo.reverse()) step();
          throw error;
        }
      });
    },
    async close() {},
  });
}
