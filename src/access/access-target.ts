import type { ModuleId } from '../model/modules.js';
import type { Resource } from '../model/resource.js';

/**
 * One resource as the content source described it when an `AccessIndex` resolved it, with its
 * real folder ancestry. Only `AccessIndex.resolve` makes these, and an index answers only for
 * the ones it made itself: whatever a caller builds or changes (another parent, kind or status)
 * can never widen access. Frozen, so what it shows is what was checked.
 *
 * @example
 * const access = await portal.access(client);
 * const targets = await access.resolve(files.map((f) => ({ projectId, module: 'documents', id: f.id })));
 * const visible = files.filter((_, i) => access.can('read', targets[i]));
 */
export class AccessTarget {
  readonly projectId: string;
  readonly module: ModuleId;
  readonly id: string;
  /** The host's resource (name, url, status, …) as resolved. */
  readonly resource: Readonly<Resource>;
  /** The ids of its ancestor folders, nearest first, as the content source reported them. */
  readonly ancestorIds: readonly string[];

  /** @internal Made by `AccessIndex.resolve`; one built elsewhere is refused by every index. */
  constructor(resource: Resource, ancestors: readonly Resource[]) {
    this.resource = Object.freeze({ ...resource });
    this.projectId = resource.projectId;
    this.module = resource.module;
    this.id = resource.id;
    this.ancestorIds = Object.freeze(ancestors.map((a) => a.id));
    Object.freeze(this);
  }
}
