import { describe, expect, it } from 'vitest';
import { memoryRateLimiter } from 'sitegate/server';
import { asAlice, asBob, makeHttp, ORIGIN, PASSWORD } from './support.js';

describe('who may call what', () => {
  it('answers 401 on a staff route without staff or session', async () => {
    const http = makeHttp();
    const res = await http.send('GET', '/clients');
    expect(res.json).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('answers 403 when a signed-in client calls a staff route', async () => {
    const http = makeHttp();
    const { headers } = await http.signedInClient();
    for (const [method, path] of [['GET', '/clients'], ['GET', '/projects'], ['GET', '/audit'], ['PUT', '/roles/x']] as const) {
      expect((await http.send(method, path, { headers, body: method === 'PUT' ? { name: 'x', permissions: [] } : undefined })).status).toBe(403);
    }
  });

  it('answers 404 to staff of another tenant, as if the record did not exist', async () => {
    const http = makeHttp();
    const { client } = await http.invite();
    const missing = await http.send('GET', '/clients/cl_does_not_exist', { headers: asBob });
    const foreign = await http.send('GET', `/clients/${client.id}`, { headers: asBob });
    expect(foreign.status).toBe(404);
    expect(foreign.json.title).toBe(missing.json.title);
    expect((await http.send('PATCH', `/clients/${client.id}`, { body: { name: 'x' }, headers: asBob })).status).toBe(404);
    expect((await http.send('POST', `/clients/${client.id}/invite`, { headers: asBob })).status).toBe(404);
    expect((await http.send('DELETE', `/clients/${client.id}/projects/p-maple`, { headers: asBob })).status).toBe(404);
    // Globex has its own p-maple: Acme's shares are invisible there.
    await http.send('POST', '/projects/p-maple/shares', { body: { resources: [{ module: 'documents', id: 'd-contracts', kind: 'folder' }] }, headers: asAlice });
    expect((await http.send('GET', '/projects/p-maple/shares', { headers: asBob })).json).toEqual([]);
  });

  it('answers 401 on client routes for staff and for ended sessions', async () => {
    const http = makeHttp();
    expect((await http.send('GET', '/portal/projects', { headers: asAlice })).status).toBe(401);
    const { client, headers } = await http.signedInClient();
    await http.send('PATCH', `/clients/${client.id}`, { body: { portalAccess: false }, headers: asAlice });
    expect((await http.send('GET', '/me', { headers })).json).toMatchObject({ status: 401, code: 'session_invalid' });
  });

  it('revokes at once: the next request after unshare cannot see the item', async () => {
    const http = makeHttp();
    const { headers } = await http.signedInClient();
    const [share] = (await http.send('POST', '/projects/p-maple/shares', { body: { resources: [{ module: 'drawings', id: 'dr-a101', kind: 'item' }] }, headers: asAlice })).json;
    expect((await http.send('GET', '/portal/projects/p-maple/drawings/dr-a101', { headers })).status).toBe(200);
    await http.send('DELETE', `/projects/p-maple/shares/${share.id}`, { headers: asAlice });
    expect((await http.send('GET', '/portal/projects/p-maple/drawings/dr-a101', { headers })).status).toBe(404);
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Secure and scoped to the base path on accept and sign-in', async () => {
    const http = makeHttp();
    const { token } = await http.invite();
    const accepted = await http.send('POST', `/invites/${token}/accept`, { body: { password: PASSWORD } });
    const cookie = accepted.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^sitegate_session=[^;]+; Path=\/api\/portal; Max-Age=\d+; Expires=[^;]+; HttpOnly; SameSite=Lax; Secure$/);
    expect(cookie).toContain(encodeURIComponent(accepted.json.session.token));
    const signedIn = await http.send('POST', '/session', { body: { tenantId: 'acme', email: 'dana@example.com', password: PASSWORD } });
    expect(signedIn.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax; Secure/);
  });

  it('leaves Secure off only when told, and honours name and domain', async () => {
    const http = makeHttp({ cookie: { secure: false, name: 'portal_sid', domain: 'builder.example' } });
    const { token } = await http.invite();
    const cookie = (await http.send('POST', `/invites/${token}/accept`, { body: { password: PASSWORD } })).headers.get('set-cookie')!;
    expect(cookie).toMatch(/^portal_sid=/);
    expect(cookie).not.toContain('Secure');
    expect(cookie).toContain('Domain=builder.example');
  });

  it('authenticates GETs by cookie alone', async () => {
    const http = makeHttp();
    const { session } = await http.signedInClient();
    const me = await http.send('GET', '/me', { headers: { cookie: `other=1; sitegate_session=${encodeURIComponent(session)}` } });
    expect(me.status).toBe(200);
  });
});

describe('CSRF: cookie-authenticated mutations need a trusted Origin', () => {
  it('refuses a cookie mutation without Origin or from another site, and allows its own origin', async () => {
    const http = makeHttp();
    const { session } = await http.signedInClient();
    const cookie = `sitegate_session=${encodeURIComponent(session)}`;
    const none = await http.send('DELETE', '/session', { headers: { cookie } });
    expect(none.json).toMatchObject({ status: 403, code: 'forbidden' });
    const evil = await http.send('DELETE', '/session', { headers: { cookie, origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect((await http.send('GET', '/me', { headers: { cookie } })).status).toBe(200);
    const own = await http.send('DELETE', '/session', { headers: { cookie, origin: ORIGIN } });
    expect(own.status).toBe(204);
    expect((await http.send('GET', '/me', { headers: { cookie } })).status).toBe(401);
  });

  it('applies to staff mutations carried by cookies, and accepts trustedOrigins and Referer', async () => {
    const http = makeHttp({ trustedOrigins: ['https://builder.example/'] });
    const body = { email: 'x@example.com', projectIds: [] };
    const staffCookie = { ...asAlice, cookie: 'host_session=abc' };
    expect((await http.send('POST', '/clients', { body, headers: { ...staffCookie, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await http.send('POST', '/clients', { body, headers: { ...staffCookie, origin: 'https://builder.example' } })).status).toBe(201);
    expect((await http.send('POST', '/clients', { body, headers: { ...staffCookie, referer: 'https://builder.example/clients' } })).status).toBe(201);
    expect((await http.send('POST', '/clients', { body, headers: { ...staffCookie, origin: 'null' } })).status).toBe(403);
    // Header-authenticated requests carry no ambient authority.
    expect((await http.send('POST', '/clients', { body, headers: { ...asAlice, origin: 'https://evil.example' } })).status).toBe(201);
  });
});

describe('rate limits', () => {
  it('limits sign-in per IP and email with 429 and Retry-After', async () => {
    let now = 0;
    const http = makeHttp({ rateLimit: { limiter: memoryRateLimiter({ limit: 3, windowSeconds: 60, now: () => now }) } });
    await http.signedInClient();
    const attempt = (email = 'dana@example.com', password = 'wrong password') => http.send('POST', '/session', { body: { tenantId: 'acme', email, password } });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.json).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 60 });
    // The right password does not get through either, while limited; another email does.
    expect((await attempt('dana@example.com', PASSWORD)).status).toBe(429);
    expect((await attempt('DANA@example.com ', PASSWORD)).status).toBe(429);
    expect((await attempt('other@example.com')).status).toBe(401);
    now += 60_000;
    expect((await attempt('dana@example.com', PASSWORD)).status).toBe(201);
  });

  it('limits accepting per token', async () => {
    const http = makeHttp({ rateLimit: { limiter: memoryRateLimiter({ limit: 2, windowSeconds: 900 }) } });
    const { token } = await http.invite();
    for (let i = 0; i < 2; i++) expect((await http.send('POST', '/invites/garbage.token/accept', { body: { password: PASSWORD } })).status).toBe(404);
    expect((await http.send('POST', '/invites/garbage.token/accept', { body: { password: PASSWORD } })).status).toBe(429);
    expect((await http.send('POST', `/invites/${token}/accept`, { body: { password: PASSWORD } })).status).toBe(201);
  });

  it('limits sign-in per address across emails, so cycling emails does not help', async () => {
    const http = makeHttp({ rateLimit: { limiter: memoryRateLimiter() } });
    const attempt = (i: number) => http.send('POST', '/session', { body: { tenantId: 'acme', email: `guess${i}@example.com`, password: 'wrong password' } });
    for (let i = 0; i < 100; i++) expect((await attempt(i)).status).toBe(401);
    expect((await attempt(100)).status).toBe(429);
  });

  it('keeps a blocked key blocked while other keys flood a full limiter', () => {
    let now = 0;
    const limiter = memoryRateLimiter({ limit: 2, windowSeconds: 60, maxKeys: 5, now: () => now });
    for (let i = 0; i < 3; i++) limiter.hit('victim');
    expect(limiter.hit('victim')).toMatchObject({ allowed: false });
    for (let i = 0; i < 50; i++) limiter.hit(`other-${i}`);
    expect(limiter.hit('victim')).toMatchObject({ allowed: false });
    now += 60_000; // windows that ended are forgotten first
    expect(limiter.hit('victim')).toMatchObject({ allowed: true });
    expect(limiter.hit('per-call', { limit: 1, windowSeconds: 10 })).toMatchObject({ allowed: true });
    expect(limiter.hit('per-call', { limit: 1, windowSeconds: 10 })).toMatchObject({ allowed: false, retryAfterSeconds: 10 });
  });

  it('can be switched off', async () => {
    const http = makeHttp({ rateLimit: false });
    for (let i = 0; i < 15; i++) {
      expect((await http.send('POST', '/session', { body: { tenantId: 'acme', email: 'a@example.com', password: 'x' } })).status).toBe(401);
    }
  });
});
