import type { FeedRead, FeedStore } from '../../src/ports/feed-store.js';
import type { OpsContext } from './context.js';
import type { Share } from '../../src/model/share.js';
import { cursorKey, keyOf, toUpdate } from './rows.js';
import { toVisit } from './ops-visits.js';
import { RECEIPTS_ORDER, toReceipt } from './ops-receipts.js';
import { listSharesOn } from './ops-content.js';
import type { Row } from './driver.js';

/** Between a share's fields and between shares in the packed list: characters no `Id` may hold. */
const FIELD = '\x1f';
const RECORD = '\x1e';

/** 2000-01-01T00:00:00Z, PostgreSQL's own epoch, in milliseconds after the Unix one. */
const POSTGRES_EPOCH_MS = 946_684_800_000;

/** The value of eight lower-case hex digits of `text` from `from`; NaN if any is not one. */
function hexWord(text: string, from: number): number {
  let value = 0;
  for (let i = from; i < from + 8; i++) {
    const code = text.charCodeAt(i);
    const digit = code >= 48 && code <= 57 ? code - 48 : code >= 97 && code <= 102 ? code - 87 : -1;
    if (digit < 0) return Number.NaN;
    value = value * 16 + digit;
  }
  return value;
}

/**
 * The time a share's packed field holds, as `encode(timestamptz_send(…), 'hex')` writes it: a
 * signed big-endian count of microseconds since 2000-01-01 in sixteen hex digits, exact in a
 * double for 285 years either side of 2000. NaN for a field that is not that. Read by character
 * codes: `parseInt` on its two halves cost twice as much, and checked nothing.
 */
function microsOfHex(field: string): number {
  const high = field.length === 16 ? hexWord(field, 0) : Number.NaN;
  // `| 0` reads the high word as signed (a time before 2000 is a negative count), and would read NaN as 0.
  return Number.isNaN(high) ? Number.NaN : (high | 0) * 4_294_967_296 + hexWord(field, 8);
}

/** A time of `microsOfHex` as a Date's milliseconds since 1970: rounded down, as pg reads a time into a Date. */
const dateOfMicros = (micros: number) => new Date(POSTGRES_EPOCH_MS + (micros - (((micros % 1000) + 1000) % 1000)) / 1000);

/**
 * The shares of the packed list (see `feedOps`), in the order `listShares` gives them, or
 * undefined when it does not unpack into `count` shares of exactly six fields each, the last a
 * time: a field holding a separator, which no share sitegate wrote does. The shares are then read
 * as rows instead. Read by `indexOf` and `slice`, at half the cost of splitting the text and
 * then each share.
 */
function unpackShares(packed: string | null, count: number, tenantId: string, projectId: string): Share[] | undefined {
  if (count === 0) return [];
  if (packed === null) return undefined;
  const shares: Share[] = new Array(count);
  /** Each share's stored time, to the microsecond: what `listShares` orders them by (then by id). */
  const micros: number[] = new Array(count);
  /** Where the first five fields of the current share end. */
  const ends = [0, 0, 0, 0, 0];
  let at = 0;
  let end = -1;
  for (let i = 0; i < count; i++) {
    end = packed.indexOf(RECORD, at);
    if (end < 0) end = packed.length;
    let from = at;
    for (let k = 0; k < 5; k++) {
      const e = packed.indexOf(FIELD, from);
      // Fewer than six fields before the share separator: one was inside a field. (The check
      // after the loop would find it too, once every share had been read.)
      if (e < 0 || e > end) return undefined;
      ends[k] = e;
      from = e + 1;
    }
    const seventh = packed.indexOf(FIELD, from);
    if (seventh >= 0 && seventh < end) return undefined;
    const time = microsOfHex(packed.slice(ends[4]! + 1, end));
    if (Number.isNaN(time)) return undefined;
    micros[i] = time;
    shares[i] = {
      tenantId,
      id: packed.slice(at, ends[0]),
      projectId,
      module: packed.slice(ends[0]! + 1, ends[1]) as Share['module'],
      resourceId: packed.slice(ends[1]! + 1, ends[2]),
      kind: packed.slice(ends[2]! + 1, ends[3]) as Share['kind'],
      sharedBy: packed.slice(ends[3]! + 1, ends[4]),
      createdAt: dateOfMicros(time),
    };
    at = end + 1;
  }
  // Every share read, and nothing after the last.
  return end === packed.length ? inListOrder(shares, micros) : undefined;
}

/**
 * `shares` in `listShares`' order: by stored time, then id (ids are ASCII, so code units order
 * them as PostgreSQL's `C` collation does). They come almost always in that order already, which
 * one pass confirms without a sort.
 */
