import type { PurgeCounts, PurgeQuery } from '../../src/ports/retention-store.js';
import type { Table } from './table.js';

/**
 * One module's share of `purgeEnded`: it deletes its own tables' ended records and counts them.
 * `openJob` says whether a mail job is still `pending` or `sending`, for the notifications
 * its digest will read.
 */
export type MemoryPurger = (query: PurgeQuery, openJob: (tenantId: string, jobId: string) => boolean) => Partial<PurgeCounts>;

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
