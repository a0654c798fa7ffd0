import { describe, expect, it } from 'vitest';
import { ApprovalError, BadRequestError, BusyError, ConflictError, ERROR_CODES, ForbiddenError, HostTimeoutError, MailError, NotFoundError, RateLimitError, SitegateError, StorageError, TokenError, ValidationError, type ErrorCode, notFound, forbidden, rateLimited, busy, tokenError, approvalError, invalid } from 'sitegate';
import * as clientEntry from 'sitegate/client';
import { createPortalClient, errorFromProblem } from 'sitegate/client';
import { problemOf } from 'sitegate/server';

/** One error per code in the catalogue, as the core (or the handler) would raise it. */
const samples: Record<ErrorCode, SitegateError> = {
  validation_failed: invalid([{ path: ['email'], message: 'must be a valid email address', code: 'invalid_format' }]),
  bad_request: new BadRequestError('The request body is not valid JSON.', { data: { issues: [{ path: [], message: 'not JSON' }] } }),
  unauthenticated: new SitegateError('Sign in', { code: 'unauthenticated' }),
  forbidden: forbidden('read', 'Client'),
  not_found: notFound('Client', 'cl_1'),
  method_not_allowed: new SitegateError('no', { code: 'method_not_allowed' }),
  conflict: new ConflictError('already used', { data: { field: 'email', reason: 'email_in_use', constraint: 'clients_email_key' } }),
  payload_too_large: new SitegateError('too big', { code: 'payload_too_large' }),
  unsupported_media_type: new SitegateError('json please', { code: 'unsupported_media_type' }),
  rate_limited: rateLimited(42),
  busy: busy(3),
  invite_invalid: tokenError('invite_invalid'),
  invite_expired: tokenError('invite_expired'),
  invite_used: tokenError('invite_used'),
  link_invalid: tokenError('link_invalid'),
  link_expired: tokenError('link_expired'),
  link_used: tokenError('link_used'),
  invalid_credentials: tokenError('invalid_credentials'),
  session_invalid: tokenError('session_invalid'),
  approval_stale: approvalError('approval_stale'),
  approval_expired: approvalError('approval_expired'),
  approval_closed: approvalError('approval_closed'),
  not_your_turn: approvalError('not_your_turn'),
  storage_failed: new StorageError('database unavailable'),
  host_timeout: new HostTimeoutError('The host\'s `tenants` did not answer within 10000 ms', { data: { hook: 'tenants', timeoutMs: 10_000, retryAfterSeconds: 7 } }),
  mail_failed: new MailError('rejected', { data: { permanent: true } }),
  internal: new SitegateError('oops', { code: 'internal' }),
};

const classes: Partial<Record<ErrorCode, new (...args: never[]) => SitegateError>> = {
  validation_failed: ValidationError,
  bad_request: BadRequestError,
  forbidden: ForbiddenError,
  not_found: NotFoundError,
  conflict: ConflictError,
  rate_limited: RateLimitError,
  busy: BusyError,
  invite_invalid: TokenError,
  invite_expired: TokenError,
  invite_used: TokenError,
  invalid_credentials: TokenError,
  session_invalid: TokenError,
  approval_stale: ApprovalError,
  approval_expired: ApprovalError,
  approval_closed: ApprovalError,
  not_your_turn: ApprovalError,
  storage_failed: StorageError,
  host_timeout: HostTimeoutError,
  mail_failed: MailError,
};

