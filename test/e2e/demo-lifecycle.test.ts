import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDemo } from '../../examples/demo/server.mjs';

const staff = { type: 'staff', tenantId: 'acme', userId: 'demo-builder' } as const;

describe('the demo process', () => {
  it('keeps its data across a restart and seeds only once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sitegate-demo-'));
    try {
      const first = await startDemo({ port: 0, dataDir, databaseUrl: '', smtpUrl: '', log: () => {} });
      const added = await first.portal.clients.add(staff, { email: 'kept@example.com', projectIds: ['oak-lane'] });
      const seeded = (await first.portal.clients.list(staff)).items.length;
      const script = await (await fetch(`${first.url}/assets/builder.js`)).text();
      await first.close();
      // The browser bundle built on the first start is kept in the data dir…
      const manifest = join(dataDir, 'browser-bundle/manifest.json');
      const built = statSync(manifest).mtimeMs;

      const second = await startDemo({ port: 0, dataDir, databaseUrl: '', smtpUrl: '', log: () => {} });
      const after = await second.portal.clients.list(staff);
      expect(after.items.length).toBe(seeded);
      expect((await second.portal.clients.get(staff, added.id)).email).toBe('kept@example.com');
      // …and served again by the restart as it was, not rebuilt.
      expect(await (await fetch(`${second.url}/assets/builder.js`)).text()).toBe(script);
      expect(statSync(manifest).mtimeMs).toBe(built);
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('`npm start` prints its URLs and stops cleanly on Ctrl-C (SIGINT)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sitegate-demo-'));
    const start = new URL('../../examples/demo/start.mjs', import.meta.url).pathname;
    const child = spawn(process.execPath, [start], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '0', SITEGATE_DATA_DIR: dataDir, DATABASE_URL: '', SMTP_URL: '' } });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    for (let i = 0; i < 1800 && !out.includes('dev outbox'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(/builder \(staff\) page\s+http:\/\/(localhost|127\.0\.0\.1):\d+\/builder/);
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toContain('Stopping the demo');
    rmSync(dataDir, { recursive: true, force: true });
  }, 240_000);
});
