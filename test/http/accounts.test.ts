import { describe, expect, it } from 'vitest';
import { createPortalClient } from 'sitegate/client';
import { createMockPortal } from 'sitegate/mocks';
import { TENANT_A } from '../../src/testing/fixtures.js';
import { asAlice, asBob, makeHttp, PASSWORD } from './support.js';

const NEW_PASSWORD = 'new staple of the portal';
const byIp = () => makeHttp({ clientIp: (request) => request.headers.get('x-test-ip') ?? 'unknown' });

describe('account routes', () => {
  it('POST /password/forgot answers 202 with no body for known and unknown emails, 422 for a bad one', async () => {
    const http = makeHttp();
    await http.signedInClient();
    for (const email of ['dana@example.com', 'nobody@example.com']) {
      const response = await http.send('POST', '/password/forgot', { body: { tenantId: TENANT_A, email } });
      expect(response.status).toBe(202);
      expect(response.json).toBeUndefined();
    }
    const bad = await http.send('POST', '/password/forgot', { body: { tenantId: TENANT_A, email: 'nope' } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toEqual(['email']);
    await http.portal.outbox.flush();
    expect(http.mail.messages.filter((m) => m.to === 'nobody@example.com')).toEqual([]);
    expect(http.lastLinkToken('dana@example.com', 'reset')).toBeDefined();
  });

  it('resets through inspect and reset: a session cookie, the other sessions end, the lock-out lifts', async () => {
    const http = byIp();
    const { headers } = await http.signedInClient();
    // 50 wrong passwords from 50 addresses lock the account (per-account limit).
    for (let i = 0; i < 50; i++) {
      const r = await http.send('POST', '/session', { body: { tenantId: TENANT_A, email: 'dana@example.com', password: 'wrong password!' }, headers: { 'x-test-ip': `10.0.0.${i}` } });
      expect(r.status).toBe(401);
    }
    const locked = await http.send('POST', '/session', { body: { tenantId: TENANT_A, email: 'dana@example.com', password: PASSWORD }, headers: { 'x-test-ip': '10.0.1.1' } });
    expect(locked.status).toBe(429);

    await http.send('POST', '/password/forgot', { body: { tenantId: TENANT_A, email: 'dana@example.com' } });
    await http.portal.outbox.flush();
    const token = http.lastLinkToken('dana@example.com', 'reset')!;
    const inspected = await http.send('POST', '/password/inspect', { body: { token } });
    expect(inspected).toMatchObject({ status: 200, json: { status: 'pending', email: 'dana@example.com' } });
    const weak = await http.send('POST', '/password/reset', { body: { token, password: 'password' } });
    expect(weak.status).toBe(422);
    expect(weak.json.errors[0].path).toEqual(['password']);
    const reset = await http.send('POST', '/password/reset', { body: { token, password: NEW_PASSWORD } });
    expect(reset.status).toBe(201);
    expect(reset.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(reset.json.client.email).toBe('dana@example.com');
    expect((await http.send('GET', '/me', { headers })).status).toBe(401);
    const again = await http.send('POST', '/password/reset', { body: { token, password: NEW_PASSWORD } });
    expect(again).toMatchObject({ status: 409, json: { code: 'link_used' } });
    const signIn = await http.send('POST', '/session', { body: { tenantId: TENANT_A, email: 'dana@example.com', password: NEW_PASSWORD }, headers: { 'x-test-ip': '10.0.1.2' } });
    expect(signIn.status).toBe(201);
  });

  it('does not count a password too short or too common against a link’s tries: it says nothing about the token', async () => {
    const http = makeHttp();
    const short = (path: string, token: string, i: number) => http.send('POST', path, { body: { token, password: i % 2 ? 'short' : 'password123' } });
    const { token: inviteToken } = await http.invite('erin@example.com');
    for (let i = 0; i < 12; i++) expect(await short('/invites/accept', inviteToken, i)).toMatchObject({ status: 422, json: { errors: [{ path: ['password'] }] } });
    expect((await http.send('POST', '/invites/accept', { body: { token: inviteToken, password: PASSWORD } })).status).toBe(201);

    await http.send('POST', '/password/forgot', { body: { tenantId: TENANT_A, email: 'erin@example.com' } });
    await http.portal.outbox.flush();
    const resetToken = http.lastLinkToken('erin@example.com', 'reset')!;
    for (let i = 0; i < 12; i++) expect((await short('/password/reset', resetToken, i)).status).toBe(422);
    expect((await http.send('POST', '/password/reset', { body: { token: resetToken, password: NEW_PASSWORD } })).status).toBe(201);

    const { client } = await http.signedInClient();
    await http.send('PATCH', `/clients/${client.id}`, { body: { email: 'dana.new@example.com' }, headers: asAlice });
    await http.portal.outbox.flush();
    const confirmToken = http.lastLinkToken('dana.new@example.com', 'confirm-email')!;
    for (let i = 0; i < 12; i++) expect((await short('/email/confirm', confirmToken, i)).status).toBe(422);
    expect((await http.send('POST', '/email/confirm', { body: { token: confirmToken, password: NEW_PASSWORD } })).status).toBe(201);
    // Guesses at a token are still counted: a wrong token with a good password uses up tries.
    for (let i = 0; i < 10; i++) expect((await http.send('POST', '/password/reset', { body: { token: 'guess', password: NEW_PASSWORD } })).status).toBe(404);
    expect((await http.send('POST', '/password/reset', { body: { token: 'guess', password: NEW_PASSWORD } })).status).toBe(429);
    expect(http.errors).toEqual([]);
  });

  it('limits reset requests per account across addresses, and per address', async () => {
    const http = byIp();
    await http.signedInClient();
    const ask = (ip: string, email = 'dana@example.com') => http.send('POST', '/password/forgot', { body: { tenantId: TENANT_A, email }, headers: { 'x-test-ip': ip } });
    for (let i = 0; i < 5; i++) expect((await ask(`10.1.0.${i}`)).status).toBe(202);
    expect((await ask('10.1.0.99')).status).toBe(429);
    // Another account from a fresh address is untouched.
    expect((await ask('10.1.0.98', 'eve@example.com')).status).toBe(202);
    for (let i = 0; i < 30; i++) await ask('10.2.0.1', `u${i}@example.com`);
    expect((await ask('10.2.0.1', 'last@example.com')).status).toBe(429);
  });

  it('answers bogus tokens like unknown ones and keeps them out of the URL', async () => {
    const http = makeHttp();
    expect(await http.send('POST', '/password/inspect', { body: { token: 'garbage' } })).toMatchObject({ status: 200, json: { status: 'cancelled' } });
    expect(await http.send('POST', '/email/inspect', { body: { token: 'garbage' } })).toMatchObject({ status: 200, json: { status: 'cancelled' } });
    expect(await http.send('POST', '/password/reset', { body: { token: 'garbage', password: NEW_PASSWORD } })).toMatchObject({ status: 404, json: { code: 'link_invalid' } });
    expect(await http.send('POST', '/session/link/accept', { body: { token: 'garbage' } })).toMatchObject({ status: 404, json: { code: 'link_invalid' } });
    expect(await http.send('POST', '/email/confirm', { body: { token: 'x'.repeat(3000) } })).toMatchObject({ status: 422 });
    expect((await http.send('POST', '/password/reset', { body: { token: 'garbage', password: NEW_PASSWORD, extra: 1 } })).status).toBe(422);
    expect(http.errors).toEqual([]);
  });

  it('signs in with a link when the tenant allows it, and signs out everywhere', async () => {
    const http = makeHttp();
    http.settings[TENANT_A]!.signInMethods = ['password', 'link'];
    const { headers } = await http.signedInClient();
    expect((await http.send('POST', '/session/link', { body: { tenantId: TENANT_A, email: 'dana@example.com' } })).status).toBe(202);
    await http.portal.outbox.flush();
    const token = http.lastLinkToken('dana@example.com', 'sign-in-link')!;
    const signedIn = await http.send('POST', '/session/link/accept', { body: { token } });
    expect(signedIn.status).toBe(201);
    const linkHeaders = { authorization: `Bearer ${signedIn.json.session.token}` };
    expect((await http.send('GET', '/me', { headers: linkHeaders })).status).toBe(200);
    const out = await http.send('DELETE', '/sessions', { headers: linkHeaders });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/i);
    expect((await http.send('GET', '/me', { headers: linkHeaders })).status).toBe(401);
    expect((await http.send('GET', '/me', { headers })).status).toBe(401);
    expect((await http.send('DELETE', '/sessions')).status).toBe(401);
  });

  it('limits staff-sent resets per account, apart from the anonymous requests for the address', async () => {
    const http = makeHttp();
    const { client } = await http.signedInClient();
    // Five anonymous requests use up the account's count for them, not staff's.
    for (let i = 0; i < 5; i++) expect((await http.send('POST', '/password/forgot', { body: { tenantId: TENANT_A, email: 'dana@example.com' } })).status).toBe(202);
    expect((await http.send('POST', '/password/forgot', { body: { tenantId: TENANT_A, email: 'dana@example.com' } })).status).toBe(429);
    for (let i = 0; i < 5; i++) expect((await http.send('POST', `/clients/${client.id}/password-reset`, { headers: asAlice })).status).toBe(200);
    const refused = await http.send('POST', `/clients/${client.id}/password-reset`, { headers: asAlice });
    expect(refused).toMatchObject({ status: 429, json: { code: 'rate_limited' } });
    await http.portal.outbox.flush();
    // Each newer link superseded the one before it, before its mail went out: one email, the last link.
    expect(http.mail.messages.filter((m) => m.to === 'dana@example.com' && /reset/i.test(m.subject))).toHaveLength(1);
    // Another tenant's staff learn nothing and use up nothing.
    expect((await http.send('POST', `/clients/${client.id}/password-reset`, { headers: asBob })).status).toBe(404);
  });

  it('lets staff send a reset, archive, restore and correct an email; other tenants get 404', async () => {
    const http = makeHttp();
    const { client } = await http.signedInClient();
    await http.signedInClient('eve@example.com');
    expect((await http.send('POST', `/clients/${client.id}/password-reset`, { headers: asAlice })).status).toBe(200);
    expect((await http.send('POST', `/clients/${client.id}/archive`, { headers: asBob })).status).toBe(404);
    const conflict = await http.send('PATCH', `/clients/${client.id}`, { body: { email: 'eve@example.com' }, headers: asAlice });
    expect(conflict).toMatchObject({ status: 409, json: { code: 'conflict' } });
    const changed = await http.send('PATCH', `/clients/${client.id}`, { body: { email: 'dana.new@example.com' }, headers: asAlice });
    expect(changed).toMatchObject({ status: 200, json: { email: 'dana@example.com', pendingEmail: 'dana.new@example.com' } });
    await http.portal.outbox.flush();
    const confirmToken = http.lastLinkToken('dana.new@example.com', 'confirm-email');
    // Looking at the link names the address it confirms and uses nothing up.
    expect(await http.send('POST', '/email/inspect', { body: { token: confirmToken } })).toMatchObject({ status: 200, json: { status: 'pending', email: 'dana.new@example.com' } });
    // The password chosen with the address is checked like any other: a 422 naming it, the link still good.
    const weak = await http.send('POST', '/email/confirm', { body: { token: confirmToken, password: 'short' } });
    expect(weak).toMatchObject({ status: 422, json: { code: 'validation_failed', errors: [{ path: ['password'] }] } });
    const stray = await http.send('POST', '/email/confirm', { body: { token: confirmToken, admin: true } });
    expect(stray).toMatchObject({ status: 422 });
    const confirmed = await http.send('POST', '/email/confirm', { body: { token: confirmToken, password: 'a new long passphrase 7' } });
    expect(confirmed).toMatchObject({ status: 201, json: { client: { email: 'dana.new@example.com' } } });
    expect(await http.send('POST', '/email/inspect', { body: { token: confirmToken } })).toMatchObject({ status: 200, json: { status: 'used' } });
    const signIn = (password: string) => http.send('POST', '/session', { body: { tenantId: 'acme', email: 'dana.new@example.com', password } });
    expect((await signIn('a new long passphrase 7')).status).toBe(201);
    const archived = await http.send('POST', `/clients/${client.id}/archive`, { headers: asAlice });
    expect(archived).toMatchObject({ status: 200, json: { status: 'archived' } });
    const listed = await http.send('GET', '/clients?status=archived', { headers: asAlice });
    expect(listed.json.items.map((c: { id: string }) => c.id)).toEqual([client.id]);
    // Restoring leaves access off, so access switched on while archived would be lost: refused,
    // saying why, and nothing changes. A rename is kept.
    const switchedOn = await http.send('PATCH', `/clients/${client.id}`, { body: { name: 'Dana R.', portalAccess: true }, headers: asAlice });
    expect(switchedOn).toMatchObject({ status: 409, json: { code: 'conflict', reason: 'client_archived', detail: 'This client is archived; restore it before switching portal access on.' } });
    expect((await http.send('GET', `/clients/${client.id}`, { headers: asAlice })).json).toMatchObject({ status: 'archived', name: 'Dana Client' });
    expect(await http.send('PATCH', `/clients/${client.id}`, { body: { name: 'Dana R.' }, headers: asAlice })).toMatchObject({ status: 200, json: { name: 'Dana R.', status: 'archived' } });
    const restored = await http.send('POST', `/clients/${client.id}/restore`, { headers: asAlice });
    expect(restored).toMatchObject({ status: 200, json: { status: 'disabled', portalAccess: false } });
    const added = await http.send('POST', '/clients', { body: { email: 'eve@example.com', projectIds: ['p-oak'] }, headers: asAlice });
    expect(added).toMatchObject({ status: 201, json: { created: false } });
  });
});

describe('the typed client and the mock portal', () => {
  it('expose the account methods, with the dev mail carrying reset and sign-in links', async () => {
    const mock = createMockPortal({ handler: { rateLimit: false } });
    await mock.ready;
    const client = createPortalClient({ baseUrl: 'http://localhost/api/portal', fetch: (input, init) => mock.handle(new Request(input as RequestInfo, init)) });
    expect(await client.passwords.requestReset({ tenantId: TENANT_A, email: 'dana@example.com' })).toBeUndefined();
    const token = mock.accountLinkToken('dana@example.com', 'password-reset')!;
    expect(await client.passwords.inspect(token)).toEqual({ status: 'pending', email: 'dana@example.com' });
    const signedIn = await client.passwords.reset(token, { password: NEW_PASSWORD });
    expect(signedIn.client.email).toBe('dana@example.com');
    expect(client.token).toBe(signedIn.session.token);
    expect(await client.sessions.requestLink({ tenantId: TENANT_A, email: 'dana@example.com' })).toBeUndefined();
    const link = mock.accountLinkToken('dana@example.com', 'sign-in')!;
    expect((await client.sessions.signInWithLink(link)).client.email).toBe('dana@example.com');
    await client.sessions.signOutEverywhere();
    expect(client.token).toBeUndefined();
    const staff = createPortalClient({ baseUrl: 'http://localhost/api/portal', fetch: (input, init) => mock.handle(new Request(input as RequestInfo, init)) });
    const added = await staff.clients.add({ email: 'new@example.com', projectIds: ['p-maple'] });
    expect(added.created).toBe(true);
    expect((await staff.clients.archive(added.id)).status).toBe('archived');
    expect((await staff.clients.restore(added.id)).status).toBe('disabled');
    await expect(client.passwords.reset(token, { password: NEW_PASSWORD })).rejects.toMatchObject({ code: 'link_used', name: 'TokenError' });
    // A corrected address: its confirmation link is looked at, then used, through the client.
    await staff.clients.update(signedIn.client.id, { email: 'dana.new@example.com' });
    const confirm = mock.accountLinkToken('dana.new@example.com', 'confirm-email')!;
    expect(await client.emails.inspect(confirm)).toEqual({ status: 'pending', email: 'dana.new@example.com' });
    expect((await client.emails.confirm(confirm, { password: 'a new long passphrase 8' })).client.email).toBe('dana.new@example.com');
    expect(await client.emails.inspect(confirm)).toEqual({ status: 'used' });
  });
});
