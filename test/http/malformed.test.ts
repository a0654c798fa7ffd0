import { describe, expect, it } from 'vitest';
import { asAlice, makeHttp, PASSWORD, snapshot } from './support.js';

type Case = { name: string; method: string; path: string; body?: unknown; raw?: string; headers?: Record<string, string>; client?: boolean; harmless?: true };

const huge = 'x'.repeat(20_000);
const json = { 'content-type': 'application/json' };
/** 120 KB of zeros where actions go: one issue per item would answer with megabytes. */
const manyActions = Array.from({ length: 60_000 }, () => 0);

/**
 * Malformed input for every route. `:client` and `:token` are replaced by a real client id and
 * a live invite token, so each case fails on its input, not on a missing record.
 */
const cases: Case[] = [
  // GET /clients
  { name: 'list: limit not a number', method: 'GET', path: '/clients?limit=abc' },
  { name: 'list: limit too big', method: 'GET', path: '/clients?limit=100000' },
  { name: 'list: unknown status', method: 'GET', path: '/clients?status=deleted' },
  { name: 'list: unknown query field', method: 'GET', path: '/clients?sort=email' },
  { name: 'list: repeated field', method: 'GET', path: '/clients?q=a&q=b' },
  { name: 'list: __proto__ as a query key', method: 'GET', path: '/clients?__proto__=x' },
  { name: 'list: huge q', method: 'GET', path: `/clients?q=${huge}` },
  { name: 'list: traversal in projectId', method: 'GET', path: '/clients?projectId=..%2F..%2Fetc' },
  // POST /clients
  { name: 'add: email missing', method: 'POST', path: '/clients', body: { projectIds: [] } },
  { name: 'add: projectIds missing', method: 'POST', path: '/clients', body: { email: 'a@example.com' } },
  { name: 'add: email a number', method: 'POST', path: '/clients', body: { email: 42, projectIds: [] } },
  { name: 'add: projectIds a string', method: 'POST', path: '/clients', body: { email: 'a@example.com', projectIds: 'p-maple' } },
  { name: 'add: email too long', method: 'POST', path: '/clients', body: { email: `${'a'.repeat(250)}@example.com`, projectIds: [] } },
  { name: 'add: huge name', method: 'POST', path: '/clients', body: { email: 'a@example.com', name: huge, projectIds: [] } },
  { name: 'add: unknown field', method: 'POST', path: '/clients', body: { email: 'a@example.com', projectIds: [], admin: true } },
  { name: 'add: invite not boolean', method: 'POST', path: '/clients', body: { email: 'a@example.com', projectIds: [], invite: 'yes' } },
  { name: 'add: body an array', method: 'POST', path: '/clients', body: [{ email: 'a@example.com', projectIds: [] }] },
  { name: 'add: body null', method: 'POST', path: '/clients', raw: 'null', headers: json },
  { name: 'add: bad JSON', method: 'POST', path: '/clients', raw: '{"email": "a@example.com",', headers: json },
  { name: 'add: not JSON', method: 'POST', path: '/clients', raw: 'email=a@example.com', headers: { 'content-type': 'text/plain' } },
  { name: 'add: traversal in projectIds', method: 'POST', path: '/clients', body: { email: 'a@example.com', projectIds: ['../p-maple'] } },
  { name: 'add: prototype pollution', method: 'POST', path: '/clients', raw: '{"email":"a@example.com","projectIds":[],"__proto__":{"admin":true}}', headers: json },
  // GET/PATCH /clients/:id
  { name: 'get: traversal in id', method: 'GET', path: '/clients/..%2F..%2Fetc%2Fpasswd' },
  { name: 'get: huge id', method: 'GET', path: `/clients/${'c'.repeat(5000)}` },
  { name: 'get: bad percent-encoding', method: 'GET', path: '/clients/%E0%A4%A' },
  { name: 'patch: name a number', method: 'PATCH', path: '/clients/:client', body: { name: 5 } },
  { name: 'patch: portalAccess a string', method: 'PATCH', path: '/clients/:client', body: { portalAccess: 'off' } },
  { name: 'patch: unknown field', method: 'PATCH', path: '/clients/:client', body: { nickname: 'b' } },
  { name: 'patch: email not an email', method: 'PATCH', path: '/clients/:client', body: { email: 'b at example' } },
  { name: 'patch: unknown role', method: 'PATCH', path: '/clients/:client', body: { roleId: 'owner' } },
  { name: 'patch: traversal in id', method: 'PATCH', path: '/clients/..%2Fcl_x', body: { name: 'x' } },
  // PUT /clients/:id/projects, DELETE …/projects/:projectId, POST …/invite
  { name: 'set projects: missing', method: 'PUT', path: '/clients/:client/projects', body: {} },
  { name: 'set projects: wrong type', method: 'PUT', path: '/clients/:client/projects', body: { projectIds: [1, 2] } },
  { name: 'set projects: unknown project', method: 'PUT', path: '/clients/:client/projects', body: { projectIds: ['p-nowhere'] } },
  { name: 'set projects: too many', method: 'PUT', path: '/clients/:client/projects', body: { projectIds: Array.from({ length: 1001 }, (_, i) => `p${i}`) } },
  { name: 'set projects: bare array', method: 'PUT', path: '/clients/:client/projects', body: ['p-maple'] },
  { name: 'revoke: traversal in projectId', method: 'DELETE', path: '/clients/:client/projects/..%2F..' },
  { name: 'revoke: dot-dot projectId', method: 'DELETE', path: '/clients/:client/projects/%2E%2E' },
  { name: 'invite: unexpected body', method: 'POST', path: '/clients/:client/invite', body: { to: 'evil@example.com' } },
  { name: 'invite: unknown client', method: 'POST', path: '/clients/cl_nobody/invite' },
  // projects and shares
  { name: 'projects: unknown query', method: 'GET', path: '/projects?all=1' },
  { name: 'shares list: unknown module', method: 'GET', path: '/projects/p-maple/shares?module=secrets' },
  { name: 'shares status: module missing', method: 'GET', path: '/projects/p-maple/shares/status?ids=d-1' },
  { name: 'shares status: ids missing', method: 'GET', path: '/projects/p-maple/shares/status?module=documents' },
  { name: 'shares status: traversal id', method: 'GET', path: '/projects/p-maple/shares/status?module=documents&ids=..%2Fx' },
  { name: 'share: resources missing', method: 'POST', path: '/projects/p-maple/shares', body: {} },
  { name: 'share: resources empty', method: 'POST', path: '/projects/p-maple/shares', body: { resources: [] } },
  { name: 'share: bad kind', method: 'POST', path: '/projects/p-maple/shares', body: { resources: [{ module: 'documents', id: 'd-contract', kind: 'everything' }] } },
  { name: 'share: unknown resource field', method: 'POST', path: '/projects/p-maple/shares', body: { resources: [{ module: 'documents', id: 'd-contract', kind: 'item', tenantId: 'globex' }] } },
  { name: 'share: folder as item mismatch', method: 'POST', path: '/projects/p-maple/shares', body: { resources: [{ module: 'documents', id: 'd-contract', kind: 'folder' }] } },
  { name: 'share: unknown project', method: 'POST', path: '/projects/p-nowhere/shares', body: { resources: [{ module: 'documents', id: 'd-contract', kind: 'item' }] } },
  { name: 'share: traversal project', method: 'POST', path: '/projects/..%2Fp-maple/shares', body: { resources: [{ module: 'documents', id: 'd-contract', kind: 'item' }] } },
  { name: 'unshare: unknown share', method: 'DELETE', path: '/projects/p-maple/shares/sh_nothing' },
  { name: 'unshare: traversal id', method: 'DELETE', path: '/projects/p-maple/shares/..%2F..%2F' },
  // updates
  { name: 'publish: body missing', method: 'POST', path: '/projects/p-maple/updates', body: { title: 'x' } },
  { name: 'publish: body too long', method: 'POST', path: '/projects/p-maple/updates', body: { body: 'y'.repeat(20_001) } },
  { name: 'publish: resources wrong shape', method: 'POST', path: '/projects/p-maple/updates', body: { body: 'x', resources: ['ph-1'] } },
  { name: 'publish: resource of another project', method: 'POST', path: '/projects/p-harbor/updates', body: { body: 'x', resources: [{ module: 'photos', id: 'ph-1' }] } },
  // roles and audit
  { name: 'role: permissions missing', method: 'PUT', path: '/roles/custom', body: { name: 'Custom' } },
  { name: 'role: bad action', method: 'PUT', path: '/roles/custom', body: { name: 'Custom', permissions: [{ module: 'documents', actions: ['delete'] }] } },
  { name: 'role: an action twice', method: 'PUT', path: '/roles/custom', body: { name: 'Custom', permissions: [{ module: 'documents', actions: ['read', 'read'] }] } },
  { name: 'role: 60,000 actions', method: 'PUT', path: '/roles/custom', body: { name: 'Custom', permissions: [{ module: 'documents', actions: manyActions }] } },
  { name: 'role: a module twice', method: 'PUT', path: '/roles/custom', body: { name: 'Custom', permissions: [{ module: 'documents', actions: ['read'] }, { module: 'documents', actions: ['approve'] }] } },
  { name: 'role: id in body', method: 'PUT', path: '/roles/custom', body: { id: 'other', name: 'Custom', permissions: [] } },
  { name: 'role: traversal id', method: 'PUT', path: '/roles/..%2Fclient', body: { name: 'Custom', permissions: [] } },
  { name: 'audit: limit negative', method: 'GET', path: '/audit?limit=-1' },
  { name: 'audit: unknown field', method: 'GET', path: '/audit?tenantId=globex' },
  // invites and sessions
  // `:token` in a body stands for the pending invite's real token.
  { name: 'accept: password missing', method: 'POST', path: '/invites/accept', body: { token: ':token' } },
  { name: 'accept: token missing', method: 'POST', path: '/invites/accept', body: { password: PASSWORD } },
  { name: 'accept: token a number', method: 'POST', path: '/invites/accept', body: { token: 12345, password: PASSWORD } },
  { name: 'accept: password a number', method: 'POST', path: '/invites/accept', body: { token: ':token', password: 1234567890123 } },
  { name: 'accept: password huge', method: 'POST', path: '/invites/accept', body: { token: ':token', password: huge } },
  { name: 'accept: unknown field', method: 'POST', path: '/invites/accept', body: { token: ':token', password: PASSWORD, email: 'x@example.com' } },
  { name: 'accept: bad JSON', method: 'POST', path: '/invites/accept', raw: '{password', headers: json },
  { name: 'accept: traversal token', method: 'POST', path: '/invites/accept', body: { token: '../../', password: PASSWORD } },
  { name: 'accept: token in the path (old route)', method: 'POST', path: '/invites/:token/accept', body: { password: PASSWORD } },
  { name: 'inspect: huge token', method: 'POST', path: '/invites/inspect', body: { token: 't'.repeat(5000) } },
  // Inspecting answers every unknown or malformed link alike, with 200 `{ status: 'cancelled' }`.
  { name: 'inspect: traversal token', method: 'POST', path: '/invites/inspect', body: { token: '../../etc' }, harmless: true },
  { name: 'inspect: token in the path (old route)', method: 'GET', path: '/invites/:token' },
  { name: 'sign in: tenant missing', method: 'POST', path: '/session', body: { email: 'a@example.com', password: 'x' } },
  { name: 'sign in: email a list', method: 'POST', path: '/session', body: { tenantId: 'acme', email: ['a@example.com'], password: 'x' } },
  { name: 'sign in: password huge', method: 'POST', path: '/session', body: { tenantId: 'acme', email: 'a@example.com', password: huge } },
  { name: 'sign out: unexpected body', method: 'DELETE', path: '/session', body: { everyone: true } },
  // password reset, sign-in links, email confirmation
  { name: 'forgot: email missing', method: 'POST', path: '/password/forgot', body: { tenantId: 'acme' } },
  { name: 'forgot: email a number', method: 'POST', path: '/password/forgot', body: { tenantId: 'acme', email: 42 } },
  { name: 'forgot: unknown field', method: 'POST', path: '/password/forgot', body: { tenantId: 'acme', email: 'a@example.com', admin: true } },
  { name: 'reset: password a number', method: 'POST', path: '/password/reset', body: { token: 'x', password: 1234567890123 } },
  { name: 'reset: token huge', method: 'POST', path: '/password/reset', body: { token: 't'.repeat(5000), password: PASSWORD } },
  { name: 'reset: unknown token', method: 'POST', path: '/password/reset', body: { token: '../../', password: PASSWORD } },
  { name: 'reset inspect: token an object', method: 'POST', path: '/password/inspect', body: { token: { $ne: null } } },
  { name: 'link: tenant a list', method: 'POST', path: '/session/link', body: { tenantId: ['acme'], email: 'a@example.com' } },
  { name: 'link accept: token missing', method: 'POST', path: '/session/link/accept', body: {} },
  { name: 'confirm: unknown token', method: 'POST', path: '/email/confirm', body: { token: 'nope' } },
  { name: 'confirm inspect: token an object', method: 'POST', path: '/email/inspect', body: { token: { $ne: null } } },
  { name: 'confirm inspect: token huge', method: 'POST', path: '/email/inspect', body: { token: 't'.repeat(5000) } },
  { name: 'sign out everywhere: no session', method: 'DELETE', path: '/sessions' },
  // the client's portal
  { name: 'portal: traversal project', method: 'GET', path: '/portal/projects/..%2F..%2Fp-oak', client: true },
  { name: 'portal: unknown module', method: 'GET', path: '/portal/projects/p-maple/secrets/x', client: true },
  { name: 'portal: traversal resource', method: 'GET', path: '/portal/projects/p-maple/documents/..%2Fd-budget', client: true },
  { name: 'portal: huge resource id', method: 'GET', path: `/portal/projects/p-maple/documents/${'r'.repeat(5000)}`, client: true },
  { name: 'me: bogus bearer', method: 'GET', path: '/me', headers: { authorization: 'Bearer ../../etc' } },
  { name: 'me: unknown query key', method: 'GET', path: '/me?zz=1', client: true },
  { name: 'me: repeated query key', method: 'GET', path: '/me?limit=1&limit=2', client: true },
];

