/**
 * Records the statements a measured server sends to PostgreSQL while one request runs, so an
 * endpoint's floor (statement-floor.ts) can replay exactly them. node-postgres's `Client#query`
 * is wrapped only between `start` and `stop`: the measured requests run the driver untouched.
 */
import pg from 'pg';
import type { RecordedStatement } from './protocol.js';

type Query = (this: pg.Client, ...args: unknown[]) => unknown;

export interface StatementRecorder {
  start(): void;
  /** Ends the recording: the statements sent since `start`, in the order they were sent. */
  stop(): RecordedStatement[];
}

export function statementRecorder(): StatementRecorder {
  const prototype = pg.Client.prototype as unknown as { query: Query };
  const original = prototype.query;
  let recorded: RecordedStatement[] = [];
  return {
    start() {
      recorded = [];
      prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const [config, values] = args;
        if (typeof config === 'string') recorded.push({ text: config, ...(Array.isArray(values) ? { values } : {}) });
        else if (config && typeof config === 'object' && typeof (config as RecordedStatement).text === 'string') {
          const { name, text, values: own } = config as RecordedStatement;
          const given = own ?? (Array.isArray(values) ? values : undefined);
          recorded.push({ ...(name ? { name } : {}), text, ...(given ? { values: given } : {}) });
        }
        return original.apply(this, args);
      };
    },
    stop() {
      prototype.query = original;
      return recorded;
    },
  };
}
