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

/**
 * A client's access, loaded once per request and then checked synchronously, as often as
 * needed (filtering a file list, say). CASL stays the policy: its answer for (action, project,
 * module) does not depend on the resource, so it is asked once per combination and memoised;
 * whether the resource is shared is a `Set` lookup. Checking costs the same at 100 or 100k shares.
 */
export class AccessIndex {
  private readonly policy = new Map<string, boolean>();

  constructor(
    private readonly scope: ClientScope,
    private readonly grants: ReadonlyMap<string, ProjectGrants>,
  ) {}

  /** The projects this index knows (those the client holds). */
  get projectIds(): string[] {
    return [...this.grants.keys()];
  }

  can(action: Action, target: AccessTarget): boolean {
    const grants = this.grants.get(target.projectId);
    if (!grants || !isPresentable(target) || !this.allowed(action, target.projectId, target.module)) return false;
    const own = key(target.module, target.id);
    if (grants.items.has(own) || grants.folders.has(own) || grants.attached.has(own)) return true;
    for (const ancestor of target.ancestorIds ?? []) {
      const folder = key(target.module, ancestor);
      if (grants.folders.has(folder) || grants.attached.has(folder)) return true;
    }
    return false;
  }

  private allowed(action: Action, projectId: string, module: string): boolean {
    const memo = `${action}\u0000${projectId}\u0000${module}`;
    let answer = this.policy.get(memo);
    if (answer === undefined) {
      answer = this.scope.ability.can(
        action,
        subject('Resource', { tenantId: this.scope.actor.tenantId, projectId, module, id: '*', shared: true }),
      );
      this.policy.set(memo, answer);
    }
    return answer;
  }
}
