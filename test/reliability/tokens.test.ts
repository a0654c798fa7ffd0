import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Portal, Storage } from 'sitegate';
import { memoryStorage } from 'sitegate/adapters/memory';
import { createPortalHandler, memoryRateLimiter, toNodeListener } from 'sitegate/server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPortal, scryptPasswords } from 'sitegate';
import { memoryContent, memoryMail } from 'sitegate/adapters/memory';
import { sampleContent, staffA, TENANT_A, TENANT_B, tenantSettings } from '../../src/testing/fixtures.js';
import { hashToken, parseToken } from '../../src/tokens/secret-token.js';
import { portableSha256Hex } from '../../src/tokens/sha256.js';
import { makeHttp, PASSWORD, testStaffHook } from '../http/support.js';
import { makePortal } from '../support/make-portal.js';
import { sqlBackends, type SqlBackend } from './sql-backends.js';

const b64url = (text: string) => Buffer.from(text).toString('base64url');
/** A problem body without its per-request id, which differs between any two answers. */
const sansRequestId = (body: unknown) => (body && typeof body === 'object' ? { ...body, requestId: undefined } : body);

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
    const clients = (await storage.listClients(tenantId, { limit: 1000 })).items;
    const jobs = await storage.listMailJobs(tenantId);
    parts.push(clients, jobs, await storage.listRoles(tenantId), (await storage.listAudit(tenantId, { limit: 1000 })).items);
    for (const c of clients) parts.push(await storage.getAccount(tenantId, c.id));
    for (const j of jobs) parts.push(await storage.getInvite(tenantId, j.inviteId!), await storage.getMailJob(tenantId, j.id));
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
    const unknown = await http.send('POST', '/invites/accept', { body: { token: `${b64url(TENANT_A)}.${b64url('x'.repeat(32))}`, password: PASSWORD } });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    for (const [how, bad] of mangled(token)) {
      const accept = await http.send('POST', '/invites/accept', { body: { token: bad, password: PASSWORD } });
      expect({ how, status: accept.status, body: sansRequestId(accept.json) }).toEqual({ how, status: unknown.status, body: sansRequestId(unknown.json) });
      expect(accept.headers.get('set-cookie'), how).toBeNull();
      const inspect = await http.send('POST', '/invites/inspect', { body: { token: bad } });
      expect({ how, status: inspect.status, body: inspect.json }).toEqual({ how, status: 200, body: { status: 'cancelled' } });
    }
    expect((await http.send('POST', '/invites/inspect', { body: { token } })).json.status).toBe('pending');
    expect((await http.send('POST', '/invites/accept', { body: { token, password: PASSWORD } })).status).toBe(201);
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
      return { status: r.status, body: sansRequestId(r.json), type: r.headers.get('content-type'), cookie: r.headers.get('set-cookie') };
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
    const burst = await Promise.all(Array.from({ length: 40 }, () => http.send('POST', '/invites/accept', { body: { token, password: PASSWORD } })));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(36);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    // Still limited afterwards: the window holds, whatever the outcome of the burst.
    expect((await http.send('POST', '/invites/accept', { body: { token, password: PASSWORD } })).status).toBe(429);
  });
});

/** Tokens of the right outline whose parts are not what a token holds. */
function malformed(): [string, string][] {
  const secret = b64url('s'.repeat(32));
  return [
    ['tenant part decodes to NUL', `AA.${'A'.repeat(43)}`],
    ['tenant part decodes to NULs', `AAAA.${secret}`],
    ['tenant part is not UTF-8', `_w.${secret}`],
    ['tenant id with a space', `${b64url('ac me')}.${secret}`],
    ['tenant id with a control character', `${b64url('acme\u0007')}.${secret}`],
    ['tenant part not canonical', `YWNtZR.${secret}`],
    ['secret one byte short', `${b64url(TENANT_A)}.${b64url('s'.repeat(31))}`],
    ['secret one byte long', `${b64url(TENANT_A)}.${b64url('s'.repeat(33))}`],
    ['secret not canonical', `${b64url(TENANT_A)}.${secret.slice(0, -1)}t`],
    ['secret with a character outside base64url', `${b64url(TENANT_A)}.${secret.slice(0, -2)}+A`],
  ];
}

