import type { Project, Resource, ResourceRef, Schedule } from '../model/resource.js';

/** A resource reference within one project. */
export interface ProjectResourceRef extends ResourceRef {
  projectId: string;
}

/**
 * What the host implements so sitegate can show and check its content without copying it.
 * Every call is scoped by tenant; a resource of another tenant or project must come back as
 * `null` / not at all.
 */
export interface ContentSource {
  /** The resources for `refs`, in the same order; `null` for any that do not exist. */
  resolve(tenantId: string, refs: ProjectResourceRef[]): Promise<(Resource | null)[]>;
  /** The direct children of a folder. */
  children(tenantId: string, folder: ProjectResourceRef): Promise<Resource[]>;
  /** The project's current published schedule, resolved live. */
  schedule(tenantId: string, projectId: string): Promise<Schedule | null>;
  /** The tenant's projects, or those among `ids`. */
  projects(tenantId: string, ids?: string[]): Promise<Project[]>;
}
