// A host's server code: every public entry point, typed, then one real flow in process and
// over HTTP on loopback. Compiled by the consumer tests as an ESM project (bundler and nodenext
// resolution) and as a CommonJS project, then run with plain `node`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPortal, scryptPasswords, SitegateError, type Client } from 'sitegate';
import { createPortalHandler, toNodeListener } from 'sitegate/server';
import { createPortalClient, TokenError } from 'sitegate/client';
import { memoryContent, memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { postgresStorage } from 'sitegate/adapters/postgres';
import { pgliteStorage } from 'sitegate/adapters/pglite';
import { smtpMail } from 'sitegate/adapters/smtp';
import { storageConformance } from 'sitegate/testing';
import { createMockPortal, portalHandlers } from 'sitegate/mocks';
import { SgClientList, setTranslations } from 'sitegate/components';

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`consumer check failed: ${what}`);
}

export async function main(): Promise<string> {
  for (const [name, value] of Object.entries({ postgresStorage, pgliteStorage, smtpMail, storageConformance, createMockPortal, portalHandlers, SgClientList, setTranslations })) {
    check(typeof value === 'function', `${name} is exported`);
  }

  const mail = memoryMail();
  const portal = createPortal({
    storage: memoryStorage(),
    mail,
    content: memoryContent({
      projects: [{ tenantId: 'acme', id: 'p1', name: '12 Maple Street' }],
      resources: [{ tenantId: 'acme', projectId: 'p1', module: 'documents', id: 'contract.pdf', kind: 'item', name: 'Contract.pdf', updatedAt: new Date() }],
    }),
    acceptUrl: (token) => `https://builder.example/accept#token=${token}`,
    tenants: async () => ({ name: 'Acme Builders', modules: ['documents'] }),
    passwords: scryptPasswords({ N: 2 ** 10, r: 8, p: 1 }),
  });
  const staff = { type: 'staff', tenantId: 'acme', userId: 'u1' } as const;
  const added: Client = await portal.clients.add(staff, { email: 'dana@example.com', projectIds: ['p1'] });
  await portal.shares.share(staff, 'p1', [{ module: 'documents', id: 'contract.pdf', kind: 'item' }]);
  await portal.outbox.flush();
  const token = /#token=(\S+)/.exec(mail.messages.at(-1)?.text ?? '')?.[1];
  check(token !== undefined, 'the invite email carries a token');
  await portal.invites.accept(token!, { password: 'a long passphrase' });

  const server = createServer(toNodeListener(createPortalHandler(portal, { basePath: '/api/portal', authenticateStaff: async () => null, cookie: { secure: false } })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const api = createPortalClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/portal` });
    try {
      await api.sessions.signIn({ tenantId: 'acme', email: 'dana@example.com', password: 'not the passphrase' });
      check(false, 'a wrong password is refused');
    } catch (error) {
      check(error instanceof TokenError || error instanceof SitegateError, 'a refused sign-in is a typed error');
    }
    await api.sessions.signIn({ tenantId: 'acme', email: 'dana@example.com', password: 'a long passphrase' });
    const me = await api.me();
    check(me.client.id === added.id, 'GET /me answers the signed-in client');
    const actor = { type: 'client', tenantId: 'acme', clientId: added.id } as const;
    check(await portal.can(actor, 'read', { projectId: 'p1', module: 'documents', id: 'contract.pdf' }), 'the shared document is readable');
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return 'every entry point works';
}
