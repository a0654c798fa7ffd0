import { copyRecord } from '../model/copy-record.js';
import { decodeTimeCursor, encodeTimeCursor } from './cursor.js';
import type { Page } from './storage.js';

export interface PaginateOptions<T> {
  /** The sort key of a row: a time and an id, the order of every list of `StorageOps`. */
  key: (row: T) => readonly [Date, string];
  /** `asc` (clients) or `desc` (updates, audit: newest first). */
  order: 'asc' | 'desc';
  limit: number;
  /** `nextCursor` of the previous page; one `paginate` did not make is a `BadRequestError`. */
  cursor?: string | undefined;
}

const compare = (a: readonly [number, string], b: readonly [number, string]): number =>
  a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/**
 * Keyset pagination over rows already filtered, for stores that hold their rows in memory (or
 * fetch them all): sorts by `key` (ids compared by UTF-16 code units, like `COLLATE "C"`),
 * skips past `cursor`, returns `limit` rows (deep copies: no caller shares a stored row) and
 * the cursor of the next page, `null` when no row follows. Its cursors are `encodeTimeCursor`'s,
 * so a store that pages in SQL and one that uses this accept each other's.
 *
 * @example
 * listUpdates: async (tenantId, projectId, page) =>
 *   paginate(updatesOf(tenantId, projectId), { key: (u) => [u.publishedAt, u.id], order: 'desc', ...page }),
 */
export function paginate<T>(rows: Iterable<T>, options: PaginateOptions<T>): Page<T> {
  const sign = options.order === 'asc' ? 1 : -1;
  const after = options.cursor === undefined ? undefined : decodeTimeCursor(options.cursor);
  const keyed: { row: T; key: [number, string] }[] = [];
  for (const row of rows) {
    const [at, id] = options.key(row);
    const key: [number, string] = [at.getTime(), id];
    if (!after || sign * compare(key, after) > 0) keyed.push({ row, key });
  }
  keyed.sort((a, b) => sign * compare(a.key, b.key));
  const page = keyed.slice(0, Math.max(0, options.limit));
  const last = page[page.length - 1];
  return {
    items: page.map((entry) => copyRecord(entry.row)),
    nextCursor: keyed.length > page.length && last ? encodeTimeCursor(new Date(last.key[0]), last.key[1]) : null,
  };
}
