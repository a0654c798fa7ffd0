import type { Feed } from '../../src/model/feed.js';
import type { ModuleId } from '../../src/model/modules.js';

/**
 * The feed with the next page of one module appended: that module's items grow, its `more`
 * cursor becomes the page's (or goes when the page was the last); every other section stays.
 */
export function withNextPage(feed: Feed, module: ModuleId, page: Feed): Feed {
  const modules = { ...feed.modules } as Record<string, unknown>;
  const before = modules[module];
  const added = (page.modules as Record<string, unknown>)[module];
  if (Array.isArray(before) && Array.isArray(added)) modules[module] = [...before, ...added];
  const more = { ...feed.more };
  const next = page.more?.[module];
  if (next) more[module] = next;
  else delete more[module];
  const { more: _old, ...rest } = feed;
  return { ...rest, modules: modules as Feed['modules'], ...(Object.keys(more).length > 0 ? { more } : {}) };
}
