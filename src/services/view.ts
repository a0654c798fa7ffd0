import * as z from 'zod';
import { notFound } from '../errors/NotFoundError.js';
import { parseInput } from '../errors/from-zod.js';
import { Id } from '../model/ids.js';
import { MODULES, ModuleId, type Action } from '../model/modules.js';
import type { Actor, ClientActor } from '../model/actor.js';
import type { Feed, FeedUpdate, OpenedResource } from '../model/feed.js';
import type { Project, Resource } from '../model/resource.js';
import type { Share } from '../model/share.js';
import { AccessIndex } from '../access/access-index.js';
import { allows, allowsEach } from '../access/allows.js';
import { ancestorsOf, isResourceFor, locateOne } from '../access/ancestry.js';
import { loadClientScope, takeHandedClient, type ClientScope } from '../access/client-scope.js';
import { grantsFrom, type ProjectGrants } from '../access/coverage.js';
import { mayActIn, sharedPackedRules, type packAbility, type PortalAbility } from '../access/policy.js';
import { loadGrantsAndReceipt, loadGrantsAround } from '../access/snapshot.js';
import { staffAbility } from '../access/ability-cache.js';
import { resourceVerdict } from '../access/verdicts.js';
import type { PortalContext } from '../kernel/context.js';
import { requireClient } from '../kernel/guard.js';
import { isAction, parseActor, quickProjectRef } from '../kernel/quick-parse.js';
import { noteView } from './receipts.js';
import { type Client, ownView } from '../model/client.js';
import { copyWith } from '../model/plain-copy.js';
import { portalTenant } from '../model/portal-tenant.js';
import { FeedQuery } from '../model/feed-query.js';
import { feedCursor, feedShares, sectionCursorOf } from './feed-page.js';
import { markNew, newBeyondPage, openedIfSharedSince } from './feed-new.js';
import { isFirstVisit, noteVisit, visitSince } from './project-visits.js';
import { readFeedOf } from './feed-reads.js';
import { withParentSeen } from './feed-parents.js';

const FEED_UPDATES = 50;

/**
 * A resource as the client is told of it: its `parentId` only when that folder is one the client
 * may see. Otherwise the id of a folder that was never shared (or no longer is) would reach it.
 */
function withVisibleParent(resource: Resource, parentVisible: (parentId: string) => boolean): Resource {
  if (resource.parentId === undefined || parentVisible(resource.parentId)) return resource;
  const { parentId: _hidden, ...told } = resource;
  return told;
}
/** A listed resource is checked as itself: its own share or attachment (see `grantsFrom` below). */
const NO_ANCESTORS: readonly string[] = [];

/**
 * A feed query with its cursor opened to the section's own (see `sectionCursorOf`): the
 * `badCursor()` error for a cursor that is not one the feed gave for the module asked for.
 */
function opened(query: z.output<typeof FeedQuery>): z.output<typeof FeedQuery> {
  // FeedQuery refuses a cursor without its module.
  if (query.cursor === undefined || query.module === undefined) return query;
  return { module: query.module, cursor: sectionCursorOf(query.cursor, query.module) };
}

/** `opened`, or undefined where it would throw: the error is then thrown in its turn, after the scope's. */
function openedOrUndefined(query: z.output<typeof FeedQuery>): z.output<typeof FeedQuery> | undefined {
  try {
    return opened(query);
  } catch {
    return undefined;
  }
}

/** A resource as hosts name it in `can`. */
const ProjectRef = z.object({ projectId: Id, module: ModuleId, id: Id });

