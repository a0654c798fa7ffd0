import * as z from 'zod';
import { Id } from './ids.js';
import { ModuleId } from './modules.js';

export const ResourceKind = z.enum(['item', 'folder']);
export type ResourceKind = z.infer<typeof ResourceKind>;

/** Points at one host resource inside a project. */
export const ResourceRef = z.object({ module: ModuleId, id: Id });
export type ResourceRef = z.infer<typeof ResourceRef>;

/** A resource as the host's content source describes it. sitegate never copies it. */
export const Resource = z.object({
  tenantId: Id,
  projectId: Id,
  module: ModuleId,
  id: Id,
  kind: ResourceKind,
  parentId: Id.optional(),
  name: z.string(),
  url: z.string().optional(),
  /** e.g. `completed` / `draft` for reports. */
  status: z.string().optional(),
  updatedAt: z.coerce.date(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type Resource = z.infer<typeof Resource>;

export const Project = z.object({ tenantId: Id, id: Id, name: z.string() });
export type Project = z.infer<typeof Project>;

export const ScheduleTask = z.object({
  id: z.string(),
  name: z.string(),
  start: z.string(),
  end: z.string(),
  progress: z.number().min(0).max(100).optional(),
});
export const Schedule = z.object({
  id: z.string().optional(),
  publishedAt: z.coerce.date().optional(),
  tasks: z.array(ScheduleTask),
});
export type Schedule = z.infer<typeof Schedule>;
