// A handler process on PostgreSQL for postgres-faults.test.ts: the sitegate API on port 0 over
// postgresStorage({ connectionString: DATABASE_URL }), an outbox worker every 100 ms, and two
// test-only routes. Prints `READY <url>` once it serves. Any uncaught error ends the process,
// which is what the test watches for.
import { createServer } from 'node:http';
import { createPortal, scryptPasswords } from 'sitegate';
import { createPortalHandler, toNodeListener } from 'sitegate/server';
import { memoryContent, memoryMail } from 'sitegate/adapters/memory';
import { postgresStorage } from 'sitegate/adapters/postgres';

const TENANT = 'acme';
const DOCUMENTS = Number(process.env.FAULT_DOCUMENTS ?? 60);
const updatedAt = '2026-01-01T00:00:00.000Z';
const content = memoryContent({
  projects: [{ tenantId: TENANT, id: 'p1', name: 'Harbour View' }],
  resources: Array.from({ length: DOCUMENTS }, (_, i) => ({
    tenantId: TENANT, projectId: 'p1', module: 'documents', id: `doc-${i}`, kind: 'item', name: `Document ${i}.pdf`, updatedAt,
  })),
});
const storage = postgresStorage({ connectionString: process.env.DATABASE_URL });
await storage.ready();
const mail = memoryMail();
const portal = createPortal({
  storage,
  mail,
  content,
  acceptUrl: (token) => `https://builder.example/portal/accept#token=${token}`,
  tenants: async (id) => (id === TENANT ? { name: 'Acme Builders', modules: ['documents'] } : null),
  // Cheap scrypt: the test is about the database, not hashing.
  passwords: scryptPasswords({ N: 2 ** 10, r: 8, p: 1 }),
  onError: () => {},
});
const api = toNodeListener(
  createPortalHandler(portal, {
    basePath: '/api/portal',
    // Not a cookie, so no Origin check applies; the test is the only caller.
    authenticateStaff: (request) => (request.headers.get('x-test-staff') === '1' ? { type: 'staff', tenantId: TENANT, userId: 'u-1' } : null),
    cookie: { secure: false },
    rateLimit: false,
  }),
);
const worker = portal.outbox.start({ intervalMs: 100 });

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/test/invite-token') {
    // The token of the newest invite mail to this address, as the invitee's inbox would show it.
    const message = [...mail.messages].reverse().find((m) => m.to === url.searchParams.get('email'));
    const token = message && /token=([^\s"&<]+)/.exec(message.text)?.[1];
    res.writeHead(token ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify({ token: token ? decodeURIComponent(token) : null }));
    return;
  }
  if (url.pathname === '/test/sent') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(mail.messages.map((m) => m.headers?.['X-Sitegate-Job'] ?? null)));
    return;
  }
  api(req, res);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`READY http://127.0.0.1:${server.address().port}\n`));

process.on('SIGTERM', async () => {
  await worker.stop();
  server.close();
  await storage.close();
  process.exit(0);
});
