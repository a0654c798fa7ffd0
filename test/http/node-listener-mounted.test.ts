import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalHandler, toNodeListener } from 'sitegate/server';
import { makePortal } from '../support/make-portal.js';
import { asAlice, testStaffHook } from './support.js';

type Listener = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

/**
 * What Express and Connect do for `app.use(mount, listener)`: a request under `mount` reaches the
 * listener with the mount path taken off `req.url`, and its target kept whole in `originalUrl`.
 */
function mounted(mount: string, listener: Listener, fallback: (res: ServerResponse) => void) {
  return (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (url !== mount && !url.startsWith(`${mount}/`) && !url.startsWith(`${mount}?`)) return fallback(res);
    req.originalUrl = url;
    req.url = url.slice(mount.length) || '/';
    listener(req, res, () => fallback(res));
  };
}

describe('toNodeListener mounted under its base path, as app.use(\'/api/portal\', listener) does', () => {
  const env = makePortal();
  const server = createServer(
    mounted('/api/portal', toNodeListener(createPortalHandler(env.portal, { basePath: '/api/portal', authenticateStaff: testStaffHook })), (res) => res.writeHead(418).end('the host')),
  );
  let origin: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('routes by the whole path, query and body included', async () => {
    const projects = await fetch(`${origin}/api/portal/projects`, { headers: asAlice });
    expect(projects.status).toBe(200);
    expect((await projects.json()).map((p: { id: string }) => p.id)).toContain('p-maple');
    const added = await fetch(`${origin}/api/portal/clients`, { method: 'POST', headers: { ...asAlice, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'dana@example.com', projectIds: ['p-maple'] }) });
    expect(added.status).toBe(201);
    const listed = await fetch(`${origin}/api/portal/clients?q=dana&limit=5`, { headers: asAlice });
    expect((await listed.json()).items.map((c: { email: string }) => c.email)).toEqual(['dana@example.com']);
    expect((await fetch(`${origin}/api/portal/no-such-route`, { headers: asAlice })).status).toBe(404);
    expect((await fetch(`${origin}/elsewhere`)).status).toBe(418);
  });
});

describe('toNodeListener mounted where req.url itself is under the base path', () => {
  it('routes by req.url when that is what the base path names (mounted at /api with basePath /portal)', async () => {
    const env = makePortal();
    const server = createServer(
      mounted('/api', toNodeListener(createPortalHandler(env.portal, { basePath: '/portal', authenticateStaff: testStaffHook })), (res) => res.writeHead(418).end('the host')),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await fetch(`${origin}/api/portal/projects`, { headers: asAlice })).status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('toNodeListener behind a body parser that already read the body', () => {
  it('answers 500 at once and tells onError to mount the listener first, instead of waiting for ever', async () => {
    const env = makePortal();
    const errors: unknown[] = [];
    const listener = toNodeListener(
      createPortalHandler(env.portal, { basePath: '/api/portal', authenticateStaff: testStaffHook, onError: (error) => errors.push(error) }),
    );
    // What express.json() does when it runs first: reads the stream to its end, then calls next.
    const server = createServer((req, res) => {
      req.resume();
      req.once('end', () => listener(req, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const response = await fetch(`${origin}/api/portal/clients`, {
        method: 'POST',
        headers: { ...asAlice, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'dana@example.com', projectIds: ['p-maple'] }),
        signal: AbortSignal.timeout(5_000),
      });
      expect(response.status).toBe(500);
      expect((await response.json()).code).toBe('internal');
      expect(errors).toHaveLength(1);
      expect(String((errors[0] as Error).message)).toMatch(/body parser such as express\.json\(\).*mount the listener before any body parser/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
