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

  // One operation at a time: each call waits for the one before it to finish. With nothing
  // running or waiting, it starts at once instead of a turn of the queue later: the same order,
  // fewer promises per read (a permission check makes several).
  let queue: Promise<unknown> = Promise.resolve();
  let busy = 0;
  const settled = () => void busy--;
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    let run: Promise<T>;
    if (busy === 0) {
      try {
        run = fn();
      } catch (error) {
        run = Promise.reject(error);
      }
    } else run = queue.then(fn, fn);
    busy++;
    queue = run.then(settled, settled);
    return run;
  };

  // An operation's body never awaits (see memoryOps): with nothing running or queued, it has
  // finished by the time it returns, so it needs no turn in the queue (one promise, not three).
  const storage = {} as Storage;
  for (const [name, fn] of Object.entries(ops)) {
    const op = fn as (...a: unknown[]) => Promise<unknown>;
    (storage as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => (busy === 0 ? op(...args) : serial(() => op(...args)));
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
