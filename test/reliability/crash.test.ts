import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSources } from './support/source-bundle.js';

/**
 * The demo process killed with SIGKILL in the middle of a burst of invites and shares, then
 * restarted on the same data directory: every request it acknowledged (2xx) is still there.
 * Requests cut off by the kill may have landed or not; they are not checked.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const stress = Boolean(process.env.STRESS);
let bundle: Awaited<ReturnType<typeof bundleSources>> | undefined;
const children = new Set<ChildProcess>();

// The child runs the current sources, not a possibly stale dist/; the demo itself runs from
// examples/demo as is.
beforeAll(async () => {
  bundle = await bundleSources('reliability');
});

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  bundle?.dispose();
});

async function startChild(dataDir: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['--import', bundle!.register, join(root, 'test/reliability/demo-child.mjs')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SITEGATE_DATA_DIR: dataDir, DATABASE_URL: '', SMTP_URL: '' } });
  children.add(proc);
  proc.on('exit', () => children.delete(proc));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start: ${out}`)), 60_000);
    proc.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /READY (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    proc.stderr!.on('data', (chunk) => (out += chunk));
    proc.on('exit', (code) => reject(new Error(`the demo exited (${code}): ${out}`)));
  });
  return { proc, url };
}

/** Everything the burst writes: invites of new clients and shares of distinct resources. */
function burst(): { kind: 'invite' | 'share'; path: string; body: unknown; key: string }[] {
  const names: Record<string, string[]> = {
    documents: ['contract', 'payment-schedule', 'permit', 'zoning', 'hvac-manual', 'budget'],
    drawings: ['a101', 'a201', 'e101'],
    photos: ['photo-1', 'photo-2', 'photo-3', 'photo-4'],
    dailyLogs: ['log-20', 'log-21', 'log-22'],
  };
  const items = Object.entries(names).flatMap(([module, ids]) => ids.map((n) => [module, n] as const));
  const shares = ['harbor-view', 'oak-lane'].flatMap((p) =>
    items.map(([module, n]) => ({ kind: 'share' as const, path: `/projects/${p}/shares`, body: { resources: [{ module, id: `${p}-${n}`, kind: 'item' }] }, key: `${p}/${module}/${p}-${n}` })),
  );
  const invites = Array.from({ length: stress ? 200 : 60 }, (_, i) => ({
    kind: 'invite' as const, path: '/clients', body: { email: `burst${i}@example.com`, name: `Burst ${i}`, projectIds: ['oak-lane'] }, key: `burst${i}@example.com`,
  }));
  // Interleave, so the kill lands among both kinds.
  const out: ReturnType<typeof burst> = [];
  for (let i = 0; i < Math.max(shares.length, invites.length); i++) out.push(...(invites[i] ? [invites[i]!] : []), ...(shares[i] ? [shares[i]!] : []));
  return out;
}

describe('the demo killed during a burst', () => {
  it('keeps every acknowledged invite and share after SIGKILL and a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sitegate-crash-'));
    try {
      const first = await startChild(dataDir);
      // The demo's builder session comes from opening its builder page, once per process.
      const sessions = new Map<string, Promise<string>>();
      const builder = async (url: string) => {
        const page = await fetch(`${url}/builder`);
        await page.arrayBuffer();
        return page.headers.get('set-cookie')!.split(';')[0]!;
      };
      const api = async (url: string, path: string, init: RequestInit = {}) => {
        if (!sessions.has(url)) sessions.set(url, builder(url));
        const headers = { 'content-type': 'application/json', cookie: await sessions.get(url)!, origin: url };
        return fetch(`${url}/api/portal${path}`, { ...init, headers });
      };
      const work = burst();
      const acked: typeof work = [];
      const killAfter = Math.floor(work.length * 0.5);
      let killed = false;
      let next = 0;
      // A few requests in flight at a time, as several builders clicking at once would send.
      const worker = async () => {
        while (next < work.length && !killed) {
          const item = work[next++]!;
          const response = await api(first.url, item.path, { method: 'POST', body: JSON.stringify(item.body) }).catch(() => undefined);
          if (response?.ok) acked.push(item);
          else if (response && !killed) throw new Error(`${item.path} answered ${response.status}: ${await response.text()}`);
          if (acked.length >= killAfter && !killed) {
            killed = true;
            first.proc.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: 6 }, worker));
      await new Promise((resolve) => (first.proc.exitCode !== null || first.proc.signalCode ? resolve(undefined) : first.proc.on('exit', resolve)));
      expect(first.proc.signalCode).toBe('SIGKILL');
      expect(acked.length).toBeGreaterThanOrEqual(killAfter);

      const second = await startChild(dataDir);
      const clients: { email: string; status: string; projectIds: string[] }[] = [];
      let cursor: string | null = null;
      do {
        const page = (await (await api(second.url, `/clients?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json()) as { items: typeof clients; nextCursor: string | null };
        clients.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const byEmail = new Map(clients.map((c) => [c.email, c]));
      const shared = new Set<string>();
      for (const p of ['harbor-view', 'oak-lane']) {
        let after: string | null = null;
        do {
          const page = (await (await api(second.url, `/projects/${p}/shares?limit=500${after ? `&cursor=${encodeURIComponent(after)}` : ''}`)).json()) as {
            items: { projectId: string; module: string; resourceId: string }[];
            nextCursor: string | null;
          };
          for (const s of page.items) shared.add(`${s.projectId}/${s.module}/${s.resourceId}`);
          after = page.nextCursor;
        } while (after);
      }
      const lost = acked.filter((item) =>
        item.kind === 'invite' ? !['invited', 'expired'].includes(byEmail.get(item.key)?.status ?? 'missing') || !byEmail.get(item.key)!.projectIds.includes('oak-lane') : !shared.has(item.key),
      );
      expect(lost.map((l) => l.key)).toEqual([]);
      second.proc.kill('SIGKILL');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
