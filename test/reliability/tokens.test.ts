import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Portal, Storage } from 'sitegate';
import { memoryStorage } from 'sitegate/adapters/memory';
import { memoryRateLimiter } from 'sitegate/server';
import { staffA, TENANT_A, TENANT_B } from '../../src/testing/fixtures.js';
import { makeHttp, PASSWORD } from '../http/support.js';
import { makePortal } from '../support/make-portal.js';
import { sqlBackends, type SqlBackend } from './sql-backends.js';

const b64url = (text: string) => Buffer.from(text).toString('base64url');

/**
 * A full flow that mints every kind of token: invite, resend (a second invite token), accept
 * (a session), sign in (another session), sign out, and an invite still pending. Returns every
 * raw token it saw.
 */
async function fullFlow(env: ReturnType<typeof makePortal>): Promise<string[]> {
  const { portal } = env;
  const seen: string[] = [];
  const dana = await portal.clients.add(staffA, { email: 'dana@example.com', name: 'Dana', projectIds: ['p-maple'] });
  await portal.outbox.flush();
  seen.push(env.lastInviteToken('dana@example.com'));
  await portal.clients.sendInvite(staffA, dana.id);
  await portal.outbox.flush();
  const invite = env.lastInviteToken('dana@example.com');
  seen.push(invite);
  const accepted = await portal.invites.accept(invite, { password: PASSWORD });
  seen.push(accepted.session.token);
  const signedIn = await portal.sessions.signIn({ tenantId: TENANT_A, email: 'dana@example.com', password: PASSWORD });
  seen.push(signedIn.session.token);
  await portal.sessions.signOut(accepted.session.token);
  await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contracts', kind: 'folder' }]);
  await portal.updates.publish(staffA, 'p-maple', { body: 'Hello', resources: [{ module: 'photos', id: 'ph-1' }] });
  await portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
  await portal.outbox.flush();
  seen.push(env.lastInviteToken('eve@example.com'));
  expect(new Set(seen).size).toBe(5);
  return seen;
}

/** Every form a leaked token could take in a row: whole, its secret part, URL-encoded, hex or base64 of the secret. */
function forms(token: string): string[] {
  const secret = token.split('.')[1]!;
  const bytes = Buffer.from(secret, 'base64url');
  return [token, secret, encodeURIComponent(token), bytes.toString('hex'), bytes.toString('base64')];
}

function expectNoToken(haystack: string, tokens: string[], where: string) {
  for (const token of tokens) for (const form of forms(token)) expect(haystack.includes(form), `${where} holds a raw token (${form.slice(0, 8)}…)`).toBe(false);
}

/** Everything the memory store will give back, through every list and get method it has. */
async function readAll(storage: Storage, portal: Portal): Promise<string> {
  const parts: unknown[] = [];
  for (const tenantId of [TENANT_A, TENANT_B]) {
    const clients = (await storage.listClients(tenantId, { limit: 1000, now: new Date() })).items;
    const jobs = await storage.listMailJobs(tenantId);
    parts.push(clients, jobs, await storage.listRoles(tenantId), (await storage.listAudit(tenantId, { limit: 1000 })).items);
    for (const c of clients) parts.push(await storage.getAccount(tenantId, c.id));
    for (const j of jobs) parts.push(await storage.getInvite(tenantId, j.inviteId), await storage.getMailJob(tenantId, j.id));
    for (const p of ['p-maple', 'p-harbor', 'p-oak']) parts.push(await storage.listShares(tenantId, p), (await storage.listUpdates(tenantId, p, { limit: 100 })).items);
  }
  parts.push((await portal.audit.list(staffA, { limit: 500 })).items);
  return JSON.stringify(parts);
}

