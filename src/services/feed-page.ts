import type { ModuleId } from '../model/modules.js';
import type { Share } from '../model/share.js';
import { decodeTimeCursor, encodeTimeCursor } from '../ports/cursor.js';

/** Resources per module in one feed answer; the rest comes page by page through `more`. */
export const FEED_PAGE = 50;

/** Shares in the order a feed lists them: oldest first, by time then id, as the cursor keys them. */
const byKey = (a: { ms: number; share: Share }, b: { ms: number; share: Share }) =>
  a.ms - b.ms || (a.share.id < b.share.id ? -1 : a.share.id > b.share.id ? 1 : 0);

/**
 * The shares one feed answer lists: per resource module, at most `limit` after `cursor` (which
 * pages `only`, the one module asked for), with the cursor of each module that has more. The
 * order is recomputed here rather than trusted from storage, so a cursor means the same on
 * every store (PostgreSQL keeps microseconds, a cursor milliseconds). The schedule is one
 * resource and is never paged.
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
  const byModule = new Map<string, { ms: number; share: Share }[]>();
  for (const share of shares) {
    if (!wanted.has(share.module)) continue;
    const ms = share.createdAt.getTime();
    if (after && (ms < after[0] || (ms === after[0] && share.id <= after[1]))) continue;
    let list = byModule.get(share.module);
    if (!list) byModule.set(share.module, (list = []));
    list.push({ ms, share });
  }
  const out: Share[] = [];
  const more: Partial<Record<ModuleId, string>> = {};
  for (const [module, list] of byModule) {
    list.sort(byKey);
    const taken = module === 'schedule' ? list : list.slice(0, limit);
    for (const { share } of taken) out.push(share);
    const last = taken[taken.length - 1];
    if (list.length > taken.length && last) more[module as ModuleId] = encodeTimeCursor(last.share.createdAt, last.share.id);
  }
  return { shares: out, more };
}
