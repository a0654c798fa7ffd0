import * as fc from 'fast-check';
import type { ClientActor, ModuleId, Storage } from 'sitegate';
import { memoryContent, memoryMail, type MemoryContent } from 'sitegate/adapters/memory';
import { createPortal, type Portal } from 'sitegate';
import { testPasswords } from '../support/make-portal.js';
import { findResource, refKey, visible, type Model, type ModelClient, type ModelResource } from './visibility-model.js';

export const TENANTS = ['acme', 'globex'] as const;
export const PROJECTS = ['p1', 'p2'] as const;
const ALL_MODULES: ModuleId[] = ['updates', 'documents', 'photos', 'reports', 'dailyLogs'];
const EMAILS = ['ann@example.com', 'bo@example.com', 'cy@example.com'];

export interface Real {
  portal: Portal;
  content: MemoryContent;
  /** The newest invite token mailed to `email` by `tenantId` (two tenants may invite one address). */
  tokenFor(email: string, tenantId: string): string;
  staff(tenantId: string): { type: 'staff'; tenantId: string; userId: string };
  nextId(): string;
}

function initialResources(): ModelResource[] {
  return TENANTS.flatMap((tenantId) =>
    PROJECTS.flatMap((projectId) => {
      const r = (module: ModuleId, id: string, kind: 'item' | 'folder' = 'item', extra: Partial<ModelResource> = {}): ModelResource => ({
        tenantId, projectId, module, id, kind, ...extra,
      });
      return [
        r('documents', 'F1', 'folder'), r('documents', 'F2', 'folder', { parentId: 'F1' }),
        r('documents', 'D1', 'item', { parentId: 'F1' }), r('documents', 'D2', 'item', { parentId: 'F2' }), r('documents', 'D3'),
        r('photos', 'PF', 'folder'), r('photos', 'P1', 'item', { parentId: 'PF' }),
        r('reports', 'R1', 'item', { status: 'completed' }), r('reports', 'R2', 'item', { status: 'draft' }),
        r('dailyLogs', 'L1'), r('dailyLogs', 'L2'),
      ];
    }),
  );
}

const toContent = (r: ModelResource) => ({ ...r, name: r.id, updatedAt: new Date('2026-01-01') });

