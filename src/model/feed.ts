import type { PortalTenant } from './brand.js';
import type { ModuleId } from './modules.js';
import type { Project, Resource, Schedule } from './resource.js';
import type { Update } from './update.js';

/** One update in the portal feed, with the attached resources the client may see. */
export interface FeedUpdate {
  update: Update;
  resources: Resource[];
  /** Published after the client's previous visit to the project (`view.feed` always sets it). */
  isNew?: boolean;
}

/** A resource the feed lists; `isNew`: shared after the client's previous visit (`view.feed` always sets it). */
export type FeedResource = Resource & { isNew?: boolean };

/** The shared schedule, resolved to the project's current published one. */
export interface FeedSchedule {
  resource: FeedResource;
  schedule: Schedule | null;
}

type ResourceModules = Exclude<ModuleId, 'updates' | 'schedule'>;

/** A project's portal: one section per module that is enabled and allowed. */
export interface Feed {
  project: Project;
  modules: { updates?: FeedUpdate[]; schedule?: FeedSchedule | null } & { [M in ResourceModules]?: FeedResource[] };
  /** The builder's name, currency, language and branding, for the page to show the feed in. */
  tenant?: PortalTenant;
  /**
   * Where a section has more than one answer holds: per module, the cursor of the next page,
   * asked with `view.feed(actor, projectId, { module, cursor })`. Absent when nothing is left.
   */
  more?: Partial<Record<ModuleId, string>>;
  /**
   * Per section with anything new since the client's previous visit, how many items are new —
   * counted over the whole section, not only this page. Absent when nothing is new.
   */
  newCounts?: Partial<Record<ModuleId, number>>;
  /**
   * `true` during the client's first visit to the project: there is no previous visit, so nothing
   * is marked new (everything would be). Absent otherwise, and when the visit could not be read.
   */
  firstVisit?: boolean;
}

/** One opened resource; a folder comes with its visible children, the schedule with its live content. */
export interface OpenedResource {
  resource: Resource;
  children?: Resource[];
  schedule?: Schedule | null;
}
