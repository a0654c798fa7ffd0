import type { PurgeCounts, PurgeQuery } from '../../src/ports/retention-store.js';
import type { Table } from './table.js';

/**
 * What mail still to send (`pending`, `sending`) will read, as `k(tenantId, id)` keys: its own
 * id (a digest's notifications carry it), and the invite or account link it carries.
 */
export interface OpenMail {
  jobs: Set<string>;
  invites: Set<string>;
  links: Set<string>;
}

/**
 * `purgeEnded` by kind: each module registers, for the kinds its tables hold, how it deletes the
 * ended records no open mail reads, and counts them.
 */
export type MemoryPurgers = Partial<Record<keyof PurgeCounts, (query: PurgeQuery, open: OpenMail) => number>>;

/** Deletes up to `query.limit` rows of `table` (of `query.tenantId`, when given) that `ended` says are done with; how many. */
export function deleteEnded<T extends { tenantId: string }>(table: Table<T>, query: PurgeQuery, ended: (row: T) => boolean): number {
  const keys: string[] = [];
  for (const [key, row] of table.rows) {
    if (keys.length >= query.limit) break;
    if ((query.tenantId === undefined || row.tenantId === query.tenantId) && ended(row)) keys.push(key);
  }
  for (const key of keys) table.delete(key);
  return keys.length;
}

/** Whether `at` is at or before the query's cutoff. */
export const endedBy = (at: Date, query: PurgeQuery): boolean => at.getTime() <= query.before.getTime();
