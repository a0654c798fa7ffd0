import { array } from './check.js';
import { body, endpoint, optionalBody, path, query, type Endpoint } from './endpoint.js';
import { WireApprovalExport, WireApprovalView, WireApproverEligibility } from './wire-approvals.js';
import {
  page,
  WireAuditEvent,
  WireAddedClient,
  WireClient,
  WireClientDetails,
  WireFeed,
  WireInviteInfo,
  WireLinkInfo,
  WireMe,
  WireOpened,
  WireProject,
  WireReceipt,
  WireRole,
  WireShare,
  WireShareStatus,
  WireSignedIn,
  WireTenantLook,
  WireUpdate,
} from './wire.js';
import { WireNotificationPreference, WireUnsubscribed } from './wire-notifications.js';

/**
 * The portal's HTTP API, one entry per method of the headless API it exposes (`group.method`,
 * as on `Portal`). The handler's routes and the typed client are both built from this table, so
 * adding a route is one entry here plus its service method. An entry's arguments are the
 * service method's arguments after the actor; the core validates them.
 *
 * Columns: method, path, who may call, where each argument travels, success status, response check.
 */
export const API = {
  // Builder staff.
  'clients.list': endpoint('GET', '/clients', 'staff', [query()], 200, page(WireClient), { numbers: ['limit'] }),
  'clients.add': endpoint('POST', '/clients', 'staff', [body()], 201, WireAddedClient),
  'clients.get': endpoint('GET', '/clients/:id', 'staff', [path('id')], 200, WireClientDetails),
  'clients.update': endpoint('PATCH', '/clients/:id', 'staff', [path('id'), body()], 200, WireClient),
  'clients.setProjects': endpoint('PUT', '/clients/:id/projects', 'staff', [path('id'), body('projectIds')], 200, WireClient),
  'clients.revokeProject': endpoint('DELETE', '/clients/:id/projects/:projectId', 'staff', [path('id'), path('projectId')], 200, WireClient),
  'clients.sendInvite': endpoint('POST', '/clients/:id/invite', 'staff', [path('id')], 200, WireClient),
  /** Lifts the sign-in lock-out of the client's account; HTTP only (the limiter lives in the handler). */
  'clients.unlock': endpoint('POST', '/clients/:id/unlock', 'staff', [path('id')], 200, WireClient),
  'clients.sendPasswordReset': endpoint('POST', '/clients/:id/password-reset', 'staff', [path('id')], 200, WireClient),
  'clients.archive': endpoint('POST', '/clients/:id/archive', 'staff', [path('id')], 200, WireClient),
  'clients.restore': endpoint('POST', '/clients/:id/restore', 'staff', [path('id')], 200, WireClient),
  'projects.list': endpoint('GET', '/projects', 'staff', [], 200, array(WireProject)),
  'shares.status': endpoint('GET', '/projects/:projectId/shares/status', 'staff', [path('projectId'), query('module'), query('ids', 'list')], 200, array(WireShareStatus)),
  'shares.list': endpoint('GET', '/projects/:projectId/shares', 'staff', [path('projectId'), query()], 200, page(WireShare), { numbers: ['limit'] }),
  'shares.share': endpoint('POST', '/projects/:projectId/shares', 'staff', [path('projectId'), body('resources')], 201, array(WireShare)),
  'shares.unshare': endpoint('DELETE', '/projects/:projectId/shares/:shareId', 'staff', [path('projectId'), path('shareId')], 204, null),
  'updates.list': endpoint('GET', '/projects/:projectId/updates', 'staff', [path('projectId'), query()], 200, page(WireUpdate), { numbers: ['limit'] }),
  'updates.publish': endpoint('POST', '/projects/:projectId/updates', 'staff', [path('projectId'), body()], 201, WireUpdate),
  'updates.edit': endpoint('PATCH', '/projects/:projectId/updates/:id', 'staff', [path('projectId'), path('id'), body()], 200, WireUpdate),
  'updates.remove': endpoint('DELETE', '/projects/:projectId/updates/:id', 'staff', [path('projectId'), path('id')], 204, null),
  'roles.list': endpoint('GET', '/roles', 'staff', [], 200, array(WireRole)),
  'roles.save': endpoint('PUT', '/roles/:id', 'staff', [body(undefined, ['id'])], 200, WireRole),
  'approvals.request': endpoint('POST', '/projects/:projectId/approvals', 'staff', [path('projectId'), body()], 201, WireApprovalView),
  'approvals.approvers': endpoint('GET', '/projects/:projectId/approvals/approvers', 'staff', [path('projectId'), query()], 200, array(WireApproverEligibility)),
  'approvals.list': endpoint('GET', '/projects/:projectId/approvals', 'staff', [path('projectId'), query()], 200, array(WireApprovalView)),
  'approvals.withdraw': endpoint('POST', '/projects/:projectId/approvals/:id/withdraw', 'staff', [path('projectId'), path('id'), optionalBody()], 200, WireApprovalView),
  'approvals.reopen': endpoint('POST', '/projects/:projectId/approvals/:id/reopen', 'staff', [path('projectId'), path('id'), body()], 200, WireApprovalView),
  'approvals.export': endpoint('GET', '/projects/:projectId/approvals/:id/export', 'staff', [path('projectId'), path('id')], 200, WireApprovalExport),
  'audit.list': endpoint('GET', '/audit', 'staff', [query()], 200, page(WireAuditEvent), { numbers: ['limit'] }),
  'receipts.list': endpoint('GET', '/projects/:projectId/receipts', 'staff', [path('projectId'), query()], 200, page(WireReceipt), { numbers: ['limit'], lists: ['ids'] }),
  'notifications.getFor': endpoint('GET', '/clients/:id/notifications', 'staff', [path('id')], 200, WireNotificationPreference),
  'notifications.setFor': endpoint('PUT', '/clients/:id/notifications', 'staff', [path('id'), body()], 200, WireNotificationPreference),

  // Invitees and signed-in clients. Tokens travel in bodies, never in a path or query string,
  // so no proxy or access log holds one.
  /** A builder's name and brand for the sign-in and reset pages (public; rate-limited per address). */
  'tenants.look': endpoint('GET', '/tenants/:tenantId/look', 'anyone', [path('tenantId')], 200, WireTenantLook),
  'invites.inspect': endpoint('POST', '/invites/inspect', 'anyone', [body('token')], 200, WireInviteInfo, { retry: true }),
  'invites.accept': endpoint('POST', '/invites/accept', 'anyone', [body('token'), body()], 201, WireSignedIn, { session: 'start' }),
  'sessions.signIn': endpoint('POST', '/session', 'anyone', [body()], 201, WireSignedIn, { session: 'start' }),
  'sessions.signOut': endpoint('DELETE', '/session', 'anyone', [], 204, null, { session: 'end' }),
  // Account recovery and sign-in links: 202 whether or not the account exists.
  'passwords.requestReset': endpoint('POST', '/password/forgot', 'anyone', [body()], 202, null),
  'passwords.inspect': endpoint('POST', '/password/inspect', 'anyone', [body('token')], 200, WireLinkInfo, { retry: true }),
  'passwords.reset': endpoint('POST', '/password/reset', 'anyone', [body('token'), body()], 201, WireSignedIn, { session: 'start' }),
  'sessions.requestLink': endpoint('POST', '/session/link', 'anyone', [body()], 202, null),
  'sessions.signInWithLink': endpoint('POST', '/session/link/accept', 'anyone', [body('token')], 201, WireSignedIn, { session: 'start' }),
  'sessions.signOutEverywhere': endpoint('DELETE', '/sessions', 'client', [], 204, null, { session: 'end' }),
  /** What an email confirmation link is, consuming nothing, for the page it opens. */
  'emails.inspect': endpoint('POST', '/email/inspect', 'anyone', [body('token')], 200, WireLinkInfo, { retry: true }),
  /** Confirms a changed email address from the link sent to it; signs the client in. */
  'emails.confirm': endpoint('POST', '/email/confirm', 'anyone', [body('token'), body()], 201, WireSignedIn, { session: 'start' }),
  // The client's approvals: those asking it (not in DESIGN's table: the portal's "Waiting on you").
  'approvals.listMine': endpoint('GET', '/portal/projects/:projectId/approvals', 'client', [path('projectId'), query()], 200, array(WireApprovalView)),
  // The handler adds the request's address and user agent as evidence (routes-approvals.ts).
  'approvals.decide': endpoint('POST', '/portal/projects/:projectId/approvals/:id/decision', 'client', [path('projectId'), path('id'), body()], 201, WireApprovalView),
  'notifications.get': endpoint('GET', '/portal/notifications', 'client', [], 200, WireNotificationPreference),
  'notifications.set': endpoint('PUT', '/portal/notifications', 'client', [body()], 200, WireNotificationPreference),
  // One-click unsubscribe (RFC 8058): mail providers POST `List-Unsubscribe=One-Click` as a form
  // to the URL of the header, so the token may come in the query (`?token=`) or a JSON body;
  // the route reads both (routes-notifications.ts). A GET changes nothing: link scanners GET.
  'notifications.unsubscribe': endpoint('POST', '/notifications/unsubscribe', 'anyone', [body('token')], 200, WireUnsubscribed),
  'view.me': endpoint('GET', '/me', 'client', [], 200, WireMe),
  'view.projects': endpoint('GET', '/portal/projects', 'client', [], 200, array(WireProject)),
  'view.feed': endpoint('GET', '/portal/projects/:projectId', 'client', [path('projectId'), query()], 200, WireFeed, { records: true }),
  /** A host-served file the client opened (the host may call `portal.receipts.record` itself instead). */
  'receipts.record': endpoint('POST', '/portal/projects/:projectId/receipts', 'client', [body(undefined, ['projectId'])], 204, null),
  'view.open': endpoint('GET', '/portal/projects/:projectId/:module/:resourceId', 'client', [path('projectId'), path('module'), path('resourceId')], 200, WireOpened, { records: true }),
} satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof API;

/** The entries as a list, each with its name. */
export const endpoints = (): (Endpoint & { name: EndpointName })[] =>
  (Object.keys(API) as EndpointName[]).map((name) => ({ ...(API[name] as Endpoint), name }));
