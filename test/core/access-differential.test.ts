import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPortal, type Action, type ClientActor, type ModuleId, type Resource } from 'sitegate';
import { memoryContent, memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { testPasswords } from '../support/make-portal.js';

/**
 * The index must answer exactly as `portal.can` for the same actor and resource, whatever the
 * host's content looks like — including content a careless host produces: parents that are
 * items, in other modules or missing, loops, reports of either kind and any status, shares
 * and attachments of ids that do not exist, or whose kind no longer matches.
 */

const TENANT = 'acme';
const OTHER_TENANT = 'globex';
const PROJECTS = ['p1', 'p2'] as const;
const MODULES: ModuleId[] = ['documents', 'photos', 'reports', 'dailyLogs', 'selections'];
const IDS = ['a', 'b', 'c', 'd'];
/** Ids the content source never knows. */
const GHOSTS = ['ghost'];
const ACTIONS: Action[] = ['read', 'approve'];
/** What a tenant may enable and a role name: the modules above, and the updates they hang on. */
const WITH_UPDATES: ModuleId[] = [...MODULES, 'updates'];

const module = fc.constantFrom(...MODULES);
const id = fc.constantFrom(...IDS, ...GHOSTS);
const project = fc.constantFrom(...PROJECTS);

const resourceSpec = fc.record({
  project,
  module,
  id: fc.constantFrom(...IDS),
  kind: fc.constantFrom('item' as const, 'folder' as const),
  status: fc.option(fc.constantFrom('completed', 'draft'), { nil: undefined }),
  parentId: fc.option(id, { nil: undefined }),
});

const world = fc.record({
  resources: fc.array(resourceSpec, { minLength: 5, maxLength: 40 }),
  /** The same ids in another tenant, all shared there: none of it may leak. */
  foreign: fc.array(resourceSpec, { maxLength: 8 }),
  shares: fc.array(fc.record({ project, module, id, kind: fc.constantFrom('item' as const, 'folder' as const) }), { maxLength: 40 }),
  attachments: fc.array(fc.record({ project, refs: fc.array(fc.record({ module, id }), { minLength: 1, maxLength: 6 }) }), { maxLength: 6 }),
  // `updates` too: an attachment shows a resource only to a client that reads updates.
  enabled: fc.oneof(fc.constant(WITH_UPDATES), fc.subarray(WITH_UPDATES)),
  /** A custom role, or (half the time) the built-in one: read every enabled module. */
  role: fc.oneof(
    fc.constant(undefined),
    fc.array(fc.record({ module: fc.constantFrom(...WITH_UPDATES), actions: fc.subarray(ACTIONS, { minLength: 1 }) }), { minLength: 1, maxLength: 5 }),
  ),
  holds: fc.subarray([...PROJECTS], { minLength: 1 }),
});

type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

async function build(w: World) {
  const at = new Date('2026-01-05T09:00:00Z');
  const toResource = (tenantId: string) => (r: World['resources'][number]): Resource => ({
    tenantId,
    projectId: r.project,
    module: r.module,
    id: r.id,
    kind: r.kind,
    name: r.id,
    updatedAt: at,
    ...(r.status ? { status: r.status } : {}),
    ...(r.parentId ? { parentId: r.parentId } : {}),
  });
  const content = memoryContent({
    projects: [TENANT, OTHER_TENANT].flatMap((tenantId) => PROJECTS.map((id) => ({ tenantId, id, name: id }))),
    // Later specs of the same resource replace earlier ones, as `put` does.
    resources: [...w.resources.map(toResource(TENANT)), ...w.foreign.map(toResource(OTHER_TENANT))],
  });
  const storage = memoryStorage();
  const portal = createPortal({
    storage,
    mail: memoryMail(),
    content,
    passwords: testPasswords,
    acceptUrl: (token) => `https://builder.example/accept#token=${token}`,
    tenants: async (tenantId) => ({ name: tenantId, modules: tenantId === TENANT ? w.enabled : [...MODULES] }),
  });
  let n = 0;
  for (const s of w.shares) {
    await storage.insertShare({ tenantId: TENANT, id: `sh-${n++}`, projectId: s.project, module: s.module, resourceId: s.id, kind: s.kind, sharedBy: 'u1', createdAt: at });
  }
  for (const r of w.foreign) {
    await storage.insertShare({ tenantId: OTHER_TENANT, id: `sh-${n++}`, projectId: r.project, module: r.module, resourceId: r.id, kind: r.kind, sharedBy: 'u1', createdAt: at });
  }
  for (const a of w.attachments) {
    await storage.insertUpdate({ tenantId: TENANT, id: `up-${n++}`, projectId: a.project, body: 'x', resources: a.refs, authorId: 'u1', publishedAt: at });
  }
  if (w.role) await storage.saveRole({ tenantId: TENANT, id: 'custom', name: 'Custom', permissions: w.role });
  await storage.saveClient({
    tenantId: TENANT,
    id: 'cl-1',
    email: 'ivy@example.com',
    roleId: w.role ? 'custom' : 'client',
    projectIds: w.holds,
    portalAccess: true,
    activatedAt: at,
    createdAt: at,
    updatedAt: at,
  });
  const actor: ClientActor = { type: 'client', tenantId: TENANT, clientId: 'cl-1' };
  return { portal, actor };
}

/** Every ref the world can name: each module × id × project, existing or not. */
const everyRef = PROJECTS.flatMap((projectId) => MODULES.flatMap((m) => [...IDS, ...GHOSTS].map((i) => ({ projectId, module: m, id: i }))));

describe('access index ≡ portal.can (differential)', () => {
  it('answers the same for every resource, action and content shape', async () => {
    const seen = { true: 0, false: 0, nested: 0, approve: 0 };
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const { portal, actor } = await build(w);
        const access = await portal.access(actor);
        const targets = await access.resolve(everyRef);
        for (const [i, ref] of everyRef.entries()) {
          for (const action of ACTIONS) {
            const expected = await portal.can(actor, action, ref);
            const got = access.can(action, targets[i]);
            if (got !== expected) throw new Error(`${action} ${JSON.stringify(ref)}: index ${got}, portal.can ${expected}`);
            seen[got ? 'true' : 'false']++;
            if (got && targets[i]!.ancestorIds.length > 0) seen.nested++;
            if (got && action === 'approve') seen.approve++;
            // Whatever a caller claims about the resource, it gains nothing.
            const claim = { ...ref, kind: 'folder', status: 'completed', ancestorIds: [...IDS, ...GHOSTS], resource: targets[i]?.resource };
            if (access.can(action, claim as never)) throw new Error(`${action} ${JSON.stringify(ref)}: a claimed target was believed`);
          }
        }
      }),
      { numRuns: process.env.STRESS ? 1000 : 150 },
    );
    // The runs reached every kind of answer (typically ~150 true, ~20 through folders, ~25
    // approvals per 15,000 checks), so the agreement means something.
    expect(seen.true).toBeGreaterThanOrEqual(40);
    expect(seen.false).toBeGreaterThanOrEqual(1000);
    expect(seen.nested).toBeGreaterThanOrEqual(1);
    expect(seen.approve).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
