import type { Project, Resource, ResourceRef, Schedule } from '../model/resource.js';

/** A resource reference within one project. */
export interface ProjectResourceRef extends ResourceRef {
  projectId: string;
}

/**
 * What the host implements so sitegate can show and check its content without copying it.
 * Every call is scoped by tenant; a resource of another tenant or project must come back as
 * `null` / not at all.
 *
 * Make each resource an object literal, or a copy by `Object.assign`. On Node 20 an object made
 * by spreading another (`{ ...row, parentId }`) gets a hidden class of its own on every call once
 * the code is warm, and every later pass over it is slower: in sitegate's benchmark, opening a
 * folder of 25 children made that way cost 15–35% more CPU.
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