describe('no raw token anywhere in storage', () => {
  it('memory: every list and get method after a full flow', async () => {
    const env = makePortal({ storage: memoryStorage() });
    const tokens = await fullFlow(env);
    const everything = await readAll(env.storage, env.portal);
    expect(everything).toContain('dana@example.com');
    expectNoToken(everything, tokens, 'memory storage');
  });

  describe.each(sqlBackends())('$name: every row of every table after a full flow', ({ open }) => {
    let backend: SqlBackend;
    beforeAll(async () => {
      backend = await open();
    });
    afterAll(() => backend?.close());

    it('holds no raw invite or session token', async () => {
      const env = makePortal({ storage: await backend.storage() });
      const tokens = await fullFlow(env);
      const { rows: tables } = await backend.query(`SELECT tablename FROM pg_tables WHERE schemaname = $1`, [backend.schema]);
      expect(tables.map((t) => t.tablename)).toEqual(expect.arrayContaining(['clients', 'invites', 'sessions', 'mail_jobs', 'audit']));
      let rowsSeen = 0;
      for (const { tablename } of tables) {
        const { rows } = await backend.query(`SELECT row_to_json(t)::text AS row FROM "${backend.schema}"."${String(tablename)}" t`);
        rowsSeen += rows.length;
        expectNoToken(rows.map((r) => String(r.row)).join('\n'), tokens, `table ${String(tablename)}`);
      }
      expect(rowsSeen).toBeGreaterThan(10);
      // The hashes are there instead: the store is not just empty.
      expect(Number((await backend.query(`SELECT count(*)::int AS n FROM "${backend.schema}".sessions`)).rows[0]!.n)).toBe(1);
    });
  });
});

/** Ways a token gets mangled in transit or by a guesser, each of which must be refused. */
function mangled(token: string): [string, string][] {
  const [tenant, secret] = token.split('.') as [string, string];
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  return [
    ['one character changed (start of secret)', `${tenant}.${flip(secret, 0)}`],
    ['one character changed (middle)', `${tenant}.${flip(secret, secret.length >> 1)}`],
    ['one character changed (last)', `${tenant}.${flip(secret, secret.length - 1)}`],
    ['one character changed (tenant part)', `${flip(tenant, 0)}.${secret}`],
    ['truncated by one', token.slice(0, -1)],
    ['truncated to half', token.slice(0, token.length >> 1)],
    ['extended by one', `${token}A`],
    ['extended by a padding', `${token}=`],
    ['another tenant prefixed', `${b64url(TENANT_B)}.${secret}`],
    ['another tenant prefixed before it', `${b64url(TENANT_B)}.${token}`],
    ['secret only', secret],
    ['upper-cased', token.toUpperCase()],
    ['whitespace around', ` ${token} `],
  ];
}

describe('tampered tokens over HTTP', () => {
  it('refuses every mangled invite token alike, and the real one still works', async () => {
    const http = makeHttp({ rateLimit: false });
    const { token } = await http.invite();
    const unknown = await http.send('POST', `/invites/${b64url(TENANT_A)}.${b64url('x'.repeat(32))}/accept`, { body: { password: PASSWORD } });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    for (const [how, bad] of mangled(token)) {
      const accept = await http.send('POST', `/invites/${encodeURIComponent(bad)}/accept`, { body: { password: PASSWORD } });
      expect({ how, status: accept.status, body: accept.json }).toEqual({ how, status: unknown.status, body: unknown.json });
      expect(accept.headers.get('set-cookie'), how).toBeNull();
      const inspect = await http.send('GET', `/invites/${encodeURIComponent(bad)}`);
      expect({ how, status: inspect.status, body: inspect.json }).toEqual({ how, status: 200, body: { status: 'cancelled' } });
    }
    expect((await http.send('GET', `/invites/${token}`)).json.status).toBe('pending');
    expect((await http.send('POST', `/invites/${token}/accept`, { body: { password: PASSWORD } })).status).toBe(201);
  });

  it('refuses every mangled session token, by Bearer and by cookie, and the real one still works', async () => {
    const http = makeHttp({ rateLimit: false });
    const { session } = await http.signedInClient();
    for (const [how, bad] of mangled(session)) {
      // Spaces around a header value are not part of it, so that case only applies to the cookie.
      const carriers: Record<string, string>[] = [{ cookie: `sitegate_session=${encodeURIComponent(bad)}` }];
      if (bad.trim() === bad) carriers.push({ authorization: `Bearer ${bad}` });
      for (const headers of carriers) {
        const me = await http.send('GET', '/me', { headers });
        expect({ how, status: me.status }).toEqual({ how, status: 401 });
        expect((await http.send('GET', '/portal/projects', { headers })).status, how).toBe(401);
      }
    }
    expect((await http.send('GET', '/me', { headers: { authorization: `Bearer ${session}` } })).status).toBe(200);
  });
});

