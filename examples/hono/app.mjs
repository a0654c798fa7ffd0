// A Hono host app with the sitegate API mounted under /api/portal.
// Run after `npm run build`:  node examples/hono/server.mjs   (PORT, default 3000)
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { createPortal } from 'sitegate';
import { createPortalHandler } from 'sitegate/server';
import { memoryContent, memoryMail, memoryStorage } from 'sitegate/adapters/memory';

/** The host's staff sessions (its own login fills this; one is made up here). */
const staffSessions = new Map([['demo-staff-session', { tenantId: 'acme', userId: 'u-alice' }]]);

const content = {
  projects: [{ tenantId: 'acme', id: 'p-maple', name: '12 Maple Street' }],
  resources: [
    { tenantId: 'acme', projectId: 'p-maple', module: 'photos', id: 'ph-week1', kind: 'folder', name: 'Week 1', updatedAt: new Date('2026-01-05') },
    { tenantId: 'acme', projectId: 'p-maple', module: 'photos', id: 'ph-1', kind: 'item', parentId: 'ph-week1', name: 'Foundation pour.jpg', updatedAt: new Date('2026-01-05') },
  ],
};

/**
 * The Hono app, the portal behind it and the in-memory mailbox. `origin` is where the app is
 * reachable, for the links in invite emails.
 */
export function createApp({ origin = 'http://localhost:3000', passwords } = {}) {
  const mail = memoryMail();
  const portal = createPortal({
    storage: memoryStorage(),
    mail,
    content: memoryContent(content),
    // The host's accept page takes the token from the fragment, which no server or log sees.
    acceptUrl: (token) => `${origin}/portal/accept#token=${encodeURIComponent(token)}`,
    tenants: async (tenantId) => (tenantId === 'acme' ? { name: 'Acme Builders', modules: ['updates', 'photos', 'documents'] } : null),
    // Tests pass a cheaper hasher; leave the default (scrypt, OWASP parameters) in production.
    ...(passwords ? { passwords } : {}),
  });

  // The host's auth runs as Hono middleware; it hands its result to sitegate's hook through the
  // Request object, which Hono passes on unchanged as c.req.raw.
  const staffOf = new WeakMap();
  // A fetch handler sees no socket: the caller's address, which the sign-in and link limits count
  // by, comes from the server the app runs on, the same way. Without it every caller would share
  // one count, and one flood of sign-ins would lock everybody out.
  const addressOf = new WeakMap();
  const handler = createPortalHandler(portal, {
    basePath: '/api/portal',
    authenticateStaff: (request) => staffOf.get(request) ?? null,
    clientIp: (request) => addressOf.get(request),
    cookie: { secure: origin.startsWith('https:') },
  });

  const app = new Hono();
  // nosniff, no-referrer, no framing and the rest of Hono's defaults, on the API too.
  app.use('*', secureHeaders({ xFrameOptions: 'DENY' }));
  app.get('/', (c) => c.text('Host app; the portal API is under /api/portal\n'));
  app.use('/api/portal/*', async (c, next) => {
    const staff = staffSessions.get(getCookie(c, 'host_session') ?? '');
    if (staff) staffOf.set(c.req.raw, { type: 'staff', ...staff });
    // @hono/node-server hands node's request over as `c.env.incoming`; on Bun it is
    // `c.env.requestIP(c.req.raw)?.address`; behind a proxy, the header your proxy sets.
    const address = c.env?.incoming?.socket?.remoteAddress;
    if (address) addressOf.set(c.req.raw, address);
    await next();
  });
  app.all('/api/portal/*', (c) => handler(c.req.raw));

  return { app, portal, mail };
}
