/**
 * Records the statements a measured server sends to PostgreSQL while one request runs, so an
 * endpoint's floor (statement-floor.ts) can replay exactly them. node-postgres's `Client#query`
 * is wrapped only between `start` and `stop`: the measured requests run the driver untouched.
 */
import pg from 'pg';
import type { RecordedStatement } from './protocol.js';

type Query = (this: pg.Client, ...args: unknown[]) => unknown;

/** How long no statement may be sent before the recording starts: the load generator's last requests are done. */
const QUIET_MS = 250;

export interface StatementRecorder {
  /**
   * Wraps the driver and resolves once it has sent nothing for `QUIET_MS`: requests still under
   * way when a load stopped on time are done, and only what follows is recorded.
   */
  start(): Promise<void>;
  /** Ends the recording: the statements sent since `start` resolved, in the order they were sent. */
  stop(): RecordedStatement[];
}

export function statementRecorder(): StatementRecorder {
  const prototype = pg.Client.prototype as unknown as { query: Query };
  const original = prototype.query;
  let recorded: RecordedStatement[] = [];
  let lastSent = 0;
  return {
    async start() {
      recorded = [];
      lastSent = performance.now();
      prototype.query = function (this: pg.Client, ...args: unknown[]) {
        lastSent = performance.now();
        const [config, values] = args;
        if (typeof config === 'string') recorded.push({ text: config, ...(Array.isArray(values) ? { values } : {}) });
        else if (config && typeof config === 'object' && typeof (config as RecordedStatement).text === 'string') {
          const { name, text, values: own } = config as RecordedStatement;
          const given = own ?? (Array.isArray(values) ? values : undefined);
          recorded.push({ ...(name ? { name } : {}), text, ...(given ? { values: given } : {}) });
        }
        return original.apply(this, args);
      };
      while (performance.now() - lastSent < QUIET_MS) await new Promise((resolve) => setTimeout(resolve, QUIET_MS / 5));
      recorded = [];
    },
    stop() {
      prototype.query = original;
      return recorded;
    },
  };
}
