import type { PortalTenant } from './brand.js';
import type { ModuleId } from './modules.js';
import type { Project, Resource, Schedule } from './resource.js';
import type { Update } from './update.js';

/** One update in the portal feed, with the attached resources the client may see. */
export interface FeedUpdate {
  update: Update;
  resources: Resource[];
}

/** The shared schedule, resolved to the project's current published one. */
export interface FeedSchedule {
  resource: Resource;
  schedule: Schedule | null;
}

type ResourceModules = Exclude<ModuleId, 'updates' | 'schedule'>;

/** A project's portal: one section per module that is enabled and allowed. */
export interface Feed {
  project: Project;
  modules: { updates?: FeedUpdate[]; schedule?: FeedSchedule | null } & { [M in ResourceModules]?: Resource[] };
  /** The builder's name, currency, language and branding, for the page to show the feed in. */
  tenant?: PortalTenant;
  /**
   * Where a section has more than one answer holds: per module, the cursor of the next page,
   * asked with `view.feed(actor, projectId, { module, cursor })`. Absent when nothing is left.
   */
  more?: Partial<Record<ModuleId, string>>;
}

/** One opened resource; a folder comes with its visible children, the schedule with its live content. */
export interface OpenedResource {
  resource: Resource;
  children?: Resource[];
  schedule?: Schedule | null;
}
