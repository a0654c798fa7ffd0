import { describe, expect, it } from 'vitest';
import { memoryRateLimiter, signInAccountKey } from 'sitegate/server';
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
    expect((await http.send('GET', '/projects/p-maple/shares', { headers: asBob })).json).toEqual({ items: [], nextCursor: null });
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
    const accepted = await http.send('POST', '/invites/accept', { body: { token, password: PASSWORD } });
    const cookie = accepted.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^sitegate_session=[^;]+; Path=\/api\/portal; Max-Age=\d+; Expires=[^;]+; HttpOnly; SameSite=Lax; Secure$/);
    expect(cookie).toContain(encodeURIComponent(accepted.json.session.token));
    const signedIn = await http.send('POST', '/session', { body: { tenantId: 'acme', email: 'dana@example.com', password: PASSWORD } });
    expect(signedIn.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax; Secure/);
  });

  it('leaves Secure off only when told, and honours name and domain', async () => {
    const http = makeHttp({ cookie: { secure: false, name: 'portal_sid', domain: 'builder.example' } });
    const { token } = await http.invite();
    const cookie = (await http.send('POST', '/invites/accept', { body: { token, password: PASSWORD } })).headers.get('set-cookie')!;
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

  describe('sent more than once (a planted cookie, or one left by a moved domain)', () => {
    const both = (...tokens: string[]) => ({ cookie: tokens.map((t) => `sitegate_session=${encodeURIComponent(t)}`).join('; ') });
    const me = (http: ReturnType<typeof makeHttp>, headers: Record<string, string>) => http.send('GET', '/me', { headers });

    it('refuses sessions of two clients and ends both: a planted session never stands in for the person', async () => {
      const http = makeHttp();
      const dana = await http.signedInClient('dana@example.com');
      const eve = await http.signedInClient('eve@example.com');
      // Eve's cookie planted with a longer path is sent first.
      const answer = await me(http, both(eve.session, dana.session));
      expect(answer.status).toBe(401);
      expect(answer.json).toMatchObject({ code: 'session_invalid' });
      expect(await http.portal.sessions.resolve(eve.session)).toBeNull();
      expect(await http.portal.sessions.resolve(dana.session)).toBeNull();
      // Dana signs in again: Eve's cookie names no live session now, and Dana's new one works beside it.
      const again = await http.send('POST', '/session', { body: { tenantId: 'acme', email: 'dana@example.com', password: PASSWORD } });
      const fresh = again.json.session.token as string;
      expect((await me(http, both(eve.session, fresh))).json.client).toMatchObject({ email: 'dana@example.com' });
      expect(await http.handler.clientOf(new Request('https://builder.example/files/x', { headers: both(eve.session, fresh) }))).toMatchObject({ clientId: dana.client.id });
    });

    it('uses the one live session beside a stale cookie, whichever comes first', async () => {
      const http = makeHttp();
      const dana = await http.signedInClient('dana@example.com');
      const gone = await http.signedInClient('eve@example.com');
      await http.portal.sessions.signOut(gone.session);
      for (const headers of [both(gone.session, dana.session), both(dana.session, gone.session), both('not-a-token', dana.session)]) {
        expect((await me(http, headers)).json.client).toMatchObject({ email: 'dana@example.com' });
      }
    });

    it('signing out ends the session of every cookie sent', async () => {
      const http = makeHttp();
      const old = await http.signedInClient('dana@example.com');
      const again = await http.send('POST', '/session', { body: { tenantId: 'acme', email: 'dana@example.com', password: PASSWORD } });
      const current = again.json.session.token as string;
      expect((await http.send('DELETE', '/session', { headers: { ...both(current, old.session), origin: ORIGIN } })).status).toBe(204);
      expect(await http.portal.sessions.resolve(current)).toBeNull();
      expect(await http.portal.sessions.resolve(old.session)).toBeNull();
    });
  });
});