/** A fresh model and a fresh real portal over `storage`, in the same starting state. */
export async function setup(storage: Storage): Promise<{ model: Model; real: Real }> {
  const resources = initialResources();
  const model: Model = {
    clients: [],
    resources,
    shares: new Map(),
    attached: new Set(),
    modules: Object.fromEntries(TENANTS.map((t) => [t, new Set(ALL_MODULES)])),
  };
  const content = memoryContent({
    projects: TENANTS.flatMap((tenantId) => PROJECTS.map((id) => ({ tenantId, id, name: `${tenantId} ${id}` }))),
    resources: resources.map(toContent),
  });
  const mail = memoryMail();
  const portal = createPortal({
    storage, mail, content, passwords: testPasswords,
    acceptUrl: (token) => `https://x.example/accept?token=${token}`,
    tenants: async (id) => (model.modules[id] ? { name: id, modules: [...model.modules[id]!] } : null),
  });
  const staff = (tenantId: string) => ({ type: 'staff' as const, tenantId, userId: 'u1' });
  for (const tenantId of TENANTS) {
    await portal.roles.save(staff(tenantId), { id: 'docs-only', name: 'Docs only', permissions: [{ module: 'documents', actions: ['read'] }] });
  }
  let counter = 0;
  const tokenFor = (email: string, tenantId: string) => {
    const prefix = `${Buffer.from(tenantId).toString('base64url')}.`;
    const tokens = mail.messages.filter((m) => m.to === email).map((m) => decodeURIComponent(/token=([^\s"&<]+)/.exec(m.text)![1]!));
    return tokens.reverse().find((t) => t.startsWith(prefix))!;
  };
  return { model, real: { portal, content, tokenFor, staff, nextId: () => `N${++counter}` } };
}

const pick = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
const clientOf = (m: Model, tenant: number, email: number) => m.clients.find((c) => c.tenantId === TENANTS[tenant % 2] && c.email === EMAILS[email % 3]);
/** Commands about a client pick among the clients that exist, so runs reach interesting states. */
const existing = (m: Model, n: number, filter: (c: ModelClient) => boolean = () => true) => pick(m.clients.filter(filter), n);
const projectsOf = (mask: number) => PROJECTS.filter((_, i) => mask & (1 << i));

type Cmd = fc.AsyncCommand<Model, Real>;
const cmd = (name: string, run: (m: Model, r: Real) => Promise<void>, check: (m: Model) => boolean = () => true): Cmd => ({
  check,
  run,
  toString: () => name,
});

/**
 * Every operation of the model-based test, as fast-check command generators. Adding, accepting
 * and sharing are listed more than once: fast-check picks uniformly, and runs should reach
 * states where clients see things.
 */
export function commands(): fc.Arbitrary<Cmd>[] {
  const all = operations();
  return [...all, all[0]!, all[1]!, all[1]!, all[6]!, all[6]!];
}

/** Every command by name, so a shrunk counterexample can be replayed as a plain test. */
const build = {
  add: (ti: number, ei: number, pm: number, invite: boolean) =>
    cmd(`add(${ti},${ei},${pm},${invite})`, async (m, r) => {
      const tenantId = TENANTS[ti]!, email = EMAILS[ei]!;
      const added = await r.portal.clients.add(r.staff(tenantId), { email, projectIds: projectsOf(pm), invite });
      const existing = clientOf(m, ti, ei);
      if (existing) projectsOf(pm).forEach((p) => existing.projects.add(p));
      else m.clients.push({ tenantId, email, id: added.id, projects: new Set(projectsOf(pm)), active: false, portalAccess: true, roleId: 'client' });
    }),
  accept: (ci: number) =>
    cmd(`accept(${ci})`, async (m, r) => {
      const c = existing(m, ci, (x) => !x.active && x.portalAccess)!;
      await r.portal.clients.sendInvite(r.staff(c.tenantId), c.id!);
      await r.portal.outbox.flush();
      await r.portal.invites.accept(r.tokenFor(c.email, c.tenantId), { password: 'long enough password' });
      c.active = true;
    }, (m) => m.clients.some((x) => !x.active && x.portalAccess)),
  setProjects: (ci: number, pm: number) =>
    cmd(`setProjects(${ci},${pm})`, async (m, r) => {
      const c = existing(m, ci);
      if (!c) return;
      await r.portal.clients.setProjects(r.staff(c.tenantId), c.id!, projectsOf(pm));
      c.projects = new Set(projectsOf(pm));
    }),
  revoke: (ci: number, pi: number) =>
    cmd(`revoke(${ci},${pi})`, async (m, r) => {
      const c = existing(m, ci);
      if (!c) return;
      await r.portal.clients.revokeProject(r.staff(c.tenantId), c.id!, PROJECTS[pi]!);
      c.projects.delete(PROJECTS[pi]!);
    }),
  portalAccess: (ci: number, on: boolean) =>
    cmd(`portalAccess(${ci},${on})`, async (m, r) => {
      const c = existing(m, ci);
      if (!c) return;
      await r.portal.clients.update(r.staff(c.tenantId), c.id!, { portalAccess: on });
      c.portalAccess = on;
    }),
  role: (ci: number, role: ModelClient['roleId']) =>
    cmd(`role(${ci},${role})`, async (m, r) => {
      const c = existing(m, ci);
      if (!c) return;
      await r.portal.clients.update(r.staff(c.tenantId), c.id!, { roleId: role });
      c.roleId = role;
    }),
  share: (ri: number) =>
    cmd(`share(${ri})`, async (m, r) => {
      const res = pick(m.resources.filter((x) => !(x.module === 'reports' && x.status !== 'completed')), ri)!;
      await r.portal.shares.share(r.staff(res.tenantId), res.projectId, [{ module: res.module, id: res.id, kind: res.kind }]);
      m.shares.set(refKey(res), res.kind);
    }),
  unshare: (si: number) =>
    cmd(`unshare(${si})`, async (m, r) => {
      const [tenantId, projectId, module, id] = pick([...m.shares.keys()], si)!.split('|') as [string, string, ModuleId, string];
      const share = (await r.portal.shares.list(r.staff(tenantId), projectId)).items.find((s) => s.module === module && s.resourceId === id)!;
      await r.portal.shares.unshare(r.staff(tenantId), projectId, share.id);
      m.shares.delete(refKey({ tenantId, projectId, module, id }));
    }, (m) => m.shares.size > 0),
  addToFolder: (fi: number) =>
    cmd(`addToFolder(${fi})`, async (m, r) => {
      const folder = pick(m.resources.filter((x) => x.kind === 'folder'), fi)!;
      const item: ModelResource = { tenantId: folder.tenantId, projectId: folder.projectId, module: folder.module, id: r.nextId(), kind: 'item', parentId: folder.id };
      r.content.put(toContent(item));
      m.resources.push(item);
    }),
  move: (ii: number, target: number) =>
    cmd(`move(${ii},${target})`, async (m, r) => {
      const item = pick(m.resources.filter((x) => x.kind === 'item' && (x.module === 'documents' || x.module === 'photos')), ii)!;
      const folders = m.resources.filter((x) => x.kind === 'folder' && x.tenantId === item.tenantId && x.projectId === item.projectId && x.module === item.module);
      const parent = target < folders.length ? folders[target] : undefined;
      if (parent) item.parentId = parent.id;
      else delete item.parentId;
      r.content.put(toContent(item));
    }),
  attach: (ri: number) =>
    cmd(`attach(${ri})`, async (m, r) => {
      const res = pick(m.resources, ri)!;
      await r.portal.updates.publish(r.staff(res.tenantId), res.projectId, { body: 'update', resources: [{ module: res.module, id: res.id }] });
      m.attached.add(refKey(res));
    }),
  toggleModule: (ti: number, module: ModuleId) =>
    cmd(`toggleModule(${ti},${module})`, async (m) => {
      const set = m.modules[TENANTS[ti]!]!;
      if (set.has(module)) set.delete(module);
      else set.add(module);
    }),
  reportStatus: (ri: number) =>
    cmd(`reportStatus(${ri})`, async (m, r) => {
      const report = pick(m.resources.filter((x) => x.module === 'reports'), ri)!;
      report.status = report.status === 'completed' ? 'draft' : 'completed';
      r.content.put(toContent(report));
    }),
};

function operations(): fc.Arbitrary<Cmd>[] {
  const t = fc.nat(1), e = fc.nat(2), n = fc.nat(40), mask = fc.nat(3);
  return [
    fc.tuple(t, e, mask, fc.boolean()).map(([ti, ei, pm, invite]) => build.add(ti, ei, pm, invite)),
    n.map((ci) => build.accept(ci)),
    fc.tuple(n, mask).map(([ci, pm]) => build.setProjects(ci, pm)),
    fc.tuple(n, fc.nat(1)).map(([ci, pi]) => build.revoke(ci, pi)),
    fc.tuple(n, fc.boolean()).map(([ci, on]) => build.portalAccess(ci, on)),
    fc.tuple(n, fc.constantFrom<ModelClient['roleId']>('client', 'docs-only')).map(([ci, role]) => build.role(ci, role)),
    n.map((ri) => build.share(ri)),
    n.map((si) => build.unshare(si)),
    n.map((fi) => build.addToFolder(fi)),
    fc.tuple(n, fc.nat(5)).map(([ii, target]) => build.move(ii, target)),
    n.map((ri) => build.attach(ri)),
    fc.tuple(t, fc.constantFrom<ModuleId>('documents', 'photos', 'reports', 'dailyLogs')).map(([ti, module]) => build.toggleModule(ti, module)),
    n.map((ri) => build.reportStatus(ri)),
  ];
}

/**
 * Commands from their printed form, e.g. `add(0,1,0,false),accept(36)` as fast-check reports a
 * counterexample: numbers, booleans and bare words (roles, modules) as arguments.
 */
export function replay(script: string): Cmd[] {
  return [...script.matchAll(/(\w+)\(([^)]*)\)/g)].map(([, name, args]) => {
    const values = args!.split(',').filter(Boolean).map((a) => (/^-?\d+$/.test(a) ? Number(a) : a === 'true' ? true : a === 'false' ? false : a));
    const make = (build as unknown as Record<string, (...a: unknown[]) => Cmd>)[name!];
    if (!make) throw new Error(`unknown command ${name}`);
    return make(...values);
  });
}

/** After every step: `can`, `access.can` and the feed agree with the model, and nothing crosses tenants. */
export async function checkInvariants(m: Model, r: Real): Promise<void> {
  for (const c of m.clients) {
    const actor: ClientActor = { type: 'client', tenantId: c.tenantId, clientId: c.id! };
    const forged: ClientActor = { ...actor, tenantId: c.tenantId === 'acme' ? 'globex' : 'acme' };
    const access = c.active && c.portalAccess ? await r.portal.access(actor) : undefined;
    // A target names a resource in the actor's own tenant; the forged actor covers the other tenant.
    const own = m.resources.filter((x) => x.tenantId === c.tenantId);
    // The index resolves resources (and their ancestry) through the content source itself.
    const resolved = access ? await access.resolve(own.map((res) => ({ projectId: res.projectId, module: res.module, id: res.id }))) : [];
    for (const [i, res] of own.entries()) {
      const expected = visible(m, c, res);
      const target = { projectId: res.projectId, module: res.module, id: res.id };
      const got = await r.portal.can(actor, 'read', target);
      if (got !== expected) throw new Error(`can(${c.tenantId}/${c.email}, ${refKey(res)}) = ${got}, model says ${expected}`);
      if (access && access.can('read', resolved[i]) !== expected) {
        throw new Error(`access.can(${c.tenantId}/${c.email}, ${refKey(res)}) disagrees with the model (${expected})`);
      }
      if (await r.portal.can(forged, 'read', target)) throw new Error(`a forged ${forged.tenantId} actor can read ${refKey(res)}`);
    }
    if (!access) continue;
    for (const projectId of c.projects) {
      const feed = await r.portal.view.feed(actor, projectId);
      for (const module of ['documents', 'photos', 'reports', 'dailyLogs'] as const) {
        const want = m.resources
          .filter((res) => res.tenantId === c.tenantId && res.projectId === projectId && res.module === module && m.shares.has(refKey(res)) && visible(m, c, res))
          .map((res) => res.id)
          .sort();
        const got = (feed.modules[module] ?? []).map((res) => res.id).sort();
        if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`feed ${c.tenantId}/${c.email}/${projectId}/${module}: ${got} ≠ model ${want}`);
      }
    }
  }
}

export { findResource };
