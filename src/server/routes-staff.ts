import * as z from 'zod';
import { AddClientInput, AuditListInput, ListClientsInput, ProjectIds, SaveRoleInput, ShareInputs, ListSharesInput, UpdateClientInput } from '../model/inputs.js';
import { Id } from '../model/ids.js';
import { ModuleId } from '../model/modules.js';
import { UpdateInput } from '../model/update.js';
import { json, noContent, type RouteHandler } from './context.js';
import type { Route } from './router.js';

// Bodies that wrap a core argument are strict too, so a typo in a field name is an error.
const SetProjectsBody = z.object({ projectIds: ProjectIds }).strict();
const ShareBody = z.object({ resources: ShareInputs }).strict();
const RoleBody = SaveRoleInput.omit({ id: true }).strict();
const ShareStatusQuery = z.object({ module: ModuleId, ids: z.array(Id).min(1, 'must list at least one id').max(500) }).strict();
const Empty = z.object({}).strict();

/** Builder staff routes; each is the HTTP face of one headless service call. */
export const staffRoutes: Route<RouteHandler>[] = [
  {
    method: 'GET',
    pattern: '/clients',
    handler: async (c) => json(await c.portal.clients.list(await c.staff(), c.query(ListClientsInput))),
  },
  {
    method: 'POST',
    pattern: '/clients',
    handler: async (c) => {
      const staff = await c.staff();
      return json(await c.portal.clients.add(staff, await c.body(AddClientInput)), 201);
    },
  },
  { method: 'GET', pattern: '/clients/:id', handler: async (c) => json(await c.portal.clients.get(await c.staff(), c.params.id!)) },
  {
    method: 'PATCH',
    pattern: '/clients/:id',
    handler: async (c) => {
      const staff = await c.staff();
      return json(await c.portal.clients.update(staff, c.params.id!, await c.body(UpdateClientInput)));
    },
  },
  {
    method: 'PUT',
    pattern: '/clients/:id/projects',
    handler: async (c) => {
      const staff = await c.staff();
      const { projectIds } = await c.body(SetProjectsBody);
      return json(await c.portal.clients.setProjects(staff, c.params.id!, projectIds));
    },
  },
  {
    method: 'DELETE',
    pattern: '/clients/:id/projects/:projectId',
    handler: async (c) => json(await c.portal.clients.revokeProject(await c.staff(), c.params.id!, c.params.projectId!)),
  },
  {
    method: 'POST',
    pattern: '/clients/:id/invite',
    handler: async (c) => {
      const staff = await c.staff();
      await c.body(Empty, true);
      return json(await c.portal.clients.sendInvite(staff, c.params.id!));
    },
  },
  {
    method: 'GET',
    pattern: '/projects',
    handler: async (c) => {
      const staff = await c.staff();
      c.query(Empty);
      return json(await c.portal.projects.list(staff));
    },
  },
  {
    method: 'GET',
    pattern: '/projects/:projectId/shares/status',
    handler: async (c) => {
      const staff = await c.staff();
      const { module, ids } = c.query(ShareStatusQuery, ['ids']);
      return json(await c.portal.shares.status(staff, c.params.projectId!, module, ids));
    },
  },
  {
    method: 'GET',
    pattern: '/projects/:projectId/shares',
    handler: async (c) => {
      const staff = await c.staff();
      return json(await c.portal.shares.list(staff, c.params.projectId!, c.query(ListSharesInput)));
    },
  },
  {
    method: 'POST',
    pattern: '/projects/:projectId/shares',
    handler: async (c) => {
      const staff = await c.staff();
      const { resources } = await c.body(ShareBody);
      return json(await c.portal.shares.share(staff, c.params.projectId!, resources), 201);
    },
  },
  {
    method: 'DELETE',
    pattern: '/projects/:projectId/shares/:shareId',
    handler: async (c) => {
      await c.portal.shares.unshare(await c.staff(), c.params.projectId!, c.params.shareId!);
      return noContent();
    },
  },
  {
    method: 'POST',
    pattern: '/projects/:projectId/updates',
    handler: async (c) => {
      const staff = await c.staff();
      return json(await c.portal.updates.publish(staff, c.params.projectId!, await c.body(UpdateInput)), 201);
    },
  },
  {
    method: 'GET',
    pattern: '/roles',
    handler: async (c) => {
      const staff = await c.staff();
      c.query(Empty);
      return json(await c.portal.roles.list(staff));
    },
  },
  {
    method: 'PUT',
    pattern: '/roles/:roleId',
    handler: async (c) => {
      const staff = await c.staff();
      const body = await c.body(RoleBody);
      return json(await c.portal.roles.save(staff, { id: c.params.roleId!, ...body }));
    },
  },
  {
    method: 'GET',
    pattern: '/audit',
    handler: async (c) => json(await c.portal.audit.list(await c.staff(), c.query(AuditListInput))),
  },
];
