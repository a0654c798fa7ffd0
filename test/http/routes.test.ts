import { describe, expect, it } from 'vitest';
import { asAlice, asBob, makeHttp, PASSWORD } from './support.js';

describe('staff routes', () => {
  it('GET /clients lists with filters and pages', async () => {
    const http = makeHttp();
    await http.invite('a@example.com', ['p-maple']);
    await http.invite('b@example.com', ['p-oak']);
    const all = await http.send('GET', '/clients', { headers: asAlice });
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toMatch(/^application\/json/);
    expect(all.json.items.map((c: { email: string }) => c.email)).toEqual(['a@example.com', 'b@example.com']);
    const filtered = await http.send('GET', '/clients?projectId=p-oak&status=invited&q=b%40', { headers: asAlice });
    expect(filtered.json.items.map((c: { email: string }) => c.email)).toEqual(['b@example.com']);
    const first = await http.send('GET', '/clients?limit=1', { headers: asAlice });
    expect(first.json.items).toHaveLength(1);
    const second = await http.send('GET', `/clients?limit=1&cursor=${encodeURIComponent(first.json.nextCursor)}`, { headers: asAlice });
    expect(second.json.items[0].email).toBe('b@example.com');
    expect(second.json.nextCursor).toBeNull();
  });

  it('POST /clients creates (201), invites by default, and reuses an existing email', async () => {
    const http = makeHttp();
    const created = await http.send('POST', '/clients', { body: { email: 'Ana@Example.com', projectIds: ['p-maple'] }, headers: asAlice });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ email: 'ana@example.com', status: 'invited', projectIds: ['p-maple'] });
    const again = await http.send('POST', '/clients', { body: { email: 'ana@example.com', projectIds: ['p-oak'], invite: false }, headers: asAlice });
    expect(again.json.id).toBe(created.json.id);
    expect(again.json.projectIds).toEqual(['p-maple', 'p-oak']);
    const quiet = await http.send('POST', '/clients', { body: { email: 'q@example.com', projectIds: [], invite: false }, headers: asAlice });
    expect(quiet.json.status).toBe('not_invited');
  });

  it('POST /clients answers 422 with field paths, and 422 for an unknown project or role', async () => {
    const http = makeHttp();
    const bad = await http.send('POST', '/clients', { body: { email: 'nope', projectIds: ['p-maple', 7] }, headers: asAlice });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.json).toMatchObject({ status: 422, code: 'validation_failed', title: 'Invalid input' });
    expect(bad.json.errors.map((e: { path: unknown[] }) => e.path)).toEqual([['email'], ['projectIds', 1]]);
    const project = await http.send('POST', '/clients', { body: { email: 'x@example.com', projectIds: ['p-nowhere'] }, headers: asAlice });
    expect(project.status).toBe(422);
    const role = await http.send('POST', '/clients', { body: { email: 'x@example.com', projectIds: [], roleId: 'ghost' }, headers: asAlice });
    expect(role.json.errors[0].path).toEqual(['roleId']);
  });

  it('GET and PATCH /clients/:id read with permissions and edit', async () => {
    const http = makeHttp();
    const { client } = await http.invite();
    const got = await http.send('GET', `/clients/${client.id}`, { headers: asAlice });
    expect(got.status).toBe(200);
    expect(got.json.permissions.length).toBeGreaterThan(0);
    const patched = await http.send('PATCH', `/clients/${client.id}`, { body: { name: 'Dana D.', portalAccess: false }, headers: asAlice });
    expect(patched.json).toMatchObject({ name: 'Dana D.', status: 'disabled' });
    expect((await http.send('GET', '/clients/cl_missing', { headers: asAlice })).json).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('PUT /clients/:id/projects and DELETE /clients/:id/projects/:projectId change access', async () => {
    const http = makeHttp();
    const { client } = await http.invite();
    const set = await http.send('PUT', `/clients/${client.id}/projects`, { body: { projectIds: ['p-oak'] }, headers: asAlice });
    expect(set.json.projectIds).toEqual(['p-oak']);
    const revoked = await http.send('DELETE', `/clients/${client.id}/projects/p-oak`, { headers: asAlice });
    expect(revoked.status).toBe(200);
    expect(revoked.json.projectIds).toEqual([]);
    // Revoking a project the client does not hold is a no-op.
    expect((await http.send('DELETE', `/clients/${client.id}/projects/p-maple`, { headers: asAlice })).status).toBe(200);
    expect((await http.send('PUT', `/clients/${client.id}/projects`, { body: { projectIds: [] }, headers: asAlice })).status).toBe(200);
  });

  it('POST /clients/:id/invite resends; the old link dies; an active client is a 409', async () => {
    const http = makeHttp();
    const { client, token } = await http.invite();
    const resent = await http.send('POST', `/clients/${client.id}/invite`, { headers: asAlice });
    expect(resent.status).toBe(200);
    await http.portal.outbox.flush();
    expect((await http.send('POST', '/invites/accept', { body: { token, password: PASSWORD } })).json.code).toBe('invite_invalid');
    const fresh = http.lastInviteToken('dana@example.com');
    expect((await http.send('POST', '/invites/accept', { body: { token: fresh, password: PASSWORD } })).status).toBe(201);
    const conflict = await http.send('POST', `/clients/${client.id}/invite`, { headers: asAlice });
    expect(conflict.json).toMatchObject({ status: 409, code: 'conflict' });
    // An action route takes an empty body or `{}`, nothing else.
    expect((await http.send('POST', `/clients/${client.id}/invite`, { body: { force: true }, headers: asAlice })).status).toBe(422);
  });

  it('GET /projects lists the tenant’s projects only', async () => {
    const http = makeHttp();
    const alice = await http.send('GET', '/projects', { headers: asAlice });
    expect(alice.json.map((p: { id: string }) => p.id)).toEqual(['p-maple', 'p-harbor', 'p-oak']);
    const bob = await http.send('GET', '/projects', { headers: asBob });
    expect(bob.json).toEqual([{ tenantId: 'globex', id: 'p-maple', name: 'Globex Maple Tower' }]);
  });

  it('shares: POST (201) many, GET list and status, DELETE (204)', async () => {
    const http = makeHttp();
    const shared = await http.send('POST', '/projects/p-maple/shares', {
      body: { resources: [{ module: 'documents', id: 'd-contracts', kind: 'folder' }, { module: 'drawings', id: 'dr-a101', kind: 'item' }] },
      headers: asAlice,
    });
    expect(shared.status).toBe(201);
    expect(shared.json).toHaveLength(2);
    const list = await http.send('GET', '/projects/p-maple/shares?module=drawings', { headers: asAlice });
    expect(list.json).toEqual({ items: [expect.objectContaining({ resourceId: 'dr-a101' })], nextCursor: null });
    // A page at a time, in the order they were made.
    const first = await http.send('GET', '/projects/p-maple/shares?limit=1', { headers: asAlice });
    expect(first.json.items).toHaveLength(1);
    const second = await http.send('GET', `/projects/p-maple/shares?limit=1&cursor=${first.json.nextCursor}`, { headers: asAlice });
    expect(second.json).toEqual({ items: [expect.objectContaining({ resourceId: 'dr-a101' })], nextCursor: null });
    expect(first.json.items[0].resourceId).not.toBe('dr-a101');
    for (const [query, status, path] of [
      ['limit=0', 422, ['limit']],
      ['limit=501', 422, ['limit']],
      ['cursor=nope', 400, ['cursor']],
    ] as const) {
      const refused = await http.send('GET', `/projects/p-maple/shares?${query}`, { headers: asAlice });
      expect(refused.status, query).toBe(status);
      expect(refused.json.errors, query).toEqual([expect.objectContaining({ path })]);
    }
    const status = await http.send('GET', '/projects/p-maple/shares/status?module=documents&ids=d-contracts,d-permit&ids=d-budget', { headers: asAlice });
    expect(status.json.map((s: { status: string }) => s.status)).toEqual(['shared', 'via_folder', 'not_shared']);
    const gone = await http.send('DELETE', `/projects/p-maple/shares/${shared.json[1].id}`, { headers: asAlice });
    expect(gone.status).toBe(204);
    expect((await http.send('DELETE', `/projects/p-maple/shares/${shared.json[1].id}`, { headers: asAlice })).status).toBe(404);
    const unknown = await http.send('POST', '/projects/p-maple/shares', { body: { resources: [{ module: 'documents', id: 'd-nope', kind: 'item' }] }, headers: asAlice });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors[0].path.slice(0, 2)).toEqual(['resources', 0]);
    expect((await http.send('GET', '/projects/p-nowhere/shares/status?module=documents&ids=x', { headers: asAlice })).status).toBeLessThan(500);
  });

  it('POST /projects/:projectId/updates publishes (201)', async () => {
    const http = makeHttp();
    const published = await http.send('POST', '/projects/p-maple/updates', {
      body: { title: 'Week 1', body: 'Foundation poured.', resources: [{ module: 'photos', id: 'ph-1' }] },
      headers: asAlice,
    });
    expect(published.status).toBe(201);
    expect(published.json).toMatchObject({ title: 'Week 1', projectId: 'p-maple', authorId: 'u-alice' });
    const empty = await http.send('POST', '/projects/p-maple/updates', { body: { body: '   ' }, headers: asAlice });
    expect(empty.json.errors[0].path).toEqual(['body']);
    expect((await http.send('POST', '/projects/p-nowhere/updates', { body: { body: 'x' }, headers: asAlice })).status).toBe(404);
  });

  it('roles: GET lists the built-in role, PUT saves a custom one', async () => {
    const http = makeHttp();
    const saved = await http.send('PUT', '/roles/docs-only', { body: { name: 'Documents only', permissions: [{ module: 'documents', actions: ['read'] }] }, headers: asAlice });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ id: 'docs-only', tenantId: 'acme' });
    const roles = await http.send('GET', '/roles', { headers: asAlice });
    expect(roles.json.map((r: { id: string }) => r.id)).toEqual(['client', 'docs-only']);
    const builtIn = await http.send('PUT', '/roles/client', { body: { name: 'x', permissions: [] }, headers: asAlice });
    expect(builtIn.status).toBe(422);
  });

  it('GET /audit lists the trail, filtered', async () => {
    const http = makeHttp();
    const { client } = await http.invite();
    const audit = await http.send('GET', `/audit?clientId=${client.id}&limit=10`, { headers: asAlice });
    expect(audit.status).toBe(200);
    expect(audit.json.items.map((e: { action: string }) => e.action)).toContain('client.added');
    expect((await http.send('GET', '/audit', { headers: asBob })).json.items).toEqual([]);
  });
});

