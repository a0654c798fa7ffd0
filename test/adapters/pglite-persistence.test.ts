import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { afterAll, describe, expect, it } from 'vitest';

describe('pgliteStorage({ dataDir })', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sitegate-pglite-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  // Two PGlite start-ups (a fresh data dir, then reopening it): slow on a busy machine.
  it('keeps what was written after the database is closed and opened again', { timeout: 180_000 }, async () => {
    const role = { tenantId: 'acme', id: 'docs-only', name: 'Documents only', permissions: [{ module: 'documents' as const, actions: ['read' as const] }] };
    // A nested path whose parents do not exist yet, as on a fresh checkout.
    const path = join(dataDir, 'data', 'portal');
    const first = pgliteStorage({ dataDir: path });
    await first.saveRole(role);
    await first.close();
    const second = pgliteStorage({ dataDir: path });
    try {
      expect(await second.getRole('acme', 'docs-only')).toEqual(role);
      expect(await second.migrate()).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
