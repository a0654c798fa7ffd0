import type { Account, Session } from '../../src/model/account.js';
import type { AccountLink } from '../../src/model/account-link.js';
import type { AuditEvent } from '../../src/model/audit.js';
import type { ClientRecord } from '../../src/model/client.js';
import type { Invite } from '../../src/model/invite.js';
import type { MailJob } from '../../src/model/outbox.js';
import type { Role } from '../../src/model/role.js';
import type { Share } from '../../src/model/share.js';
import type { Update } from '../../src/model/update.js';
import { decodeTimeCursor, encodeTimeCursor } from '../../src/ports/cursor.js';
import type { Row } from './driver.js';

/**
 * Rows → records. SQL NULL becomes an absent field (not `undefined`), so records compare equal
 * to what was stored and to what the memory adapter returns.
 */
const str = (v: unknown) => v as string;
const date = (v: unknown) => (v instanceof Date ? v : new Date(v as string));
const opt = <K extends string, V>(key: K, v: unknown, map: (v: unknown) => V): { [P in K]?: V } =>
  (v === null || v === undefined ? {} : { [key]: map(v) }) as { [P in K]?: V };

/** What `toClient` reads, and nothing else: `search_name` and `status` serve filters only. */
const CLIENT_FIELDS = [
  'tenant_id', 'id', 'email', 'name', 'role_id', 'project_ids', 'portal_access', 'activated_at', 'invite_expires_at',
  'delivery_state', 'delivery_reason', 'delivery_at', 'archived_at', 'pending_email', 'language', 'created_at', 'updated_at',
];

/**
 * The columns `toClient` needs, of the clients table under `alias`: a list of clients is read
 * a field at a time, so a column nobody reads costs Node a string per row.
 */
export const clientColumns = (alias: string): string => CLIENT_FIELDS.map((f) => `${alias}.${f}`).join(', ');

/**
 * Built key by key, in the order the record's other makers write: a list of clients makes one
 * per row, and optional keys spread in (`...opt(…)`) cost a temporary object and a copy each.
 */
export function toClient(r: Row): ClientRecord {
  const client = { tenantId: str(r.tenant_id), id: str(r.id), email: str(r.email) } as ClientRecord;
  if (r.name != null) client.name = str(r.name);
  client.roleId = str(r.role_id);
  client.projectIds = [...(r.project_ids as string[])];
  client.portalAccess = r.portal_access as boolean;
  if (r.activated_at != null) client.activatedAt = date(r.activated_at);
  if (r.invite_expires_at != null) client.inviteExpiresAt = date(r.invite_expires_at);
  if (r.delivery_state != null) {
    const delivery = { state: r.delivery_state } as NonNullable<ClientRecord['inviteDelivery']>;
    if (r.delivery_reason != null) delivery.reason = str(r.delivery_reason);
    delivery.at = date(r.delivery_at);
    client.inviteDelivery = delivery;
  }
  if (r.archived_at != null) client.archivedAt = date(r.archived_at);
  if (r.pending_email != null) client.pendingEmail = str(r.pending_email);
  if (r.language != null) client.language = str(r.language);
  client.createdAt = date(r.created_at);
  client.updatedAt = date(r.updated_at);
  return client;
}

export const toRole = (r: Row): Role => ({
  tenantId: str(r.tenant_id),
  id: str(r.id),
  name: str(r.name),
  permissions: r.permissions as Role['permissions'],
});

export const toInvite = (r: Row): Invite => ({
  tenantId: str(r.tenant_id),
  id: str(r.id),
  clientId: str(r.client_id),
  email: str(r.email),
  ...opt('tokenHash', r.token_hash, str),
  status: r.status as Invite['status'],
  invitedBy: str(r.invited_by),
  resend: r.resend as boolean,
  createdAt: date(r.created_at),
  expiresAt: date(r.expires_at),
  ...opt('acceptedAt', r.accepted_at, date),
});

export const toAccountLink = (r: Row): AccountLink => ({
  tenantId: str(r.tenant_id),
  id: str(r.id),
  clientId: str(r.client_id),
  purpose: r.purpose as AccountLink['purpose'],
  email: str(r.email),
  ...opt('tokenHash', r.token_hash, str),
  status: r.status as AccountLink['status'],
  requestedBy: str(r.requested_by),
  createdAt: date(r.created_at),
  expiresAt: date(r.expires_at),
  ...opt('usedAt', r.used_at, date),
});

export const toAccount = (r: Row): Account => ({
  tenantId: str(r.tenant_id),
  clientId: str(r.client_id),
  passwordHash: str(r.password_hash),
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
});

export const toSession = (r: Row): Session => ({
  tenantId: str(r.tenant_id),
  id: str(r.id),
  clientId: str(r.client_id),
  tokenHash: str(r.token_hash),
  createdAt: date(r.created_at),
  expiresAt: date(r.expires_at),
});

export const toShare = (r: Row): Share => ({
  tenantId: str(r.tenant_id),
  id: str(r.id),
  projectId: str(r.project_id),
  module: r.module as Share['module'],
  resourceId: str(r.resource_id),
  kind: r.kind as Share['kind'],
  sharedBy: str(r.shared_by),
  createdAt: date(r.created_at),
});

export const toUpdate = (r: Row): Update => ({
  tenantId: str(r.tenant_id),
  id: str(r.id),
  projectId: str(r.project_id),
  ...opt('title', r.title, str),
  body: str(r.body),
  resources: r.resources as Update['resources'],
  authorId: str(r.author_id),
  publishedAt: date(r.published_at),
  ...opt('editedAt', r.edited_at, date),
});

export const toAudit = (r: Row): AuditEvent => ({
  tenantId: str(r.tenant_id),
  id: str(r.id),
  at: date(r.at),
  actor: { type: r.actor_type as AuditEvent['actor']['type'], id: str(r.actor_id) },
  action: r.action as AuditEvent['action'],
  ...opt('clientId', r.client_id, str),
  ...opt('projectId', r.project_id, str),
  ...opt('data', r.data, (v) => v as Record<string, unknown>),
});

export const toMailJob = (r: Row): MailJob => ({
  tenantId: str(r.tenant_id),
  id: str(r.id),
  kind: r.kind as MailJob['kind'],
  ...opt('inviteId', r.invite_id, str),
  ...opt('linkId', r.link_id, str),
  clientId: str(r.client_id),
  state: r.state as MailJob['state'],
  attempts: Number(r.attempts),
  runAt: date(r.run_at),
  ...opt('lastError', r.last_error, str),
  ...opt('providerId', r.provider_id, str),
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
});

/** Keyset cursors hold `[epoch ms, id]`, checked in range before they reach a query. */
export function cursorKey(cursor: string | undefined): [Date, string] | undefined {
  if (cursor === undefined) return undefined;
  const [ms, id] = decodeTimeCursor(cursor);
  return [new Date(ms), id];
}

export const keyOf = encodeTimeCursor;
