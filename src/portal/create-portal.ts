import { approvalsService } from '../services/approvals.js';
import { auditService } from '../services/audit.js';
import { clientsService } from '../services/clients.js';
import { invitesService } from '../services/invites.js';
import { tenantsService } from '../services/tenant-look.js';
import { passwordsService } from '../services/passwords.js';
import { emailsService } from '../services/email-change.js';
import { outboxService } from '../services/outbox.js';
import { notificationsService } from '../services/notifications.js';
import { projectsService } from '../services/projects.js';
import { receiptsService } from '../services/receipts.js';
import { retentionService } from '../services/retention.js';
import { rolesService } from '../services/roles.js';
import { sessionsService } from '../services/sessions.js';
import { sharesService } from '../services/shares.js';
import { updatesService } from '../services/updates.js';
import { viewService } from '../services/view.js';
import { HOST_HOOK_TIMEOUT } from '../services/host-hooks.js';
import { createContexts } from './create-context.js';
import type { PortalOptions } from './options.js';
import type { Portal } from './portal.js';

/**
 * The composition root: every service over the injected storage, mail, content source and clock.
 *
 * @example
 * const portal = createPortal({
 *   storage: memoryStorage(), mail: memoryMail(), content: memoryContent(fixture),
 *   acceptUrl: (token) => `https://builder.example/portal/accept#token=${token}`,
 *   tenants: async (id) => ({ name: 'Acme Builders', modules: ['documents', 'photos'] }),
 * });
 * await portal.clients.add(staff, { email: 'ana@example.com', projectIds: ['p1'] });
 * await portal.outbox.flush();
 */
export function createPortal(options: PortalOptions): Portal {
  const { requests: ctx, background, hostHookTimeoutMs } = createContexts(options);
  const view = viewService(ctx);
  const portal: Portal = {
    clients: clientsService(ctx),
    invites: invitesService(ctx),
    tenants: tenantsService(ctx),
    passwords: passwordsService(ctx),
    emails: emailsService(ctx),
    sessions: sessionsService(ctx),
    shares: sharesService(ctx),
    updates: updatesService(ctx),
    roles: rolesService(ctx),
    projects: projectsService(ctx),
    audit: auditService(ctx),
    receipts: receiptsService(ctx),
    // The outbox's lease bounds each job whole; its hooks are not held to `hostHookTimeoutMs` too.
    outbox: outboxService(background),
    retention: retentionService(ctx),
    notifications: notificationsService(ctx),
    approvals: approvalsService(ctx),
    view: { projects: view.projects, feed: view.feed, open: view.open, me: view.me },
    can: view.can,
    /**
     * A client's access loaded once, for many synchronous checks of resources resolved through it:
     * `const access = await portal.access(actor); const [t] = await access.resolve([ref]); access.can('read', t)`.
     */
    access: view.access,
    /** The clock this portal runs on. */
    now: ctx.now,
  };
  // The handler holds its own hooks (`authenticateStaff`, a `rateLimit.limiter`) to the same limit.
  Object.defineProperty(portal, HOST_HOOK_TIMEOUT, { value: hostHookTimeoutMs });
  return portal;
}

export type { Portal } from './portal.js';
export type { SignedIn, Me } from '../model/signed-in.js';
