/**
 * One process at a time on a PGlite data directory.
 *
 * PGlite is a whole PostgreSQL inside one process, its shared buffers in that process's memory.
 * Two processes on one directory run two PostgreSQLs on the same files, neither knowing of the
 * other: both answer without error, and in the end one of them has overwritten the other's
 * committed writes with its own pages and checkpoints. PGlite does not stop the second one (its
 * `postmaster.pid` holds a fixed -42), so `pgliteStorage` takes this lock before it reads or
 * writes anything there, and releases it on `close()`.
 *
 * The lock is a file, `sitegate.lock`, saying who has it: `{ pid, hostname, startedAt, token }`,
 * plus on Linux where that pid means something (`pidNamespace`: the boot and pid namespace) and
 * when its process started (`processStart`). It is written whole under a name of its own and
 * linked into place: the link fails when the name is taken, as an O_EXCL create does (used
 * instead where the file system has no hard links), and nobody reads a lock half written.
 *
 * It lives inside the data directory. PGlite does not mind it there (it runs `initdb` in a
 * directory holding only the lock, opens and dumps one holding it), and in a container the data
 * directory is usually the mounted volume itself: a file beside it (`<dataDir>.lock`) would be in
 * each container's own file system, where the other container never sees it, and in a parent
 * directory the process may not be allowed to write.
 *
 * A process that dies holding the lock (SIGKILL, out of memory, a power cut) cannot remove it,
 * so a lock also ends when its holder is known to be gone:
 * - on this host, in this pid namespace: at once when its pid is free, or belongs to a process
 *   that started at another time than the holder (a pid used again; also a lock with this very
 *   process's pid, left by an earlier process that had it);
 * - otherwise (another host, or another pid namespace: another container) once it has not been
 *   refreshed for `STALE_MS`, the holder touching the file every `REFRESH_MS`. A container
 *   started again after a crash is in a new pid namespace, where the old pid cannot be asked
 *   about, and waits out these 30 s: its hostname and its pid (1) can be those of a live
 *   process in another container on the same volume (host networking, a `hostname:` setting),
 *   so "same hostname, my own pid" is no proof that the holder is gone.
 * A holder known to be running on this host keeps the lock however long ago it refreshed it (a
 * long synchronous stretch holds its timer up): only a lock whose holder cannot be asked about
 * expires by age.
 *
 * Taking over a stale lock renames that file aside (only one racer can rename it) and checks
 * that what it moved is what it judged stale; only then is it dropped, and creating the lock
 * decides between the racers again. A racer that moved a newer lock instead puts it back. Only
 * the holder whose token is in the file removes it. The holder checks its token at every
 * refresh: a lock taken over all the same (its host stopped for longer than `STALE_MS`) is
 * reported by `lost()`, and the storage stops using the directory rather than write over the
 * new holder's work.
 */

import { maybeNodeBuiltin } from './node-builtin.js';

type NodeFs = typeof import('node:fs');
type NodeOs = typeof import('node:os');

/** The lock's file name inside the data directory. */
export const LOCK_FILE = 'sitegate.lock';
/** How often the holder touches its lock file. */
export const REFRESH_MS = 10_000;
/** A lock untouched for this long is stale when its holder cannot be asked about: three refreshes missed. */
export const STALE_MS = 30_000;

/** What the lock file holds. */
interface LockInfo {
  pid: number;
  hostname: string;
  /** When the lock was taken (ISO 8601), for the error message. */
  startedAt: string;
  /** Random, per lock: says whether the file is still this holder's. */
  token: string;
  /** Linux: the boot and pid namespace the pid belongs to; a pid from elsewhere is not looked up here. */
  pidNamespace?: string;
  /** Linux: when the process started (clock ticks since boot), to tell a pid used again. */
  processStart?: string;
}

/** A lock file as read: its text, what it says (unless it is not a lock yet) and its inode's identity and age. */
interface Found {
  text: string;
  info: LockInfo | undefined;
  ino: number;
  mtimeMs: number;
}

export interface DataDirLock {
  /** Puts this holder's lock back over one that something else wrote there (a dumped data dir extracted over the directory). */
  restore(): void;
  /** Why the directory is no longer this holder's (another process took the lock over), or `undefined` while it is. */
  lost(): string | undefined;
  /** Stops refreshing and removes the lock file if it is still this holder's. Safe to call again. */
  release(): void;
}

/** This thread's locks, by token, for removing them if the process exits without `close()`. */
const held = new Map<string, () => void>();
let exitHooked = false;
/** Where this process runs, as its locks record it. */
interface Identity {
  hostname: string;
  pidNamespace?: string;
  processStart?: string;
}
let identity: Identity | undefined;

