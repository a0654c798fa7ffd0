import { subject } from '@casl/ability';
import type { Action, ModuleId } from '../model/modules.js';
import type { ResourceRef } from '../model/resource.js';
import type { Share } from '../model/share.js';
import type { ClientScope } from './client-scope.js';
import { isPresentable } from './coverage.js';

/** What one project grants its clients: shared items, shared folders, update attachments. */
export interface ProjectGrants {
  items: ReadonlySet<string>;
  folders: ReadonlySet<string>;
  attached: ReadonlySet<string>;
}

export interface AccessTarget {
  projectId: string;
  module: ModuleId | string;
  id: string;
  kind?: 'item' | 'folder';
  /** The resource's status; report items are visible only when `completed`. */
  status?: string;
  /** The resource's ancestor folder ids, nearest first — needed to see folder shares. */
  ancestorIds?: readonly string[];
}

const key = (module: string, id: string) => `${module}/${id}`;

export function grantsFrom(shares: Share[], attached: ResourceRef[]): ProjectGrants {
  const items = new Set<string>();
  const folders = new Set<string>();
  for (const share of shares) (share.kind === 'folder' ? folders : items).add(key(share.module, share.resourceId));
  return { items, folders, attached: new Set(attached.map((ref) => key(ref.module, ref.id))) };
}

/** One module of one project: ids visible themselves, and ids whose contents are visible. */
interface ModuleGrants {
  visible: Set<string>;
  containers: Set<string>;
  /** CASL's answer per action for this (project, module), asked once. */
  policy: Map<string, boolean>;
}

/**
 * A client's access, loaded once per request and then checked synchronously, as often as
 * needed (filtering a file list, say). CASL stays the policy: its answer for (action, project,
 * module) does not depend on the resource, so it is asked once per combination and memoised;
 * whether the resource is shared is a `Set` lookup. Checking costs the same at 100 or 100k shares.
 * The grants are re-indexed by project and module up front, so a check hashes the caller's own
 * id strings and builds no key: that keeps it at millions per second (see bench/).
 */
export class AccessIndex {
  private readonly index = new Map<string, Map<string, ModuleGrants>>();

  constructor(
    private readonly scope: ClientScope,
    private readonly grants: ReadonlyMap<string, ProjectGrants>,
  ) {
    for (const [projectId, project] of grants) {
      const modules = new Map<string, ModuleGrants>();
      const of = (module: string) => {
        let found = modules.get(module);
        if (!found) modules.set(module, (found = { visible: new Set(), containers: new Set(), policy: new Map() }));
        return found;
      };
      // Keys are `module/id`; neither a module name nor an id may contain `/`.
      const split = (k: string) => [k.slice(0, k.indexOf('/')), k.slice(k.indexOf('/') + 1)] as const;
      for (const k of project.items) {
        const [module, id] = split(k);
        of(module).visible.add(id);
      }
      for (const k of [...project.folders, ...project.attached]) {
        const [module, id] = split(k);
        of(module).visible.add(id);
        of(module).containers.add(id);
      }
      this.index.set(projectId, modules);
    }
  }

  /** The projects this index knows (those the client holds). */
  get projectIds(): string[] {
    return [...this.grants.keys()];
  }

  can(action: Action, target: AccessTarget): boolean {
    const grants = this.index.get(target.projectId)?.get(target.module);
    if (!grants || !isPresentable(target) || !this.allowed(grants, action, target.projectId, target.module)) return false;
    if (grants.visible.has(target.id)) return true;
    for (const ancestor of target.ancestorIds ?? []) if (grants.containers.has(ancestor)) return true;
    return false;
  }

  private allowed(grants: ModuleGrants, action: Action, projectId: string, module: string): boolean {
    let answer = grants.policy.get(action);
    if (answer === undefined) {
      answer = this.scope.ability.can(
        action,
        subject('Resource', { tenantId: this.scope.actor.tenantId, projectId, module, id: '*', shared: true }),
      );
      grants.policy.set(action, answer);
    }
    return answer;
  }
}
