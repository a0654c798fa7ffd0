import type { Feed, FeedUpdate } from '../model/feed.js';
import type { ModuleId } from '../model/modules.js';
import type { Resource } from '../model/resource.js';
import type { Share } from '../model/share.js';
import type { Update } from '../model/update.js';
import type { Page, StorageOps } from '../ports/storage.js';
import { copyWith } from '../model/plain-copy.js';
import type { Receipt } from '../model/receipt.js';
import { openedBy, openedIn, openedKey } from './receipts.js';

/** New shares beyond the page resolved and checked to be counted; past this many they count unchecked. */
const MAX_CHECKED = 500;
/** Pages of updates read, beyond the feed's own, to count the new ones: a count stops there. */
const MAX_COUNT_PAGES = 20;
const UPDATES_PAGE = 50;

/** `{ ...value, isNew }`, without the spread's cost (see `copyWith`). */
function withNew<T extends object>(value: T, isNew: boolean): T & { isNew: boolean } {
  return copyWith(value, 'isNew', isNew) as T & { isNew: boolean };
}

/**
 * The client's opened resources in the project, read as soon as the feed knows it may need them:
 * when something was shared since `since`. `markNew` uses them last; read there, they cost a
 * returning client's feed a round trip after everything else, where here they go out beside the
 * page's resolution; when the feed's own read brought them (`receipts`, SQL), there is no round
 * trip of their own at all. Undefined when nothing was shared since (the usual visit reads no
 * receipts).
 *
 * The read is marked handled: when the feed fails first, or its visit is not recorded (so nothing
 * is marked new), nobody awaits it, and its failure must not surface as an unhandled rejection.
 * Whoever awaits it still gets the failure.
 */
export function openedIfSharedSince(
  storage: Pick<StorageOps, 'listReceipts'>,
  tenantId: string,
  clientId: string,
  projectId: string,
  since: Date | undefined,
  allShares: readonly Share[],
  /** The client's receipts in the project, when the feed's own read brought them (`FeedRead.receipts`). */
  receipts?: readonly Receipt[],
): Promise<Set<string>> | undefined {
  // Never without a `since` (a first visit).
  const after = since?.getTime();
  if (after === undefined || !allShares.some((s) => s.createdAt.getTime() > after)) return undefined;
  if (receipts) return Promise.resolve(openedIn(receipts));
  const read = openedBy(storage, tenantId, clientId, [projectId]);
  read.catch(() => {});
  return read;
}

export interface NewInFeed {
  /** The feed's sections, each listed resource and update with `isNew`. */
  modules: Feed['modules'];
  /** Per module with anything new, how many — over the whole section, not only this page. */
  newCounts: Partial<Record<ModuleId, number>>;
}

/**
 * The new shares of the feed's resource sections that this answer does not list (later pages):
 * the first `MAX_CHECKED` to be resolved and checked like the page's own — alongside them, in
 * the same call to the content source — and the rest, counted unchecked. None when nothing was
 * shared after `since`.
 */
export function newBeyondPage(
  since: Date | undefined,
  feed: { sections: readonly ModuleId[]; allShares: readonly Share[]; listed: readonly Share[] },
): { check: Share[]; unchecked: Share[] } {
  const after = since?.getTime();
  // The time first: on a quiet visit this one pass finds nothing, and no set is built.
  const fresh = after === undefined ? [] : feed.allShares.filter((share) => share.createdAt.getTime() > after);
  if (fresh.length === 0) return { check: [], unchecked: [] };
  const listed = new Set(feed.listed.map((s) => s.id));
  const counted = new Set<string>(feed.sections.filter((m) => m !== 'updates' && m !== 'schedule'));
  const beyond = fresh.filter((share) => counted.has(share.module) && !listed.has(share.id));
  return { check: beyond.slice(0, MAX_CHECKED), unchecked: beyond.slice(MAX_CHECKED) };
}

/**
 * "New since your last visit": a resource is new when its share was created after `since` and
 * the client has not opened it (a resource unshared by mistake and shared again is not news to
 * a client that read it), an update when it was published after `since`; with no `since` (the
 * first visit) nothing is. Counts
 * cover whole sections: the listed resources that are new (resolved and visible), plus the new
 * shares of the section beyond this answer (`newBeyondPage`), resolved and checked the same way
 * — no work when none is new; updates are counted page by page from the newest while they are
 * new, which takes one more read only when more than a page of them is new.
 */
export async function markNew(
  storage: StorageOps,
  tenantId: string,
  projectId: string,
  since: Date | undefined,
  feed: {
    modules: Feed['modules'];
    sections: readonly ModuleId[];
    listed: readonly Share[];
    /** The updates page the feed lists, and whether it is the newest one (not a `cursor` page). */
    updates?: { page: Page<Update>; fromTop: boolean };
    /** What `newBeyondPage` found for this `since`: the `check` ones resolved and visible, the rest. */
    beyond: { visible: readonly Resource[]; unchecked: readonly Share[] };
    /**
     * `openedIfSharedSince`'s read for the load's boundary: undefined exactly when nothing was
     * shared since it, so it also tells whether any share is new.
     */
    opened: Promise<ReadonlySet<string>> | undefined;
  },
): Promise<NewInFeed> {
  const after = since?.getTime();
  const isNewAt = (at: Date) => after !== undefined && at.getTime() > after;
  // Nothing shared since the boundary (the first visit, or a quiet project): no resource is new,
  // so none is looked up, and no share beyond the page is resolved to be counted. No boundary (a
  // visit not recorded) marks nothing new, though the receipts were read for the load's.
  const anyNewShare = after !== undefined && feed.opened !== undefined;
  // By module, then resource id: no key strings built per resource.
  const sharedAt = new Map<string, Map<string, Date>>();
  // Read only when something was shared since: the usual visit reads no receipts.
  const opened: ReadonlySet<string> = anyNewShare ? await feed.opened! : new Set<string>();
  const wasOpened = (module: string, id: string) => opened.has(openedKey(projectId, module, id));
  if (anyNewShare) {
    for (const s of feed.listed) {
      if (wasOpened(s.module, s.resourceId)) continue;
      let ids = sharedAt.get(s.module);
      if (!ids) sharedAt.set(s.module, (ids = new Map()));
      ids.set(s.resourceId, s.createdAt);
    }
  }
  const mark = (r: Resource): Resource & { isNew: boolean } => {
    const at = sharedAt.get(r.module)?.get(r.id);
    return withNew(r, at !== undefined && isNewAt(at));
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
  if (anyNewShare) {
    for (const r of feed.beyond.visible) if (!wasOpened(r.module, r.id)) add(r.module, 1);
    for (const share of feed.beyond.unchecked) if (!wasOpened(share.module, share.resourceId)) add(share.module, 1);
  }

  if (feed.modules.updates !== undefined) {
    modules.updates = feed.modules.updates.map((u): FeedUpdate => withNew(u, isNewAt(u.update.publishedAt)));
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
