import type { Storage, StorageOps } from 'sitegate';
import { memoryOps, type UndoJournal } from '../../../adapters/memory/ops.js';

/**
 * A deliberately broken store: the memory adapter's operations with transactions that are
 * atomic (undone on a throw) but not isolated — their writes land in the live tables at once,
 * where every other caller sees them, and nothing waits for anything. The published
 * conformance suite must fail on it (test/adapters/conformance-isolation.test.ts).
 */
export function nonIsolatedStorage(): Storage {
  const journal: UndoJournal = { steps: undefined };
  const ops = memoryOps(journal);
  return {
    ...ops,
    name: 'memory without transaction isolation',
    async transaction<T>(fn: (tx: StorageOps) => Promise<T>): Promise<T> {
      // Each transaction keeps its own undo steps; the shared journal only routes writes to them.
      const steps: (() => void)[] = [];
      const tx = Object.fromEntries(
        Object.entries(ops).map(([name, op]) => [
          name,
          (...args: unknown[]) => {
            // The memory operations write synchronously when called, so the journal is only
            // pointed at this transaction's steps for the length of the call.
            journal.steps = steps;
            try {
              return (op as (...a: unknown[]) => Promise<unknown>)(...args);
            } finally {
              journal.steps = undefined;
            }
          },
        ]),
      ) as unknown as StorageOps;
      try {
        return await fn(tx);
      } catch (error) {
        for (const step of steps.reverse()) step();
        throw error;
      }
    },
    async close() {},
  };
}