describe('token shape is checked before any lookup', () => {
  it('parseToken refuses every malformed token and takes a minted one', () => {
    for (const [how, token] of malformed()) expect(parseToken(token), how).toBeNull();
    const real = `${b64url(TENANT_A)}.${b64url('s'.repeat(32))}`;
    expect(parseToken(real)).toEqual({ tenantId: TENANT_A, token: real });
  });

  it('hashes synchronously, and the native and portable SHA-256 agree', () => {
    for (const text of ['', 'YWNtZQ.' + 'A'.repeat(43), 'é✓ unicode']) {
      const hash = hashToken(text);
      expect(typeof hash).toBe('string');
      expect(hash).toBe(portableSha256Hex(text));
    }
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  const stores = [{ name: 'memory' as const, open: async () => ({ storage: async () => memoryStorage() as Storage, close: async () => {} }) }, ...sqlBackends()];
  describe.each(stores)('$name', ({ open }) => {
    let backend: { storage(): Promise<Storage>; close(): Promise<void> };
    beforeAll(async () => {
      backend = await open();
    }, 120_000);
    afterAll(() => backend?.close());

    it('answers a malformed session or invite token exactly like an unknown one, never 5xx', async () => {
      // Used to fail on PGlite/PostgreSQL: `AA.AAAA…` reached the database and answered 503
      // "invalid byte sequence for encoding UTF8: 0x00".
      const env = makePortal({ storage: await backend.storage() });
      const errors: unknown[] = [];
      const handler = createPortalHandler(env.portal, { basePath: '/api/portal', authenticateStaff: testStaffHook, rateLimit: false, onError: (e) => errors.push(e) });
      const send = async (method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) => {
        const headers = new Headers(init.headers);
        if (init.body !== undefined) headers.set('content-type', 'application/json');
        const response = await handler(new Request(`http://portal.test/api/portal${path}`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) }));
        return { status: response.status, body: sansRequestId(await response.json()) };
      };
      const unknown = `${b64url(TENANT_A)}.${b64url('u'.repeat(32))}`;
      const asUnknown = {
        me: await send('GET', '/me', { headers: { authorization: `Bearer ${unknown}` } }),
        cookie: await send('GET', '/me', { headers: { cookie: `sitegate_session=${unknown}` } }),
        inspect: await send('POST', '/invites/inspect', { body: { token: unknown } }),
        accept: await send('POST', '/invites/accept', { body: { token: unknown, password: PASSWORD } }),
      };
      expect(asUnknown.me.status).toBe(401);
      expect(asUnknown.inspect).toEqual({ status: 200, body: { status: 'cancelled' } });
      for (const [how, token] of malformed()) {
        const answers = {
          me: await send('GET', '/me', { headers: { authorization: `Bearer ${token}` } }),
          cookie: await send('GET', '/me', { headers: { cookie: `sitegate_session=${token}` } }),
          inspect: await send('POST', '/invites/inspect', { body: { token } }),
          accept: await send('POST', '/invites/accept', { body: { token, password: PASSWORD } }),
        };
        if (token.includes('+')) delete (answers as Partial<typeof answers>).cookie; // not a cookie value
        for (const [what, answer] of Object.entries(answers)) expect({ how, what, ...answer }).toEqual({ how, what, ...asUnknown[what as keyof typeof asUnknown] });
      }
      expect(errors).toEqual([]);
    }, 60_000);
  });
});

describe('a sign-in flood does not slow session lookups', () => {
  let server: Server | undefined;
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('GET /me keeps answering fast while 50 sign-ins with random emails run; the excess gets 503 with Retry-After', async () => {
    // Used to fail: 50 scrypt jobs (N=2^17) filled libuv's thread pool and every session
    // lookup's SHA-256 (crypto.subtle) queued behind them, for seconds.
    const mail = memoryMail();
    const portal = createPortal({
      storage: memoryStorage(),
      mail,
      content: memoryContent(sampleContent()),
      acceptUrl: (token) => `https://builder.example/accept#token=${token}`,
      tenants: async (id) => tenantSettings[id] ?? null,
      // A quarter of the default cost keeps the test short on a shared machine; 50 of these
      // still fill libuv's pool, which is what this is about.
      passwords: scryptPasswords({ N: 2 ** 15, r: 8, p: 1 }),
      passwordHashing: { concurrency: 2, queue: 2 },
    });
    const errors: unknown[] = [];
    const handler = createPortalHandler(portal, { basePath: '/api/portal', authenticateStaff: testStaffHook, rateLimit: false, onError: (e) => errors.push(e) });
    server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/portal`;
    await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
    await portal.outbox.flush();
    const { session } = await portal.invites.accept(/token=(\S+)/.exec(mail.messages[0]!.text)![1]!, { password: PASSWORD });
    const me = async () => {
      const started = performance.now();
      const response = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${session.token}` } });
      await response.text();
      return { status: response.status, ms: performance.now() - started };
    };
    expect((await me()).status).toBe(200);

    const flood = Array.from({ length: 50 }, async (_, i) => {
      const response = await fetch(`${base}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenantId: TENANT_A, email: `random-${i}-${Math.random().toString(36).slice(2)}@example.com`, password: 'some password guess' }),
      });
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
    });
    const lookups: { status: number; ms: number }[] = [];
    let done = false;
    const floodDone = Promise.all(flood).finally(() => (done = true));
    while (!done) {
      lookups.push(await me());
      await new Promise((r) => setTimeout(r, 20));
    }
    const answers = await floodDone;
    expect(lookups.length).toBeGreaterThan(3);
    expect(lookups.every((l) => l.status === 200)).toBe(true);
    // A generous bound on a shared machine: without the fix these took seconds each.
    expect(Math.max(...lookups.map((l) => l.ms))).toBeLessThan(1_000);
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    for (const a of busy) expect(a).toMatchObject({ retryAfter: '2', body: { code: 'busy', retryAfterSeconds: 2 } });
    for (const a of answers.filter((x) => x.status !== 503)) expect(a).toMatchObject({ status: 401, body: { code: 'invalid_credentials' } });
    expect(errors).toEqual([]);
  }, 120_000);
});
