import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPortalHandler, toNodeListener } from 'sitegate/server';
import { markWrittenByListener, prebuiltBody } from '../../src/server/json-body.js';
import { makePortal } from '../support/make-portal.js';
import { asAlice, testStaffHook } from './support.js';

/** A server around `wrap(handler)`, on a real loopback socket. */
async function serve(wrap: (handler: (r: Request) => Promise<Response>) => (r: Request) => Promise<Response>) {
  const env = makePortal();
  const handler = createPortalHandler(env.portal, { basePath: '/api/portal', authenticateStaff: testStaffHook });
  const server = createServer(toNodeListener(wrap(handler)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/portal` };
}

describe('a JSON answer is serialised once and written as it was built', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('writes the handler’s JSON in one piece with its byte length, non-ASCII included', async () => {
    const started = await serve((h) => h);
    server = started.server;
    const added = await fetch(`${started.base}/clients`, {
      method: 'POST',
      headers: { ...asAlice, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'zoe@example.com', name: 'Zoë Ünal — 工事', projectIds: ['p-maple'] }),
    });
    expect(added.status).toBe(201);
    const text = await added.text();
    expect(added.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(added.headers.get('transfer-encoding')).toBeNull();
    expect(JSON.parse(text).name).toBe('Zoë Ünal — 工事');
  });

  it('streams a response a wrapper replaced or already read, as before', async () => {
    const started = await serve((h) => async (request) => {
      const response = await h(request);
      // A host middleware that reads the body and answers a new one.
      const body = (await response.json()) as unknown[];
      return new Response(JSON.stringify({ wrapped: body }), { status: response.status, headers: response.headers });
    });
    server = started.server;
    const res = await fetch(`${started.base}/projects`, { headers: asAlice });
    expect(res.status).toBe(200);
    expect((await res.json()).wrapped).toEqual(expect.any(Array));
  });

  it('gives a wrapper that reads the answer and passes it on the whole body, and writes it', async () => {
    let seen = '';
    const started = await serve((h) => async (request) => {
      const response = await h(request);
      seen = await response.clone().text();
      return response;
    });
    server = started.server;
    const res = await fetch(`${started.base}/me`, { headers: asAlice });
    const text = await res.text();
    expect(res.status).toBe(401);
    expect(JSON.parse(seen).code).toBe('unauthenticated');
    expect(text).toBe(seen);
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
  });
});

describe('a JSON answer is made without a body only for the listener that writes it', () => {
  const env = makePortal();
  const handler = createPortalHandler(env.portal, { basePath: '/api/portal', authenticateStaff: testStaffHook });
  const projects = () => new Request('http://portal.test/api/portal/projects', { headers: asAlice });

  it('answers a fetch caller with the body in the response itself', async () => {
    const response = await handler(projects());
    expect(response.body).not.toBeNull();
    expect(await response.json()).toEqual(expect.any(Array));
    // An error answer too: problems are JSON made the same way.
    const missing = await handler(new Request('http://portal.test/api/portal/nowhere'));
    expect(missing.status).toBe(404);
    expect((await missing.json()).code).toBe('not_found');
  });

  it('leaves the body out, and keeps its text, when toNodeListener calls the handler itself', async () => {
    const request = projects();
    markWrittenByListener(handler, request);
    const response = await handler(request);
    expect(response.body).toBeNull();
    expect(JSON.parse(prebuiltBody(response)!)).toEqual(expect.any(Array));
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-request-id')).toEqual(expect.any(String));
  });

  it('keeps the body in when toNodeListener calls a function around the handler', async () => {
    const wrapper = (request: Request) => handler(request);
    const request = projects();
    markWrittenByListener(wrapper, request);
    const response = await wrapper(request);
    expect(response.body).not.toBeNull();
    expect(await response.json()).toEqual(expect.any(Array));
  });
});
