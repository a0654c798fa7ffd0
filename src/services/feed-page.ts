import type { ModuleId } from '../model/modules.js';
import type { Share } from '../model/share.js';
import { badCursor, decodeCursor, decodeTimeCursor, encodeCursor, encodeTimeCursor } from '../ports/cursor.js';

/** Resources per module in one feed answer; the rest comes page by page through `more`. */
export const FEED_PAGE = 50;

/**
 * A cursor in the feed's `more`: the section's own cursor (a share's time and id, or the updates
 * list's cursor as storage made it) with the section's name, so a cursor given for one section
 * is refused when it pages another instead of paging it from an unrelated point.
 */
export function feedCursor(module: ModuleId, sectionCursor: string): string {
  return encodeCursor([module, sectionCursor]);
}

/**
 * The section's own cursor inside a feed cursor for `module`; the `badCursor()` error (400,
 * path `cursor`) for any other cursor, a cursor of another section among them.
 */
export function sectionCursorOf(cursor: string, module: ModuleId): string {
  const values = decodeCursor(cursor);
  const [named, sectionCursor] = values;
  if (values.length !== 2 || named !== module || typeof sectionCursor !== 'string') throw badCursor();
  return sectionCursor;
}

/** Shares in the order a feed lists them: oldest first, by time then id, as the cursor keys them. */
const byKey = (a: Share, b: Share) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The shares one feed answer lists: per resource module, at most `limit` after `cursor` (the
 * section's own cursor, see `sectionCursorOf`, which pages `only`, the one module asked for),
 * with the feed cursor of each module that has more. The order is recomputed here rather than
 * trusted from storage, so a cursor means the same on every store (PostgreSQL keeps
 * microseconds, a cursor milliseconds); storage lists them in that order already, so the sort
 * only confirms it. The schedule is one resource and is never paged.
 */
export function feedShares(
  shares: readonly Share[],
  sections: readonly ModuleId[],
  only: ModuleId | undefined,
  cursor: string | undefined,
  limit = FEED_PAGE,
): { shares: Share[]; more: Partial<Record<ModuleId, string>> } {
  const after = only !== undefined && only !== 'updates' && cursor !== undefined ? decodeTimeCursor(cursor) : undefined;
  const wanted = new Set<string>(sections);
  const byModule = new Map<string, Share[]>();
  for (const share of shares) {
    if (!wanted.has(share.module)) continue;
    if (after) {
      const ms = share.createdAt.getTime();
      if (ms < after[0] || (ms === after[0] && share.id <= after[1])) continue;
    }
    let list = byModule.get(share.module);
    if (!list) byModule.set(share.module, (list = []));
    list.push(share);
  }
  const out: Share[] = [];
  const more: Partial<Record<ModuleId, string>> = {};
  for (const [module, list] of byModule) {
    list.sort(byKey);
    const taken = module === 'schedule' ? list : list.slice(0, limit);
    for (const share of taken) out.push(share);
    const last = taken[taken.length - 1];
    if (list.length > taken.length && last) more[module as ModuleId] = feedCursor(module as ModuleId, encodeTimeCursor(last.createdAt, last.id));
  }
  return { shares: out, more };
}
