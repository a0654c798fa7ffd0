import * as z from 'zod';
import { parseInput } from '../../src/errors/from-zod.js';
import { Project, Resource, Schedule, type ResourceRef } from '../../src/model/resource.js';
import type { ContentSource, ProjectResourceRef } from '../../src/ports/content.js';
import { k } from './table.js';

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

/**
 * A content source over an in-memory fixture, standing in for the host's documents, drawings,
 * photos… Tests change it afterwards to show that sitegate resolves content live.
 */
export function memoryContent(fixture: ContentFixture = { projects: [] }): MemoryContent {
  const data = parseInput(ContentFixture, fixture, ['fixture']);
  const projects = new Map<string, Project>();
  const resources = new Map<string, Resource>();
  const schedules = new Map<string, Schedule>();
  const resourceKey = (tenantId: string, projectId: string, module: string, id: string) => k(tenantId, projectId, module, id);

  for (const project of data.projects) projects.set(k(project.tenantId, project.id), project);
  for (const resource of data.resources) resources.set(resourceKey(resource.tenantId, resource.projectId, resource.module, resource.id), resource);
  for (const [key, schedule] of Object.entries(data.schedules)) {
    const [first, second] = key.includes('/') ? key.split('/') : [undefined, key];
    for (const project of data.projects) {
      if (project.id === second && (first === undefined || project.tenantId === first)) schedules.set(k(project.tenantId, project.id), schedule);
    }
  }

  return {
    async resolve(tenantId, refs) {
      return refs.map((ref) => structuredClone(resources.get(resourceKey(tenantId, ref.projectId, ref.module, ref.id)) ?? null));
    },
    async children(tenantId, folder) {
      return [...resources.values()]
        .filter((r) => r.tenantId === tenantId && r.projectId === folder.projectId && r.module === folder.module && r.parentId === folder.id)
        .map((r) => structuredClone(r));
    },
    async schedule(tenantId, projectId) {
      return structuredClone(schedules.get(k(tenantId, projectId)) ?? null);
    },
    async projects(tenantId, ids) {
      const all = [...projects.values()].filter((p) => p.tenantId === tenantId);
      return ids ? all.filter((p) => ids.includes(p.id)) : all;
    },
    put(resource) {
      const parsed = parseInput(Resource, resource, ['resource']);
      resources.set(resourceKey(parsed.tenantId, parsed.projectId, parsed.module, parsed.id), parsed);
    },
    remove(ref) {
      resources.delete(resourceKey(ref.tenantId, ref.projectId, ref.module, ref.id));
    },
    publishSchedule(tenantId, projectId, schedule) {
      schedules.set(k(tenantId, projectId), parseInput(Schedule, schedule, ['schedule']));
    },
    addProject(project) {
      projects.set(k(project.tenantId, project.id), parseInput(Project, project, ['project']));
    },
    list(tenantId, projectId, module) {
      return [...resources.values()].filter((r) => r.tenantId === tenantId && r.projectId === projectId && (!module || r.module === module));
    },
  };
}
