import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of a test's own, in /tmp on a free port, that the test may restart and
 * whose backends it may terminate — the shared server at DATABASE_URL is never touched. Started
 * as the `postgres` user (initdb refuses root), like .ci/postgres.sh.
 */
export interface ThrowawayPostgres {
  url: string;
  port: number;
  /** `pg_ctl restart -m fast`: every session ends at once; resolves when the server accepts connections again. */
  restart(): Promise<void>;
  /** SQL as the superuser through psql (a fresh connection each time, so it survives restarts). */
  psql(sql: string): Promise<string>;
  stop(): Promise<void>;
}

/** The newest installed PostgreSQL's bin directory, or undefined when there is none. */
export function postgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(`${base}/${v}/bin/initdb`)).sort((a, b) => Number(a) - Number(b));
  return versions.length ? `${base}/${versions.at(-1)}/bin` : undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startThrowawayPostgres(bin: string, name: string): Promise<ThrowawayPostgres> {
  const asPostgres = (file: string, args: string[]) => run('runuser', ['-u', 'postgres', '--', `${bin}/${file}`, ...args], { timeout: 60_000 });
  const dir = `/tmp/sitegate-${name}-${process.pid}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { mode: 0o700 });
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  chownSync(dir, Number(uid), Number(gid));
  await asPostgres('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100`;
  await asPostgres('pg_ctl', ['-D', dir, '-l', `${dir}/log`, '-w', '-o', options, 'start']);
  const psql = async (sql: string) =>
    (await asPostgres('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'sitegate', '-v', 'ON_ERROR_STOP=1', '-tAc', sql])).stdout;
  await asPostgres('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'sitegate']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/sitegate`,
    port,
    async restart() {
      await asPostgres('pg_ctl', ['-D', dir, '-l', `${dir}/log`, '-w', '-m', 'fast', '-o', options, 'restart']);
    },
    psql,
    async stop() {
      await asPostgres('pg_ctl', ['-D', dir, '-w', '-m', 'immediate', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