describe('problem responses turn back into the same errors', () => {
  it('covers every code in the catalogue', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it.each(Object.entries(samples) as [ErrorCode, SitegateError][])('%s', (code, original) => {
    const problem = JSON.parse(JSON.stringify(problemOf(original)));
    // A 5xx says only that something failed on the server side: its own message stays in the logs.
    const detail = original.status >= 500 ? problem.detail : original.message;
    expect(problem).toMatchObject({ code, status: ERROR_CODES[code], detail, type: expect.stringContaining(code) });
    const rebuilt = errorFromProblem(problem, new Response(null, { status: problem.status }));
    expect(rebuilt).toBeInstanceOf(SitegateError);
    expect(rebuilt).toBeInstanceOf(classes[code] ?? SitegateError);
    expect(rebuilt.name).toBe(original.name);
    expect(rebuilt.code).toBe(code);
    expect(rebuilt.status).toBe(original.status);
    expect(rebuilt.message).toBe(detail);
    if (original instanceof ValidationError) expect((rebuilt as ValidationError).issues).toEqual(original.issues);
    if (original instanceof RateLimitError) expect((rebuilt as RateLimitError).retryAfterSeconds).toBe(42);
    if (original instanceof BusyError) expect((rebuilt as BusyError).retryAfterSeconds).toBe(3);
    // When to come back travels; which hook was late stays on the server, for onError.
    if (original instanceof HostTimeoutError) expect(rebuilt.data).toEqual({ retryAfterSeconds: 7 });
    if (original instanceof ForbiddenError) expect(rebuilt).toMatchObject({ action: 'read', subject: 'Client' });
    if (original instanceof MailError) expect((rebuilt as MailError).permanent).toBe(true);
    // A conflict's field and reason travel; what else an adapter knew (the constraint) stays on the server.
    if (original instanceof ConflictError) expect(rebuilt.data).toEqual({ field: 'email', reason: 'email_in_use' });
  });

  it('exports from `sitegate/client` every class it rebuilds, so a browser can catch each without the core', () => {
    const exported = new Set<unknown>(Object.values(clientEntry));
    for (const original of Object.values(samples)) {
      const rebuilt = errorFromProblem(JSON.parse(JSON.stringify(problemOf(original))), new Response(null, { status: original.status }));
      expect(exported.has(rebuilt.constructor), rebuilt.name).toBe(true);
    }
  });

  it('maps a body that is not a problem by its status', () => {
    expect(errorFromProblem('<html>Bad gateway</html>', new Response(null, { status: 502 })).code).toBe('internal');
    expect(errorFromProblem(undefined, new Response(null, { status: 404 }))).toBeInstanceOf(NotFoundError);
    expect(errorFromProblem({ code: 'made_up' }, new Response(null, { status: 401 })).code).toBe('unauthenticated');
  });

  it('reads a proxy\'s page by its status, keeping that status and the wait it names', () => {
    const page = (status: number, headers: Record<string, string> = {}) => errorFromProblem('<html>…</html>', new Response('<html>…</html>', { status, headers: { 'content-type': 'text/html', ...headers } }));
    // A 503 is the server asking for time, as the portal's own `busy` is.
    expect(page(503, { 'retry-after': '7' })).toMatchObject({ code: 'busy', status: 503, retryAfterSeconds: 7 });
    expect(page(503)).toBeInstanceOf(BusyError);
    // Without a Retry-After, the class's own wait: its type promises a number.
    expect((page(503) as BusyError).retryAfterSeconds).toBe(5);
    // A gateway's failure stays `internal`, and says which status it was.
    expect(page(502)).toMatchObject({ code: 'internal', status: 502 });
    expect(page(504)).toMatchObject({ code: 'internal', status: 504 });
    // A 409 or 410 from a page says nothing of a conflict or of a link.
    for (const status of [409, 410]) {
      expect(page(status)).toMatchObject({ code: 'internal', status });
      expect(page(status)).not.toBeInstanceOf(ConflictError);
      expect(page(status)).not.toBeInstanceOf(TokenError);
    }
    expect(page(429, { 'retry-after': '30' })).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 30 });
    expect((page(429) as RateLimitError).retryAfterSeconds).toBe(60);
    // The portal's own problem keeps the status of its code.
    expect(errorFromProblem({ type: 'x', title: 't', status: 500, code: 'invite_used', detail: 'd' }, new Response(null, { status: 500 })).status).toBe(409);
  });
});

