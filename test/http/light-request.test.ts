import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalHandler, toNodeListener } from 'sitegate/server';
import { lightRequest } from '../../src/server/light-request.js';
import { makePortal } from '../support/make-portal.js';
import { asAlice, chunkedBody, testStaffHook } from './support.js';

/**
 * `toNodeListener` hands a portal handler a GET or HEAD without making a fetch `Request` first
 * (src/server/light-request.ts). Whatever reads it — the handler, or a host hook given it — must
 * find a `Request` in every way.
 */
describe('a light request', () => {
  const url = new URL('http://portal.test/api/portal/projects?limit=2');
  const make = () => {
    const headers = new Headers({ authorization: 'Bearer t', 'x-test-staff': 'acme:u-alice' });
    return lightRequest('GET', url, headers, () => new Request(url, { method: 'GET', headers }));
  };

  it('is a Request with the method, URL and headers it was made with', async () => {
    const request = make();
    expect(request).toBeInstanceOf(Request);
    expect(request.method).toBe('GET');
    expect(request.url).toBe(url.href);
    expect(request.headers.get('authorization')).toBe('Bearer t');
    expect(request.body).toBeNull();
    expect(request.bodyUsed).toBe(false);
    expect('signal' in request && 'clone' in request).toBe(true);
  });

  it('answers everything else as the real Request would, made from the same parts', async () => {
    const request = make();
    expect(request.signal).toBeInstanceOf(AbortSignal);
    expect(request.signal.aborted).toBe(false);
    expect(request.redirect).toBe('follow');
    const copy = request.clone();
    expect(copy).toBeInstanceOf(Request);
    expect(copy.url).toBe(url.href);
    expect(copy.headers.get('x-test-staff')).toBe('acme:u-alice');
    expect(await request.text()).toBe('');
    // A host that makes a request of it, as a proxy would.
    const forwarded = new Request(request);
    expect(forwarded.headers.get('authorization')).toBe('Bearer t');
    expect(forwarded.method).toBe('GET');
  });
});

describe('toNodeListener gives a portal handler light requests that host hooks read as Requests', () => {
  const env = makePortal();
  const seen: { instance: boolean; signal: boolean; cloned: string; method: string; body?: string }[] = [];
  let server: Server;
  let base: string;

  /** What the handler reported as its own failures. */
  const reported: unknown[] = [];
  beforeAll(async () => {
    const handler = createPortalHandler(env.portal, {
      basePath: '/api/portal',
      authenticateStaff: async (request) => {
        // `x-plain`: a hook that reads nothing but headers, as most do.
        if (request.headers.get('x-plain')) return testStaffHook(request);
        seen.push({
          instance: request instanceof Request,
          signal: request.signal instanceof AbortSignal,
          cloned: request.clone().headers.get('x-test-staff') ?? '',
          method: request.method,
          // A hook that reads the body itself (of a copy, as it must to leave it to the handler).
          ...(request.headers.get('x-read-body') ? { body: await request.clone().text() } : {}),
        });
        return testStaffHook(request);
      },
      maxBodyBytes: 2048,
      requestId: (request) => request.headers.get('x-trace'),
      onError: (error) => reported.push(error),
    });
    server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/portal`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers a GET (and a HEAD), with the host hooks given what a Request gives', async () => {
    const listed = await fetch(`${base}/projects`, { headers: { ...asAlice, 'x-trace': 'trace-1' } });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('x-request-id')).toBe('trace-1');
    expect(await listed.json()).toEqual(expect.any(Array));
    // HEAD is answered as its GET, its light request given to the hooks alike.
    const head = await fetch(`${base}/projects`, { method: 'HEAD', headers: asAlice });
    expect(head.status).toBe(200);
    const post = await fetch(`${base}/clients`, { method: 'POST', headers: { ...asAlice, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'l@example.com', projectIds: ['p-maple'] }) });
    expect(post.status).toBe(201);
    expect(seen.map((s) => s.method)).toEqual(['GET', 'HEAD', 'POST']);
    for (const s of seen) expect(s).toMatchObject({ instance: true, signal: true, cloned: 'acme:u-alice' });
  });

  it('reads a body straight from the socket, or from the Request a hook made of it, the same', async () => {
    seen.length = 0;
    const body = JSON.stringify({ email: 'direct@example.com', name: 'Zoë — 工事', projectIds: ['p-maple'] });
    const direct = await fetch(`${base}/clients`, { method: 'POST', headers: { ...asAlice, 'content-type': 'application/json', 'x-plain': '1' }, body });
    expect(direct.status).toBe(201);
    expect((await direct.json()).name).toBe('Zoë — 工事');
    const hooked = await fetch(`${base}/clients`, {
      method: 'POST',
      headers: { ...asAlice, 'content-type': 'application/json', 'x-read-body': '1' },
      body: body.replace('direct@', 'hooked@'),
    });
    expect(hooked.status).toBe(201);
    expect((await hooked.json()).email).toBe('hooked@example.com');
    expect(seen.map((s) => s.body)).toEqual([body.replace('direct@', 'hooked@')]);
    // In many pieces, and past the limit: refused while it streams, and the server serves on.
    const plain = { ...asAlice, 'content-type': 'application/json', 'x-plain': '1' };
    const large = await fetch(`${base}/clients`, { method: 'POST', headers: plain, body: chunkedBody(8, 512), duplex: 'half' } as RequestInit);
    expect(large.status).toBe(413);
    // Past the limit after a hook cloned the request: the clone keeps its copy, and the 413
    // does not wait for it.
    const refused = await fetch(`${base}/clients`, {
      method: 'POST',
      headers: { ...asAlice, 'content-type': 'application/json' },
      body: chunkedBody(8, 512),
      duplex: 'half',
      signal: AbortSignal.timeout(5000),
    } as RequestInit);
    expect(refused.status).toBe(413);
    // Bad JSON is the same 400 either way.
    const bad = await fetch(`${base}/clients`, { method: 'POST', headers: plain, body: '{"email":' });
    expect(bad.status).toBe(400);
    expect((await fetch(`${base}/projects`, { headers: asAlice })).status).toBe(200);
  });

  it('takes a client that goes away mid-body for no failure of its own, and serves on', async () => {
    // Read from the socket (`x-plain`), and through a fetch Request a hook made (without it).
    for (const plain of [true, false]) {
      const { port } = server.address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(
        'POST /api/portal/clients HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n' +
          `x-test-staff: acme:u-alice\r\n${plain ? 'x-plain: 1\r\n' : ''}\r\n{"email":"gone@`,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(reported, plain ? 'from the socket' : 'through a Request').toEqual([]);
      expect((await fetch(`${base}/projects`, { headers: asAlice })).status).toBe(200);
    }
  });
});
