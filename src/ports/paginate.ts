import { copyRecord } from '../model/copy-record.js';
import { decodeKeyCursor, encodeKeyCursor } from './cursor.js';
import type { Page } from './storage.js';

export interface PaginateOptions<T> {
  /**
   * The sort key of a row: a time and an id, the order of most lists of `StorageOps`, or a time
   * and several ids where one does not tell rows apart (read receipts).
   */
  key: (row: T) => readonly [Date, ...string[]];
  /** `asc` (clients) or `desc` (updates, audit: newest first). */
  order: 'asc' | 'desc';
  /** The order of the ids among rows of the same time, when not `order` (receipts: newest first, then ids `asc`). */
  ties?: 'asc' | 'desc';
  /** How many ids a key holds after its time: 1 unless said (receipts: 3). A cursor of another length is refused. */
  ids?: number;
  limit: number;
  /** `nextCursor` of the previous page; one `paginate` did not make is a `BadRequestError`. */
  cursor?: string | undefined;
}

type Key = readonly [number, ...string[]];

const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Key order: the time by `order`'s sign, then each id by `ties`'s. */
function comparer(order: 1 | -1, ties: 1 | -1): (a: Key, b: Key) => number {
  return (a, b) => {
    if (a[0] !== b[0]) return order * (a[0] - b[0]);
    for (let i = 1; i < a.length; i++) {
      const c = text(a[i] as string, b[i] as string);
      if (c !== 0) return ties * c;
    }
    return 0;
  };
}

/**
 * Keyset pagination over rows already filtered, for stores that hold their rows in memory (or
 * fetch them all): sorts by `key` (ids compared by UTF-16 code units, like `COLLATE "C"`),
 * skips past `cursor`, returns `limit` rows (deep copies: no caller shares a stored row) and
 * the cursor of the next page, `null` when no row follows. Its cursors are `encodeTimeCursor`'s
 * (`encodeKeyCursor`'s for a key of several ids), so a store that pages in SQL and one that uses
 * this accept each other's.
 *
 * @example
 * listUpdates: async (tenantId, projectId, page) =>
 *   paginate(updatesOf(tenantId, projectId), { key: (u) => [u.publishedAt, u.id], order: 'desc', ...page }),
 */
export function paginate<T>(rows: Iterable<T>, options: PaginateOptions<T>): Page<T> {
  const sign = options.order === 'asc' ? 1 : -1;
  const compare = comparer(sign, (options.ties ?? options.order) === 'asc' ? 1 : -1);
  const after: Key | undefined = options.cursor === undefined ? undefined : decodeKeyCursor(options.cursor, options.ids ?? 1);
  const keyed: { row: T; key: Key }[] = [];
  for (const row of rows) {
    const [at, ...ids] = options.key(row);
    const key: Key = [at.getTime(), ...ids];
    if (!after || compare(key, after) > 0) keyed.push({ row, key });
  }
  keyed.sort((a, b) => compare(a.key, b.key));
  const page = keyed.slice(0, Math.max(0, options.limit));
  const last = page[page.length - 1];
  return {
    items: page.map((entry) => copyRecord(entry.row)),
    nextCursor: keyed.length > page.length && last ? encodeKeyCursor(new Date(last.key[0]), last.key.slice(1) as string[]) : null,
  };
}
