// A host's own node:http server with the sitegate API mounted under /api/portal.
// Run after `npm run build`:  node examples/node-http/server.mjs   (PORT, default 3000)
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createPortal } from 'sitegate';
import { createPortalHandler, toNodeListener } from 'sitegate/server';
import { memoryContent, memoryMail, memoryStorage } from 'sitegate/adapters/memory';

/** The host's staff API keys. A real host looks up its own keys or staff sessions. */
const STAFF_KEYS = [{ key: 'sk_demo_alice', tenantId: 'acme', userId: 'u-alice' }];

// Hashing both sides first makes the comparison constant-time whatever the key's length.
const digest = (value) => createHash('sha256').update(value).digest();
function staffForKey(key) {
  return STAFF_KEYS.find((entry) => timingSafeEqual(digest(entry.key), digest(key))) ?? null;
}

/** The host's content: what its builders keep. sitegate only reads it, through a content source. */
const content = {
  projects: [{ tenantId: 'acme', id: 'p-maple', name: '12 Maple Street' }],
  resources: [
    { tenantId: 'acme', projectId: 'p-maple', module: 'documents', id: 'd-contracts', kind: 'folder', name: 'Contracts', updatedAt: new Date('2026-01-05') },
    { tenantId: 'acme', projectId: 'p-maple', module: 'documents', id: 'd-contract', kind: 'item', parentId: 'd-contracts', name: 'Building contract.pdf', updatedAt: new Date('2026-01-05') },
    { tenantId: 'acme', projectId: 'p-maple', module: 'documents', id: 'd-budget', kind: 'item', name: 'Internal budget.xlsx', updatedAt: new Date('2026-01-06') },
  ],
};
const tenants = new Map([['acme', { name: 'Acme Builders', modules: ['updates', 'documents', 'photos', 'schedule'] }]]);

/**
 * Starts the server; resolves to its URL, the portal and the mailbox, and `close()`.
 * `port: 0` picks a free port (the tests use that).
 */
export async function start({ port = Number(process.env.PORT ?? 3000), host = '127.0.0.1', passwords } = {}) {
  let origin = `http://localhost:${port}`;
  const mail = memoryMail();
  const portal = createPortal({
    storage: memoryStorage(),
    mail,
    content: memoryContent(content),
    // The invite link opens the host's own accept page (e.g. <sg-accept-invite>), which posts the
    // token to /api/portal/invites/accept. It rides in the fragment: no server or log sees it.
    acceptUrl: (token) => `${origin}/portal/accept#token=${encodeURIComponent(token)}`,
    // A Map, not a plain object's `tenants[tenantId]`, which would find members for `__proto__`.
    tenants: async (tenantId) => tenants.get(tenantId) ?? null,
    // Tests pass a cheaper hasher; leave the default (scrypt, OWASP parameters) in production.
    ...(passwords ? { passwords } : {}),
  });

  const portalApi = toNodeListener(
    createPortalHandler(portal, {
      basePath: '/api/portal',
      authenticateStaff: (request) => {
        const match = /^Bearer (sk_\S+)$/.exec(request.headers.get('authorization') ?? '');
        const staff = match ? staffForKey(match[1]) : null;
        return staff ? { type: 'staff', tenantId: staff.tenantId, userId: staff.userId } : null;
      },
      // Plain http on localhost only; behind HTTPS leave `secure` at its default (true).
      cookie: { secure: false },
    }),
  );

  // Close connections that are slow to send their headers or body (Node's defaults are 1 and 5 min).
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1_000 }, (req, res) => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (req.url === '/api/portal' || req.url?.startsWith('/api/portal/')) return portalApi(req, res);
    // The rest is the host's own app.
    res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(req.url === '/' ? 'Host app; the portal API is under /api/portal\n' : 'Not found\n');
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const url = `http://${host}:${server.address().port}`;
  origin = url;

  // Delivers invite mail in the background; `portal.outbox.flush()` does one round now.
  const outbox = portal.outbox.start({ intervalMs: 1000 });
  return {
    url,
    portal,
    mail,
    server,
    async close() {
      await outbox.stop();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const app = await start();
  console.log(`sitegate API on ${app.url}/api/portal (staff: Authorization: Bearer ${STAFF_KEYS[0].key})`);
  const stop = () => app.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
