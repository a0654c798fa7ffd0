import { fork, type ChildProcess } from 'node:child_process';
import { cpuBetween, type CpuSample, type RecordedStatement, type ServerMessage } from './protocol.js';

/** CPU time a server process (and its database backends, when it has them) has used so far. */
export interface CpuReading {
  ownMicros: number;
  database?: CpuSample;
}

/** A measured server running in its own process, reachable on loopback. */
export interface ServerProcess {
  url: string;
  ready: Extract<ServerMessage, { type: 'ready' }>;
  cpu(): Promise<CpuReading>;
  /**
   * The statements the server sends to PostgreSQL while `during` runs, and the database they
   * run in: for a server started with a recorder (server.ts on PostgreSQL).
   */
  recordStatements(during: () => Promise<void>): Promise<{ database: string; statements: RecordedStatement[] }>;
  stop(): Promise<void>;
}

/**
 * Forks `script` with an IPC channel and waits for its `ready` (at most `timeoutMs`). Its
 * stderr is passed through, so a failure in it shows in the bench log.
 */
export function startServer(script: string, args: string[], timeoutMs = 120_000): Promise<ServerProcess> {
  const child: ChildProcess = fork(script, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [] });
  let pending: ((reading: CpuReading) => void) | undefined;
  let recording: ((message: Extract<ServerMessage, { type: 'recording' | 'recorded' }>) => void) | undefined;
  /** Sends `message` and waits for the child's answer of type `reply`; a server without a recorder never answers. */
  const ask = <T extends 'recording' | 'recorded'>(message: { type: string }, reply: T) =>
    new Promise<Extract<ServerMessage, { type: T }>>((answer, fail) => {
      const timer = setTimeout(() => fail(new Error(`${script} did not answer ${message.type} (is it a server that records statements?)`)), 10_000);
      recording = (got) => got.type === reply && (clearTimeout(timer), answer(got as Extract<ServerMessage, { type: T }>));
      child.send(message);
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (child.kill(), reject(new Error(`${script} did not start within ${timeoutMs / 1000} s`))), timeoutMs);
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`the server process exited with code ${code}`))));
    child.on('message', (message: ServerMessage) => {
      if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(message.message));
      } else if (message.type === 'cpu') {
        pending?.({ ownMicros: message.ownMicros, ...(message.database ? { database: message.database } : {}) });
        pending = undefined;
      } else if (message.type === 'recording' || message.type === 'recorded') {
        recording?.(message);
      } else if (message.type === 'ready') {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${message.port}`,
          ready: message,
          cpu: () =>
            new Promise<CpuReading>((answer) => {
              pending = answer;
              child.send({ type: 'cpu' });
            }),
          async recordStatements(during) {
            // The recording ends whatever fails on the way, so the server's driver is left as it was.
            const failed = await ask({ type: 'record' }, 'recording').then(during).then(
              () => undefined,
              (error: unknown) => ({ error }),
            );
            const { database, statements } = await ask({ type: 'recorded' }, 'recorded');
            if (failed) throw failed.error;
            return { database, statements };
          },
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
              child.once('exit', () => (clearTimeout(kill), done()));
              child.send({ type: 'stop' });
            }),
        });
      }
    });
  });
}

/** CPU microseconds used between two readings: the server's own, and its database backends'. */
export function cpuUsed(before: CpuReading, after: CpuReading): { own: number; database?: number } {
  const database = cpuBetween(before.database, after.database);
  return { own: after.ownMicros - before.ownMicros, ...(database !== undefined ? { database } : {}) };
}