describe('invite, session and portal routes', () => {
  it('POST /invites/inspect inspects without consuming, any number of times', async () => {
    const http = makeHttp();
    const { token } = await http.invite();
    for (let i = 0; i < 3; i++) {
      const info = await http.send('POST', '/invites/inspect', { body: { token } });
      expect(info.status).toBe(200);
      expect(info.json).toMatchObject({ status: 'pending', email: 'dana@example.com', tenantName: 'Acme Builders' });
    }
    expect((await http.send('POST', '/invites/inspect', { body: { token: 'garbage' } })).json).toEqual({ status: 'cancelled' });
    expect((await http.send('POST', '/invites/accept', { body: { token, password: PASSWORD } })).status).toBe(201);
    expect((await http.send('POST', '/invites/inspect', { body: { token } })).json).toEqual({ status: 'accepted' });
  });

  it('POST /invites/inspect refuses a body without a string token (422) and unknown fields', async () => {
    const http = makeHttp();
    for (const body of [{}, { token: 7 }, { token: 't'.repeat(5000) }, { token: 'x', extra: 1 }]) {
      const answer = await http.send('POST', '/invites/inspect', { body });
      expect(answer.status).toBe(422);
      expect(answer.json.code).toBe('validation_failed');
    }
    expect((await http.send('POST', '/invites/inspect', { raw: '{token', headers: { 'content-type': 'application/json' } })).status).toBe(400);
  });

  it('POST /invites/accept answers each documented refusal', async () => {
    const http = makeHttp();
    const { token } = await http.invite();
    expect((await http.send('POST', '/invites/accept', { body: { token, password: 'short' } })).json.errors[0].path).toEqual(['password']);
    expect((await http.send('POST', '/invites/accept', { body: { password: PASSWORD } })).json.errors[0].path).toEqual(['token']);
    expect((await http.send('POST', '/invites/accept', { body: { token, password: PASSWORD, email: 'x@example.com' } })).status).toBe(422);
    expect((await http.send('POST', '/invites/accept', { body: { token: 'garbage', password: PASSWORD } })).json).toMatchObject({ status: 404, code: 'invite_invalid' });
    http.clock.advanceDays(15);
    expect((await http.send('POST', '/invites/accept', { body: { token, password: PASSWORD } })).json).toMatchObject({ status: 410, code: 'invite_expired' });
    const other = makeHttp();
    const { token: t2 } = await other.invite();
    const accepted = await other.send('POST', '/invites/accept', { body: { token: t2, password: PASSWORD, name: 'Dana D.' } });
    expect(accepted.status).toBe(201);
    expect(accepted.json.client.name).toBe('Dana D.');
    expect((await other.send('POST', '/invites/accept', { body: { token: t2, password: PASSWORD } })).json).toMatchObject({ status: 409, code: 'invite_used' });
  });

  it('no invite route takes a token in its path: the old paths answer 404 and consume nothing', async () => {
    const http = makeHttp();
    const { token } = await http.invite();
    expect((await http.send('GET', `/invites/${token}`)).status).toBe(404);
    expect((await http.send('POST', `/invites/${token}/accept`, { body: { password: PASSWORD } })).status).toBe(404);
    expect((await http.send('GET', `/invites/accept?token=${encodeURIComponent(token)}`)).status).toBe(405);
    expect((await http.send('POST', '/invites/inspect', { body: { token } })).json.status).toBe('pending');
  });

  it('limits bogus accepts per address, whatever the tokens, and leaves other addresses alone', async () => {
    const http = makeHttp({ clientIp: (request) => request.headers.get('x-test-ip') ?? 'unknown' });
    const { token } = await http.invite();
    const from = (ip: string) => ({ 'x-test-ip': ip });
    let firstRefused = -1;
    for (let i = 0; i < 10_050; i++) {
      const answer = await http.send('POST', '/invites/accept', { body: { token: `bogus-${i}`, password: PASSWORD }, headers: from('203.0.113.7') });
      if (answer.status === 429) {
        firstRefused = i;
        expect(answer.json.code).toBe('rate_limited');
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        break;
      }
      expect(answer.status).toBe(404);
    }
    expect(firstRefused).toBeGreaterThan(0);
    expect(firstRefused).toBeLessThanOrEqual(100);
    // Still refused after the first 429, also for a real token from that address.
    for (let i = 0; i < 50; i++) {
      expect((await http.send('POST', '/invites/accept', { body: { token: `more-${i}`, password: PASSWORD }, headers: from('203.0.113.7') })).status).toBe(429);
    }
    expect((await http.send('POST', '/invites/accept', { body: { token, password: PASSWORD }, headers: from('203.0.113.7') })).status).toBe(429);
    // Another address accepts the real invite.
    expect((await http.send('POST', '/invites/accept', { body: { token, password: PASSWORD }, headers: from('198.51.100.2') })).status).toBe(201);
  });

  it('still limits one token across addresses', async () => {
    const http = makeHttp({ clientIp: (request) => request.headers.get('x-test-ip') ?? 'unknown' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await http.send('POST', '/invites/accept', { body: { token: 'same-bogus', password: PASSWORD }, headers: { 'x-test-ip': `198.51.100.${i}` } })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('POST /session signs in (201) and DELETE /session signs out (204)', async () => {
    const http = makeHttp();
    const { session } = await http.signedInClient();
    const bad = await http.send('POST', '/session', { body: { tenantId: 'acme', email: 'dana@example.com', password: 'wrong password' } });
    expect(bad.json).toMatchObject({ status: 401, code: 'invalid_credentials' });
    const unknown = await http.send('POST', '/session', { body: { tenantId: 'acme', email: 'nobody@example.com', password: 'wrong password' } });
    expect(unknown.json.detail).toBe(bad.json.detail);
    const ok = await http.send('POST', '/session', { body: { tenantId: 'acme', email: 'DANA@example.com', password: PASSWORD } });
    expect(ok.status).toBe(201);
    expect(ok.json.client.email).toBe('dana@example.com');
    const out = await http.send('DELETE', '/session', { headers: { authorization: `Bearer ${session}` } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await http.send('GET', '/me', { headers: { authorization: `Bearer ${session}` } })).json.code).toBe('session_invalid');
    // Signing out without a session still succeeds.
    expect((await http.send('DELETE', '/session')).status).toBe(204);
  });

  it('GET /me returns the client, its projects and packed rules', async () => {
    const http = makeHttp();
    const { headers } = await http.signedInClient();
    const me = await http.send('GET', '/me', { headers });
    expect(me.status).toBe(200);
    expect(me.json.client.email).toBe('dana@example.com');
    expect(me.json.projects.map((p: { id: string }) => p.id).sort()).toEqual(['p-harbor', 'p-maple']);
    expect(Array.isArray(me.json.rules)).toBe(true);
    expect(me.json.rules.length).toBeGreaterThan(0);
    expect((await http.send('GET', '/me')).json).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('GET /me writes what JSON.stringify writes of portal.view.me, its rules shared and frozen until the facts change', async () => {
    const http = makeHttp();
    const { client, headers } = await http.signedInClient();
    const actor = { type: 'client' as const, tenantId: client.tenantId, clientId: client.id };
    const first = await http.portal.view.me(actor);
    const again = await http.portal.view.me(actor);
    expect(again.rules).toBe(first.rules);
    expect(Object.isFrozen(first.rules) && first.rules.every((rule) => Object.isFrozen(rule) && rule.every((part) => Object.isFrozen(part)))).toBe(true);
    const response = await http.handler(new Request('http://portal.test/api/portal/me', { headers }));
    // Dates as JSON.stringify writes them; `status` is worked out at the moment of the call.
    expect(await response.text()).toBe(JSON.stringify(await http.portal.view.me(actor)));
    // A project taken away: new facts, new rules, and the answer says so.
    expect((await http.send('PUT', `/clients/${client.id}/projects`, { body: { projectIds: ['p-maple'] }, headers: asAlice })).status).toBe(200);
    const narrowed = await http.portal.view.me(actor);
    expect(narrowed.rules).not.toBe(first.rules);
    const after = await (await http.handler(new Request('http://portal.test/api/portal/me', { headers }))).json();
    expect(after.rules).toEqual(JSON.parse(JSON.stringify(narrowed.rules)));
    expect(JSON.stringify(after.rules)).not.toContain('p-harbor');
  });

  it('GET /portal/projects, a feed and one resource show only what is shared', async () => {
    const http = makeHttp();
    const { headers } = await http.signedInClient();
    await http.send('POST', '/projects/p-maple/shares', { body: { resources: [{ module: 'documents', id: 'd-contracts', kind: 'folder' }] }, headers: asAlice });
    const projects = await http.send('GET', '/portal/projects', { headers });
    expect(projects.json.map((p: { id: string }) => p.id).sort()).toEqual(['p-harbor', 'p-maple']);
    const feed = await http.send('GET', '/portal/projects/p-maple', { headers });
    expect(feed.json.modules.documents.map((r: { id: string }) => r.id)).toEqual(['d-contracts']);
    expect(feed.json.modules.drawings).toEqual([]);
    const folder = await http.send('GET', '/portal/projects/p-maple/documents/d-contracts', { headers });
    expect(folder.json.children.map((r: { id: string }) => r.id).sort()).toEqual(['d-contract', 'd-permits']);
    expect((await http.send('GET', '/portal/projects/p-maple/documents/d-budget', { headers })).status).toBe(404);
    expect((await http.send('GET', '/portal/projects/p-oak', { headers })).status).toBe(404);
    expect((await http.send('GET', '/portal/projects/p-maple/nonsense/x', { headers })).status).toBe(422);
  });
});

describe('protocol errors', () => {
  it('answers 404 for unknown routes and paths outside the base', async () => {
    const http = makeHttp();
    expect((await http.send('GET', '/nope', { headers: asAlice })).json).toMatchObject({ status: 404, code: 'not_found' });
    expect((await http.send('GET', 'http://portal.test/elsewhere/clients', { headers: asAlice })).status).toBe(404);
    expect((await http.send('GET', '/clients/', { headers: asAlice })).status).toBe(404);
    expect((await http.send('GET', '/nope', { headers: asAlice })).json.detail).toBe('No such route: GET /api/portal/nope');
  });

  it('says what a body without its wrapper lacks, beside what it has too much of', async () => {
    const http = makeHttp();
    const unwrapped = await http.send('POST', '/projects/p-maple/shares', { headers: asAlice, body: { module: 'documents', id: 'd-contract', kind: 'item' } });
    expect(unwrapped).toMatchObject({ status: 422, json: { code: 'validation_failed' } });
    expect(unwrapped.json.errors).toEqual([
      { path: ['resources'], message: 'is required', code: 'invalid_type' },
      { path: [], message: 'Unrecognized keys: "module", "id", "kind"', code: 'unrecognized_keys' },
    ]);
    const list = await http.send('PUT', '/clients/cl_x/projects', { headers: asAlice, body: ['p-maple'] });
    expect(list.json.errors).toEqual([{ path: [], message: 'Invalid input: expected object, received array', code: 'invalid_type' }]);
  });

  it('says which id a path leaves empty, where "no such route" alone would blame the base URL', async () => {
    const http = makeHttp();
    const detail = async (method: string, path: string) => (await http.send(method, path, { headers: asAlice, body: method === 'GET' || method === 'DELETE' ? undefined : {} })).json;
    expect(await detail('PATCH', '/clients/')).toMatchObject({ status: 404, code: 'not_found', detail: 'No such route: PATCH /api/portal/clients/ (the :id of PATCH /clients/:id is empty)' });
    expect((await detail('PUT', '/clients//projects')).detail).toBe('No such route: PUT /api/portal/clients//projects (the :id of PUT /clients/:id/projects is empty)');
    expect((await detail('DELETE', '/projects/p-maple/shares/')).detail).toBe('No such route: DELETE /api/portal/projects/p-maple/shares/ (the :shareId of DELETE /projects/:projectId/shares/:shareId is empty)');
  });

  it('answers 405 with Allow for a known path and a wrong method', async () => {
    const http = makeHttp();
    const res = await http.send('DELETE', '/clients', { headers: asAlice });
    expect(res.status).toBe(405);
    // HEAD is answered wherever GET is.
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(res.json.code).toBe('method_not_allowed');
    expect((await http.send('POST', '/projects/p-maple/shares/status', { headers: asAlice })).headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 413 for a body over the limit, declared or streamed', async () => {
    const http = makeHttp({ maxBodyBytes: 1024 });
    const big = JSON.stringify({ email: 'a@example.com', projectIds: [], name: 'x'.repeat(5000) });
    expect((await http.send('POST', '/clients', { raw: big, headers: { ...asAlice, 'content-type': 'application/json' } })).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const res = await http.handler(
      new Request('http://portal.test/api/portal/clients', { method: 'POST', body: stream, headers: { ...asAlice, 'content-type': 'application/json' }, duplex: 'half' } as RequestInit),
    );
    expect(res.status).toBe(413);
  });

  it('answers 415 for a body that is not JSON and 400 for broken JSON or none', async () => {
    const http = makeHttp();
    const form = await http.send('POST', '/clients', { raw: 'email=a@example.com', headers: { ...asAlice, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.json).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    const broken = await http.send('POST', '/clients', { raw: '{"email":', headers: { ...asAlice, 'content-type': 'application/json' } });
    expect(broken.json).toMatchObject({ status: 400, code: 'bad_request' });
    expect((await http.send('POST', '/clients', { headers: asAlice })).status).toBe(400);
    const utf8 = await http.send('POST', '/clients', { raw: new Uint8Array([0x7b, 0xff, 0x7d]), headers: { ...asAlice, 'content-type': 'application/json' } });
    expect(utf8.status).toBe(400);
  });

  it('answers an unexpected failure with a bare 500 and reports it through onError', async () => {
    const http = makeHttp({ authenticateStaff: () => { throw new Error('database password is hunter2'); } });
    const res = await http.send('GET', '/clients');
    expect(res.status).toBe(500);
    expect(res.json).toMatchObject({ code: 'internal', status: 500 });
    expect(JSON.stringify(res.json)).not.toContain('hunter2');
    expect(http.errors).toHaveLength(1);
  });
});
