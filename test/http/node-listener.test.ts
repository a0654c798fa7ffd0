import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalHandler, memoryRateLimiter, toNodeListener } from 'sitegate/server';
import { makePortal } from '../support/make-portal.js';
import { asAlice, chunkedBody, rawRequest, testStaffHook } from './support.js';

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
    const streamed = await fetch(`${base}/clients`, {
      method: 'POST',
      headers: { ...asAlice, 'content-type': 'application/json' },
      body: chunkedBody(64, 1024),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await fetch(`${base}/projects`, { headers: asAlice })).status).toBe(200);
  });

  it('passes Set-Cookie through and keys sign-in limits by the socket address', async () => {
    await fetch(`${base}/clients`, { method: 'POST', headers: { ...asAlice, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'n@example.com', projectIds: ['p-maple'] }) });
    await env.portal.outbox.flush();
    const token = env.lastInviteToken('n@example.com');
    const accepted = await fetch(`${base}/invites/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password: 'correct horse battery' }) });
    expect(accepted.status).toBe(201);
    expect(accepted.headers.getSetCookie()[0]).toMatch(/^sitegate_session=.+HttpOnly; SameSite=Lax; Secure$/);
    await fetch(`${base}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenantId: 'acme', email: 'n@example.com', password: 'nope' }) });
    // The per-address-and-account key; `::ffff:127.0.0.1` (IPv4-mapped) counts as 127.0.0.1.
    expect(keys).toContain('signin:127.0.0.1:acme:n@example.com');
  });

  it('answers 404 outside the base path', async () => {
    expect((await fetch(base.replace('/api/portal', '/other'))).status).toBe(404);
  });

  /** A request `fetch` will not send (it refuses TRACE), over node:http's own client. */
  const raw = (method: string, path: string, headers: Record<string, string> = {}) => rawRequest(`${base}${path}`, method, headers);

  it('answers TRACE with 405 and the path\'s Allow, not a 500, and keeps serving', async () => {
    const trace = await raw('TRACE', '/clients', asAlice);
    expect(trace.status).toBe(405);
    expect(trace.headers.allow).toBe('GET, HEAD, POST');
    expect(trace.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(trace.body)).toMatchObject({ status: 405, code: 'method_not_allowed', requestId: trace.headers['x-request-id'] });
    expect(JSON.parse(trace.body).detail).toContain('TRACE');
    const member = await raw('TRACE', '/clients/cl_1/projects/p-maple', asAlice);
    expect(member).toMatchObject({ status: 405, headers: { allow: 'DELETE' } });
    expect((await raw('TRACE', '/nothing-here')).status).toBe(404);
    expect((await raw('TRACE', '/clients/%E0%A4%A')).status).toBe(404);
    expect((await fetch(`${base}/projects`, { headers: asAlice })).status).toBe(200);
  });

  it('answers a Host header that makes no URL with 400', async () => {
    const port = new URL(base).port;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('GET /api/portal/projects HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n'));
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"code":"bad_request"');
  });

  it('sends an answer without a body with a length of 0, not as an empty chunked stream', async () => {
    const port = Number(new URL(base).port);
    const body = JSON.stringify({ tenantId: 'acme', email: 'nobody@example.com' });
    const head = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.end(`POST /api/portal/password/forgot HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`),
      );
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(head).toMatch(/^HTTP\/1\.1 202 /);
    expect(head.toLowerCase()).toContain('\r\ncontent-length: 0\r\n');
    expect(head.toLowerCase()).not.toContain('transfer-encoding');
    expect(head.endsWith('\r\n\r\n')).toBe(true);
  });

  it('sends every answer with an x-request-id', async () => {
    const ok = await fetch(`${base}/projects`, { headers: asAlice });
    const refused = await fetch(`${base}/clients`);
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(refused.headers.get('x-request-id')).toBe((await refused.json()).requestId);
    expect(ok.headers.get('x-request-id')).not.toBe(refused.headers.get('x-request-id'));
  });
});
