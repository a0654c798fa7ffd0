// A plain HTML page using sitegate's web components, served by a tiny node:http server that
// also mounts the portal API. Run after `npm run build`:  node examples/static-page/server.mjs
//   PORT  default 3000
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createPortal } from 'sitegate';
import { createPortalHandler, toNodeListener } from 'sitegate/server';
import { memoryContent, memoryMail, memoryStorage } from 'sitegate/adapters/memory';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Sent with every response: scripts and stylesheets from this origin only, no inline script or
 * style (the elements need neither), no framing, no referrer, no sniffing.
 * See docs/deploying.md.
 */
export const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};
const staff = { type: 'staff', tenantId: 'acme', userId: 'u-alice' };
/** The seeded client, so the page has someone to sign in as. */
export const DEMO_CLIENT = { email: 'dana@example.com', password: 'a long passphrase' };

/**
 * The browser bundle of `sitegate/components`: `sitegate/*` resolves through the package's
 * exports to dist/, as in any host that installed it; lit, ky and zod come along. A host would
 * run this at build time; doing it once at start keeps the example to one command.
 */
export async function bundleComponents() {
  const result = await build({
    stdin: { contents: "import 'sitegate/components';", resolveDir: here, loader: 'js' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].contents;
}

const content = {
  projects: [{ tenantId: 'acme', id: 'p-maple', name: '12 Maple Street' }],
  resources: [
    { tenantId: 'acme', projectId: 'p-maple', module: 'documents', id: 'd-contracts', kind: 'folder', name: 'Contracts', updatedAt: new Date('2026-01-05') },
    { tenantId: 'acme', projectId: 'p-maple', module: 'documents', id: 'd-contract', kind: 'item', parentId: 'd-contracts', name: 'Building contract.pdf', updatedAt: new Date('2026-01-05') },
    { tenantId: 'acme', projectId: 'p-maple', module: 'documents', id: 'd-budget', kind: 'item', name: 'Internal budget.xlsx', updatedAt: new Date('2026-01-06') },
  ],
};

/** A client invited, accepted and shown the Contracts folder; also returns the next invite link. */
async function seed(portal, mail) {
  await portal.clients.add(staff, { email: DEMO_CLIENT.email, name: 'Dana', projectIds: ['p-maple'] });
  await portal.shares.share(staff, 'p-maple', [{ module: 'documents', id: 'd-contracts', kind: 'folder' }]);
  await portal.updates.publish(staff, 'p-maple', { title: 'Welcome', body: 'Your contract is in Documents.' });
  await portal.outbox.flush();
  const link = new URL(/http\S+/.exec(mail.messages.at(-1).text)[0]);
  const token = new URLSearchParams(link.hash.slice(1)).get('token');
  await portal.invites.accept(token, { password: DEMO_CLIENT.password });
}

/** Starts the server; resolves to its URL, the portal, the mailbox and `close()`. */
export async function start({ port = Number(process.env.PORT ?? 3000), host = '127.0.0.1', passwords } = {}) {
  let origin = `http://localhost:${port}`;
  const mail = memoryMail();
  const portal = createPortal({
    storage: memoryStorage(),
    mail,
    content: memoryContent(content),
    // The token rides in the fragment: the browser sends it to no server and in no Referer.
    acceptUrl: (token) => `${origin}/#token=${encodeURIComponent(token)}`,
    tenants: async (tenantId) => (tenantId === 'acme' ? { name: 'Acme Builders', modules: ['updates', 'documents', 'photos'] } : null),
    // Tests pass a cheaper hasher; leave the default (scrypt, OWASP parameters) in production.
    ...(passwords ? { passwords } : {}),
  });
  await seed(portal, mail);

  const api = toNodeListener(
    createPortalHandler(portal, {
      basePath: '/api/portal',
      // This page is for clients only; the builder's staff use the host's own app.
      authenticateStaff: () => null,
      cookie: { secure: false },
    }),
  );
  const files = {
    '/': { type: 'text/html; charset=utf-8', body: await readFile(`${here}public/index.html`) },
    '/page.js': { type: 'text/javascript; charset=utf-8', body: await readFile(`${here}public/page.js`) },
    '/page.css': { type: 'text/css; charset=utf-8', body: await readFile(`${here}public/page.css`) },
    '/sitegate-components.js': { type: 'text/javascript; charset=utf-8', body: await bundleComponents() },
  };

  // Close connections that are slow to send their headers or body (Node's defaults are 1 and 5 min).
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1_000 }, (req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/api/portal/')) return api(req, res);
    const file = files[path];
    res.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain; charset=utf-8' });
    res.end(file?.body ?? 'Not found\n');
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const url = `http://${host}:${server.address().port}`;
  origin = url;
  const outbox = portal.outbox.start({ intervalMs: 1000 });
  return {
    url,
    portal,
    mail,
    staff,
    async close() {
      await outbox.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const app = await start();
  console.log(`Client portal page on ${app.url}/ (sign in as ${DEMO_CLIENT.email} / ${DEMO_CLIENT.password})`);
  const stop = () => app.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
