// The host's web server for the browser consumers: the React and Vue builds as static files and
// the portal API from the installed package, with one client who can sign in. Prints its URL.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { createPortal, scryptPasswords } from 'sitegate';
import { memoryContent, memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { createPortalHandler, toNodeListener } from 'sitegate/server';

const here = new URL('.', import.meta.url).pathname;
const staff = { type: 'staff', tenantId: 'acme', userId: 'u1' };
const mail = memoryMail();
const portal = createPortal({
  storage: memoryStorage(),
  mail,
  content: memoryContent({ projects: [{ tenantId: 'acme', id: 'p1', name: '12 Maple Street' }], resources: [] }),
  acceptUrl: (token) => `http://localhost/accept#token=${token}`,
  tenants: async () => ({ name: 'Acme Builders', modules: ['documents'] }),
  passwords: scryptPasswords({ N: 2 ** 10, r: 8, p: 1 }),
});
await portal.clients.add(staff, { email: 'dana@example.com', projectIds: ['p1'] });
await portal.outbox.flush();
await portal.invites.accept(/#token=(\S+)/.exec(mail.messages.at(-1).text)[1], { password: 'a long passphrase' });

const api = toNodeListener(createPortalHandler(portal, { basePath: '/api/portal', authenticateStaff: async () => null, cookie: { secure: false } }));
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path.startsWith('/api/portal/')) return api(req, res);
  const app = /^\/(react|vue)\//.exec(path)?.[1];
  const rest = normalize(path.slice(app ? app.length + 2 : 0) || 'index.html').replace(/^(\.\.[/\\])+/, '');
  try {
    if (!app) throw new Error('no app');
    const body = await readFile(join(here, app, 'dist', rest));
    res.writeHead(200, { 'content-type': `${types[extname(rest)] ?? 'application/octet-stream'}; charset=utf-8` });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found\n');
  }
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
