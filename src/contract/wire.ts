import { ACTIONS, MODULES } from '../model/module-list.js';
import { AUDIT_ACTIONS, CLIENT_STATUSES, DELIVERY_STATES, INVITE_STATUSES, LINK_INFO_STATUSES } from '../model/value-lists.js';
import { array, boolean, date, extend, id, nullable, number, object, oneOf, optional, record, string, unknown } from './check.js';

/**
 * The model's shapes as they arrive over the wire, checked without zod (see check.ts): dates
 * come as ISO strings and are revived. Objects are not strict — a newer server may add fields,
 * and they are dropped, not fatal. The model's lists are imported from zod-free modules only;
 * test/client/wire-schemas.test.ts keeps these keys in step with the model's zod schemas.
 */

const moduleId = oneOf(MODULES);
const action = oneOf(ACTIONS);
const kind = oneOf(['item', 'folder']);

export const WireClient = object({
  tenantId: id,
  id: id,
  email: string,
  name: optional(string),
  roleId: id,
  projectIds: array(id),
  portalAccess: boolean,
  activatedAt: optional(date),
  inviteExpiresAt: optional(date),
  inviteDelivery: optional(object({ state: oneOf(DELIVERY_STATES), reason: optional(string), at: date })),
  archivedAt: optional(date),
  pendingEmail: optional(string),
  language: optional(string),
  createdAt: date,
  updatedAt: date,
  status: oneOf(CLIENT_STATUSES),
});

/** `clients.add`: `created` is false when the email was already a client (projects added, nothing sent). */
export const WireAddedClient = extend(WireClient, { created: boolean });

export const WireClientDetails = extend(WireClient, {
  permissions: array(object({ module: moduleId, actions: array(action) })),
});

export const WireProject = object({ tenantId: id, id: id, name: string });

export const WireResource = object({
  tenantId: id,
  projectId: id,
  module: moduleId,
  id: id,
  kind,
  parentId: optional(id),
  name: string,
  url: optional(string),
  status: optional(string),
  updatedAt: date,
  meta: optional(record),
});

export const WireSchedule = object({
  id: optional(string),
  publishedAt: optional(date),
  tasks: array(object({ id: string, name: string, start: string, end: string, progress: optional(number) })),
});

export const WireShare = object({
  tenantId: id,
  id: id,
  projectId: id,
  module: moduleId,
  resourceId: id,
  kind,
  sharedBy: id,
  createdAt: date,
});

export const WireUpdate = object({
  tenantId: id,
  id: id,
  projectId: id,
  title: optional(string),
  body: string,
  resources: array(object({ module: moduleId, id: id })),
  authorId: id,
  publishedAt: date,
  editedAt: optional(date),
});

export const WireRole = object({
  tenantId: id,
  id: id,
  name: string,
  permissions: array(object({ module: moduleId, actions: array(action) })),
});

export const WireAuditEvent = object({
  tenantId: id,
  id: id,
  at: date,
  actor: object({ type: oneOf(['staff', 'client', 'system']), id: string }),
  action: oneOf(AUDIT_ACTIONS),
  clientId: optional(id),
  projectId: optional(id),
  data: optional(record),
});

/** A read receipt (model/receipt.ts). */
export const WireReceipt = object({
  tenantId: id,
  projectId: id,
  clientId: id,
  module: moduleId,
  id: id,
  firstViewedAt: date,
  lastViewedAt: date,
  views: number,
});

export const WireInviteInfo = object({
  status: oneOf(INVITE_STATUSES),
  email: optional(string),
  name: optional(string),
  tenantName: optional(string),
  brand: optional(object({ logoUrl: optional(string), accentColor: optional(string) })),
  expiresAt: optional(date),
});

/** A builder as a public page sees it (`tenants.look`): `{}` for an unknown tenant. */
export const WireTenantLook = object({ name: optional(string), brand: optional(object({ logoUrl: optional(string), accentColor: optional(string) })) });

/** A reset or email confirmation link as its holder may see it (`passwords.inspect`, `emails.inspect`). */
export const WireLinkInfo = object({ status: oneOf(LINK_INFO_STATUSES), email: optional(string) });

export const WireSession = object({ token: string, expiresAt: date });
export const WireSignedIn = object({ client: WireClient, session: WireSession });

export const WireShareStatus = object({
  id: string,
  status: oneOf(['shared', 'via_folder', 'not_shared']),
  shareId: optional(string),
  attached: optional(boolean),
});

export const page = <T>(item: (value: unknown, path: (string | number)[]) => T) => object({ items: array(item), nextCursor: nullable(string) });

/** A resource as the feed lists it: `isNew` since the client's previous visit. */
const WireFeedResource = extend(WireResource, { isNew: optional(boolean) });
const resources = optional(array(WireFeedResource));
type ResourceModule = Exclude<(typeof MODULES)[number], 'updates' | 'schedule'>;

/** One key per module in the model's list, so a module added there is checked here too, not dropped. */
const resourceModules = Object.fromEntries(
  MODULES.filter((m): m is ResourceModule => m !== 'updates' && m !== 'schedule').map((m) => [m, resources]),
) as Record<ResourceModule, typeof resources>;

/** The builder as the portal page shows it (model/brand.ts `PortalTenant`). */
export const WirePortalTenant = object({
  name: string,
  currency: optional(string),
  locale: optional(string),
  brand: optional(object({ logoUrl: optional(string), accentColor: optional(string) })),
});

export const WireFeed = object({
  project: WireProject,
  modules: object({
    ...resourceModules,
    updates: optional(array(object({ update: WireUpdate, resources: array(WireResource), isNew: optional(boolean) }))),
    schedule: optional(nullable(object({ resource: WireFeedResource, schedule: nullable(WireSchedule) }))),
  }),
  tenant: optional(WirePortalTenant),
  more: optional(object(Object.fromEntries(MODULES.map((m) => [m, optional(string)])) as Record<(typeof MODULES)[number], ReturnType<typeof optional<string>>>)),
  newCounts: optional(object(Object.fromEntries(MODULES.map((m) => [m, optional(number)])) as Record<(typeof MODULES)[number], ReturnType<typeof optional<number>>>)),
  /** The client's first visit to the project: nothing is marked new. */
  firstVisit: optional(boolean),
});

export const WireOpened = object({
  resource: WireResource,
  children: optional(array(WireResource)),
  schedule: optional(nullable(WireSchedule)),
});

/** Packed CASL rules are arrays of arrays; the browser unpacks them with `unpackRules`. */
export const WireMe = object({ client: WireClient, projects: array(WireProject), rules: array(array(unknown)) });

/** A problem+json body, loosely: enough to rebuild the error (other members are kept as they are). */
export const WireProblem = (value: unknown, path: (string | number)[]) => ({
  ...record(value, path),
  ...object({
    code: string,
    status: optional(number),
    detail: optional(string),
    title: optional(string),
    errors: optional(array(object({ path: array((v, p) => (typeof v === 'number' ? v : string(v, p))), message: string, code: optional(string) }))),
  })(value, path),
});

export * from './wire-approvals.js';
