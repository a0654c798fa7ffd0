import { PGlite } from '@electric-sql/pglite';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { StorageError } from 'sitegate';
import { pgliteStorage, readSnapshot } from 'sitegate/adapters/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCK_FILE, lockDataDir, REFRESH_MS, STALE_MS } from '../../adapters/pglite/data-dir-lock.js';
import { extractDataDir } from '../../adapters/pglite/extract.js';
import { bundleSources } from '../reliability/support/source-bundle.js';

/**
 * A PGlite data directory is one process's: a second PGlite on it (another process, or another
 * storage in this one) would write over the first's committed work. These start real processes
 * on one directory and check that only one gets it, and that a holder that died does not keep it.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const child = join(root, 'test/adapters/support/pglite-lock-child.mjs');
const shipped = join(root, 'examples/demo/pglite-snapshot');
const scratch = mkdtempSync(join(tmpdir(), 'sitegate-pglite-lock-'));
const children = new Set<ChildProcess>();
let bundle: Awaited<ReturnType<typeof bundleSources>> | undefined;
let lockModule = '';

beforeAll(async () => {
  // The holder runs the current sources through the package's entry point; the racers only
  // need the lock, bundled on its own.
  bundle = await bundleSources('pglite-lock');
  const outfile = join(scratch, 'data-dir-lock.mjs');
  await build({ entryPoints: [join(root, 'adapters/pglite/data-dir-lock.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent' });
  lockModule = pathToFileURL(outfile).href;
});

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  bundle?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

/** A started database: extracting the demo's snapshot instead of running initdb. */
const snapshot = () => readSnapshot(shipped)!;
const lockOf = (dataDir: string) => join(dataDir, LOCK_FILE);
const readLock = (dataDir: string) => JSON.parse(readFileSync(lockOf(dataDir), 'utf8')) as { pid: number; hostname: string; token: string; pidNamespace?: string; processStart?: string };

/** A lock file written by hand, last touched `ageMs` ago. */
function writeLock(dataDir: string, lock: object | string, ageMs: number): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(lockOf(dataDir), typeof lock === 'string' ? lock : JSON.stringify(lock));
  const at = new Date(Date.now() - ageMs);
  utimesSync(lockOf(dataDir), at, at);
}

/** The lock this process writes, as a template for hand-written ones "from this host". */
function ours(): ReturnType<typeof readLock> {
  const dir = join(scratch, `template-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  const lock = lockDataDir(dir)!;
  const info = readLock(dir);
  lock.release();
  return info;
}

const elsewhere = (token: string) => ({ pid: 4242, hostname: 'elsewhere.example', startedAt: '2025-01-01T00:00:00.000Z', token });

function exited(proc: ChildProcess): Promise<number | null> {
  return proc.exitCode !== null || proc.signalCode ? Promise.resolve(proc.exitCode) : new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
}

/** A process with `pgliteStorage({ dataDir })` open, a role saved. */
async function startHolder(dataDir: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', bundle!.register, child, 'hold', dataDir, shipped], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(proc);
  proc.on('exit', () => children.delete(proc));
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the holder did not start: ${out}`)), 60_000);
    proc.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('HELD ')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.stderr!.on('data', (chunk) => (out += chunk));
    proc.on('exit', (code) => reject(new Error(`the holder exited (${code}): ${out}`)));
  });
  return proc;
}

