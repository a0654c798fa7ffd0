import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  BusyError,
  ConflictError,
  ERROR_CODES,
  ForbiddenError,
  MailError,
  NotFoundError,
  RateLimitError,
  SitegateError,
  StorageError,
  TokenError,
  ValidationError,
  type ErrorCode,
} from 'sitegate';
import { createPortalClient, errorFromProblem } from 'sitegate/client';
import { problemOf } from 'sitegate/server';

/** One error per code in the catalogue, as the core (or the handler) would raise it. */
const samples: Record<ErrorCode, SitegateError> = {
  validation_failed: new ValidationError([{ path: ['email'], message: 'must be a valid email address', code: 'invalid_format' }]),
  bad_request: new BadRequestError('The request body is not valid JSON.', [{ path: [], message: 'not JSON' }]),
  unauthenticated: new SitegateError('unauthenticated', 'Sign in'),
  forbidden: new ForbiddenError('read', 'Client'),
  not_found: new NotFoundError('Client', 'cl_1'),
  method_not_allowed: new SitegateError('method_not_allowed', 'no'),
  conflict: new ConflictError('already active'),
  payload_too_large: new SitegateError('payload_too_large', 'too big'),
  unsupported_media_type: new SitegateError('unsupported_media_type', 'json please'),
  rate_limited: new RateLimitError(42),
  busy: new BusyError(3),
  invite_invalid: new TokenError('invite_invalid'),
  invite_expired: new TokenError('invite_expired'),
  invite_used: new TokenError('invite_used'),
  invalid_credentials: new TokenError('invalid_credentials'),
  session_invalid: new TokenError('session_invalid'),
  storage_failed: new StorageError('database unavailable'),
  mail_failed: new MailError('rejected', { permanent: true }),
  internal: new SitegateError('internal', 'oops'),
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
  storage_failed: StorageError,
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
    if (original instanceof ForbiddenError) expect(rebuilt).toMatchObject({ action: 'read', subject: 'Client' });
    if (original instanceof MailError) expect((rebuilt as MailError).permanent).toBe(true);
  });

  it('maps a body that is not a problem by its status', () => {
    expect(errorFromProblem('<html>Bad gateway</html>', new Response(null, { status: 502 })).code).toBe('internal');
    expect(errorFromProblem(undefined, new Response(null, { status: 404 }))).toBeInstanceOf(NotFoundError);
    expect(errorFromProblem({ code: 'made_up' }, new Response(null, { status: 401 })).code).toBe('unauthenticated');
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

  it('turns network failures and unexpected bodies into SitegateErrors', async () => {
    const down = createPortalClient({ baseUrl: 'http://portal.test/api', retries: 0, fetch: async () => { throw new TypeError('fetch failed'); } });
    await expect(down.me()).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('could not be reached') });
    const odd = createPortalClient({ baseUrl: 'http://portal.test/api', fetch: async () => new Response('{"nope":true}', { headers: { 'content-type': 'application/json' } }) });
    await expect(odd.me()).rejects.toBeInstanceOf(SitegateError);
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