describe('the client over fetch', () => {
  it('retries idempotent requests only', async () => {
    const seen: string[] = [];
    const flaky: typeof fetch = async (input, init) => {
      const request = new Request(input as RequestInfo, init);
      seen.push(request.method);
      return new Response(JSON.stringify({ type: 'x', title: 'x', status: 503, code: 'storage_failed', detail: 'down' }), {
        status: 503,
        headers: { 'content-type': 'application/problem+json' },
      });
    };
    const client = createPortalClient({ baseUrl: 'http://portal.test/api/portal', fetch: flaky, retries: 2 });
    await expect(client.projects.list()).rejects.toBeInstanceOf(StorageError);
    expect(seen).toEqual(['GET', 'GET', 'GET']);
    seen.length = 0;
    await expect(client.clients.add({ email: 'a@example.com', projectIds: [] })).rejects.toMatchObject({ code: 'storage_failed' });
    expect(seen).toEqual(['POST']);
  }, 20_000);

  it('waits out a short Retry-After, and does not retry one longer than 5 seconds', async () => {
    let calls = 0;
    const busyFor = (seconds: string): typeof fetch => async () => {
      calls++;
      return new Response(JSON.stringify({ type: 'x', title: 'x', status: 503, code: 'busy', detail: 'busy' }), {
        status: 503,
        headers: { 'content-type': 'application/problem+json', 'retry-after': seconds },
      });
    };
    const started = Date.now();
    const patient = createPortalClient({ baseUrl: 'http://portal.test/api/portal', fetch: busyFor('3600'), retries: 2 });
    await expect(patient.projects.list()).rejects.toMatchObject({ code: 'busy', retryAfterSeconds: 3600 });
    expect(calls).toBe(1);
    expect(Date.now() - started).toBeLessThan(2_000);
    calls = 0;
    const quick = createPortalClient({ baseUrl: 'http://portal.test/api/portal', fetch: busyFor('0'), retries: 2 });
    await expect(quick.projects.list()).rejects.toBeInstanceOf(BusyError);
    expect(calls).toBe(3);
  }, 20_000);

  it('turns network failures and unexpected bodies into SitegateErrors', async () => {
    const down = createPortalClient({ baseUrl: 'http://portal.test/api', retries: 0, fetch: async () => { throw new TypeError('fetch failed'); } });
    await expect(down.me()).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('could not be reached') });
    const odd = createPortalClient({ baseUrl: 'http://portal.test/api', fetch: async () => new Response('{"nope":true}', { headers: { 'content-type': 'application/json' } }) });
    await expect(odd.me()).rejects.toBeInstanceOf(SitegateError);
  });

  it('says what is wrong when the client is wired wrong', async () => {
    expect(() => createPortalClient(undefined as never)).toThrow(/^createPortalClient: baseUrl is required, e.g. "\/api\/portal", not undefined$/);
    expect(() => createPortalClient({} as never)).toThrow(TypeError);
    // A path in Node: there is no page to resolve it against, and the error says so, not only "could not be reached".
    const relative = createPortalClient({ baseUrl: '/api/portal', retries: 0 });
    await expect(relative.me()).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('baseUrl "/api/portal" needs a page to resolve against: use an absolute URL') });
    // Nothing of the portal's at that path: a 404 that is not the portal's names the URL and asks about `baseUrl`.
    const elsewhere = createPortalClient({ baseUrl: 'http://portal.test/wrong', retries: 0, fetch: async (input) => Object.defineProperty(new Response('<h1>Not Found</h1>', { status: 404, headers: { 'content-type': 'text/html' } }), 'url', { value: String((input as Request).url ?? input) }) });
    const missing = await elsewhere.me().catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as Error).message).toBe('Request failed with status 404 from http://portal.test/wrong/me: is baseUrl right?');
    // The portal's own 404 keeps its detail.
    const own = createPortalClient({ baseUrl: 'http://portal.test/api', retries: 0, fetch: async () => new Response(JSON.stringify({ type: 'x', title: 'x', status: 404, code: 'not_found', detail: 'Client cl_1 was not found.' }), { status: 404, headers: { 'content-type': 'application/problem+json' } }) });
    await expect(own.me()).rejects.toMatchObject({ message: 'Client cl_1 was not found.' });
    // A custom fetch's Response carries no URL of its own: the message names the one asked.
    const bare = createPortalClient({ baseUrl: 'http://portal.test/wrong', retries: 0, fetch: async () => new Response('<h1>Not Found</h1>', { status: 404, headers: { 'content-type': 'text/html' } }) });
    await expect(bare.me()).rejects.toMatchObject({ message: 'Request failed with status 404 from http://portal.test/wrong/me: is baseUrl right?' });
  });

  it('refuses arguments it cannot send as they are, before any request, naming each', async () => {
    let requests = 0;
    const counting: typeof fetch = async () => {
      requests++;
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    };
    const client = createPortalClient({ baseUrl: 'http://portal.test/api/portal', fetch: counting, retries: 0 });
    const refusal = async (call: Promise<unknown>) => {
      const error = await call.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return { message: (error as ValidationError).message, issues: (error as ValidationError).issues };
    };
    // An id left undefined would be "undefined" in the path, and someone else's "not found".
    expect(await refusal(client.clients.get(undefined as never))).toEqual({ message: 'id: expected a string, received undefined', issues: [{ path: ['id'], message: 'expected a string, received undefined' }] });
    // An unset id here would have read an empty list of a project called "undefined".
    expect((await refusal(client.updates.list(undefined as never))).issues).toEqual([{ path: ['projectId'], message: 'expected a string, received undefined' }]);
    expect((await refusal(client.shares.unshare('p-maple', { id: 's1' } as never))).issues).toEqual([{ path: ['shareId'], message: 'expected a string, received object' }]);
    // An empty one would leave the route: "no such route" says nothing of the id.
    expect((await refusal(client.clients.update('', { name: 'x' }))).issues).toEqual([{ path: ['id'], message: 'must not be empty' }]);
    // A member the path needs, left out of the body.
    expect((await refusal(client.roles.save({ name: 'Viewer', permissions: [] } as never))).issues).toEqual([{ path: ['id'], message: 'expected a string, received undefined' }]);
    expect((await refusal(client.clients.list({ limit: Number.NaN }))).issues).toEqual([{ path: ['limit'], message: 'expected a finite number, received NaN' }]);
    // JSON cannot hold a BigInt: the caller's input, not a portal that "could not be reached".
    expect((await refusal(client.clients.add({ email: 'a@example.com', name: 1n } as never))).message).toMatch(/^the arguments cannot be sent as JSON: .*BigInt/);
    expect(requests).toBe(0);
  });

  it('refuses a path argument of "." or "..", which the URL would read as a step to another route', async () => {
    const sent: string[] = [];
    const spy: typeof fetch = async (input, init) => {
      sent.push(new Request(input as RequestInfo, init).url);
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    };
    const client = createPortalClient({ baseUrl: 'http://portal.test/api/portal', fetch: spy, retries: 0 });
    const issuesOf = (call: Promise<unknown>) => call.then(() => undefined, (error: ValidationError) => (expect(error).toBeInstanceOf(ValidationError), error.issues));
    // GET /portal/projects/p-maple/../x would have opened the feed of a project called "x".
    expect(await issuesOf(client.view.open('p-maple', '..' as never, 'x'))).toEqual([{ path: ['module'], message: 'must not be ".."' }]);
    expect(await issuesOf(client.clients.get('.'))).toEqual([{ path: ['id'], message: 'must not be "."' }]);
    expect(await issuesOf(client.approvals.listMine('.'))).toEqual([{ path: ['projectId'], message: 'must not be "."' }]);
    // A member lifted from the body into the path is held to the same rule.
    expect(await issuesOf(client.roles.save({ id: '..', name: 'Viewer', permissions: [] }))).toEqual([{ path: ['id'], message: 'must not be ".."' }]);
    expect(sent).toEqual([]);
    // Dots inside an id are no step: they travel.
    await client.clients.get('..a.').catch(() => undefined);
    expect(sent).toEqual(['http://portal.test/api/portal/clients/..a.']);
  });

  it('sends the session token as Bearer and encodes path segments', async () => {
    const urls: string[] = [];
    const auth: (string | null)[] = [];
    const spy: typeof fetch = async (input, init) => {
      const request = new Request(input as RequestInfo, init);
      urls.push(request.url);
      auth.push(request.headers.get('authorization'));
      expect(request.credentials).toBe('include');
      return new Response(JSON.stringify({ status: 'cancelled' }), { headers: { 'content-type': 'application/json' } });
    };
    const client = createPortalClient({ baseUrl: 'http://portal.test/api/portal/', fetch: spy, token: 't.k' });
    await client.clients.get('../../x?y').catch(() => undefined);
    expect(urls[0]).toBe('http://portal.test/api/portal/clients/..%2F..%2Fx%3Fy');
    expect(auth[0]).toBe('Bearer t.k');
  });
});
