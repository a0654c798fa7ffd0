import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalHandler, memoryRateLimiter, toNodeListener } from 'sitegate/server';
import { makePortal } from '../support/make-portal.js';
import { asAlice, testStaffHook } from './support.js';

describe('toNodeListener over a real socket', () => {
  const env = makePortal();
  const keys: string[] = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const limiter = memoryRateLimiter({ limit: 100 });
    const handler = createPortalHandler(env.portal, {
      basePath: '/api/portal',
      authenticateStaff: testStaffHook,
      maxBodyBytes: 2048,
      rateLimit: { limiter: { hit: (key) => (keys.push(key), limiter.hit(key)) } },
    });
    server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/portal`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses a streamed body over the limit with 413 and keeps serving', async () => {
    const res = await fetch(`${base}/clients`, {
      method: 'POST',
      headers: { ...asAlice, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@example.com', projectIds: [], name: 'x'.repeat(10_000) }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe('payload_too_large');
    // Chunked, with no Content-Length: the limit bites while streaming.
    const chunk = new TextEncoder().encode('x'.repeat(1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await fetch(`${base}/clients`, {
      method: 'POST',
      headers: { ...asAlice, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await fetch(`${base}/projects`, { headers: asAlice })).status).toBe(200);
  });

  it('passes Set-Cookie through and keys sign-in limits by the socket address', async () => {
    await fetch(`${base}/clients`, { method: 'POST', headers: { ...asAlice, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'n@example.com', projectIds: ['p-maple'] }) });
    await env.portal.outbox.flush();
    const token = env.lastInviteToken('n@example.com');
    const accepted = await fetch(`${base}/invites/${token}/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'correct horse battery' }) });
    expect(accepted.status).toBe(201);
    expect(accepted.headers.getSetCookie()[0]).toMatch(/^sitegate_session=.+HttpOnly; SameSite=Lax; Secure$/);
    await fetch(`${base}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenantId: 'acme', email: 'n@example.com', password: 'nope' }) });
    expect(keys.at(-1)).toMatch(/^signin:(::ffff:)?127\.0\.0\.1:acme:n@example\.com$/);
  });

  it('answers 404 outside the base path', async () => {
    expect((await fetch(base.replace('/api/portal', '/other'))).status).toBe(404);
  });
});
