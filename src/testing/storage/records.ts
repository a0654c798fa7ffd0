import type { Account, Session } from '../../model/account.js';
import type { AuditEvent } from '../../model/audit.js';
import type { ClientRecord } from '../../model/client.js';
import type { Invite } from '../../model/invite.js';
import type { MailJob } from '../../model/outbox.js';
import type { Role } from '../../model/role.js';
import type { Share } from '../../model/share.js';
import type { Update } from '../../model/update.js';
import type { Storage } from '../../ports/storage.js';
import { TENANT_A } from '../fixtures.js';

/** The store under test, handed to each group of tests (it changes between tests). */
export type GetStorage = () => Storage;

/** A fixed instant with milliseconds, so a store that drops them is caught. */
export const T0 = new Date('2026-03-02T10:00:00.123Z');
export const at = (ms: number): Date => new Date(T0.getTime() + ms);
export const DAY = 24 * 60 * 60 * 1000;

export const client = (over: Partial<ClientRecord> = {}): ClientRecord => ({
  tenantId: TENANT_A,
  id: 'cl-1',
  email: 'dana@example.com',
  roleId: 'client',
  projectIds: ['p-maple'],
  portalAccess: true,
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

export const role = (over: Partial<Role> = {}): Role => ({
  tenantId: TENANT_A,
  id: 'docs-only',
  name: 'Documents only',
  permissions: [{ module: 'documents', actions: ['read'] }],
  ...over,
});

export const invite = (over: Partial<Invite> = {}): Invite => ({
  tenantId: TENANT_A,
  id: 'inv-1',
  clientId: 'cl-1',
  email: 'dana@example.com',
  status: 'pending',
  invitedBy: 'u-alice',
  resend: false,
  createdAt: T0,
  expiresAt: at(14 * DAY),
  ...over,
});

export const account = (over: Partial<Account> = {}): Account => ({
  tenantId: TENANT_A,
  clientId: 'cl-1',
  passwordHash: 'scrypt$hash',
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

export const session = (over: Partial<Session> = {}): Session => ({
  tenantId: TENANT_A,
  id: 'se-1',
  clientId: 'cl-1',
  tokenHash: 'hash-se-1',
  createdAt: T0,
  expiresAt: at(30 * DAY),
  ...over,
});

export const share = (over: Partial<Share> = {}): Share => ({
  tenantId: TENANT_A,
  id: 'sh-1',
  projectId: 'p-maple',
  module: 'documents',
  resourceId: 'd-contracts',
  kind: 'folder',
  sharedBy: 'u-alice',
  createdAt: T0,
  ...over,
});

export const update = (over: Partial<Update> = {}): Update => ({
  tenantId: TENANT_A,
  id: 'up-1',
  projectId: 'p-maple',
  body: 'Foundation poured.',
  resources: [],
  authorId: 'u-alice',
  publishedAt: T0,
  ...over,
});

export const auditEvent = (over: Partial<AuditEvent> = {}): AuditEvent => ({
  tenantId: TENANT_A,
  id: 'ev-1',
  at: T0,
  actor: { type: 'staff', id: 'u-alice' },
  action: 'client.added',
  ...over,
});

export const mailJob = (over: Partial<MailJob> = {}): MailJob => ({
  tenantId: TENANT_A,
  id: 'job-1',
  kind: 'invite',
  inviteId: 'inv-1',
  clientId: 'cl-1',
  state: 'pending',
  attempts: 0,
  runAt: T0,
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

/** Zero-padded, so string order is numeric order. */
export const nth = (prefix: string, i: number): string => `${prefix}-${String(i).padStart(5, '0')}`;

/** Walks every page of a list; fails on a loop instead of hanging. */
export async function allPages<T>(fetch: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>, maxPages = 1000): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    pages.push(page.items);
    cursor = page.nextCursor ?? undefined;
    if (pages.length > maxPages) throw new Error('pagination does not end');
  } while (cursor);
  return pages;
}