describe('sign-in answers', () => {
  it('unknown email, wrong password and switched-off access are indistinguishable', async () => {
    const http = makeHttp({ rateLimit: false });
    const dana = await http.signedInClient('dana@example.com');
    const lee = await http.signedInClient('lee@example.com');
    await http.portal.clients.update(staffA, lee.client.id, { portalAccess: false });
    await http.invite('ivy@example.com'); // invited, never accepted: no password yet
    const attempt = async (email: string, password: string, tenantId = TENANT_A) => {
      const r = await http.send('POST', '/session', { body: { tenantId, email, password } });
      return { status: r.status, body: r.json, type: r.headers.get('content-type'), cookie: r.headers.get('set-cookie') };
    };
    const answers = {
      'unknown email': await attempt('nobody@example.com', PASSWORD),
      'wrong password': await attempt('dana@example.com', 'not the password'),
      'access switched off': await attempt('lee@example.com', PASSWORD),
      'invited, no account yet': await attempt('ivy@example.com', PASSWORD),
      'unknown tenant': await attempt('dana@example.com', PASSWORD, 'nowhere'),
      'other tenant': await attempt('dana@example.com', PASSWORD, TENANT_B),
    };
    expect(answers['wrong password'].status).toBe(401);
    expect(answers['wrong password'].cookie).toBeNull();
    for (const [how, answer] of Object.entries(answers)) expect({ how, ...answer }).toEqual({ how, ...answers['wrong password'] });
    expect(dana.session).toBeTruthy();
  });
});

describe('rate limits under a burst', () => {
  it('sign-in per IP and email: of 60 concurrent attempts exactly the limit get through, then even the right password waits', async () => {
    const http = makeHttp({ rateLimit: { limiter: memoryRateLimiter({ limit: 5, windowSeconds: 60 }) }, clientIp: (r) => r.headers.get('x-test-ip') ?? undefined });
    await http.signedInClient('dana@example.com');
    const attempt = (password: string, ip = '203.0.113.7', email = 'dana@example.com') =>
      http.send('POST', '/session', { body: { tenantId: TENANT_A, email, password }, headers: { 'x-test-ip': ip } });
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(i === 59 ? PASSWORD : `guess ${i}`)));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s !== 429)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(55);
    expect((await attempt(PASSWORD)).status).toBe(429);
    // Case and spaces in the email do not open a new window; another IP, or another email, has its own.
    for (const email of ['DANA@example.com', ' dana@EXAMPLE.com ']) expect((await attempt(PASSWORD, '203.0.113.7', email)).status).toBe(429);
    expect((await attempt(PASSWORD, '198.51.100.1')).status).toBe(201);
    expect((await attempt('guess', '203.0.113.7', 'other@example.com')).status).toBe(401);
  });

  it('accept per token: of 40 concurrent attempts on one token the limit get through, and the token is used once', async () => {
    const http = makeHttp({ rateLimit: { limiter: memoryRateLimiter({ limit: 4, windowSeconds: 900 }) } });
    const { token } = await http.invite();
    const burst = await Promise.all(Array.from({ length: 40 }, () => http.send('POST', `/invites/${token}/accept`, { body: { password: PASSWORD } })));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(36);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    // Still limited afterwards: the window holds, whatever the outcome of the burst.
    expect((await http.send('POST', `/invites/${token}/accept`, { body: { password: PASSWORD } })).status).toBe(429);
  });
});
