import { subject } from '@casl/ability';
import { NotFoundError } from '../errors/NotFoundError.js';
import { parseInput } from '../errors/from-zod.js';
import { Id } from '../model/ids.js';
import { ModuleId, type Action } from '../model/modules.js';
import type { ClientActor } from '../model/actor.js';
import type { Feed, FeedUpdate, OpenedResource } from '../model/feed.js';
import type { Project, Resource } from '../model/resource.js';
import { packAbility } from '../permissions/ability.js';
import { AccessIndex, grantsFrom, type ProjectGrants } from '../permissions/access-index.js';
import { loadClientScope, type ClientScope } from '../permissions/client-scope.js';
import { coverageOf, isPresentable } from '../permissions/coverage.js';
import type { PortalContext } from '../portal/context.js';
import { requireClient } from '../portal/guard.js';
import { withStatus, type Client } from '../model/client.js';

const FEED_UPDATES = 50;

/** The client's portal: projects, a project's feed, one resource; plus `can` for hosts. */
export function viewService(ctx: PortalContext) {
  const { storage, content } = ctx;

  async function scopeFor(actor: unknown): Promise<ClientScope> {
    const client = requireClient(actor);
    const scope = await loadClientScope(ctx, client);
    if (!scope) throw new NotFoundError('Client', client.clientId);
    return scope;
  }

  function allows(scope: ClientScope, action: Action, resource: Resource, shared: boolean): boolean {
    return scope.ability.can(
      action,
      subject('Resource', { tenantId: resource.tenantId, projectId: resource.projectId, module: resource.module, id: resource.id, shared }),
    );
  }

  /** Resolves refs through the host, keeping those that really are in this tenant, project and module. */
  async function resolveIn(tenantId: string, projectId: string, refs: { module: ModuleId; id: string }[], forClient = true): Promise<Resource[]> {
    if (refs.length === 0) return [];
    const resolved = await content.resolve(tenantId, refs.map((ref) => ({ ...ref, projectId })));
    return resolved.filter(
      (r, i): r is Resource =>
        !!r && r.tenantId === tenantId && r.projectId === projectId && r.module === refs[i]!.module && r.id === refs[i]!.id && (!forClient || isPresentable(r)),
    );
  }

  async function projectOf(scope: ClientScope, projectId: unknown): Promise<Project> {
    const id = parseInput(Id, projectId, ['projectId']);
    // Not `forbidden`: a client must not learn which other projects exist.
    if (!scope.projectIds.has(id)) throw new NotFoundError('Project', id);
    const [project] = await content.projects(scope.actor.tenantId, [id]);
    if (!project || project.tenantId !== scope.actor.tenantId) throw new NotFoundError('Project', id);
    return project;
  }

  async function projects(actor: ClientActor): Promise<Project[]> {
    const scope = await scopeFor(actor);
    if (scope.projectIds.size === 0) return [];
    const found = await content.projects(scope.actor.tenantId, [...scope.projectIds]);
    return found.filter((p) => p.tenantId === scope.actor.tenantId && scope.projectIds.has(p.id));
  }

  async function feed(actor: ClientActor, projectId: string): Promise<Feed> {
    const scope = await scopeFor(actor);
    const project = await projectOf(scope, projectId);
    const { tenantId } = scope.actor;
    const modules: Feed['modules'] = {};
    // The shares and the latest updates are independent reads: one round trip, not two.
    const [allShares, page] = await Promise.all([
      storage.listShares(tenantId, project.id),
      scope.allowed.has('updates') ? storage.listUpdates(tenantId, project.id, { limit: FEED_UPDATES }) : undefined,
    ]);
    const shares = allShares.filter((s) => scope.allowed.has(s.module));
    const resources = await resolveIn(tenantId, project.id, shares.map((s) => ({ module: s.module, id: s.resourceId })));
    for (const permission of scope.permissions) {
      const module = permission.module;
      if (module === 'updates' || module === 'schedule') continue;
      (modules as Record<string, Resource[]>)[module] = resources.filter((r) => r.module === module && allows(scope, 'read', r, true));
    }
    if (scope.allowed.has('schedule')) {
      const resource = resources.find((r) => r.module === 'schedule' && allows(scope, 'read', r, true));
      modules.schedule = resource ? { resource, schedule: await content.schedule(tenantId, project.id) } : null;
    }
    if (page) {
      const attachedRefs = page.items.flatMap((u) => u.resources).filter((ref) => scope.allowed.has(ref.module));
      const attached = new Map((await resolveIn(tenantId, project.id, attachedRefs)).map((r) => [`${r.module}/${r.id}`, r]));
      modules.updates = page.items.map(
        (update): FeedUpdate => ({
          update,
          resources: update.resources.flatMap((ref) => {
            const r = attached.get(`${ref.module}/${ref.id}`);
            return r && allows(scope, 'read', r, true) ? [r] : [];
          }),
        }),
      );
    }
    return { project, modules };
  }

  async function open(actor: ClientActor, projectId: string, module: string, resourceId: string): Promise<OpenedResource> {
    const scope = await scopeFor(actor);
    const project = await projectOf(scope, projectId);
    const mod = parseInput(ModuleId, module, ['module']);
    const id = parseInput(Id, resourceId, ['resourceId']);
    const [resource] = await resolveIn(scope.actor.tenantId, project.id, [{ module: mod, id }]);
    // Unshared, missing and forbidden look alike from outside.
    if (!resource || !allows(scope, 'read', resource, (await coverageOf(storage, content, resource)) !== null)) {
      throw new NotFoundError('Resource', id);
    }
    if (resource.module === 'schedule') return { resource, schedule: await content.schedule(scope.actor.tenantId, project.id) };
    if (resource.kind !== 'folder') return { resource };
    // Every child of a visible folder lies in a shared (or attached) folder, so it is visible too.
    const children = (await content.children(scope.actor.tenantId, { projectId: project.id, module: mod, id })).filter(
      (c) => c.tenantId === scope.actor.tenantId && c.projectId === project.id && c.module === mod && isPresentable(c),
    );
    return { resource, children };
  }

  /** The client, its projects and its packed CASL rules — what a browser needs to hide what it may not do. */
  async function me(actor: ClientActor): Promise<{ client: Client; projects: Project[]; rules: ReturnType<typeof packAbility> }> {
    const scope = await scopeFor(actor);
    return { client: withStatus(scope.client, ctx.now()), projects: await projects(actor), rules: packAbility(scope.ability) };
  }

  /**
   * May `actor` do `action` on this resource? Hosts call it before serving a file. Answers
   * `false` — never throws — for anything not allowed, unknown, malformed or of another tenant.
   */
  async function can(actor: unknown, action: Action, target: { projectId: string; module: string; id: string }): Promise<boolean> {
    try {
      const parsedModule = ModuleId.safeParse(target?.module);
      const projectId = Id.safeParse(target?.projectId);
      const id = Id.safeParse(target?.id);
      if (!parsedModule.success || !projectId.success || !id.success) return false;
      const ref = { module: parsedModule.data, id: id.data };
      const a = actor as { type?: unknown; tenantId?: unknown } | null;
      if (a?.type === 'staff' && typeof a.tenantId === 'string') {
        return (await resolveIn(a.tenantId, projectId.data, [ref], false)).length === 1;
      }
      const scope = await scopeFor(actor);
      if (!scope.projectIds.has(projectId.data) || !scope.allowed.get(ref.module)?.has(action)) return false;
      const [resource] = await resolveIn(scope.actor.tenantId, projectId.data, [ref]);
      if (!resource) return false;
      return allows(scope, action, resource, (await coverageOf(storage, content, resource)) !== null);
    } catch (error) {
      ctx.onError(error);
      return false;
    }
  }

  /**
   * Loads the client's access once (shares and update attachments of its projects) for many
   * synchronous checks. Reflects the state at load time: load it per request.
   */
  async function access(actor: ClientActor): Promise<AccessIndex> {
    const scope = await scopeFor(actor);
    const { tenantId } = scope.actor;
    const grants = new Map<string, ProjectGrants>();
    await Promise.all(
      [...scope.projectIds].map(async (projectId) => {
        const attached = [];
        let cursor: string | undefined;
        do {
          const page = await storage.listUpdates(tenantId, projectId, { limit: 500, ...(cursor ? { cursor } : {}) });
          attached.push(...page.items.flatMap((u) => u.resources));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        grants.set(projectId, grantsFrom(await storage.listShares(tenantId, projectId), attached));
      }),
    );
    return new AccessIndex(scope, grants);
  }

  return { projects, feed, open, me, can, access };
}
