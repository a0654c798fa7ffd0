import type { Feed, FeedUpdate } from '../model/feed.js';
import type { ModuleId } from '../model/modules.js';
import type { Resource } from '../model/resource.js';
import type { Share } from '../model/share.js';
import type { Update } from '../model/update.js';
import type { Page, StorageOps } from '../ports/storage.js';

/** New shares beyond the page resolved and checked to be counted; past this many they count unchecked. */
const MAX_CHECKED = 500;
/** Pages of updates read, beyond the feed's own, to count the new ones: a count stops there. */
const MAX_COUNT_PAGES = 20;
const UPDATES_PAGE = 50;

const refKey = (module: string, id: string) => `${module}/${id}`;

export interface NewInFeed {
  /** The feed's sections, each listed resource and update with `isNew`. */
  modules: Feed['modules'];
  /** Per module with anything new, how many — over the whole section, not only this page. */
  newCounts: Partial<Record<ModuleId, number>>;
}

/**
 * "New since your last visit": a resource is new when its share was created after `since`, an
 * update when it was published after it; with no `since` (the first visit) nothing is. Counts
 * cover whole sections: the listed resources that are new (resolved and visible), plus the new
 * shares of the section beyond this answer (found among the project's shares, which the feed
 * has read anyway), resolved and checked the same way — no work when none is new; updates are
 * counted page by page from the newest while they are new, which takes one more read only when
 * more than a page of them is new.
 */
export async function markNew(
  storage: StorageOps,
  tenantId: string,
  projectId: string,
  since: Date | undefined,
  feed: {
    modules: Feed['modules'];
    sections: readonly ModuleId[];
    allShares: readonly Share[];
    listed: readonly Share[];
    /** The updates page the feed lists, and whether it is the newest one (not a `cursor` page). */
    updates?: { page: Page<Update>; fromTop: boolean };
    /** Of these shares' resources, those the client may see (resolved and checked as the feed's own). */
    visible: (shares: Share[]) => Promise<Resource[]>;
  },
): Promise<NewInFeed> {
  const after = since?.getTime();
  const isNewAt = (at: Date) => after !== undefined && at.getTime() > after;
  const sharedAt = new Map(feed.listed.map((s) => [refKey(s.module, s.resourceId), s.createdAt]));
  const mark = (r: Resource): Resource & { isNew: boolean } => {
    const at = sharedAt.get(refKey(r.module, r.id));
    return { ...r, isNew: at !== undefined && isNewAt(at) };
  };

  const modules: Feed['modules'] = {};
  const newCounts: Partial<Record<ModuleId, number>> = {};
  const add = (module: ModuleId, n: number) => {
    if (n > 0) newCounts[module] = (newCounts[module] ?? 0) + n;
  };
  for (const [module, value] of Object.entries(feed.modules) as [ModuleId, unknown][]) {
    if (module === 'updates' || module === 'schedule') continue;
    const marked = (value as Resource[]).map(mark);
    (modules as Record<string, Resource[]>)[module] = marked;
    add(module, marked.filter((r) => r.isNew).length);
  }
  if (feed.modules.schedule !== undefined) {
    const schedule = feed.modules.schedule;
    modules.schedule = schedule && { ...schedule, resource: mark(schedule.resource) };
    if (modules.schedule?.resource.isNew) add('schedule', 1);
  }
  if (after !== undefined) {
    // The new shares this answer does not list: later pages of their sections.
    const listed = new Set(feed.listed.map((s) => s.id));
    const counted = new Set<string>(feed.sections.filter((m) => m !== 'updates' && m !== 'schedule'));
    const beyond = feed.allShares.filter((share) => counted.has(share.module) && !listed.has(share.id) && isNewAt(share.createdAt));
    if (beyond.length > 0) {
      const checked = beyond.slice(0, MAX_CHECKED);
      for (const r of await feed.visible(checked)) add(r.module, 1);
      for (const share of beyond.slice(MAX_CHECKED)) add(share.module, 1);
    }
  }

  if (feed.modules.updates !== undefined) {
    modules.updates = feed.modules.updates.map((u): FeedUpdate => ({ ...u, isNew: isNewAt(u.update.publishedAt) }));
    if (after !== undefined && feed.updates) add('updates', await countNewUpdates(storage, tenantId, projectId, isNewAt, feed.updates));
  }
  return { modules, newCounts };
}

/** Updates are listed newest first: count from the top while they are new. */
async function countNewUpdates(
  storage: StorageOps,
  tenantId: string,
  projectId: string,
  isNewAt: (at: Date) => boolean,
  { page, fromTop }: { page: Page<Update>; fromTop: boolean },
): Promise<number> {
  let current = fromTop ? page : await storage.listUpdates(tenantId, projectId, { limit: UPDATES_PAGE });
  let count = 0;
  for (let read = 0; ; read++) {
    const fresh = current.items.filter((u) => isNewAt(u.publishedAt)).length;
    count += fresh;
    if (fresh < current.items.length || !current.nextCursor || read >= MAX_COUNT_PAGES) return count;
    current = await storage.listUpdates(tenantId, projectId, { limit: UPDATES_PAGE, cursor: current.nextCursor });
  }
}
