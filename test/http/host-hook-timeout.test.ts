import { describe, expect, it } from 'vitest';
import { createPortal, HostTimeoutError, type ContentSource, type PortalOptions } from 'sitegate';
import { createPortalHandler, type PortalHandlerOptions } from 'sitegate/server';
import { createPortalClient } from 'sitegate/client';
import { memoryContent, memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { sampleContent, tenantSettings } from '../../src/testing/fixtures.js';
import { testClock, testPasswords } from '../support/make-portal.js';
import { asAlice, BASE, ORIGIN, PASSWORD, testStaffHook } from './support.js';

/**
 * The host's hooks are awaited during requests. One that never answers (a stalled database, a
 * fetch with no timeout) must cost a request `hostHookTimeoutMs`, not its socket for ever: the
 * request answers 503 `host_timeout`, the handler's `onError` hears which hook, nothing is stored.
 * Short real timers: the limit here is 50 ms.
 */
const LIMIT = 50;
const never = () => new Promise<never>(() => {});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Hook = 'content.resolve' | 'content.children' | 'content.schedule' | 'content.projects' | 'tenants' | 'authenticateStaff' | 'rateLimit.limiter.hit' | 'rateLimit.limiter.reset';

function setup(portalOptions: Partial<PortalOptions> = {}, handlerOptions: Partial<PortalHandlerOptions> = {}) {
  /** Hooks that never answer, and hooks that answer after a delay (ms). */
  const hung = new Set<Hook>();
  const slow = new Map<Hook, number>();
  const calls: Hook[] = [];
  const ask = <T>(hook: Hook, answer: () => Promise<T> | T): Promise<T> => {
    calls.push(hook);
    if (hung.has(hook)) return never();
    const delay = slow.get(hook);
    return delay === undefined ? Promise.resolve(answer()) : sleep(delay).then(answer);
  };
  const fixture = memoryContent(sampleContent());
  const content: ContentSource = {
    resolve: (tenantId, refs) => ask('content.resolve', () => fixture.resolve(tenantId, refs)),
    children: (tenantId, folder) => ask('content.children', () => fixture.children(tenantId, folder)),
    schedule: (tenantId, projectId) => ask('content.schedule', () => fixture.schedule(tenantId, projectId)),
    projects: (tenantId, ids) => ask('content.projects', () => fixture.projects(tenantId, ids)),
  };
  const settings = structuredClone(tenantSettings);
  const storage = memoryStorage();
  const mail = memoryMail();
  const portalErrors: unknown[] = [];
  const portal = createPortal({
    storage,
    mail,
    content,
    acceptUrl: (token) => `https://builder.example/portal/accept#token=${encodeURIComponent(token)}`,
    tenants: (id) => ask('tenants', () => settings[id] ?? null),
    now: testClock().now,
    passwords: testPasswords,
    hostHookTimeoutMs: LIMIT,
    onError: (error) => portalErrors.push(error),
    ...portalOptions,
  });
  const reported: { error: unknown; requestId: string }[] = [];
  const handler = createPortalHandler(portal, {
    basePath: '/api/portal',
    authenticateStaff: (request) => ask('authenticateStaff', () => testStaffHook(request)),
    onError: (error, _request, { requestId }) => reported.push({ error, requestId }),
    ...handlerOptions,
  });

  async function send(method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers);
    if (init.body !== undefined) headers.set('content-type', 'application/json');
    if (method !== 'GET') headers.set('origin', ORIGIN);
    const started = Date.now();
    const response = await handler(new Request(`${BASE}${path}`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) }));
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined, ms: Date.now() - started };
  }

  /** An active client of Acme on p-maple, with a Bearer session. */
  async function signedInClient() {
    await send('POST', '/clients', { body: { email: 'dana@example.com', projectIds: ['p-maple'] }, headers: asAlice });
    await portal.outbox.flush();
    const token = decodeURIComponent(/token=([^\s"&<]+)/.exec(mail.messages.at(-1)!.text)![1]!);
    const accepted = await send('POST', '/invites/accept', { body: { token, password: PASSWORD } });
    expect(accepted.status).toBe(201);
    return { authorization: `Bearer ${accepted.json.session.token}` };
  }

  return { portal, storage, mail, handler, send, signedInClient, hung, slow, calls, reported, portalErrors };
}

/** The answer to a hook that was late: the catalogue's problem, in fixed words, nothing internal. */
function expectHostTimeout(answer: { status: number; headers: Headers; json: any; ms: number }) {
  expect(answer.status).toBe(503);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  expect(answer.headers.get('retry-after')).toBe('10');
  expect(answer.json).toEqual({
    type: 'urn:sitegate:problem:host_timeout',
    title: 'No answer in time',
    status: 503,
    code: 'host_timeout',
    detail: 'The portal did not get an answer in time. Try again in a moment.',
    retryAfterSeconds: 10,
    requestId: answer.headers.get('x-request-id'),
  });
  // Not after seconds, let alone never: the limit and a little.
  expect(answer.ms).toBeGreaterThanOrEqual(LIMIT - 5);
  expect(answer.ms).toBeLessThan(2_000);
}

/** What the handler's onError heard for that answer: one HostTimeoutError naming the hook, under the answer's request id. */
function expectReported(env: ReturnType<typeof setup>, answer: { json: any }, hook: string) {
  expect(env.reported).toHaveLength(1);
  const [{ error, requestId }] = env.reported as [{ error: HostTimeoutError; requestId: string }];
  expect(error).toBeInstanceOf(HostTimeoutError);
  expect(error).toMatchObject({ code: 'host_timeout', hook, data: { hook, timeoutMs: LIMIT, retryAfterSeconds: 10 } });
  expect(error.message).toBe(`The host's \`${hook}\` did not answer within ${LIMIT} ms (hostHookTimeoutMs)`);
  expect(requestId).toBe(answer.json.requestId);
}

describe('a host hook that never answers, during a request', () => {
  it('content.projects: the staff project list answers 503 host_timeout, reported with the hook named', async () => {
    const env = setup();
    env.hung.add('content.projects');
    const answer = await env.send('GET', '/projects', { headers: asAlice });
    expectHostTimeout(answer);
    expectReported(env, answer, 'content.projects');
  });

  it('tenants: a client detail answers 503, reported as `tenants` (not a storage outage)', async () => {
    const env = setup();
    const added = await env.send('POST', '/clients', { body: { email: 'dana@example.com', projectIds: ['p-maple'], invite: false }, headers: asAlice });
    expect(added.status).toBe(201);
    env.hung.add('tenants');
    const answer = await env.send('GET', `/clients/${added.json.id}`, { headers: asAlice });
    expectHostTimeout(answer);
    expectReported(env, answer, 'tenants');
  });

  it('authenticateStaff: every staff route answers 503 in time, reported as `authenticateStaff`', async () => {
    const env = setup();
    env.hung.add('authenticateStaff');
    const answer = await env.send('GET', '/clients', { headers: asAlice });
    expectHostTimeout(answer);
    expectReported(env, answer, 'authenticateStaff');
  });

  it("content.resolve: a client's feed answers 503 instead of spinning", async () => {
    const env = setup();
    const client = await env.signedInClient();
    await env.portal.shares.share({ type: 'staff', tenantId: 'acme', userId: 'u-alice' }, 'p-maple', [{ module: 'drawings', id: 'dr-a101', kind: 'item' }]);
    env.hung.add('content.resolve');
    const answer = await env.send('GET', '/portal/projects/p-maple', { headers: client });
    expectHostTimeout(answer);
    expectReported(env, answer, 'content.resolve');
  });

  it('content.schedule: opening the schedule answers 503 and records no view of it', async () => {
    const env = setup();
    const client = await env.signedInClient();
    await env.portal.shares.share({ type: 'staff', tenantId: 'acme', userId: 'u-alice' }, 'p-maple', [{ module: 'schedule', id: 'schedule', kind: 'item' }]);
    env.hung.add('content.schedule');
    const answer = await env.send('GET', '/portal/projects/p-maple/schedule/schedule', { headers: client });
    expectHostTimeout(answer);
    expectReported(env, answer, 'content.schedule');
    env.hung.clear();
    expect((await env.send('GET', '/projects/p-maple/receipts', { headers: asAlice })).json.items).toEqual([]);
    // Given, the schedule is seen, and that is recorded.
    expect((await env.send('GET', '/portal/projects/p-maple/schedule/schedule', { headers: client })).status).toBe(200);
    expect((await env.send('GET', '/projects/p-maple/receipts', { headers: asAlice })).json.items).toHaveLength(1);
  });

  it('tenants late at sign-in: a right and a wrong password get the same answer, so neither tells which it was', async () => {
    const env = setup();
    await env.signedInClient();
    env.hung.add('tenants');
    const signIn = (password: string) => env.send('POST', '/session', { body: { tenantId: 'acme', email: 'dana@example.com', password } });
    const wrong = await signIn('not the password at all');
    const right = await signIn(PASSWORD);
    expectHostTimeout(wrong);
    expectHostTimeout(right);
  });

  it('calls authenticateStaff as a method of the options, so a hook written as one keeps its `this`', async () => {
    const { portal } = setup();
    // Options made by a class of the host's: the helper the hook uses lives on its prototype.
    class HostOptions {
      basePath = '/api/portal';
      authenticateStaff(request: Request) {
        return this.staffOf(request);
      }
      staffOf(request: Request) {
        return testStaffHook(request);
      }
    }
    const handler = createPortalHandler(portal, new HostOptions() as unknown as PortalHandlerOptions);
    expect((await handler(new Request(`${BASE}/projects`, { headers: asAlice }))).status).toBe(200);
  });

  it('a share whose check against the content source is late stores nothing', async () => {
    const env = setup();
    const before = await env.send('GET', '/audit', { headers: asAlice });
    env.hung.add('content.resolve');
    const answer = await env.send('POST', '/projects/p-maple/shares', { body: { resources: [{ module: 'drawings', id: 'dr-a101', kind: 'item' }] }, headers: asAlice });
    expectHostTimeout(answer);
    expectReported(env, answer, 'content.resolve');
    env.hung.clear();
    expect((await env.send('GET', '/projects/p-maple/shares', { headers: asAlice })).json.items).toEqual([]);
    expect((await env.send('GET', '/audit', { headers: asAlice })).json).toEqual(before.json);
  });

  it('a hook late inside the write (tenants, asked while queueing notifications) rolls the whole write back', async () => {
    const env = setup({ unsubscribeUrl: (token) => `https://builder.example/api/portal/notifications/unsubscribe?token=${token}` });
    const before = await env.send('GET', '/audit', { headers: asAlice });
    env.hung.add('tenants');
    const answer = await env.send('POST', '/projects/p-maple/shares', { body: { resources: [{ module: 'drawings', id: 'dr-a101', kind: 'item' }, { module: 'drawings', id: 'dr-a201', kind: 'item' }] }, headers: asAlice });
    // The shares were checked against the content source and written; the hook was asked after.
    expect(env.calls).toContain('content.resolve');
    expect(env.calls.at(-1)).toBe('tenants');
    expectHostTimeout(answer);
    expectReported(env, answer, 'tenants');
    env.hung.clear();
    expect((await env.send('GET', '/projects/p-maple/shares', { headers: asAlice })).json.items).toEqual([]);
    expect((await env.send('GET', '/audit', { headers: asAlice })).json).toEqual(before.json);
  });

  it('a late answer or failure of the hung call is dropped: no unhandled rejection, no second report', async () => {
    // A content source whose call fails well after the limit.
    const late: ContentSource = {
      resolve: async () => [],
      children: async () => [],
      schedule: async () => null,
      projects: () => sleep(LIMIT * 2).then(() => Promise.reject(new Error('connect ETIMEDOUT 10.0.0.5:5432'))),
    };
    const portal = createPortal({ storage: memoryStorage(), mail: memoryMail(), content: late, acceptUrl: () => 'x', tenants: async (id) => tenantSettings[id] ?? null, passwords: testPasswords, hostHookTimeoutMs: LIMIT });
    const reported: unknown[] = [];
    const handler = createPortalHandler(portal, { basePath: '/api/portal', authenticateStaff: testStaffHook, onError: (error) => reported.push(error) });
    const response = await handler(new Request(`${BASE}/projects`, { headers: asAlice }));
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain('10.0.0.5');
    // The call fails after the answer went out: nothing more happens (vitest fails the run on an unhandled rejection).
    await sleep(LIMIT * 3);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBeInstanceOf(HostTimeoutError);
  });

  it('a hook that answers within the limit is waited for', async () => {
    const env = setup();
    env.slow.set('content.projects', LIMIT / 5);
    env.slow.set('authenticateStaff', LIMIT / 5);
    const answer = await env.send('GET', '/projects', { headers: asAlice });
    expect(answer.status).toBe(200);
    expect(answer.json.map((p: { id: string }) => p.id)).toContain('p-maple');
    expect(env.reported).toEqual([]);
  });
});

describe("the handler's own hooks", () => {
  it('a rate limiter that never answers refuses the sign-in with 503, naming `rateLimit.limiter.hit`', async () => {
    const env = setup({}, { rateLimit: { limiter: { hit: () => never() } } });
    const answer = await env.send('POST', '/session', { body: { tenantId: 'acme', email: 'dana@example.com', password: PASSWORD } });
    expectHostTimeout(answer);
    expectReported(env, answer, 'rateLimit.limiter.hit');
  });

  it('a lock-out reset that never answers does not undo a sign-in that worked: reported, answered 201', async () => {
    const env = setup({}, { rateLimit: { limiter: { hit: () => ({ allowed: true, retryAfterSeconds: 0 }), reset: () => never() } } });
    await env.signedInClient();
    env.reported.length = 0;
    const answer = await env.send('POST', '/session', { body: { tenantId: 'acme', email: 'dana@example.com', password: PASSWORD } });
    expect(answer.status).toBe(201);
    expect(answer.json.session.token).toEqual(expect.any(String));
    expect(env.reported.length).toBeGreaterThanOrEqual(1);
    for (const { error } of env.reported) expect(error).toMatchObject({ code: 'host_timeout', hook: 'rateLimit.limiter.reset' });
  });

  it("staff's unlock whose lock-out reset never answers answers 503, naming `rateLimit.limiter.reset`, not 200", async () => {
    const env = setup({}, { rateLimit: { limiter: { hit: () => ({ allowed: true, retryAfterSeconds: 0 }), reset: () => never() } } });
    const added = await env.send('POST', '/clients', { body: { email: 'dana@example.com', projectIds: ['p-maple'] }, headers: asAlice });
    expect(added.status).toBe(201);
    env.reported.length = 0;
    const answer = await env.send('POST', `/clients/${added.json.id}/unlock`, { headers: asAlice });
    expectHostTimeout(answer);
    expectReported(env, answer, 'rateLimit.limiter.reset');
  });
});

describe('outside the handler', () => {
  it('the api client rebuilds a HostTimeoutError, without the hook, and does not retry it', async () => {
    const env = setup();
    env.hung.add('content.projects');
    let requests = 0;
    const client = createPortalClient({
      baseUrl: BASE,
      headers: asAlice,
      fetch: async (input, init) => {
        requests++;
        return env.handler(new Request(input as RequestInfo, init));
      },
    });
    const error = await client.projects.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostTimeoutError);
    expect(error).toMatchObject({ code: 'host_timeout', status: 503, retryAfterSeconds: 10, data: { retryAfterSeconds: 10 } });
    expect((error as HostTimeoutError).hook).toBeUndefined();
    // Retry-After 10 is longer than the client waits to retry: the page hears at once.
    expect(requests).toBe(1);
  });

  it('portal.can answers false for a late content source, and the portal onError hears the hook', async () => {
    const env = setup();
    env.hung.add('content.resolve');
    const staff = { type: 'staff' as const, tenantId: 'acme', userId: 'u-alice' };
    expect(await env.portal.can(staff, 'read', { projectId: 'p-maple', module: 'drawings', id: 'dr-a101' })).toBe(false);
    expect(env.portalErrors).toHaveLength(1);
    expect(env.portalErrors[0]).toMatchObject({ code: 'host_timeout', hook: 'content.resolve' });
  });

  it("the outbox is not held to it: an invite mail whose hooks take longer than the limit still goes out", async () => {
    const env = setup();
    await env.send('POST', '/clients', { body: { email: 'dana@example.com', projectIds: ['p-maple'] }, headers: asAlice });
    env.slow.set('tenants', LIMIT * 3);
    env.slow.set('content.projects', LIMIT * 3);
    const flushed = await env.portal.outbox.flush();
    expect(flushed).toMatchObject({ sent: 1 });
    expect(env.mail.messages.map((m) => m.to)).toEqual(['dana@example.com']);
    expect(env.portalErrors).toEqual([]);
  });
});

describe('a password hasher of the host', () => {
  it('is not held to the limit: a slow hash still signs in; one that hangs keeps its slot, and what follows is busy', async () => {
    let mode: 'quick' | 'slow' | 'hang' = 'quick';
    let verifying = 0;
    const passwords = {
      hash: (password: string) => testPasswords.hash(password),
      verify: async (password: string, stored: string) => {
        if (mode === 'quick') return testPasswords.verify(password, stored);
        verifying += 1;
        if (mode === 'hang') return never();
        await sleep(LIMIT * 3);
        return testPasswords.verify(password, stored);
      },
    };
    const { send, signedInClient } = setup({ passwords, passwordHashing: { concurrency: 1, queue: 0 } });
    await signedInClient();
    const signIn = () => send('POST', '/session', { body: { tenantId: 'acme', email: 'dana@example.com', password: PASSWORD } });
    mode = 'slow';
    expect((await signIn()).status).toBe(201);
    mode = 'hang';
    void signIn();
    await sleep(LIMIT * 2);
    // The hung hash still holds the only slot: no second hash is started beside it.
    const next = await signIn();
    expect(next.status).toBe(503);
    expect(next.json.code).toBe('busy');
    expect(verifying).toBe(2);
  });
});

describe('hostHookTimeoutMs', () => {
  const base = () => ({ storage: memoryStorage(), mail: memoryMail(), content: memoryContent(sampleContent()), acceptUrl: () => 'x', tenants: async () => null });

  it('refuses a value that is no time limit, naming the option', () => {
    for (const value of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, '10000', null]) {
      expect(() => createPortal({ ...base(), hostHookTimeoutMs: value as never }), String(value)).toThrow(/^createPortal: `hostHookTimeoutMs` must be a number of milliseconds above 0 and at most 2147483647 \(default 10000\), not /);
    }
  });

  it('refuses a misspelt name, suggesting the right one', () => {
    expect(() => createPortal({ ...base(), hostHookTimeout: 5000 } as never)).toThrow('createPortal: there is no option `hostHookTimeout`; did you mean `hostHookTimeoutMs`?');
  });

  it('takes a positive number of milliseconds', () => {
    expect(() => createPortal({ ...base(), hostHookTimeoutMs: 2_500 })).not.toThrow();
  });
});
