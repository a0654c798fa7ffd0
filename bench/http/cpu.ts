import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rowsOf, type BulkQuery } from '../lib/sql-seed.js';
import type { CpuSample } from './protocol.js';

/** Clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** utime + stime of a process, in microseconds; undefined once it has exited. */
function processMicros(pid: number, ticks: number): number | undefined {
  try {
    // The command name (2nd field) is in parentheses and may hold spaces: count from after it.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / ticks) * 1e6;
  } catch {
    return undefined;
  }
}

/**
 * A sampler of the CPU time of every backend serving this database: the server's share of the
 * work that runs in PostgreSQL's processes. Works when the server runs on this machine (the
 * benchmark's loopback setup); resolves to undefined when /proc does not show its processes.
 */
export async function backendCpu(db: BulkQuery): Promise<(() => Promise<CpuSample | undefined>) | undefined> {
  const ticks = clockTicks();
  const sample = async (): Promise<CpuSample | undefined> => {
    const pids = await rowsOf<{ pid: number }>(db, `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`);
    const out: CpuSample = {};
    for (const { pid } of pids) {
      const micros = processMicros(pid, ticks);
      if (micros !== undefined) out[String(pid)] = micros;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  return (await sample()) ? sample : undefined;
}
