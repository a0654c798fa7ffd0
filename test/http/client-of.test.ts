import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createPortalHandler } from 'sitegate/server';
import { makePortal } from '../support/make-portal.js';
import { asAlice, makeHttp, PASSWORD, testStaffHook } from './support.js';

/** A host's file route: the client behind the request, then `portal.can`, as docs/permissions.md shows. */
describe('handler.clientOf: the host reads a client session on its own routes', () => {
  it('reads the session from the cookie or a Bearer header, as the API does', async () => {
    const http = makeHttp({ cookie: { path: '/' } });
    const { client, session } = await http.signedInClient();
    const cookie = `other=1; sitegate_session=${encodeURIComponent(session)}`;
    const expected = { type: 'client', tenantId: 'acme', clientId: client.id };
    expect(await http.handler.clientOf(new Request('http://portal.test/files/a.pdf', { headers: { cookie } }))).toEqual(expected);
    expect(await http.handler.clientOf(new Request('http://portal.test/files/a.pdf', { headers: { authorization: `Bearer ${session}` } }))).toEqual(expected);
    // node:http's request: headers as a plain object.
    expect(await http.handler.clientOf({ headers: { cookie, host: 'portal.test' } })).toEqual(expected);
    expect(await http.handler.clientOf({ headers: {} })).toBeNull();
    expect(await http.handler.clientOf(new Request('http://portal.test/files/a.pdf', { headers: { cookie: 'sitegate_session=not-a-token' } }))).toBeNull();
  });

  it('takes a write the cookie authenticates only from the page\'s own origin or a trusted one', async () => {
    const http = makeHttp({ cookie: { path: '/' }, trustedOrigins: ['https://builder.example'] });
    const { session } = await http.signedInClient();
    const cookie = `sitegate_session=${encodeURIComponent(session)}`;
    const post = (headers: Record<string, string>) => http.handler.clientOf(new Request('http://portal.test/files/a.pdf/viewed', { method: 'POST', headers: { cookie, ...headers } }));
    expect(await post({})).toBeNull();
    expect(await post({ origin: 'https://evil.example' })).toBeNull();
    expect(await post({ origin: 'http://portal.test' })).not.toBeNull();
    expect(await post({ origin: 'https://builder.example' })).not.toBeNull();
    expect(await post({ referer: 'http://portal.test/portal' })).not.toBeNull();
    // The whole origin: the same host over plain HTTP is not the HTTPS page.
    const securePost = (origin: string) => http.handler.clientOf(new Request('https://portal.test/files/a.pdf/viewed', { method: 'POST', headers: { cookie, origin } }));
    expect(await securePost('http://portal.test')).toBeNull();
    expect(await securePost('https://portal.test')).not.toBeNull();
    // node's request: no URL, so the origin is made from its Host header, `https` on a TLS socket.
    expect(await http.handler.clientOf({ method: 'POST', headers: { cookie, host: 'portal.test', origin: 'http://portal.test' } })).not.toBeNull();
    expect(await http.handler.clientOf({ method: 'POST', headers: { cookie, host: 'Portal.TEST:80', origin: 'http://portal.test' } })).not.toBeNull();
    expect(await http.handler.clientOf({ method: 'POST', headers: { cookie, host: 'portal.test', origin: 'https://portal.test' } })).toBeNull();
    const tls = { socket: { encrypted: true } };
    expect(await http.handler.clientOf({ ...tls, method: 'POST', headers: { cookie, host: 'portal.test', origin: 'https://portal.test' } })).not.toBeNull();
    expect(await http.handler.clientOf({ ...tls, method: 'POST', headers: { cookie, host: 'portal.test', origin: 'http://portal.test' } })).toBeNull();
    expect(await http.handler.clientOf({ method: 'DELETE', headers: { cookie, host: 'portal.test', origin: 'http://evil.example' } })).toBeNull();
    // A Bearer token is never sent by another site; reads need no Origin.
    expect(await http.handler.clientOf({ method: 'POST', headers: { authorization: `Bearer ${session}` } })).not.toBeNull();
    expect(await http.handler.clientOf({ method: 'GET', headers: { cookie } })).not.toBeNull();
  });

  it('answers null once the session is signed out or the client loses portal access', async () => {
    const http = makeHttp();
    const { client, session } = await http.signedInClient();
    const request = { headers: { authorization: `Bearer ${session}` } };
    expect(await http.handler.clientOf(request)).not.toBeNull();
    await http.send('PATCH', `/clients/${client.id}`, { body: { portalAccess: false }, headers: asAlice });
    expect(await http.handler.clientOf(request)).toBeNull();

    const other = await http.signedInClient('lee@example.com');
    const signedIn = { headers: { authorization: `Bearer ${other.session}` } };
    expect(await http.handler.clientOf(signedIn)).not.toBeNull();
    await http.send('DELETE', '/session', { headers: signedIn.headers });
    expect(await http.handler.clientOf(signedIn)).toBeNull();
  });

  it('serves a file only to a client who may read it, and stops at once when it is unshared', async () => {
    const http = makeHttp({ cookie: { secure: false, path: '/' } });
    const { headers } = await http.signedInClient();
    const [share] = (await http.send('POST', '/projects/p-maple/shares', { body: { resources: [{ module: 'drawings', id: 'dr-a101', kind: 'item' }] }, headers: asAlice })).json;
    // The host's own file route on node:http, as a host writes it.
    const files = createServer(async (req: IncomingMessage, res) => {
      const client = await http.handler.clientOf(req);
      const id = req.url!.slice('/files/'.length);
      const allowed = client !== null && (await http.portal.can(client, 'read', { projectId: 'p-maple', module: 'drawings', id }));
      res.writeHead(allowed ? 200 : 404).end(allowed ? `file ${id}` : 'Not found');
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    const url = (id: string) => `http://127.0.0.1:${(files.address() as AddressInfo).port}/files/${id}`;
    try {
      expect((await fetch(url('dr-a101'), { headers })).status).toBe(200);
      expect((await fetch(url('dr-a201'), { headers })).status).toBe(404); // there, not shared
      expect((await fetch(url('dr-a101'))).status).toBe(404);
      await http.send('DELETE', `/projects/p-maple/shares/${share.id}`, { headers: asAlice });
      expect((await fetch(url('dr-a101'), { headers })).status).toBe(404);
    } finally {
      await new Promise((resolve) => files.close(resolve));
    }
  });
});

describe('cookie.path', () => {
  it('scopes the session cookie to the path given, and drops the one an earlier sign-in left under the base path', async () => {
    const http = makeHttp({ cookie: { path: '/' } });
    const { token } = await http.invite();
    const accepted = await http.send('POST', '/invites/accept', { body: { token, password: PASSWORD } });
    // The browser would send a cookie of the longer path first: left there, an older session would shadow this one.
    const [set, dropped, ...rest] = accepted.headers.getSetCookie();
    expect(set).toMatch(/^sitegate_session=[^;]+; Path=\/; Max-Age=\d+; /);
    expect(dropped).toMatch(/^sitegate_session=; Path=\/api\/portal; Max-Age=0; /);
    expect(rest).toEqual([]);
    const out = await http.send('DELETE', '/session', { headers: { authorization: `Bearer ${accepted.json.session.token}` } });
    expect(out.headers.getSetCookie()).toEqual([expect.stringMatching(/^sitegate_session=; Path=\/; Max-Age=0; /), expect.stringMatching(/^sitegate_session=; Path=\/api\/portal; Max-Age=0; /)]);
    // Without `cookie.path` there is one cookie, under the base path.
    const plain = makeHttp();
    const invited = await plain.invite();
    const signedIn = await plain.send('POST', '/invites/accept', { body: { token: invited.token, password: PASSWORD } });
    expect(signedIn.headers.getSetCookie()).toEqual([expect.stringMatching(/^sitegate_session=[^;]+; Path=\/api\/portal; Max-Age=/)]);
  });

  it('refuses, when the handler is made, a path the API would not receive its own cookie on', () => {
    const { portal } = makePortal();
    const make = (basePath: string, path: unknown) => () => createPortalHandler(portal, { basePath, authenticateStaff: testStaffHook, cookie: { path: path as string } });
    for (const covering of ['/', '/api', '/api/', '/api/portal', '/api/portal/']) expect(make('/api/portal', covering), covering).not.toThrow();
    expect(make('/', '/')).not.toThrow();
    for (const bad of ['/api/port', '/files', '/api/portal/x', '/api/portal-files']) {
      expect(make('/api/portal', bad), bad).toThrow(/`cookie.path` "[^"]+" does not contain basePath "\/api\/portal"/);
    }
    expect(make('/', '/api')).toThrow(/does not contain basePath/);
    for (const malformed of ['api', '', '/a;b', '/a\nb', '/a b', '/caf\u00e9', 42]) expect(make('/api/portal', malformed), String(malformed)).toThrow(/`cookie.path` must be a path such as "\/"/);
  });
});