/** The client's portal: projects, a project's feed, one resource; plus `can` for hosts. */
export function viewService(ctx: PortalContext) {
  const { storage, content } = ctx;

  async function scopeFor(actor: unknown): Promise<ClientScope> {
    // The record the HTTP handler read with the session, for the request's first scope only.
    const handed = takeHandedClient(actor);
    const client = requireClient(actor);
    const scope = await loadClientScope(ctx, client, handed);
    if (!scope) throw notFound('Client', client.clientId);
    return scope;
  }

  /** Resolves refs through the host, keeping those that really are in this tenant, project and module. */
  function resolveIn(tenantId: string, projectId: string, refs: readonly { module: ModuleId; id: string }[]): Promise<Resource[]> {
    // Built field by field: an object spread costs many times more, per resource of every feed.
    return resolveAsked(tenantId, refs.map((ref) => ({ module: ref.module, id: ref.id, projectId })));
  }

  /** `resolveIn` for shared resources: the refs made straight from the shares, one object each. */
  function resolveShared(tenantId: string, projectId: string, shares: readonly Share[]): Promise<Resource[]> {
    return resolveAsked(tenantId, shares.map((share) => ({ module: share.module, id: share.resourceId, projectId })));
  }

  async function resolveAsked(tenantId: string, asked: { module: ModuleId; id: string; projectId: string }[]): Promise<Resource[]> {
    if (asked.length === 0) return [];
    const resolved = await content.resolve(tenantId, asked);
    return resolved.filter((r, i): r is Resource => isResourceFor(r, tenantId, asked[i]!));
  }

  async function projectOf(scope: ClientScope, projectId: unknown): Promise<Project> {
    const id = parseInput(Id, projectId, ['projectId']);
    // Not `forbidden`: a client must not learn which other projects exist.
    if (!scope.projectIds.has(id)) throw notFound('Project', id);
    const [project] = await content.projects(scope.actor.tenantId, [id]);
    if (!project || project.tenantId !== scope.actor.tenantId) throw notFound('Project', id);
    return project;
  }

  async function projects(actor: ClientActor): Promise<Project[]> {
    return projectsIn(await scopeFor(actor));
  }

  async function projectsIn(scope: ClientScope): Promise<Project[]> {
    if (scope.projectIds.size === 0) return [];
    const found = await content.projects(scope.actor.tenantId, [...scope.projectIds]);
    return found.filter((p) => p.tenantId === scope.actor.tenantId && scope.projectIds.has(p.id));
  }

  /**
   * The feed's own reads (see `readFeedOf`): the project's shares, the latest updates (when the
   * query can list them) and the client's visit. None depends on the client's scope, so they go
   * out with it.
   */
  function feedReads(actor: ClientActor, projectId: string, { module: only, cursor }: z.output<typeof FeedQuery>) {
    const updates = only === undefined || only === 'updates' ? { limit: FEED_UPDATES, ...(only === 'updates' && cursor !== undefined ? { cursor } : {}) } : undefined;
    return readFeedOf(ctx, actor, projectId, updates);
  }

  async function feed(actor: ClientActor, projectId: string, query?: unknown): Promise<Feed> {
    // With well-formed input the feed's reads go out alongside the scope's: one round trip, not
    // two. Their answers are used only once the scope allows this project; malformed input still
    // fails below, in the same order as without them.
    const asked = Id.safeParse(projectId);
    const wanted = FeedQuery.safeParse(query ?? {});
    const wellFormed = asked.success && wanted.success ? openedOrUndefined(wanted.data) : undefined;
    const early = asked.success && wellFormed ? feedReads(requireClient(actor), asked.data, wellFormed) : undefined;
    const [scope, reads] = await Promise.all([scopeFor(actor), early]);
    const project = await projectOf(scope, projectId);
    // Read once when well formed; otherwise parsed again here, to throw its error after the scope's.
    const parsed = wellFormed ?? opened(parseInput(FeedQuery, query ?? {}, ['query']));
    const { module: only, cursor } = parsed;
    const { tenantId } = scope.actor;
    // A section per module the policy lets this client read in this project, in display order
    // (only the module asked for when the caller pages one).
    const sections = MODULES.filter((module) => (only === undefined || module === only) && mayActIn(scope.ability, 'read', tenantId, project.id, module));
    const readable = new Set<string>(sections);
    const modules: Feed['modules'] = {};
    const { allShares, page: updates, visit, receipts } = reads ?? (await feedReads(scope.actor, project.id, parsed));
    const page = readable.has('updates') ? updates : undefined;
    // The visit is recorded (first pages only, at most once a minute) while the page is resolved.
    // It never rejects, so it may run unawaited until then.
    const recorded = noteVisit(ctx, scope.actor, project.id, visit, only === undefined);
    const since = visitSince(visit);
    // A returning client's receipts, when anything is new: from the feed's own read when it
    // brought them, or read now, beside the page's resolution.
    const openedRead = openedIfSharedSince(storage, tenantId, scope.client.id, project.id, since, allShares, receipts);
    // A bounded answer: at most a page per module, with a cursor where there is more.
    const { shares, more } = feedShares(allShares, sections, only, cursor);
    if (page?.nextCursor) more.updates = feedCursor('updates', page.nextCursor);
    const attachedRefs = (page?.items ?? []).flatMap((u) => u.resources).filter((ref) => readable.has(ref.module));
    // Every resource the feed lists is shared or attached itself, so these grants (all shares,
    // the listed updates' attachments) decide for each as the whole project's would.
    const grants: ProjectGrants = grantsFrom(allShares, attachedRefs);
    const visible = allowsEach(scope.ability, 'read', tenantId, grants);
    const seen = (r: Resource) => visible(r, NO_ANCESTORS);
    // New shares beyond the page are counted once resolved and checked like the page's own: the
    // page, its updates' attachments and those go to the content source together.
    const beyond = newBeyondPage(since, { sections, allShares, listed: shares });
    const [listed, attachments, checked] = await Promise.all([
      resolveShared(tenantId, project.id, shares),
      page ? resolveIn(tenantId, project.id, attachedRefs) : [],
      resolveShared(tenantId, project.id, beyond.check),
    ]);
    const shown = listed.filter(seen);
    const shownAttached = page ? attachments.filter(seen) : [];
    // A listed resource is shared or attached itself; its folder is told only when the client may
    // see that folder too, itself or through a folder further up.
    const parentSeen = await withParentSeen(content, storage, scope.ability, tenantId, project.id, grants, shown.concat(shownAttached));
    const told = (r: Resource) => (r.parentId === undefined ? r : withVisibleParent(r, () => parentSeen.has(r)));
    const resources = shown.map(told);
    for (const module of sections) {
      if (module === 'updates' || module === 'schedule') continue;
      (modules as Record<string, Resource[]>)[module] = resources.filter((r) => r.module === module);
    }
    if (readable.has('schedule')) {
      const resource = resources.find((r) => r.module === 'schedule');
      modules.schedule = resource ? { resource, schedule: await content.schedule(tenantId, project.id) } : null;
    }
    if (page) {
      const attached = new Map(shownAttached.map((r) => [`${r.module}/${r.id}`, told(r)]));
      modules.updates = page.items.map((update): FeedUpdate => {
        const resources = update.resources.flatMap((ref) => {
          const r = attached.get(`${ref.module}/${ref.id}`);
          return r ? [r] : [];
        });
        // The update as stored names every attachment: the client is told of the ones it sees.
        const shown = resources.length === update.resources.length ? update : copyWith(update, 'resources', resources.map((r) => ({ module: r.module, id: r.id })));
        return { update: shown, resources };
      });
    }
    // A visit that could not be recorded marks nothing new.
    const fresh = await markNew(storage, tenantId, project.id, (await recorded) ? since : undefined, {
      modules,
      sections,
      listed: shares,
      ...(page ? { updates: { page, fromTop: cursor === undefined } } : {}),
      beyond: { visible: checked.filter(seen), unchecked: beyond.unchecked },
      opened: openedRead,
    });
    return {
      project,
      modules: fresh.modules,
      tenant: portalTenant(scope.tenant),
      ...(Object.keys(more).length > 0 ? { more } : {}),
      ...(Object.keys(fresh.newCounts).length > 0 ? { newCounts: fresh.newCounts } : {}),
      ...(isFirstVisit(visit) ? { firstVisit: true } : {}),
    };
  }

  async function open(actor: ClientActor, projectId: string, module: string, resourceId: string): Promise<OpenedResource> {
    const scope = await scopeFor(actor);
    const project = await projectOf(scope, projectId);
    const mod = parseInput(ModuleId, module, ['module']);
    const id = parseInput(Id, resourceId, ['resourceId']);
    const { tenantId } = scope.actor;
    const [resource] = await resolveIn(tenantId, project.id, [{ module: mod, id }]);
    // Unshared, missing and forbidden look alike from outside.
    if (!resource) throw notFound('Resource', id);
    const folder = resource.module !== 'schedule' && resource.kind === 'folder';
    // A folder's children are read with its ancestry, so that one read of the grants around
    // them all decides both the folder and each child; none is shown unless the folder is.
    // A host's failure to list the children of a folder the client may not see is still a 404:
    // the failure waits until the folder is allowed.
    const [ancestors, listed] = await Promise.all([
      ancestorsOf(content, tenantId, resource),
      folder ? content.children(tenantId, { projectId: project.id, module: mod, id }).then((list) => ({ list }), (error: unknown) => ({ error, list: [] })) : { list: [] },
    ]);
    const children = listed.list.filter((c) => c.tenantId === tenantId && c.projectId === project.id && c.module === mod);
    // The grants around a superset of refs decide for each as the whole project's would.
    // The client's receipt of it comes in the same read, for the view recorded below.
    const receiptOf = { clientId: scope.actor.clientId, module: mod, id };
    const { grants, receipt } = await loadGrantsAndReceipt(storage, tenantId, project.id, [resource, ...ancestors, ...children], receiptOf);
    const ancestorIds = ancestors.map((a) => a.id);
    if (!allows(scope.ability, 'read', tenantId, resource, grants, ancestorIds)) throw notFound('Resource', id);
    if ('error' in listed) throw listed.error;
    // The schedule's tasks come from the host before the view is recorded: a schedule the host
    // could not give (a failure, a late answer) was not seen.
    const schedule = resource.module === 'schedule' ? await content.schedule(tenantId, project.id) : undefined;
    // A read receipt (throttled to one write a minute). Failing to record it must not keep the
    // client from what it may see: the failure goes to `onError`.
    await noteView(ctx, scope.actor, { projectId: project.id, module: mod, id }, receipt).catch(ctx.onError);
    // Its folder is told only when the client may see that folder too.
    const [parent] = ancestors;
    const shown = withVisibleParent(resource, () => !!parent && allows(scope.ability, 'read', tenantId, parent, grants, ancestorIds.slice(1)));
    if (resource.module === 'schedule') return { resource: shown, schedule: schedule ?? null };
    if (!folder) return { resource: shown };
    // Each child is checked like any resource: its ancestry is this folder's, one level down.
    const childAncestry = [id, ...ancestorIds];
    const visible = allowsEach(scope.ability, 'read', tenantId, grants);
    return { resource: shown, children: children.filter((c) => visible(c, childAncestry)) };
  }

  /**
   * The client, its projects and its packed CASL rules — what a browser needs to hide what it
   * may not do. The rules are frozen, and shared by the calls made on the same facts.
   */
  async function me(actor: ClientActor): Promise<{ client: Client; projects: Project[]; rules: ReturnType<typeof packAbility> }> {
    const scope = await scopeFor(actor);
    // One scope for all three: its facts are read once per call, not once per part.
    return { client: ownView(scope.client, ctx.now()), projects: await projectsIn(scope), rules: sharedPackedRules(scope.ability) };
  }

  /** The actor's CASL ability, built from facts read now; `null` for a client that may not act. */
  async function abilityOf(actor: Actor): Promise<PortalAbility | null> {
    if (actor.type === 'staff') return staffAbility(actor);
    return (await loadClientScope(ctx, actor))?.ability ?? null;
  }

  /**
   * May `actor` do `action` on this resource? Hosts call it before serving a file. Staff and
   * clients go the same way: the actor is parsed like every other call's, the resource and its
   * ancestry come from the content source, and the one rule (`allows`) decides. Answers `false`
   * — never throws — for anything not allowed, unknown, of another project or tenant, for a
   * malformed target and for no actor at all (`null`: an anonymous request). A malformed actor
   * is the host's bug and gets a ValidationError, as everywhere else.
   */
  async function can(actor: unknown, action: Action, target: { projectId: string; module: string; id: string }): Promise<boolean> {
    if (actor === null || actor === undefined) return false;
    // The hand-written checks answer as the zod schemas do, at a fraction of the cost (a host
    // calls `can` per file it serves); what they do not recognise goes to the schemas.
    const who = parseActor(actor);
    try {
      if (!isAction(action)) return false;
      const ref = quickProjectRef(target) ?? ProjectRef.safeParse(target).data;
      if (!ref) return false;
      const ability = await abilityOf(who);
      if (!ability) return false;
      const { tenantId } = who;
      // Refused even for a shared resource in this project and module: no need to ask the host.
      if (!mayActIn(ability, action, tenantId, ref.projectId, ref.module)) return false;
      const located = await locateOne(content, tenantId, ref);
      if (!located) return false;
      const { resource, ancestors } = located;
      // Allowed unshared (staff, in their tenant): sharing cannot take it away, so no storage read.
      if (resourceVerdict(ability, action, tenantId, resource, false)) return true;
      const grants = await loadGrantsAround(storage, tenantId, resource.projectId, [resource, ...ancestors]);
      return allows(ability, action, tenantId, resource, grants, ancestors.map((a) => a.id));
    } catch (error) {
      ctx.onError(error);
      return false;
    }
  }

  /**
   * Loads the client's access once (its scope: record, role, tenant modules) for many
   * synchronous checks of resources it resolves through the content source; each `resolve`
   * reads the shares and attachments around what it resolves, so loading costs the same at 100
   * or 100k shares. Load it per request.
   */
  async function access(actor: ClientActor): Promise<AccessIndex> {
    const scope = await scopeFor(actor);
    const { tenantId } = scope.actor;
    return new AccessIndex(scope, (projectId, refs) => loadGrantsAround(storage, tenantId, projectId, refs), content);
  }

  return { projects, feed, open, me, can, access };
}
