import * as z from 'zod';
import { parseInput } from '../../src/errors/from-zod.js';
import { Project, Resource, Schedule, type ResourceRef } from '../../src/model/resource.js';
import type { ContentSource, ProjectResourceRef } from '../../src/ports/content.js';
import { k, placeAt, readAt, unlink, type Nested } from './table.js';
import { deepFreeze } from '../../src/model/deep-freeze.js';

export const ContentFixture = z.object({
  projects: z.array(Project),
  resources: z.array(Resource).default([]),
  /** Current published schedule per project id (for single-tenant fixtures) or `tenantId/projectId`. */
  schedules: z.record(z.string(), Schedule).default({}),
});
export type ContentFixture = z.input<typeof ContentFixture>;

export interface MemoryContent extends ContentSource {
  /** Adds a resource, or moves/renames it when the id exists. */
  put(resource: z.input<typeof Resource>): void;
  /** Removes a resource (not its children). */
  remove(ref: ProjectResourceRef & { tenantId: string }): void;
  publishSchedule(tenantId: string, projectId: string, schedule: z.input<typeof Schedule>): void;
  addProject(project: Project): void;
  /** All resources of a project and module, for host pages and tests. */
  list(tenantId: string, projectId: string, module?: ResourceRef['module']): Resource[];
}

/** Where a resource sits in `memoryContent`'s nested maps. */
const refPath = (r: Resource) => [r.tenantId, r.projectId, r.module, r.id];

/**
 * A content source over an in-memory fixture, standing in for the host's documents, drawings,
 * photos… Tests change it afterwards to show that sitegate resolves content live.
 */
export function memoryContent(fixture: ContentFixture = { projects: [] }): MemoryContent {
  const data = parseInput(ContentFixture, fixture, ['fixture']);
  const projects = new Map<string, Project>();
  const resources = new Map<string, Resource>();
  const schedules = new Map<string, Schedule>();
  /** Resource keys by their folder (tenant, project, module, parent id), so a folder's listing reads only its own children. */
  const byFolder = new Map<string, Set<string>>();
  /**
   * The same resources by tenant, project, module and id, as nested maps: `resolve` looks a ref
   * up in four map steps on the strings it was given, where a composite key would be built,
   * flattened and hashed anew per ref — and a permission check resolves a resource and each of
   * its folders.
   */
  const byRef: Nested<Resource> = new Map();
  const folderKey = (r: Resource) => (r.parentId === undefined ? undefined : k(r.tenantId, r.projectId, r.module, r.parentId));

  function store(resource: Resource): void {
    const key = k(resource.tenantId, resource.projectId, resource.module, resource.id);
    const old = resources.get(key);
    if (old) byFolder.get(folderKey(old) ?? '')?.delete(key);
    // Replacing keeps the key's place in `resources`, so listings keep their order.
    resources.set(key, deepFreeze(resource));
    placeAt(byRef, refPath(resource), resource);
    const folder = folderKey(resource);
    if (folder === undefined) return;
    let keys = byFolder.get(folder);
    if (!keys) byFolder.set(folder, (keys = new Set()));
    keys.add(key);
  }
  function unstore(key: string): void {
    const old = resources.get(key);
    if (!old) return;
    resources.delete(key);
    unlink(byRef, refPath(old), 0, old);
    const folder = folderKey(old);
    if (folder !== undefined) byFolder.get(folder)?.delete(key);
  }

  for (const project of data.projects) projects.set(k(project.tenantId, project.id), deepFreeze(project));
  for (const resource of data.resources) store(resource);
  for (const [key, schedule] of Object.entries(data.schedules)) {
    const [first, second] = key.includes('/') ? key.split('/') : [undefined, key];
    for (const project of data.projects) {
      if (project.id === second && (first === undefined || project.tenantId === first)) schedules.set(k(project.tenantId, project.id), deepFreeze(schedule));
    }
  }

  return {
    // Stored records are frozen (see `deepFreeze`): handed out as they are, never copied per request.
    async resolve(tenantId, refs) {
      const projects = byRef.get(tenantId) as Nested<Resource> | undefined;
      return refs.map((ref) => readAt(projects, [ref.projectId, ref.module, ref.id]) ?? null);
    },
    async children(tenantId, folder) {
      const keys = byFolder.get(k(tenantId, folder.projectId, folder.module, folder.id));
      return keys ? [...keys].map((key) => resources.get(key)!) : [];
    },
    async schedule(tenantId, projectId) {
      return schedules.get(k(tenantId, projectId)) ?? null;
    },
    async projects(tenantId, ids) {
      const all = [...projects.values()].filter((p) => p.tenantId === tenantId);
      return ids ? all.filter((p) => ids.includes(p.id)) : all;
    },
    put(resource) {
      store(parseInput(Resource, resource, ['resource']));
    },
    remove(ref) {
      unstore(k(ref.tenantId, ref.projectId, ref.module, ref.id));
    },
    publishSchedule(tenantId, projectId, schedule) {
      schedules.set(k(tenantId, projectId), deepFreeze(parseInput(Schedule, schedule, ['schedule'])));
    },
    addProject(project) {
      projects.set(k(project.tenantId, project.id), deepFreeze(parseInput(Project, project, ['project'])));
    },
    list(tenantId, projectId, module) {
      return [...resources.values()].filter((r) => r.tenantId === tenantId && r.projectId === projectId && (!module || r.module === module));
    },
  };
}