describe('malformed input never changes anything and is never a 5xx', () => {
  it.each(cases)('$name', async (c) => {
    const http = makeHttp({ rateLimit: false });
    const { client, token } = await http.invite('eve@example.com', ['p-maple']);
    const dana = await http.signedInClient('dana@example.com', ['p-maple']);
    const path = c.path.replace(':client', client.id).replace(':token', token);
    const headers = { ...(c.client ? dana.headers : asAlice), ...c.headers };
    const before = await snapshot(http.portal, http.mail);
    const body = c.body && typeof c.body === 'object' && (c.body as { token?: unknown }).token === ':token' ? { ...c.body, token } : c.body;
    const res = await http.send(c.method, path, { body, raw: c.raw, headers });
    if (c.harmless) {
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ status: 'cancelled' });
    } else {
      expect(res.status, JSON.stringify(res.json)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.json).toMatchObject({ status: res.status, code: expect.any(String), detail: expect.any(String) });
    }
    await http.portal.outbox.flush();
    expect(await snapshot(http.portal, http.mail)).toEqual(before);
    expect(http.errors).toEqual([]);
  });
});

describe('what a refused request says', () => {
  it('an oversized list is one issue, not one per item', async () => {
    const http = makeHttp({ rateLimit: false });
    const res = await http.send('PUT', '/roles/custom', { body: { name: 'Custom', permissions: [{ module: 'documents', actions: manyActions }] }, headers: asAlice });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([expect.objectContaining({ path: ['permissions', 0, 'actions'], message: 'must name at most 2 actions' })]);
    expect(JSON.stringify(res.json).length).toBeLessThan(2_000);
  });

  it('names a repeated action or module by its path', async () => {
    const http = makeHttp({ rateLimit: false });
    const twice = await http.send('PUT', '/roles/custom', { body: { name: 'Custom', permissions: [{ module: 'documents', actions: ['read', 'read'] }] }, headers: asAlice });
    expect(twice.json.errors).toEqual([expect.objectContaining({ path: ['permissions', 0, 'actions'], message: 'must not name an action twice' })]);
    const modules = await http.send('PUT', '/roles/custom', {
      body: { name: 'Custom', permissions: [{ module: 'documents', actions: ['read'] }, { module: 'documents', actions: ['approve'] }] },
      headers: asAlice,
    });
    expect(modules.json.errors).toEqual([expect.objectContaining({ path: ['permissions'], message: 'must not name a module twice' })]);
    expect((await http.send('GET', '/roles', { headers: asAlice })).json.map((r: { id: string }) => r.id)).toEqual(['client']);
  });

  it('refuses `__proto__` in a query string like any key it does not read', async () => {
    const http = makeHttp({ rateLimit: false });
    for (const path of ['/clients?__proto__=x', '/projects/p-maple/shares?__proto__=x', '/audit?__proto__=x']) {
      const res = await http.send('GET', path, { headers: asAlice });
      expect(res.status, path).toBe(422);
      expect(res.json.errors, path).toEqual([expect.objectContaining({ message: 'Unrecognized key: "__proto__"' })]);
    }
  });

  it('refuses query keys on `GET /me`, which reads none', async () => {
    const http = makeHttp({ rateLimit: false });
    const dana = await http.signedInClient('dana@example.com', ['p-maple']);
    const unknown = await http.send('GET', '/me?zz=1', { headers: dana.headers });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors).toEqual([expect.objectContaining({ message: 'Unrecognized key: "zz"' })]);
    expect((await http.send('GET', '/me', { headers: dana.headers })).status).toBe(200);
    // Who is asking is settled first: no session is still 401, whatever the query says.
    expect((await http.send('GET', '/me?zz=1')).status).toBe(401);
  });
});