function inListOrder(shares: Share[], micros: number[]): Share[] {
  const before = (a: number, b: number) => micros[a]! - micros[b]! || (shares[a]!.id < shares[b]!.id ? -1 : shares[a]!.id > shares[b]!.id ? 1 : 0);
  let sorted = true;
  for (let i = 1; i < shares.length && sorted; i++) sorted = before(i - 1, i) <= 0;
  if (sorted) return shares;
  return Array.from(shares.keys())
    .sort(before)
    .map((i) => shares[i]!);
}

/**
 * A feed load's reads as one statement: the queries of `listShares`, `listUpdates` and
 * `getVisit` (each by its index, each with its `tenant_id` predicate), and `listReceipts` of the
 * client when a share is newer than the visit's earliest "new since" (`FeedRead.receipts`).
 * Every statement costs a socket write or more on both sides, and three at once on three pooled
 * connections had the feed wait for the slowest of three server processes to be scheduled; the
 * receipts read apart, beside the feed's resolution, added 0.10–0.14 ms to a returning client's
 * p50 and up to 0.7 ms to its p95 (bench/history.md, 2026-12-06). The visit, the updates and the
 * receipts come as JSON. The shares come as one text, their fields between control characters:
 * 200 rows cost Node a row object, a buffer slice per field and the young-generation garbage of
 * both, a third of the feed's CPU, where reading one string costs little and PostgreSQL no more
 * than sending the rows (building JSON for them cost it more).
 *
 * What PostgreSQL spends on that text is kept to what it must. A share's time goes as the hex of
 * its stored microseconds (`timestamptz_send`), which costs it a fifth of what epoch
 * milliseconds by `extract`'s numeric arithmetic did (a double from `date_part` is cheaper too,
 * but not exact to the microsecond for every time). And Node puts the shares in `listShares`'
 * order, finding them almost always in it already, where an ordered aggregate had PostgreSQL
 * sort them every time: together a quarter less of PostgreSQL's CPU per feed of 200 shares.
 */
export function feedOps({ q, s, select }: OpsContext): FeedStore {
  /**
   * The project's shares as `listShares` reads them: what a packed list that does not unpack
   * falls back to, in a statement of its own (so not quite as of the same moment as the visit
   * and the updates).
   */
  const shareRows = listSharesOn({ s, select });

  return {
    async readFeed(tenantId, projectId, clientId, updates) {
      const params: unknown[] = [tenantId, projectId, clientId];
      let updatesPart = 'NULL::json';
      if (updates) {
        params.push(updates.limit + 1);
        const after = cursorKey(updates.cursor);
        const keyset = after ? `AND (published_at, id) < ($5, $6)` : '';
        if (after) params.push(after[0], after[1]);
        updatesPart = `(SELECT coalesce(json_agg(u ORDER BY u.published_at DESC, u.id DESC), '[]'::json) FROM (
             SELECT * FROM ${s}.updates WHERE tenant_id = $1 AND project_id = $2 AND deleted_at IS NULL ${keyset}
             ORDER BY published_at DESC, id DESC LIMIT $4) u)`;
      }
      // The visit is read once, for itself and for whether the receipts may be needed.
      const [row] = await q.query(
        `SELECT CASE WHEN v.client_id IS NOT NULL THEN row_to_json(v) END AS visit,
                ${updatesPart} AS updates, p.shares, p.count,
                CASE WHEN p.newest > coalesce(v.previous_visit_at, v.last_visit_at)
                     THEN (SELECT coalesce(json_agg(r ORDER BY ${RECEIPTS_ORDER}), '[]'::json)
                             FROM ${s}.receipts r WHERE r.tenant_id = $1 AND r.project_id = $2 AND r.client_id = $3)
                END AS receipts
           FROM (SELECT string_agg(concat_ws(chr(31), t.id, t.module, t.resource_id, t.kind, t.shared_by,
                                          encode(timestamptz_send(t.created_at), 'hex')), chr(30)) AS shares,
                        count(*)::int AS count, max(t.created_at) AS newest
                   FROM ${s}.shares t WHERE t.tenant_id = $1 AND t.project_id = $2) p
           LEFT JOIN ${s}.project_visits v ON v.tenant_id = $1 AND v.client_id = $3 AND v.project_id = $2`,
        params,
      );
      const extra = row as { visit: Row | null; updates: Row[] | null; shares: string | null; count: number; receipts: Row[] | null };
      const shares = unpackShares(extra.shares, extra.count, tenantId, projectId) ?? (await shareRows(tenantId, projectId));
      const visit = extra.visit ? toVisit(extra.visit) : null;
      const read: FeedRead = { shares, visit };
      if (extra.receipts) read.receipts = extra.receipts.map(toReceipt);
      if (!updates) return read;
      const list = extra.updates!;
      const items = list.slice(0, updates.limit).map(toUpdate);
      const last = items[items.length - 1];
      read.updates = { items, nextCursor: list.length > updates.limit && last ? keyOf(last.publishedAt, last.id) : null };
      return read;
    },
  };
}
