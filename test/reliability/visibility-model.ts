import type { ModuleId } from 'sitegate';

/**
 * The plain reference model of who may see what: no storage, no CASL, no content source — just
 * the rules from DESIGN.md written as directly as possible, to hold the real portal against.
 */
export interface ModelResource {
  tenantId: string;
  projectId: string;
  module: ModuleId;
  id: string;
  kind: 'item' | 'folder';
  parentId?: string;
  status?: string;
}

export interface ModelClient {
  tenantId: string;
  email: string;
  id?: string;
  projects: Set<string>;
  active: boolean;
  portalAccess: boolean;
  roleId: 'client' | 'docs-only';
}

export interface Model {
  clients: ModelClient[];
  resources: ModelResource[];
  /** `${tenant}|${project}|${module}|${id}` → kind */
  shares: Map<string, 'item' | 'folder'>;
  /** `${tenant}|${project}|${module}|${id}` of update attachments */
  attached: Set<string>;
  modules: Record<string, Set<ModuleId>>;
}

export const ROLE_MODULES: Record<ModelClient['roleId'], ModuleId[] | 'all'> = { client: 'all', 'docs-only': ['documents'] };

export const refKey = (r: { tenantId: string; projectId: string; module: string; id: string }) => `${r.tenantId}|${r.projectId}|${r.module}|${r.id}`;

export function findResource(model: Model, tenantId: string, projectId: string, module: string, id: string): ModelResource | undefined {
  return model.resources.find((r) => r.tenantId === tenantId && r.projectId === projectId && r.module === module && r.id === id);
}

export function ancestors(model: Model, r: ModelResource): ModelResource[] {
  const chain: ModelResource[] = [];
  let parentId = r.parentId;
  while (parentId && chain.length < 64) {
    const parent = findResource(model, r.tenantId, r.projectId, r.module, parentId);
    if (!parent || parent.kind !== 'folder') break;
    chain.push(parent);
    parentId = parent.parentId;
  }
  return chain;
}

/** May this client read this resource, by the rules? */
export function visible(model: Model, client: ModelClient, r: ModelResource): boolean {
  if (client.tenantId !== r.tenantId || !client.active || !client.portalAccess) return false;
  if (!client.projects.has(r.projectId)) return false;
  if (!model.modules[r.tenantId]!.has(r.module)) return false;
  const roleModules = ROLE_MODULES[client.roleId];
  if (roleModules !== 'all' && !roleModules.includes(r.module)) return false;
  if (r.module === 'reports' && r.kind === 'item' && r.status !== 'completed') return false;
  if (model.shares.has(refKey(r))) return true;
  const chain = ancestors(model, r);
  if (chain.some((a) => model.shares.get(refKey(a)) === 'folder')) return true;
  // An update's attachment shows only to a client who reads updates.
  const readsUpdates = model.modules[r.tenantId]!.has('updates') && (roleModules === 'all' || roleModules.includes('updates'));
  return readsUpdates && (model.attached.has(refKey(r)) || chain.some((a) => model.attached.has(refKey(a))));
}
