import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { createPortalClient } from 'sitegate/client';
import { createApp } from '../../examples/hono/app.mjs';
import { inviteToken, runExample, testPasswords } from './support.js';

const ORIGIN = 'http://builder.test';
const API = `${ORIGIN}/api/portal`;
const STAFF_COOKIE = 'host_session=demo-staff-session';

describe('examples/hono', () => {
  const { app, portal, mail } = createApp({ origin: ORIGIN, passwords: testPasswords });
  const call = (path: string, init: RequestInit = {}) => app.fetch(new Request(`${ORIGIN}${path}`, init));
  /** The typed client, talking to the Hono app in process. */
  const client = (headers: Record<string, string> = {}) =>
    createPortalClient({ baseUrl: API, headers, fetch: (input, init) => Promise.resolve(app.fetch(new Request(input, init))) });

  it('serves the host routes next to the portal API', async () => {
    const home = await call('/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('/api/portal');
    expect((await call('/api/portal/nowhere', { headers: { cookie: STAFF_COOKIE } })).status).toBe(404);
  });

  it('sends protective headers with the API and the host pages', async () => {
    for (const path of ['/', '/api/portal/me']) {
      const response = await call(path);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('knows staff by the host session cookie, and nobody without one', async () => {
    const projects = await call('/api/portal/projects', { headers: { cookie: STAFF_COOKIE } });
    expect(projects.status).toBe(200);
    expect(await projects.json()).toEqual([expect.objectContaining({ id: 'p-maple' })]);
    const anonymous = await call('/api/portal/projects');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    expect((await call('/api/portal/projects', { headers: { cookie: 'host_session=forged' } })).status).toBe(401);
  });

  it('refuses a cookie-authenticated mutation from another origin, accepts one from its own', async () => {
    const body = JSON.stringify({ email: 'sam@example.com', projectIds: ['p-maple'] });
    const headers = { cookie: STAFF_COOKIE, 'content-type': 'application/json' };
    const forged = await call('/api/portal/clients', { method: 'POST', body, headers: { ...headers, origin: 'https://evil.example' } });
    expect(forged.status).toBe(403);
    expect((await portal.clients.list({ type: 'staff', tenantId: 'acme', userId: 'u-alice' }, {})).items).toEqual([]);
    const created = await call('/api/portal/clients', { method: 'POST', body, headers: { ...headers, origin: ORIGIN } });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ email: 'sam@example.com', status: 'invited' });
  });

  it('takes a client from invite to the shared photos with the typed client', async () => {
    const staff = client({ cookie: STAFF_COOKIE, origin: ORIGIN });
    await staff.clients.add({ email: 'dana@example.com', projectIds: ['p-maple'] });
    await staff.shares.share('p-maple', [{ module: 'photos', id: 'ph-week1', kind: 'folder' }]);
    await portal.outbox.flush();
    const email = mail.messages.find((m) => m.to === 'dana@example.com')!;
    const token = inviteToken(email.text, `${ORIGIN}/portal/accept`);

    const browser = client();
    await browser.invites.accept(token, { password: 'a long passphrase' });
    const feed = await browser.view.feed('p-maple');
    expect(feed.modules.photos?.map((p) => p.id)).toEqual(['ph-week1']);
    expect(Object.keys(feed.modules).sort()).toEqual(['documents', 'photos', 'updates']);
  });
});

describe('examples/hono with plain node and the built package', () => {
  it('serves with @hono/node-server', async () => {
    const run = await runExample('examples/hono/server.mjs');
    try {
      const response = await fetch(`${run.url}/api/portal/projects`, { headers: { cookie: STAFF_COOKIE } });
      expect(response.status).toBe(200);
    } finally {
      await run.stop();
    }
  });
});

// Callers at 127.0.0.2 and 127.0.0.3: Linux routes all of 127.0.0.0/8 to loopback, macOS only 127.0.0.1 unless told.
describe.skipIf(process.platform === 'darwin')('examples/hono served by @hono/node-server', () => {
  /** A failed sign-in to the app at `port`, sent from `localAddress` (any of 127.0.0.0/8 reaches it); answers the status. */
  const failedSignIn = (port: number, localAddress: string, n: number) =>
    new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ tenantId: 'acme', email: `nobody-${n}@example.com`, password: 'not the password' });
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/portal/session', method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(body);
    });

  it("counts sign-in limits per caller address: one address's flood locks nobody else out", async () => {
    const { app } = createApp({ origin: ORIGIN, passwords: testPasswords });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      let status = 0;
      let sent = 0;
      while (status !== 429 && sent < 200) status = await failedSignIn(port, '127.0.0.2', sent++);
      expect(status).toBe(429);
      // Another caller's first attempt is answered on its merits, not refused with the flood's.
      expect(await failedSignIn(port, '127.0.0.3', sent++)).toBe(401);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