describe('pgliteStorage({ dataDir }): one process at a time', () => {
  it('refuses a second storage on the directory in this process until the first is closed', async () => {
    const dataDir = join(scratch, 'same-process');
    const first = pgliteStorage({ dataDir, initialDataDir: snapshot() });
    await first.saveRole({ tenantId: 'acme', id: 'r-1', name: 'First', permissions: [] });
    const message = `pgliteStorage: \`dataDir\` "${dataDir}" is already open in this process (pid ${process.pid}): close() the storage that has it before opening it again`;
    expect(() => pgliteStorage({ dataDir })).toThrow(new TypeError(message));
    // The same directory, spelled otherwise.
    expect(() => pgliteStorage({ dataDir: `${dataDir}/` })).toThrow(/already open in this process/);
    // The first is untouched by the refusals.
    expect((await first.getRole('acme', 'r-1'))?.name).toBe('First');
    await first.close();
    await first.close();
    expect(existsSync(lockOf(dataDir))).toBe(false);
    const second = pgliteStorage({ dataDir });
    try {
      expect((await second.getRole('acme', 'r-1'))?.name).toBe('First');
    } finally {
      await second.close();
    }
  }, 120_000);

  it('refuses the directory while another process holds it, naming that process; opens it once that process has closed it', async () => {
    const dataDir = join(scratch, 'other-process');
    const holder = await startHolder(dataDir);
    let refusal: unknown;
    try {
      pgliteStorage({ dataDir });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(TypeError);
    const message = (refusal as Error).message;
    expect(message).toContain(`pgliteStorage: \`dataDir\` "${dataDir}" is in use by process ${holder.pid} on host ${hostname()} (since `);
    expect(message).toContain('stop that process before starting this one');
    expect(message).toContain('use postgresStorage for several processes');
    holder.stdin!.write('close\n');
    expect(await exited(holder)).toBe(0);
    expect(existsSync(lockOf(dataDir))).toBe(false);
    const storage = pgliteStorage({ dataDir });
    try {
      expect((await storage.getRole('acme', `held-by-${holder.pid}`))?.name).toBe('Held');
    } finally {
      await storage.close();
    }
  }, 120_000);

  it.runIf(existsSync('/proc/self/stat'))('keeps the directory for a holder that is running, however long since it refreshed its lock; a holder that exits without close() leaves none', async () => {
    const dataDir = join(scratch, 'busy-holder');
    const holder = await startHolder(dataDir);
    // As if its event loop had been busy for minutes: it is still running, so it still holds.
    const old = new Date(Date.now() - 10 * STALE_MS);
    utimesSync(lockOf(dataDir), old, old);
    expect(() => pgliteStorage({ dataDir })).toThrow(`is in use by process ${holder.pid}`);
    holder.stdin!.write('exit\n');
    expect(await exited(holder)).toBe(0);
    expect(existsSync(lockOf(dataDir))).toBe(false);
  }, 120_000);

  it('opens the directory right after its holder was killed (SIGKILL) on this host', async () => {
    const dataDir = join(scratch, 'killed');
    const holder = await startHolder(dataDir);
    holder.kill('SIGKILL');
    await exited(holder);
    expect(holder.signalCode).toBe('SIGKILL');
    // Left behind, with the dead process's pid.
    expect(readLock(dataDir).pid).toBe(holder.pid);
    const storage = pgliteStorage({ dataDir });
    try {
      expect(readLock(dataDir).pid).toBe(process.pid);
      expect((await storage.getRole('acme', `held-by-${holder.pid}`))?.name).toBe('Held');
    } finally {
      await storage.close();
    }
    expect(existsSync(lockOf(dataDir))).toBe(false);
  }, 120_000);

  it('waits out a lock from another host until it is older than the stale limit', async () => {
    const dataDir = join(scratch, 'other-host');
    writeLock(dataDir, elsewhere('theirs'), 1_000);
    expect(() => pgliteStorage({ dataDir })).toThrow(
      `is in use by process 4242 on host elsewhere.example (since 2025-01-01T00:00:00.000Z). PGlite serves one process at a time: stop that process before starting this one (a restart must stop the old process first), or use postgresStorage for several processes. A lock left by a process that died is taken over, at once when it ran on this host, otherwise ${STALE_MS / 1000} s after its last refresh (${lockOf(dataDir)}).`,
    );
    expect(readLock(dataDir).token).toBe('theirs');
    writeLock(dataDir, elsewhere('theirs'), STALE_MS + 5_000);
    const storage = pgliteStorage({ dataDir, initialDataDir: snapshot() });
    try {
      expect(readLock(dataDir).pid).toBe(process.pid);
      await storage.ready();
    } finally {
      await storage.close();
    }
    expect(readdirSync(dataDir).filter((f) => f.startsWith(LOCK_FILE))).toEqual([]);
  }, 120_000);

  it('judges a lock from this host by its process, and one from another pid namespace by its age', () => {
    const me = ours();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const cases: [string, object | string, number, boolean][] = [
      ['this host, its process gone', { ...me, pid: dead, token: 'dead' }, 0, true],
      ['this host, a running process that is not the holder any more (its pid used again)', { ...me, pid: process.ppid, token: 'reused', processStart: '1' }, 0, !!me.processStart],
      // This process's pid, another start time: left by an earlier process that had the same pid.
      ['this host, this pid, an earlier process', { ...me, token: 'earlier', processStart: '1' }, 0, !!me.processStart],
      ['this process, another storage', { ...me, token: 'another-thread' }, 0, false],
      ['another host', elsewhere('elsewhere'), 0, false],
      ['another host, not refreshed for the stale limit', elsewhere('elsewhere'), STALE_MS + 1_000, true],
      // Empty: being written (where there are no hard links), or left so by a crash.
      ['a lock being written', '', 0, false],
      ['a lock left empty', '', STALE_MS + 1_000, true],
    ];
    if (me.pidNamespace) {
      // Another container with the same hostname (host networking): its pids are not this namespace's.
      cases.push(['this hostname, another pid namespace, the same pid', { ...me, token: 'sibling', pidNamespace: 'other/pid:[1]', processStart: '1' }, 0, false]);
      cases.push(['this hostname, another pid namespace, not refreshed', { ...me, token: 'sibling', pidNamespace: 'other/pid:[1]', processStart: '1' }, STALE_MS + 1_000, true]);
    }
    for (const [name, lock, age, taken] of cases) {
      const dir = join(scratch, `judged-${name.replace(/\W+/g, '-')}`);
      writeLock(dir, lock, age);
      let held: ReturnType<typeof lockDataDir>;
      try {
        held = lockDataDir(dir);
      } catch (error) {
        expect(taken, `${name}: ${(error as Error).message}`).toBe(false);
        continue;
      }
      expect(taken, name).toBe(true);
      expect(readLock(dir).pid, name).toBe(process.pid);
      held!.release();
      expect(existsSync(lockOf(dir)), name).toBe(false);
    }
  });

  it('lets exactly one of two processes take over a stale lock', async () => {
    const me = ours();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    // Eight sweeps of the racers' offsets (see pglite-lock-child.mjs), 2 ms apart: two seconds.
    // Two racers on one core overlap only when one is preempted mid-takeover: the more rounds,
    // the likelier a takeover that let both through is caught on a busy machine.
    const dirs = Array.from({ length: 8 * 121 }, (_, i) => {
      const dir = join(scratch, `race-${i}`);
      // Stale both ways: a dead process of this host, or another host's lock long untouched.
      if (i % 2) writeLock(dir, { ...me, pid: dead, token: `dead-${i}` }, 0);
      else writeLock(dir, elsewhere(`old-${i}`), STALE_MS + 60_000);
      return dir;
    });
    const racers = [0, 1].map((racer) => {
      const proc = spawn(process.execPath, [child, 'race', lockModule, '2', String(racer), ...dirs], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
      children.add(proc);
      let out = '';
      proc.stdout!.on('data', (chunk) => (out += chunk));
      proc.stderr!.on('data', (chunk) => (out += chunk));
      /** Line `n` (from 1) of what it prints. */
      const line = (n: number) =>
        new Promise<string>((resolve, reject) => {
          const check = () => {
            const lines = out.split('\n');
            if (lines.length > n) resolve(lines[n - 1]!);
          };
          proc.stdout!.on('data', check);
          check();
          proc.on('exit', (code) => reject(new Error(`a racer exited (${code}): ${out}`)));
        });
      return { proc, ready: line(1), outcomes: line(2) };
    });
    expect(await Promise.all(racers.map((r) => r.ready))).toEqual(['READY', 'READY']);
    const go = process.hrtime.bigint() + 300_000_000n;
    for (const r of racers) r.proc.stdin!.write(`GO ${go}\n`);
    const [a, b] = (await Promise.all(racers.map((r) => r.outcomes))).map((line) => JSON.parse(line) as { won: boolean; message?: string }[]);
    dirs.forEach((dir, i) => {
      const [first, second] = [a![i]!, b![i]!];
      expect([first.won, second.won].filter(Boolean), `round ${i}: ${first.message ?? ''} ${second.message ?? ''}`).toHaveLength(1);
      const [winner, loser] = first.won ? [racers[0]!.proc, second] : [racers[1]!.proc, first];
      expect(readLock(dir).pid, `round ${i}`).toBe(winner.pid);
      expect(loser.message, `round ${i}`).toContain(`is in use by process ${winner.pid} on host ${hostname()}`);
      // Nothing set aside is left in the directory.
      expect(readdirSync(dir), `round ${i}`).toEqual([LOCK_FILE]);
    });
    for (const r of racers) r.proc.stdin!.end();
    expect(await Promise.all(racers.map((r) => exited(r.proc)))).toEqual([0, 0]);
    for (const dir of dirs) expect(existsSync(lockOf(dir))).toBe(false);
  }, 60_000);

  it('stops using a directory another process took over, and leaves that lock in place on close()', async () => {
    const dataDir = join(scratch, 'taken-over');
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const storage = pgliteStorage({ dataDir, initialDataDir: snapshot() });
      await storage.saveRole({ tenantId: 'acme', id: 'r-1', name: 'Before', permissions: [] });
      vi.advanceTimersByTime(REFRESH_MS);
      // Refreshed while it is its own.
      expect(readLock(dataDir).pid).toBe(process.pid);
      writeLock(dataDir, elsewhere('theirs'), 0);
      vi.advanceTimersByTime(REFRESH_MS);
      const refused = storage.getRole('acme', 'r-1');
      await expect(refused).rejects.toThrow(StorageError);
      await expect(refused).rejects.toThrow(/the data directory .* has been taken over by process 4242 on host elsewhere\.example/);
      await storage.close();
      expect(readLock(dataDir).token).toBe('theirs');
    } finally {
      vi.useRealTimers();
    }
  }, 120_000);

  it('keeps its own lock when the dump it starts from holds another process\'s', async () => {
    const dataDir = join(scratch, 'dumped-lock');
    const entry = (name: string, body: string) => {
      const header = Buffer.alloc(512);
      header.write(name, 0);
      header.write('0000600\0', 100);
      header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
      header.write('0', 156);
      header.write('ustar\0', 257);
      const data = Buffer.alloc(Math.ceil(body.length / 512) * 512);
      data.write(body);
      return Buffer.concat([header, data]);
    };
    // The snapshot with another process's lock file in it, extracted after ours was taken.
    const tar = gunzipSync(readFileSync(join(shipped, 'data.tar.gz')));
    const dumped = new Blob([gzipSync(Buffer.concat([entry(LOCK_FILE, JSON.stringify(elsewhere('dumped'))), tar]))]);
    const storage = pgliteStorage({ dataDir, initialDataDir: dumped });
    try {
      await storage.ready();
      expect(readLock(dataDir).pid).toBe(process.pid);
      expect(() => pgliteStorage({ dataDir })).toThrow(/already open in this process/);
    } finally {
      await storage.close();
    }
    expect(existsSync(lockOf(dataDir))).toBe(false);
  }, 120_000);

  it('locks nothing for an instance in memory, nor for one the host passes in', async () => {
    const inMemory = [pgliteStorage({ dataDir: 'memory://portal' }), pgliteStorage({ dataDir: 'memory://portal' })];
    await Promise.all(inMemory.map((s) => s.close()));
    const dataDir = join(scratch, 'host-instance');
    await extractDataDir(snapshot(), dataDir);
    const db = new PGlite(dataDir);
    try {
      const storages = [pgliteStorage({ db }), pgliteStorage({ db })];
      await Promise.all(storages.map((s) => s.ready()));
      expect(existsSync(lockOf(dataDir))).toBe(false);
      await Promise.all(storages.map((s) => s.close()));
    } finally {
      await db.close();
    }
  }, 120_000);
});