describe('CSRF: a read another site sends with the cookie records nothing', () => {
  it('refuses a cross-site navigation to a resource (no "viewed" receipt), and serves the page\'s own reads', async () => {
    const http = makeHttp({ trustedOrigins: ['https://builder.example'] });
    const { session } = await http.signedInClient();
    await http.send('POST', '/projects/p-maple/shares', { body: { resources: [{ module: 'documents', id: 'd-contracts', kind: 'folder' }] }, headers: asAlice });
    const cookie = `sitegate_session=${encodeURIComponent(session)}`;
    const open = (headers: Record<string, string>) => http.send('GET', '/portal/projects/p-maple/documents/d-permit', { headers: { cookie, ...headers } });
    const views = async () => ((await http.send('GET', '/projects/p-maple/receipts?module=documents&id=d-permit', { headers: asAlice })).json as { items: { views: number }[] }).items[0]?.views ?? 0;

    // A link on another site: the browser says cross-site and sends no Origin with a GET.
    const navigated = await open({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', referer: 'https://evil.example/' });
    expect(navigated.json).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await views()).toBe(0);
    // A sibling subdomain's link, and the feed too (a load is the client's visit).
    expect((await open({ 'sec-fetch-site': 'same-site', referer: 'https://blog.portal.test/' })).status).toBe(403);
    expect((await http.send('GET', '/portal/projects/p-maple', { headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(403);

    // The page's own reads, a trusted origin's, and a browser that sends no Sec-Fetch-Site are served.
    expect((await open({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect(await views()).toBe(1);
    expect((await open({ 'sec-fetch-site': 'cross-site', origin: 'https://builder.example' })).status).toBe(200);
    expect((await open({ 'sec-fetch-site': 'same-site', origin: 'https://builder.example' })).status).toBe(200);
    expect((await open({})).status).toBe(200);
    // A Bearer token is never sent by another site on its own.
    const bearer = await http.send('GET', '/portal/projects/p-maple/documents/d-permit', { headers: { authorization: `Bearer ${session}`, 'sec-fetch-site': 'cross-site' } });
    expect(bearer.status).toBe(200);
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
    // The 403 says what the handler saw and what it expected, so a host can tell a missing Origin
    // (a server-side caller) from an https page behind a proxy that speaks http to the handler.
    expect(none.json.detail).toContain(`this API's origin (${ORIGIN}) or one in trustedOrigins`);
    expect(none.json.detail).toContain('no Origin or Referer header');
    expect(evil.json.detail).toContain('its Origin is https://evil.example');
    const referred = await http.send('DELETE', '/session', { headers: { cookie, referer: 'https://evil.example/page?x=1' } });
    expect(referred.json.detail).toContain('its Referer is on https://evil.example.');
    const sandboxed = await http.send('DELETE', '/session', { headers: { cookie, origin: 'null' } });
    expect(sandboxed.json.detail).toContain('its Origin is null');
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
    // An opaque origin (a sandboxed frame, a data: URL) is no page of ours, whatever its Referer says.
    expect((await http.send('POST', '/clients', { body, headers: { ...staffCookie, origin: 'null', referer: 'https://builder.example/clients' } })).status).toBe(403);
    // Header-authenticated requests carry no ambient authority.
    expect((await http.send('POST', '/clients', { body, headers: { ...asAlice, origin: 'https://evil.example' } })).status).toBe(201);
  });

  it('still checks a cookie request that also carries an Authorization header the browser may add itself', async () => {
    // Used to pass: any Authorization header skipped the check while the session came from the cookie.
    const http = makeHttp();
    const { session } = await http.signedInClient();
    const cookie = `sitegate_session=${encodeURIComponent(session)}`;
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnag', 'Digest username="u"', 'Bearer', 'Bearer a b']) {
      const refused = await http.send('DELETE', '/session', { headers: { cookie, authorization, origin: 'https://evil.example' } });
      expect(refused.json, authorization).toMatchObject({ status: 403, code: 'forbidden' });
      expect((await http.send('DELETE', '/session', { headers: { cookie, authorization } })).status, authorization).toBe(403);
    }
    expect((await http.send('GET', '/me', { headers: { cookie } })).status).toBe(200);
    const own = await http.send('DELETE', '/session', { headers: { cookie, authorization: 'Basic dXNlcjpwYXNz', origin: ORIGIN } });
    expect(own.status).toBe(204);
    expect((await http.send('GET', '/me', { headers: { cookie } })).status).toBe(401);
  });

  it('checks Bearer requests that carry a cookie too, and passes Bearer alone', async () => {
    const http = makeHttp();
    const { session, headers: bearer } = await http.signedInClient();
    const cookie = `sitegate_session=${encodeURIComponent(session)}`;
    const both = await http.send('DELETE', '/session', { headers: { ...bearer, cookie, origin: 'https://evil.example' } });
    expect(both.status).toBe(403);
    expect((await http.send('DELETE', '/session', { headers: { ...bearer, cookie: 'host_session=abc', origin: 'https://evil.example' } })).status).toBe(403);
    expect((await http.send('GET', '/me', { headers: bearer })).status).toBe(200);
    // A Bearer token is never attached by a browser on its own: with no cookie there is nothing to forge.
    expect((await http.send('DELETE', '/session', { headers: { ...bearer, origin: 'https://evil.example' } })).status).toBe(204);
    expect((await http.send('GET', '/me', { headers: bearer })).status).toBe(401);
  });

  it('checks a staff mutation authenticated by credentials the browser attaches itself, cookie or not', async () => {
    const http = makeHttp();
    const body = { email: 'y@example.com', projectIds: [] };
    const basic = { ...asAlice, authorization: 'Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnag' };
    expect((await http.send('POST', '/clients', { body, headers: { ...basic, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await http.send('POST', '/clients', { body, headers: { ...basic, cookie: 'host_session=abc' } })).status).toBe(403);
    expect((await http.send('POST', '/clients', { body, headers: { ...basic, origin: ORIGIN } })).status).toBe(201);
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

  it('counts only the failures since the last successful sign-in from that address', async () => {
    const http = makeHttp({ rateLimit: { limiter: memoryRateLimiter({ limit: 3, windowSeconds: 900 }) } });
    await http.signedInClient();
    const attempt = (password: string) => http.send('POST', '/session', { body: { tenantId: 'acme', email: 'dana@example.com', password } });
    // Two slips, then the right password, many times over: a client signing in again and again
    // (several devices, or after signing out) is never refused with the right password.
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 2; i++) expect((await attempt('wrong password')).status).toBe(401);
      expect((await attempt(PASSWORD)).status).toBe(201);
    }
    // Failures still count up to the limit.
    for (let i = 0; i < 3; i++) expect((await attempt('wrong password')).status).toBe(401);
    expect((await attempt(PASSWORD)).status).toBe(429);
  });

  it('keys an account by its tenant id as given (ids are case-sensitive) and its email normalised', () => {
    expect(signInAccountKey('Acme', 'dana@example.com')).not.toBe(signInAccountKey('acme', 'dana@example.com'));
    expect(signInAccountKey('acme', ' Dana@Example.com ')).toBe(signInAccountKey('acme', 'dana@example.com'));
  });

  it('limits accepting per token', async () => {
    const http = makeHttp({ rateLimit: { limiter: memoryRateLimiter({ limit: 2, windowSeconds: 900 }) } });
    const { token } = await http.invite();
    for (let i = 0; i < 2; i++) expect((await http.send('POST', '/invites/accept', { body: { token: 'garbage.token', password: PASSWORD } })).status).toBe(404);
    expect((await http.send('POST', '/invites/accept', { body: { token: 'garbage.token', password: PASSWORD } })).status).toBe(429);
    expect((await http.send('POST', '/invites/accept', { body: { token, password: PASSWORD } })).status).toBe(201);
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

describe('sign-in limits: eviction, lock-out, address grouping', () => {
  const byIp = (r: Request) => r.headers.get('x-test-ip') ?? undefined;

  async function withAccount(options: Parameters<typeof makeHttp>[0] = {}) {
    const http = makeHttp({ clientIp: byIp, ...options });
    const dana = await http.signedInClient('dana@example.com');
    const signIn = (password: string, ip = '203.0.113.7', email = 'dana@example.com') =>
      http.send('POST', '/session', { body: { tenantId: 'acme', email, password }, headers: { 'x-test-ip': ip } });
    return { http, dana, signIn };
  }

  it('10 wrong sign-ins, 10,050 bogus accepts from the same address, then 10 more wrong sign-ins: all 10 refused', async () => {
    // Used to fail: the sign-in key sat at exactly its limit, counted as under it, and the bogus
    // accepts' keys pushed it out of the full limiter, so the next 10 guesses got 401 again.
    const { http, signIn } = await withAccount({ rateLimit: { limiter: memoryRateLimiter({ maxKeys: 10_000 }) } });
    for (let i = 0; i < 10; i++) expect((await signIn(`guess ${i}`)).status).toBe(401);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 10_050; i++) {
      const r = await http.send('POST', '/invites/accept', { body: { token: `garbage-${i}.x`, password: PASSWORD }, headers: { 'x-test-ip': '203.0.113.7' } });
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
    // Bogus accepts are limited per address too: most are refused long before they end.
    expect(statuses.get(429)).toBeGreaterThan(9_000);
    for (let i = 0; i < 10; i++) expect((await signIn(`guess ${10 + i}`)).status).toBe(429);
  }, 120_000);

  it('a key at its limit survives a flood of other keys from many addresses through the handler', async () => {
    const { http, signIn } = await withAccount({ rateLimit: { limiter: memoryRateLimiter({ maxKeys: 500 }) } });
    for (let i = 0; i < 10; i++) expect((await signIn(`guess ${i}`)).status).toBe(401);
    for (let i = 0; i < 1_050; i++) {
      await http.send('POST', '/invites/accept', { body: { token: `garbage-${i}.x`, password: PASSWORD }, headers: { 'x-test-ip': `198.51.${i >> 8}.${i & 255}` } });
    }
    expect((await signIn(PASSWORD)).status).toBe(429);
  }, 60_000);

  it('locks an account out across addresses, answers like any rate limit, and staff unlock it', async () => {
    const { http, dana, signIn } = await withAccount();
    // 50 wrong guesses from 10 addresses, each under its per-address limit.
    for (let i = 0; i < 50; i++) expect((await signIn(`guess ${i}`, `192.0.2.${i % 10}`)).status).toBe(401);
    const locked = await signIn(PASSWORD, '192.0.2.200');
    expect(locked.status).toBe(429);
    expect(locked.json).toMatchObject({ code: 'rate_limited' });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // An unknown email is locked alike after as many tries: the lock-out tells nothing about who has an account.
    for (let i = 0; i < 50; i++) await signIn(`guess ${i}`, `192.0.2.${i % 10}`, 'nobody@example.com');
    expect((await signIn(PASSWORD, '192.0.2.201', 'nobody@example.com')).json).toEqual({ ...locked.json, requestId: expect.anything(), detail: expect.any(String), retryAfterSeconds: expect.any(Number) });
    // Staff of another tenant cannot unlock (404), the client itself cannot (403), and bodies are strict.
    expect((await http.send('POST', `/clients/${dana.client.id}/unlock`, { headers: asBob })).status).toBe(404);
    expect((await http.send('POST', `/clients/${dana.client.id}/unlock`, { headers: dana.headers })).status).toBe(403);
    expect((await http.send('POST', `/clients/${dana.client.id}/unlock`, { headers: asAlice, body: { all: true } })).status).toBe(422);
    expect((await signIn(PASSWORD, '192.0.2.202')).status).toBe(429);
    const unlocked = await http.send('POST', `/clients/${dana.client.id}/unlock`, { headers: asAlice });
    expect(unlocked.status).toBe(200);
    expect(unlocked.json).toMatchObject({ id: dana.client.id, email: 'dana@example.com' });
    expect((await signIn(PASSWORD, '192.0.2.203')).status).toBe(201);
  });

  it('counts consecutive failures: a successful sign-in starts the count again', async () => {
    const { signIn } = await withAccount();
    for (let i = 0; i < 45; i++) expect((await signIn(`guess ${i}`, `192.0.2.${i % 9}`)).status).toBe(401);
    expect((await signIn(PASSWORD, '192.0.2.100')).status).toBe(201);
    for (let i = 0; i < 45; i++) expect((await signIn(`guess ${i}`, `192.0.2.${20 + (i % 9)}`)).status).toBe(401);
    expect((await signIn(PASSWORD, '192.0.2.101')).status).toBe(201);
  });

  it('groups IPv6 addresses by /64 and treats IPv4-mapped IPv6 as IPv4', async () => {
    const { signIn } = await withAccount();
    for (let i = 0; i < 10; i++) expect((await signIn(`guess ${i}`, `2001:db8:1:2::${(i + 1).toString(16)}`)).status).toBe(401);
    expect((await signIn(PASSWORD, '2001:db8:1:2:ffff:ffff:ffff:ffff')).status).toBe(429);
    expect((await signIn(PASSWORD, '2001:db8:1:3::1')).status).toBe(201);
    for (let i = 0; i < 10; i++) expect((await signIn(`guess ${i}`, '198.51.100.9')).status).toBe(401);
    expect((await signIn(PASSWORD, '::ffff:198.51.100.9')).status).toBe(429);
    expect((await signIn(PASSWORD, '::ffff:c633:6409')).status).toBe(429);
  });
});