/** Clock ticks since boot at which `pid` started (field 22 of `/proc/<pid>/stat`), on Linux. */
function processStart(fs: NodeFs, pid: number | 'self'): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2, in parentheses) may hold spaces: count from after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function thisProcess(fs: NodeFs, os: NodeOs): Identity {
  if (identity) return identity;
  const here: Identity = { hostname: os.hostname() };
  try {
    // The boot (pids start again after one) and the pid namespace (each container has its own).
    here.pidNamespace = `${fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}/${fs.readlinkSync('/proc/self/ns/pid')}`;
  } catch {
    // Not Linux, or /proc hidden: the hostname alone says where the pid is meaningful.
  }
  const start = processStart(fs, 'self');
  if (start) here.processStart = start;
  return (identity = here);
}

function parse(text: string): LockInfo | undefined {
  try {
    const info = JSON.parse(text) as Partial<LockInfo>;
    // A pid of 0 or below would name a process group to `process.kill`.
    if (!Number.isInteger(info.pid) || info.pid! <= 0 || typeof info.hostname !== 'string' || typeof info.token !== 'string') return undefined;
    return info as LockInfo;
  } catch {
    return undefined;
  }
}

const codeOf = (error: unknown) => (error as { code?: unknown }).code;

/** The lock file at `path`, or `undefined` when there is none. Text and stat come from one open file. */
function read(fs: NodeFs, path: string): Found | undefined {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const { ino, mtimeMs } = fs.fstatSync(fd);
    const text = fs.readFileSync(fd, 'utf8');
    return { text, info: parse(text), ino, mtimeMs };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Creates the lock file holding `text`, unless one exists (`false`). It is written whole under a
 * name of its own and linked into place (a link, like O_EXCL, fails when the name is taken), so
 * nobody reads a lock half written; where the file system has no hard links, O_EXCL and a write.
 */
function create(fs: NodeFs, path: string, text: string, token: string): boolean {
  const whole = `${path}.${token}.new`;
  fs.writeFileSync(whole, text, { mode: 0o600 });
  try {
    fs.linkSync(whole, path);
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
  } finally {
    fs.rmSync(whole, { force: true });
  }
  let fd: number;
  try {
    fd = fs.openSync(path, 'wx', 0o600);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeSync(fd, text);
  } catch (error) {
    // An empty lock (a full disk) would keep everyone out until it is stale.
    fs.rmSync(path, { force: true });
    throw error;
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** Waits `ms` without returning to the event loop: the lock is taken synchronously, at start-up. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Whether process `pid` of this host exists (EPERM: it does, and belongs to another user). */
function alive(pid: number): boolean {
  try {
    globalThis.process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) !== 'ESRCH';
  }
}

/**
 * Whether a lock not taken by this thread still holds: `stale` when its holder is gone, `here`
 * when it is this process's (another storage in this thread, or in a worker thread), `held`
 * when another process has it.
 */
function verdict(fs: NodeFs, found: Found, me: Identity): 'stale' | 'here' | 'held' {
  const { info } = found;
  if (info && info.hostname === me.hostname && info.pidNamespace === me.pidNamespace) {
    const startedSame = info.processStart !== undefined && info.processStart === processStart(fs, info.pid);
    if (info.pid === globalThis.process.pid) {
      if (held.has(info.token) || startedSame) return 'here';
      // This pid, another start: left by a process before this one that had the same pid.
      if (info.processStart !== undefined && me.processStart !== undefined) return 'stale';
    } else {
      if (!alive(info.pid)) return 'stale';
      // Running, and the holder: however long since its last refresh (a long synchronous stretch).
      if (startedSame) return 'held';
      // Running, but started after the lock was written: the pid was used again.
      if (info.processStart !== undefined && processStart(fs, info.pid) !== undefined) return 'stale';
    }
  }
  return Date.now() - found.mtimeMs > STALE_MS ? 'stale' : 'held';
}

/** The error for a directory someone else holds. */
function inUse(dataDir: string, path: string, found: Found, sameProcess: boolean): TypeError {
  const where = `pgliteStorage: \`dataDir\` "${dataDir}"`;
  if (sameProcess) return new TypeError(`${where} is already open in this process (pid ${found.info!.pid}): close() the storage that has it before opening it again`);
  const who = found.info ? `process ${found.info.pid} on host ${found.info.hostname} (since ${found.info.startedAt})` : 'another process (its lock is still being written)';
  return new TypeError(
    `${where} is in use by ${who}. PGlite serves one process at a time: stop that process before starting this one (a restart must stop the old process first), or use postgresStorage for several processes. A lock left by a process that died is taken over, at once when it ran on this host, otherwise ${STALE_MS / 1000} s after its last refresh (${path}).`,
  );
}

/**
 * Moves the stale lock `found` out of the way, for creating the lock to decide who comes next.
 * Only one racer can rename that file; a racer that renamed a newer lock instead (another took
 * over between its read and its rename) puts that one back.
 */
function setAside(fs: NodeFs, path: string, found: Found, token: string): void {
  const aside = `${path}.${token}.stale`;
  try {
    fs.renameSync(path, aside);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return;
    throw error;
  }
  const moved = read(fs, aside);
  if (moved && (moved.ino !== found.ino || moved.text !== found.text)) {
    try {
      // A link, not a rename: it fails rather than replace a lock created since. (Then a third
      // starter got in within these microseconds; the holder of the lock moved here finds it
      // gone at its next refresh and stops: `lost()`.)
      fs.linkSync(aside, path);
    } catch (error) {
      if (codeOf(error) !== 'EEXIST' && !fs.existsSync(path)) fs.renameSync(aside, path);
    }
  }
  fs.rmSync(aside, { force: true });
}

/**
 * Takes the lock on `dataDir` (a file system path) or throws a TypeError saying who holds it.
 * `undefined` outside Node, where there is no file system to lock.
 */
export function lockDataDir(dataDir: string): DataDirLock | undefined {
  const fs = maybeNodeBuiltin<NodeFs>('node:fs');
  const os = maybeNodeBuiltin<NodeOs>('node:os');
  if (!fs?.openSync || !os?.hostname) return undefined;
  const dir = dataDir.replace(/^file:\/\//, '').replace(/\/+$/, '');
  const path = `${dir}/${LOCK_FILE}`;
  const me = thisProcess(fs, os);
  const info: LockInfo = { pid: globalThis.process.pid, hostname: me.hostname, startedAt: new Date().toISOString(), token: globalThis.crypto.randomUUID() };
  if (me.pidNamespace) info.pidNamespace = me.pidNamespace;
  if (me.processStart) info.processStart = me.processStart;
  const text = `${JSON.stringify(info)}\n`;

  try {
    for (let attempt = 1; !create(fs, path, text, info.token); attempt++) {
      const found = read(fs, path);
      if (!found) continue;
      // A lock without its content yet (a file system without hard links): its creator is
      // between creating and writing it.
      if (!found.info && attempt < 5 && Date.now() - found.mtimeMs < STALE_MS) {
        pause(10);
        continue;
      }
      const holds = verdict(fs, found, me);
      // Lost to other racers again and again: someone keeps starting. Said as in use.
      if (holds !== 'stale' || attempt >= 5) throw inUse(dataDir, path, found, holds === 'here');
      setAside(fs, path, found, info.token);
    }
  } catch (error) {
    if (error instanceof TypeError) throw error;
    // A directory the process may not write to, a full disk: said as the start-up problem it is.
    const code = codeOf(error);
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : String(code ?? error);
    throw new TypeError(`pgliteStorage: \`dataDir\` "${dataDir}" cannot be locked for this process (${why}): ${path}`, { cause: error });
  }

  let lostTo: string | undefined;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    clearInterval(timer);
    held.delete(info.token);
    try {
      if (read(fs, path)?.info?.token === info.token) fs.rmSync(path, { force: true });
    } catch {
      // The directory is gone or unreadable: nothing left to release.
    }
  };
  const refresh = () => {
    try {
      const found = read(fs, path);
      if (found?.info?.token === info.token) {
        const now = new Date();
        fs.utimesSync(path, now, now);
      } else if (!found && create(fs, path, text, info.token)) {
        // Removed by hand: put back, since nobody else has taken it.
      } else {
        const other = found ?? read(fs, path);
        const who = other?.info ? `process ${other.info.pid} on host ${other.info.hostname}` : 'another process';
        lostTo = `the data directory ${dir} has been taken over by ${who} (this process's lock on it was found stale); this process no longer uses it so as not to write over the other's work: stop one of the two`;
        clearInterval(timer);
      }
    } catch {
      // A failed refresh is tried again; the lock is stale only after three.
    }
  };
  // Never what keeps the process running.
  const timer = setInterval(refresh, REFRESH_MS);
  (timer as { unref?: () => void }).unref?.();
  held.set(info.token, release);
  if (!exitHooked) {
    exitHooked = true;
    // A process that exits without close() (process.exit, the end of its work) leaves no lock
    // behind; its PostgreSQL ends with it. A crash runs no hook: that lock is found stale.
    globalThis.process.on('exit', () => {
      for (const end of [...held.values()]) end();
    });
  }

  return {
    restore() {
      if (released || lostTo || read(fs, path)?.info?.token === info.token) return;
      const temporary = `${path}.${info.token}.tmp`;
      fs.writeFileSync(temporary, text, { mode: 0o600 });
      fs.renameSync(temporary, path);
    },
    lost: () => lostTo,
    release,
  };
}

