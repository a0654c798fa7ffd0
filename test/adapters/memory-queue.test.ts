import { describe, expect, it } from 'vitest';
import { memoryStorage } from 'sitegate/adapters/memory';
import { memoryOps } from '../../adapters/memory/ops.js';
import type { Share } from '../../src/model/share.js';

const share = (id: string, resourceId: string): Share => ({
  tenantId: 't-1', id, projectId: 'p-1', module: 'documents', resourceId, kind: 'item', sharedBy: 'u-1', createdAt: new Date(1000),
});

describe('memory storage: one operation at a time', () => {
  // `memoryStorage` starts an operation at once, outside its queue, when nothing runs or waits:
  // right only because an operation has finished by the time it returns.
  it('every operation is an async function whose body never awaits', () => {
    const ops = Object.entries(memoryOps({ steps: undefined }));
    expect(ops.length).toBeGreaterThan(40);
    for (const [name, fn] of ops) {
      expect((fn as () => unknown).constructor.name, name).toBe('AsyncFunction');
      expect(String(fn), name).not.toMatch(/\bawait\b/);
    }
  });

  it('a read asked while a transaction runs waits for it, and sees it committed or rolled back', async () => {
    const storage = memoryStorage();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const committed = storage.transaction(async (tx) => {
      await tx.insertShare(share('s-1', 'd-1'));
      await held;
      await tx.insertShare(share('s-2', 'd-2'));
    });
    const read = storage.findShares('t-1', 'p-1', [{ module: 'documents', id: 'd-1' }, { module: 'documents', id: 'd-2' }]);
    release();
    expect((await read).map((s) => s.id)).toEqual(['s-1', 's-2']);
    await committed;

    let fail!: () => void;
    const failing = new Promise<void>((resolve) => (fail = resolve));
    const rolledBack = storage.transaction(async (tx) => {
      await tx.insertShare(share('s-3', 'd-3'));
      await failing;
      throw new Error('no');
    });
    const during = storage.findShares('t-1', 'p-1', [{ module: 'documents', id: 'd-3' }]);
    fail();
    await expect(rolledBack).rejects.toThrow('no');
    expect(await during).toEqual([]);
  });

  it('reads and writes asked one after another, with nothing running, answer in order', async () => {
    const storage = memoryStorage();
    const inserted = storage.insertShare(share('s-1', 'd-1'));
    const found = storage.findShares('t-1', 'p-1', [{ module: 'documents', id: 'd-1' }]);
    const deleted = storage.deleteShare('t-1', 's-1');
    const after = storage.findShares('t-1', 'p-1', [{ module: 'documents', id: 'd-1' }]);
    expect((await inserted).id).toBe('s-1');
    expect((await found).map((s) => s.id)).toEqual(['s-1']);
    expect(await deleted).toBe(true);
    expect(await after).toEqual([]);
  });
});
