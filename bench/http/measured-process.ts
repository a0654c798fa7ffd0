/**
 * The child's side of the protocol `server-process.ts` drives (see protocol.ts): every measured
 * server (the portal's, the statement floor) answers `cpu` with its CPU time and that of its
 * PostgreSQL backends, exits on `stop`, and says `ready` once listening or `failed` if it
 * could not start. A server given a statement recorder also answers `record` (`recording`) and
 * `recorded` (the statements sent in between).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CpuSample, ServerMessage } from './protocol.js';
import type { StatementRecorder } from './statement-recorder.js';

const send = (message: ServerMessage) => process.send!(message);

/** Answers the parent for a listening `server`, then tells it the server is ready. */
export function serveMeasured(
  server: Server,
  options: {
    /** The backends' CPU sampler, when the server's database runs in processes of its own. */
    databaseCpu: (() => Promise<CpuSample | undefined>) | undefined;
    /** Releases what the server holds (its storage or pool) before the process exits. */
    close: () => Promise<void>;
    /** What the parent learns with `ready` besides the port. */
    ready?: { sessionToken?: string; seedSeconds?: number };
    /** Records the statements of a request on the parent's `record`…`recorded`, with the database they ran in. */
    statements?: { recorder: StatementRecorder; database: string };
  },
): void {
  const { databaseCpu } = options;
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'cpu') {
      const own = process.cpuUsage();
      const database = databaseCpu ? await databaseCpu() : undefined;
      send({ type: 'cpu', ownMicros: own.user + own.system, ...(database ? { database } : {}) });
    } else if (message.type === 'record' && options.statements) {
      await options.statements.recorder.start();
      send({ type: 'recording' });
    } else if (message.type === 'recorded' && options.statements) {
      send({ type: 'recorded', database: options.statements.database, statements: options.statements.recorder.stop() });
    } else if (message.type === 'stop') {
      server.closeAllConnections();
      server.close();
      await options.close();
      process.exit(0);
    }
  });
  send({ type: 'ready', port: (server.address() as AddressInfo).port, ...options.ready, databaseCpu: databaseCpu !== undefined });
}

/** Runs a measured server's start-up; a failure reaches the parent as `failed`. */
export function startMeasured(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  });
}
